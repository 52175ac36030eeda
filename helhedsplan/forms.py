from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from .models import (
    BudgetLine,
    ContactPerson,
    Department,
    FocusArea,
    HousingOrganisation,
    Initiative,
    Membership,
    Neighbourhood,
    PartnerOrganisation,
    Plan,
)


class DateInput(forms.DateInput):
    """A native date picker; ISO values work whatever the browser's locale."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PlanScopedForm(forms.ModelForm):
    """A model form whose choices of related objects are limited to one plan."""

    def __init__(self, *args, plan: Plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)
        self.scope_fields()

    def scope_fields(self):
        pass

    def save(self, commit=True):
        if hasattr(self.instance, "plan_id") and not self.instance.plan_id:
            self.instance.plan = self.plan
        return super().save(commit=commit)


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["name", "start_date", "end_date", "description"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The period cannot end before it starts."))
        return cleaned


class FocusAreaForm(PlanScopedForm):
    class Meta:
        model = FocusArea
        fields = ["name", "agreement_title", "valid_from"]
        widgets = {"valid_from": DateInput()}

    def clean_name(self):
        name = self.cleaned_data["name"]
        clash = FocusArea.objects.filter(plan=self.plan, name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("The plan already has a focus area with this name."))
        return name


class BudgetLineForm(forms.ModelForm):
    amount_dkk = forms.IntegerField(
        label=_("amount (DKK)"),
        min_value=0,
        error_messages={
            "invalid": _("The amount must be a whole number of kroner, 0 or more."),
            "min_value": _("The amount must be a whole number of kroner, 0 or more."),
        },
    )

    class Meta:
        model = BudgetLine
        fields = ["source", "amount_dkk"]


class InitiativeForm(PlanScopedForm):
    class Meta:
        model = Initiative
        fields = ["focus_area", "number", "name", "purpose", "target_groups"]

    def scope_fields(self):
        self.fields["focus_area"].queryset = FocusArea.objects.filter(plan=self.plan)


class HousingOrganisationForm(PlanScopedForm):
    class Meta:
        model = HousingOrganisation
        fields = ["short_name", "name"]

    def clean_short_name(self):
        short_name = self.cleaned_data["short_name"].strip()
        clash = HousingOrganisation.objects.filter(plan=self.plan, short_name__iexact=short_name).exclude(
            pk=self.instance.pk
        )
        if clash.exists():
            raise forms.ValidationError(
                _("The plan already has a housing organisation with this short name.")
            )
        return short_name


class NeighbourhoodForm(PlanScopedForm):
    class Meta:
        model = Neighbourhood
        fields = ["name", "district"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Neighbourhood.objects.filter(plan=self.plan, name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("The plan already has a neighbourhood with this name."))
        return name


class DepartmentForm(PlanScopedForm):
    homes = forms.IntegerField(
        label=_("number of homes"),
        required=False,
        min_value=1,
        help_text=Department._meta.get_field("homes").help_text,
        error_messages={
            "invalid": _("The number of homes must be a positive whole number."),
            "min_value": _("The number of homes must be a positive whole number."),
        },
    )

    class Meta:
        model = Department
        fields = ["housing_organisation", "neighbourhood", "code", "name", "homes"]

    def scope_fields(self):
        self.fields["housing_organisation"].queryset = HousingOrganisation.objects.filter(plan=self.plan)
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(plan=self.plan)

    def clean(self):
        cleaned = super().clean()
        org, code = cleaned.get("housing_organisation"), cleaned.get("code")
        if org and code:
            clash = Department.objects.filter(housing_organisation=org, code__iexact=code.strip())
            if clash.exclude(pk=self.instance.pk).exists():
                self.add_error(
                    "code", _("This housing organisation already has a department with this number.")
                )
        return cleaned


class PartnerOrganisationForm(PlanScopedForm):
    class Meta:
        model = PartnerOrganisation
        fields = ["name", "kind", "parent", "housing_organisation", "description"]

    def scope_fields(self):
        parents = PartnerOrganisation.objects.filter(plan=self.plan)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["housing_organisation"].queryset = HousingOrganisation.objects.filter(plan=self.plan)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = PartnerOrganisation.objects.filter(plan=self.plan, name__iexact=name)
        if clash.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The plan already has a partner with this name."))
        return name

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        # Walk up the chain so an organisation can never end up inside itself.
        node = parent
        while node is not None and self.instance.pk:
            if node.pk == self.instance.pk:
                raise forms.ValidationError(_("An organisation cannot be part of itself."))
            node = node.parent
        return parent


class ContactPersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "email", "phone"]


User = get_user_model()


class StaffForm(forms.ModelForm):
    """A member of staff: the user account and their role in this plan."""

    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)
    email = forms.EmailField(label=_("e-mail"), required=False)

    class Meta:
        model = Membership
        fields = ["role", "job_title"]

    def __init__(self, *args, plan: Plan, editor=None, **kwargs):
        self.plan = plan
        self.editor = editor
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            user = self.instance.user
            self.fields["first_name"].initial = user.first_name
            self.fields["last_name"].initial = user.last_name
            self.fields["email"].initial = user.email
            self.fields["is_active"] = forms.BooleanField(
                label=_("active"),
                required=False,
                initial=user.is_active,
                help_text=_("An inactive user cannot log in."),
            )
        else:
            self.fields["username"] = forms.CharField(label=_("username"), max_length=150)
            self.fields["password"] = forms.CharField(
                label=_("initial password"),
                widget=forms.PasswordInput,
                strip=False,
                help_text=_("The user should change it at first login."),
            )
        self.order_fields(["username", "first_name", "last_name", "email", "role", "job_title"])

    def clean_role(self):
        role = self.cleaned_data["role"]
        # A project leader cannot demote themselves and lock the plan out of its own settings.
        editing_self = self.instance.pk and self.instance.user_id == getattr(self.editor, "pk", None)
        if editing_self and role != self.instance.role:
            raise forms.ValidationError(_("You cannot change your own role."))
        return role

    def clean_is_active(self):
        active = self.cleaned_data["is_active"]
        if not active and self.instance.user_id == getattr(self.editor, "pk", None):
            raise forms.ValidationError(_("You cannot deactivate yourself."))
        return active

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This username is already taken."))
        return username

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            candidate = User(
                username=cleaned.get("username", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned

    def save(self, commit=True):
        membership = self.instance
        if membership.pk:
            user = membership.user
            user.is_active = self.cleaned_data.get("is_active", user.is_active)
        else:
            user = User(username=self.cleaned_data["username"])
            user.set_password(self.cleaned_data["password"])
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.email = self.cleaned_data["email"]
        user.save()
        membership.user = user
        membership.plan = self.plan
        membership.save()
        return membership
