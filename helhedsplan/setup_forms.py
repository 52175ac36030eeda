"""Forms of the installation administrator: a new plan and its project leaders."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .bounds import BoundedForm
from .forms import DateInput
from .models import Plan

User = get_user_model()

FIRST_PLAN_YEAR, LAST_PLAN_YEAR = 2000, 2100
LONGEST_PERIOD_YEARS = 15


class LeaderForm(BoundedForm, forms.Form):
    """Appoint a project leader: an existing user by username or e-mail, or a new account."""

    existing = forms.CharField(
        label=_("Existing user (username or e-mail)"),
        max_length=254,
        required=False,
        help_text=_("For someone who already has a login in the app, e.g. a leader of another plan."),
    )
    username = forms.CharField(label=_("Username of a new user"), max_length=150, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput,
        strip=False,
        required=False,
        help_text=_("The new user should change it at first login."),
    )

    def clean(self):
        cleaned = super().clean()
        existing = cleaned.get("existing", "").strip()
        new_fields = ("username", "first_name", "last_name", "password")
        if existing and any(cleaned.get(name) for name in new_fields):
            raise forms.ValidationError(_("Choose an existing user or create a new one, not both."))
        if existing:
            matches = list(User.objects.filter(Q(username__iexact=existing) | Q(email__iexact=existing))[:2])
            if len(matches) != 1:
                self.add_error(
                    "existing",
                    _("No user has this username or e-mail.")
                    if not matches
                    else _("Several users have this e-mail; give the username."),
                )
            elif not matches[0].is_active:
                self.add_error("existing", _("This user is deactivated."))
            else:
                cleaned["user"] = matches[0]
            return cleaned
        missing = [name for name in new_fields if not cleaned.get(name)]
        for name in missing:
            self.add_error(name, _("Fill this in for a new user, or give an existing user above."))
        username = cleaned.get("username", "").strip()
        if username and User.objects.filter(username__iexact=username).exists():
            self.add_error(
                "username",
                _("This username is already taken; give it under “Existing user” to appoint them."),
            )
        if cleaned.get("password") and not missing:
            candidate = User(
                username=username,
                first_name=cleaned["first_name"],
                last_name=cleaned["last_name"],
                email=cleaned.get("email", ""),
            )
            try:
                password_validation.validate_password(cleaned["password"], candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class NewPlanForm(BoundedForm, forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["name", "start_date", "end_date", "description"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Plan.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(_("A plan with this name already exists."))
        return name

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        for field in ("start_date", "end_date"):
            day = cleaned.get(field)
            if day and not FIRST_PLAN_YEAR <= day.year <= LAST_PLAN_YEAR:
                self.add_error(
                    field,
                    _("Give a date between %(first)s and %(last)s.")
                    % {"first": FIRST_PLAN_YEAR, "last": LAST_PLAN_YEAR},
                )
        if start and end:
            if end < start:
                self.add_error("end_date", _("The period cannot end before it starts."))
            elif end.year - start.year >= LONGEST_PERIOD_YEARS:
                self.add_error(
                    "end_date", _("A plan runs at most %(years)s years.") % {"years": LONGEST_PERIOD_YEARS}
                )
        return cleaned
