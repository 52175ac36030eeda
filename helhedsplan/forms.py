from django import forms
from django.utils.translation import gettext_lazy as _

from .bounds import BoundedForm
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
    Role,
)


class DateInput(forms.DateInput):
    """A native date picker; ISO values work whatever the browser's locale."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PlanScopedForm(BoundedForm, forms.ModelForm):
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


class PlanForm(BoundedForm, forms.ModelForm):
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


class BudgetLineForm(BoundedForm, forms.ModelForm):
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


class ContactPersonForm(BoundedForm, forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "role", "email", "phone"]


class NewStaffForm(BoundedForm, forms.Form):
    """A new colleague: a new account and their role in this plan (saved by a service)."""

    username = forms.CharField(label=_("username"), max_length=150)
    first_name = forms.CharField(label=_("first name"), max_length=150)
    last_name = forms.CharField(label=_("last name"), max_length=150)
    email = forms.EmailField(label=_("e-mail"), required=False)
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
    job_title = forms.CharField(
        label=_("job title"),
        max_length=100,
        required=False,
        help_text=Membership._meta.get_field("job_title").help_text,
    )
    password = forms.CharField(
        label=_("initial password"),
        widget=forms.PasswordInput,
        strip=False,
        max_length=128,
        help_text=_("The user should change it at first login."),
    )


class ExistingColleagueForm(BoundedForm, forms.Form):
    """Add a colleague who already has an account (e.g. from another plan) to this plan's staff."""

    identifier = forms.CharField(
        label=_("username or e-mail"),
        max_length=254,
        help_text=_("Exactly as the colleague logs in, or the e-mail address of their account."),
    )
    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
    job_title = forms.CharField(
        label=_("job title"),
        max_length=100,
        required=False,
        help_text=Membership._meta.get_field("job_title").help_text,
    )


class StaffForm(BoundedForm, forms.Form):
    """A member of staff: their role here and, if the account is this plan's alone, the account."""

    role = forms.ChoiceField(label=_("role"), choices=Role.choices)
    job_title = forms.CharField(
        label=_("job title"),
        max_length=100,
        required=False,
        help_text=Membership._meta.get_field("job_title").help_text,
    )

    def __init__(self, *args, membership: Membership, account_editable: bool, **kwargs):
        user = membership.user
        initial = {"role": membership.role, "job_title": membership.job_title}
        if account_editable:
            initial.update(
                first_name=user.first_name,
                last_name=user.last_name,
                email=user.email,
                is_active=user.is_active,
            )
        super().__init__(*args, initial=initial, **kwargs)
        self.account_editable = account_editable
        if account_editable:
            self.fields["first_name"] = forms.CharField(label=_("first name"), max_length=150)
            self.fields["last_name"] = forms.CharField(label=_("last name"), max_length=150)
            self.fields["email"] = forms.EmailField(label=_("e-mail"), required=False)
            self.fields["is_active"] = forms.BooleanField(
                label=_("active"), required=False, help_text=_("An inactive user cannot log in.")
            )
            self.fields["new_password"] = forms.CharField(
                label=_("new password"),
                widget=forms.PasswordInput,
                strip=False,
                required=False,
                max_length=128,
                help_text=_("Leave empty to keep the current password."),
            )
