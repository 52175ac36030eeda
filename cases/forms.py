"""Forms of the cases app. They collect and type the input; the services judge it."""

from django import forms
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from helhedsplan.bounds import BoundedForm
from helhedsplan.forms import DateInput
from helhedsplan.models import ContactPerson, Department, PartnerOrganisation, Plan

from .models import (
    GROUP_KINDS,
    OUTCOMES_BY_TYPE,
    PARTNER_KINDS,
    PARTY_ROLES_BY_TYPE,
    BridgeCategory,
    Case,
    CaseSource,
    CaseType,
    ComplaintStatus,
    EntryKind,
    Outcome,
    PartyRole,
    Resident,
)
from .selectors import departments_of, staff_choices
from .services import CONFLICT_FIELDS, EVICTION_FIELDS


class CapitalisedLabels(BoundedForm):
    """Labels start with a capital letter; the msgids stay the (lower-case) verbose names."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.capitalise_labels()

    def capitalise_labels(self):
        for form_field in self.fields.values():
            if form_field.label:
                form_field.label = capfirst(form_field.label)


class DateTimeInput(forms.DateTimeInput):
    """A native date-and-time picker (the phone's own)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
NUMBER = {"inputmode": "numeric", "min": "0"}


class DepartmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.housing_organisation.short_name} {obj.code} {obj.name}"


class StaffChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


# Residents and consent ---------------------------------------------------------------------------


class ResidentForm(CapitalisedLabels, forms.ModelForm):
    department = DepartmentChoiceField(
        queryset=Department.objects.none(), required=False, label=_("department")
    )

    class Meta:
        model = Resident
        fields = ["name", "department", "address", "phone", "target_group_economy", "target_group_vulnerable"]
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"})}

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_of(plan)


class ConsentForm(CapitalisedLabels, forms.Form):
    partners = forms.ModelMultipleChoiceField(
        queryset=PartnerOrganisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("partner organisations"),
        help_text=_("The organisations the resident allows us to share information with."),
    )
    given_on = forms.DateField(label=_("given on"), widget=DateInput())
    expires_on = forms.DateField(
        label=_("expires on"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty if it does not expire."),
    )
    form_location = forms.CharField(
        label=_("where the signed form is kept"),
        max_length=200,
        help_text=_("For example the locked cabinet in the office, or the case folder."),
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = PartnerOrganisation.objects.filter(plan=plan).order_by("name")
        self.fields["given_on"].initial = timezone.localdate()


class ConsentWithdrawForm(CapitalisedLabels, forms.Form):
    withdrawn_on = forms.DateField(label=_("withdrawn on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdrawn_on"].initial = timezone.localdate()


# Cases -------------------------------------------------------------------------------------------

_ARREARS_MESSAGES = {
    "min_value": _("The arrears cannot be negative."),
    "invalid": _("Enter the arrears in whole kroner."),
}


class CaseDetailsMixin:
    """The type-specific fields, shown for their type only (see static/js/cases.js)."""

    eviction_fields = EVICTION_FIELDS
    conflict_fields = CONFLICT_FIELDS

    def eviction_bound_fields(self):
        return [self[name] for name in self.eviction_fields]

    def conflict_bound_fields(self):
        return [self[name] for name in self.conflict_fields]


def _details_fields() -> dict[str, forms.Field]:
    return {
        "arrears_dkk": forms.IntegerField(
            label=_("rent arrears (DKK)"),
            required=False,
            min_value=0,
            error_messages=_ARREARS_MESSAGES,
            widget=forms.NumberInput(attrs=NUMBER),
        ),
        "first_reminder_on": forms.DateField(
            label=_("1st reminder sent on"), required=False, widget=DateInput()
        ),
        "second_reminder_on": forms.DateField(
            label=_("2nd reminder sent on"), required=False, widget=DateInput()
        ),
        "eviction_scheduled_on": forms.DateField(
            label=_("eviction scheduled on"),
            required=False,
            widget=DateInput(),
            help_text=_("The date the bailiff's eviction was scheduled (berammet)."),
        ),
        "bailiff_date": forms.DateField(
            label=_("bailiff's date"),
            required=False,
            widget=DateInput(),
            help_text=_("The day the eviction is to be carried out."),
        ),
        "housing_advisers_notified_on": forms.DateField(
            label=_("municipal housing advisers notified on"), required=False, widget=DateInput()
        ),
        "complaint_status": forms.ChoiceField(
            label=_("complaint"),
            required=False,
            choices=[("", _("Not known yet")), *ComplaintStatus.choices],
        ),
        "legal_department_informed_on": forms.DateField(
            label=_("legal department informed on"),
            required=False,
            widget=DateInput(),
            help_text=_("When the housing organisation's legal department was informed."),
        ),
        "volunteer_mediator": forms.BooleanField(
            label=_("taken over by a volunteer mediator"), required=False
        ),
    }


class CaseOpenForm(CapitalisedLabels, CaseDetailsMixin, forms.Form):
    case_type = forms.ChoiceField(label=_("type of case"), choices=CaseType.choices, widget=forms.RadioSelect)
    department = DepartmentChoiceField(
        queryset=Department.objects.none(), required=False, label=_("department")
    )
    source = forms.ChoiceField(label=_("source"), choices=[("", "---------"), *CaseSource.choices])
    opened_on = forms.DateField(label=_("opened on"), widget=DateInput())
    summary = forms.CharField(
        label=_("short description"),
        max_length=200,
        required=False,
        help_text=_("A few words that let colleagues recognise the case, e.g. 'noise from 3rd floor'."),
    )
    responsible = StaffChoiceField(queryset=None, label=_("responsible caretakers"))
    next_follow_up = forms.DateField(label=_("next follow-up"), required=False, widget=DateInput())

    def __init__(self, *args, plan: Plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_details_fields())
        self.capitalise_labels()
        self.fields["department"].queryset = departments_of(plan)
        self.fields["responsible"].queryset = staff_choices(plan)
        self.fields["responsible"].initial = [user.pk]
        self.fields["opened_on"].initial = timezone.localdate()

    def details(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in (*EVICTION_FIELDS, *CONFLICT_FIELDS)}


class CaseEditForm(CapitalisedLabels, CaseDetailsMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    department = DepartmentChoiceField(
        queryset=Department.objects.none(), required=False, label=_("department")
    )
    source = forms.ChoiceField(label=_("source"), choices=CaseSource.choices)
    opened_on = forms.DateField(label=_("opened on"), widget=DateInput())
    summary = forms.CharField(label=_("short description"), max_length=200, required=False)
    next_follow_up = forms.DateField(label=_("next follow-up"), required=False, widget=DateInput())

    def __init__(self, *args, case: Case, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": case.version,
                **{
                    name: getattr(case, name) for name in ("source", "opened_on", "summary", "next_follow_up")
                },
                "department": case.department_id,
                **{name: getattr(case, name) for name in (*EVICTION_FIELDS, *CONFLICT_FIELDS)},
            },
        )
        super().__init__(*args, **kwargs)
        self.case = case
        details = _details_fields()
        if case.is_eviction_prevention:
            self.eviction_fields, self.conflict_fields = EVICTION_FIELDS, ()
        elif case.is_neighbour_conflict:
            self.eviction_fields, self.conflict_fields = (), CONFLICT_FIELDS
        else:
            self.eviction_fields = self.conflict_fields = ()
        for name in (*self.eviction_fields, *self.conflict_fields):
            self.fields[name] = details[name]
        self.capitalise_labels()
        self.fields["department"].queryset = departments_of(case.plan)

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        return data


class CaseCloseForm(CapitalisedLabels, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label=_("outcome"), widget=forms.RadioSelect)
    closed_on = forms.DateField(label=_("closed on"), widget=DateInput())

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Outcome.choices)
        self.fields["outcome"].choices = [(code, labels[code]) for code in OUTCOMES_BY_TYPE[case.case_type]]
        self.fields["outcome"].error_messages["invalid_choice"] = _(
            "This outcome does not belong to this type of case."
        )
        self.fields["closed_on"].initial = timezone.localdate()
        self.fields["version"].initial = case.version


class CaseReassignForm(CapitalisedLabels, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    responsible = StaffChoiceField(queryset=None, label=_("responsible caretakers"))

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = staff_choices(case.plan)
        self.fields["responsible"].initial = [u.pk for u in case.responsible.all()]
        self.fields["version"].initial = case.version


class BulkReassignForm(CapitalisedLabels, forms.Form):
    cases = forms.ModelMultipleChoiceField(
        queryset=Case.objects.none(),
        error_messages={"required": _("Tick the cases to reassign.")},
    )
    to = forms.ModelChoiceField(
        queryset=None,
        label=_("make responsible"),
        error_messages={"required": _("Choose the caretaker to take over the cases.")},
    )

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = Case.objects.filter(plan=plan)
        self.fields["to"].queryset = staff_choices(plan)
        self.fields["to"].label_from_instance = lambda u: u.get_full_name() or u.username


class PartyForm(CapitalisedLabels, forms.Form):
    """An existing resident on a case being opened."""

    resident = forms.ModelChoiceField(queryset=Resident.objects.none(), widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("role"), choices=PartyRole.choices)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = Resident.objects.filter(plan=plan)

    def resident_label(self):
        resident = self.initial.get("resident_obj")
        if resident is None and self.is_bound and hasattr(self, "cleaned_data"):
            resident = self.cleaned_data.get("resident")
        return resident


class NewResidentForm(CapitalisedLabels, forms.Form):
    """A resident not yet in the register, added while opening a case."""

    name = forms.CharField(label=_("name"), max_length=200)
    department = DepartmentChoiceField(
        queryset=Department.objects.none(), required=False, label=_("department")
    )
    address = forms.CharField(label=_("address"), max_length=200, required=False)
    phone = forms.CharField(
        label=_("phone"), max_length=30, required=False, widget=forms.TextInput(attrs={"inputmode": "tel"})
    )
    role = forms.ChoiceField(label=_("role"), choices=PartyRole.choices)

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments_of(plan)


class BaseFormSetWithPlan(forms.BaseFormSet):
    def __init__(self, *args, plan: Plan, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "plan": self.plan}

    def filled_forms(self):
        return [f for f in self.forms if f.has_changed() and f.is_valid() and not self._should_delete_form(f)]


PartyFormSet = forms.formset_factory(PartyForm, formset=BaseFormSetWithPlan, extra=0, can_delete=True)
NewResidentFormSet = forms.formset_factory(
    NewResidentForm, formset=BaseFormSetWithPlan, extra=0, can_delete=True
)


class PartyAddForm(CapitalisedLabels, forms.Form):
    resident = forms.ModelChoiceField(queryset=Resident.objects.none(), widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("role"))

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = Resident.objects.filter(plan=case.plan)
        self.fields["role"].choices = role_choices(case.case_type)


def role_choices(case_type: str) -> list[tuple[str, str]]:
    labels = dict(PartyRole.choices)
    return [(code, labels[code]) for code in PARTY_ROLES_BY_TYPE[case_type]]


# Entries -----------------------------------------------------------------------------------------


class ContactSelect(forms.Select):
    """Each contact person's option names its partner, so the page can narrow them to the chosen one."""

    #: The partner of each contact's pk, when the choices are given as a list (EntryForm._show_partners).
    partner_of: dict = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-partner"] = instance.partner_id
        elif value in self.partner_of:
            option["attrs"]["data-partner"] = self.partner_of[value]
        return option


def contact_label(name: str, role: str, partner_name: str) -> str:
    return f"{name} ({partner_name})" if not role else f"{name}, {role} ({partner_name})"


class ContactChoiceField(forms.ModelChoiceField):
    widget = ContactSelect

    def label_from_instance(self, obj):
        return contact_label(obj.name, obj.role, obj.partner.name)


class EntryForm(CapitalisedLabels, forms.Form):
    """Few fields up front; the rest is revealed by the kind (static/js/cases.js)."""

    group_kinds = " ".join(GROUP_KINDS)
    partner_kinds = " ".join(PARTNER_KINDS)

    kind = forms.ChoiceField(label=_("kind"), choices=[("", "---------"), *EntryKind.choices])
    occurred_at = forms.DateTimeField(
        label=_("date and time"), widget=DateTimeInput(), input_formats=DATETIME_FORMATS
    )
    minutes = forms.IntegerField(
        label=_("minutes spent"),
        required=False,
        min_value=0,
        max_value=24 * 60,
        widget=forms.NumberInput(attrs={**NUMBER, "step": "5"}),
    )
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    residents_present = forms.IntegerField(
        label=_("residents present"), required=False, min_value=0, widget=forms.NumberInput(attrs=NUMBER)
    )
    partner = forms.ModelChoiceField(
        queryset=PartnerOrganisation.objects.none(), required=False, label=_("partner organisation")
    )
    contact = ContactChoiceField(
        queryset=ContactPerson.objects.none(), required=False, label=_("contact person")
    )
    bridge_category = forms.ChoiceField(
        label=_("bridge-building category"),
        required=False,
        choices=[("", "---------"), *BridgeCategory.choices],
    )
    concern_report = forms.BooleanField(
        label=_("report of concern"),
        required=False,
        help_text=_("Information passed on without consent because of concern for the resident or others."),
    )
    concern_reason = forms.CharField(
        label=_("reason for the report of concern"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, plan: Plan, partner_rows=None, **kwargs):
        """`partner_rows`: for a form only shown, never bound, the partners and their contact persons read
        in one query (see `_show_partners`) instead of the two querysets a bound form validates against."""
        super().__init__(*args, **kwargs)
        if partner_rows is not None and not self.is_bound:
            self._show_partners(partner_rows)
        else:
            self.fields["partner"].queryset = PartnerOrganisation.objects.filter(plan=plan).order_by("name")
            self.fields["contact"].queryset = (
                ContactPerson.objects.filter(partner__plan=plan)
                .select_related("partner")
                .order_by("partner__name", "name")
            )
        if not self.is_bound and "occurred_at" not in self.initial:
            self.fields["occurred_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def _show_partners(self, rows) -> None:
        """The partner and contact choices from rows of (partner pk, name, contact pk, name, role), ordered
        as the querysets order them (cases.views.case_page.partner_rows)."""
        partners, contacts, partner_of = {}, [], {}
        for partner_pk, partner_name, contact_pk, contact_name, contact_role in rows:
            partners[partner_pk] = partner_name
            if contact_pk is not None:
                contacts.append((contact_pk, contact_label(contact_name, contact_role, partner_name)))
                partner_of[contact_pk] = partner_pk
        self.fields["partner"].choices = [("", self.fields["partner"].empty_label), *partners.items()]
        self.fields["contact"].choices = [("", self.fields["contact"].empty_label), *contacts]
        self.fields["contact"].widget.partner_of = partner_of

    def values(self) -> dict:
        data = dict(self.cleaned_data)
        data["note"] = data.get("note") or ""
        data["bridge_category"] = data.get("bridge_category") or ""
        data["concern_reason"] = data.get("concern_reason") or ""
        return data


def initial_from_entry(entry) -> dict:
    return {
        "kind": entry.kind,
        "occurred_at": timezone.localtime(entry.occurred_at),
        "minutes": entry.minutes,
        "note": entry.note,
        "residents_present": entry.residents_present,
        "partner": entry.partner_id,
        "contact": entry.contact_id,
        "bridge_category": entry.bridge_category,
        "concern_report": entry.concern_report,
        "concern_reason": entry.concern_reason,
    }


class EntryLogForm(EntryForm):
    """An entry on an open case, and when to follow up next."""

    next_follow_up = forms.DateField(
        label=_("next follow-up"),
        required=False,
        widget=DateInput(),
        help_text=_("When you will contact them again."),
    )

    task = forms.CharField(
        label=_("follow-up task"),
        required=False,
        max_length=200,
        help_text=_("For example 'call again Thursday'. It is due on the next follow-up and given to you."),
    )

    def __init__(self, *args, case: Case, plan: Plan, **kwargs):
        super().__init__(*args, plan=plan, **kwargs)  # its labels are capitalised there
        self.fields["next_follow_up"].initial = case.next_follow_up

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("task") and not cleaned.get("next_follow_up") and "next_follow_up" not in self.errors:
            self.add_error("next_follow_up", _("Give the date the task is due."))
        return cleaned

    def values(self) -> dict:
        data = super().values()
        data.pop("next_follow_up", None)
        data.pop("task", None)
        return data


class TaskForm(CapitalisedLabels, forms.Form):
    text = forms.CharField(label=_("task"), max_length=200, help_text=_("A few words: what is to be done."))
    due_on = forms.DateField(label=_("due on"), widget=DateInput())
    assignee = forms.ModelChoiceField(queryset=None, label=_("assigned to"))

    def __init__(self, *args, plan: Plan, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = staff_choices(plan)
        self.fields["assignee"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.fields["assignee"].initial = user.pk
        self.fields["due_on"].initial = timezone.localdate()
