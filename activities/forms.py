"""Forms of the logbook. Every count is a whole number of people, 0 or more, with a clear message
at the field; choices of related objects are limited to the plan."""

import datetime

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from cases import selectors as resident_selectors
from helhedsplan.forms import DateInput, PlanScopedForm
from helhedsplan.models import Department, Initiative, PartnerOrganisation

from .models import (
    MAX_COUNT,
    Activity,
    ActivityKind,
    ChildrenBoard,
    ChildrenBoardMeeting,
    ChildrenBoardSurvey,
    ChildrenBoardYear,
    CourseCohort,
    CourseGraduate,
    CourseSession,
    Idea,
    IdeaOrigin,
    Network,
    NetworkMeeting,
    ResidentMeeting,
)


class CountField(forms.IntegerField):
    """A number of people. An optional count left empty means nobody (0)."""

    default_error_messages = {
        "required": _("Write how many; 0 if nobody."),
        "invalid": _("Write a whole number, for example 12."),
        "min_value": _("A number of people cannot be negative."),
        "max_value": _("That is more than %(limit_value)s; check the number."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_COUNT)
        # inputmode brings up the number pad on phones without the quirks of type=number.
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "off", "class": "form-control count-input"}
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
        value = super().to_python(value)
        if value is None and not self.required:
            return 0
        return value


class YearField(forms.IntegerField):
    default_error_messages = {
        "invalid": _("Write the year with four digits, for example 2018."),
        "min_value": _("Write the year with four digits, for example 2018."),
        "max_value": _("Write the year with four digits, for example 2018."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 2000)
        kwargs.setdefault("max_value", 2100)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
        super().__init__(**kwargs)


class LogbookForm(PlanScopedForm):
    """Counts become CountFields, dates get the native date picker."""

    #: Counts that may be left empty (meaning 0); every other count is required.
    optional_counts: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        for name, formfield in list(self.fields.items()):
            try:
                model_field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            internal_type = model_field.get_internal_type()
            if internal_type == "PositiveIntegerField":
                # Empty rather than a 0 to delete first: quicker on a phone.
                self.fields[name] = CountField(
                    label=capfirst(model_field.verbose_name),
                    help_text=model_field.help_text,
                    required=name not in self.optional_counts,
                )
            elif name == "year":
                self.fields[name] = YearField(label=capfirst(model_field.verbose_name))
            elif isinstance(formfield, forms.DateField):
                formfield.widget = DateInput()
                formfield.error_messages["invalid"] = _("Write a valid date.")
        if "initiative" in self.fields:
            # The agreement's programme line, not a logbook activity: in Danish both are "aktivitet".
            self.fields["initiative"].label = _("Initiative of the agreement")

    def full_clean(self):
        super().full_clean()
        # Hand-laid fields (the activity form) show their errors the way crispy does.
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
                widget.attrs["aria-invalid"] = "true"

    def _duplicate(self, model, message, field, **lookups) -> None:
        """Add `message` at `field` if another object with the same natural key exists."""
        if any(v is None for v in lookups.values()):
            return
        if model.objects.filter(**lookups).exclude(pk=self.instance.pk).exists():
            self.add_error(field, message)


def _partners(plan):
    return PartnerOrganisation.objects.filter(plan=plan).order_by("name")


def _initiatives(plan):
    return (
        Initiative.objects.filter(focus_area__plan=plan)
        .select_related("focus_area")
        .order_by("focus_area__name", "number")
    )


def _departments(plan):
    return (
        Department.objects.filter(plan=plan)
        .select_related("housing_organisation")
        .order_by("housing_organisation__short_name", "code")
    )


class ActivityForm(LogbookForm):
    optional_counts = ("participants_children", "participants_others", "volunteers")

    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the kind, e.g. “Flea market”."),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "date",
            "end_date",
            "initiated_by",
            "participants_residents",
            "participants_children",
            "participants_others",
            "volunteers",
            "department",
            "place",
            "initiative",
            "partners",
            "note",
        ]
        widgets = {
            "kind": forms.RadioSelect(attrs={"class": "form-check-input"}),
            "initiated_by": forms.RadioSelect(attrs={"class": "form-check-input"}),
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial["date"] = timezone.localdate()
        self.fields["initiated_by"].choices = self.fields["initiated_by"].choices[1:]  # no empty radio
        # Short labels, so the four counts sit two by two on a phone.
        labels = {
            "participants_residents": (_("Residents"), _("Children included.")),
            "participants_children": (_("Of whom children"), ""),
            "participants_others": (_("Others"), _("Guests who do not live here.")),
            "volunteers": (_("Volunteers"), ""),
        }
        for name, (label, help_text) in labels.items():
            self.fields[name].label, self.fields[name].help_text = label, help_text

    def scope_fields(self):
        kinds = ActivityKind.objects.filter(plan=self.plan)
        current = self.instance.kind_id if self.instance.pk else None
        self.fields["kind"].queryset = kinds.filter(Q(is_active=True) | Q(pk=current))
        self.fields["kind"].empty_label = None
        self.fields["department"].queryset = _departments(self.plan)
        self.fields["initiative"].queryset = _initiatives(self.plan)
        self.fields["partners"].queryset = _partners(self.plan)

    DETAIL_FIELDS = ("place", "end_date", "initiative", "partners", "note")

    @property
    def has_detail_errors(self) -> bool:
        return any(name in self.errors for name in self.DETAIL_FIELDS)

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if not cleaned.get("title") and kind:
            cleaned["title"] = str(kind)
        return cleaned


class ActivityKindForm(PlanScopedForm):
    class Meta:
        model = ActivityKind
        fields = ["name", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.standard:
            # A standard kind's name follows the reader's language; it can only be retired.
            del self.fields["name"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = ActivityKind.objects.filter(plan=self.plan).exclude(pk=self.instance.pk)
        labels = {str(kind).casefold() for kind in taken} | {kind.name.casefold() for kind in taken}
        if name.casefold() in labels:
            raise forms.ValidationError(_("The plan already has a kind with this name."))
        return name


class CohortForm(LogbookForm):
    class Meta:
        model = CourseCohort
        fields = ["name", "start_date", "end_date", "board_members_module", "initiative", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def scope_fields(self):
        self.fields["initiative"].queryset = _initiatives(self.plan)

    def clean(self):
        cleaned = super().clean()
        name, start, end = cleaned.get("name"), cleaned.get("start_date"), cleaned.get("end_date")
        self._duplicate(
            CourseCohort,
            _("The plan already has a cohort with this name."),
            "name",
            plan=self.plan,
            name__iexact=name,
        )
        if self.instance.pk and start:
            first = self.instance.sessions.order_by("date").values_list("date", flat=True).first()
            if first and first < start:
                self.add_error("start_date", _("The cohort has a session before this date."))
        if self.instance.pk and end:
            last = self.instance.sessions.order_by("-date").values_list("date", flat=True).first()
            if last and last > end:
                self.add_error("end_date", _("The cohort has a session after this date."))
        return cleaned


class SessionForm(LogbookForm):
    class Meta:
        model = CourseSession
        fields = ["date", "topic", "attendees", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class GraduateForm(LogbookForm):
    class Meta:
        model = CourseGraduate
        fields = ["name", "completed_on", "resident"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            cohort = self.instance.cohort
            self.initial["completed_on"] = cohort.end_date or timezone.localdate()
        self.fields["completed_on"].help_text = _("Counts towards the year the course was completed.")

    def scope_fields(self):
        # Only records with the graduate's own name are offered, never the list of all residents,
        # and only once the graduate is saved (the name is known).
        current = self.instance.resident_id
        candidates = (
            resident_selectors.residents_named(self.plan, self.instance.name, including=current)
            if self.instance.pk
            else None
        )
        if candidates is None or not candidates.exists():
            del self.fields["resident"]
            return
        self.fields["resident"].queryset = candidates
        self.fields["resident"].label_from_instance = lambda r: (
            f"{r.name} ({r.department or r.address or r.pk})"
        )

    def clean(self):
        cleaned = super().clean()
        self._duplicate(
            CourseGraduate,
            _("This name is already on the cohort's list."),
            "name",
            cohort=self.instance.cohort,
            name__iexact=(cleaned.get("name") or "").strip() or None,
        )
        return cleaned


class IdeaForm(LogbookForm):
    class Meta:
        model = Idea
        fields = [
            "title",
            "description",
            "origin",
            "cohort",
            "origin_note",
            "proposed_on",
            "status",
            "realised_on",
            "support_given",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "support_given": forms.Textarea(attrs={"rows": 3}),
        }

    def scope_fields(self):
        self.fields["cohort"].queryset = CourseCohort.objects.filter(plan=self.plan)
        self.fields["realised_on"].help_text = _("Required when the idea is realised.")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("origin") != IdeaOrigin.COURSE and cleaned.get("cohort"):
            self.add_error("cohort", _("Choose a cohort only for ideas from the neighbour course."))
        return cleaned


class ChildrenBoardForm(LogbookForm):
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"),
        queryset=Department.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ChildrenBoard
        fields = ["name", "departments", "district_level", "established_on", "ended_on", "initiative", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def scope_fields(self):
        self.fields["departments"].queryset = _departments(self.plan)
        self.fields["initiative"].queryset = _initiatives(self.plan)

    def clean(self):
        cleaned = super().clean()
        self._duplicate(
            ChildrenBoard,
            _("The plan already has a children's board with this name."),
            "name",
            plan=self.plan,
            name__iexact=cleaned.get("name"),
        )
        if "departments" in cleaned and not cleaned["departments"] and not cleaned.get("district_level"):
            self.add_error(
                "departments", _("Choose the board's department(s), or mark it as district level.")
            )
        if self.instance.pk:
            dates = self.instance.meetings.order_by("date").values_list("date", flat=True)
            first, last = dates.first(), dates.last()
            established, ended = cleaned.get("established_on"), cleaned.get("ended_on")
            if established and first and first < established:
                self.add_error("established_on", _("The board has meetings before this date."))
            if ended and last and last > ended:
                self.add_error("ended_on", _("The board has meetings after this date."))
        return cleaned


class BoardMeetingForm(LogbookForm):
    class Meta:
        model = ChildrenBoardMeeting
        fields = ["date", "children_present", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial["date"] = timezone.localdate()

    def clean(self):
        cleaned = super().clean()
        self._duplicate(
            ChildrenBoardMeeting,
            _("The board already has a meeting on this date."),
            "date",
            board=self.instance.board,
            date=cleaned.get("date"),
        )
        return cleaned


class BoardYearForm(LogbookForm):
    class Meta:
        model = ChildrenBoardYear
        fields = ["year", "active_children"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["active_children"].help_text = _("Children who took part in the board during the year.")

    def clean(self):
        cleaned = super().clean()
        self._duplicate(
            ChildrenBoardYear,
            _("The board already has a figure for this year; edit it instead."),
            "year",
            board=self.instance.board,
            year=cleaned.get("year"),
        )
        return cleaned


class BoardSurveyForm(LogbookForm):
    class Meta:
        model = ChildrenBoardSurvey
        fields = ["year", "children_asked", "children_felt_influence"]

    def clean(self):
        cleaned = super().clean()
        self._duplicate(
            ChildrenBoardSurvey,
            _("The board already has a survey for this year; edit it instead."),
            "year",
            board=self.instance.board,
            year=cleaned.get("year"),
        )
        return cleaned


class ResidentMeetingForm(LogbookForm):
    class Meta:
        model = ResidentMeeting
        fields = ["department", "date", "attendance", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial["date"] = timezone.localdate()

    def scope_fields(self):
        self.fields["department"].queryset = _departments(self.plan)

    def clean(self):
        cleaned = super().clean()
        self._duplicate(
            ResidentMeeting,
            _("This department already has a resident meeting on this date."),
            "date",
            department=cleaned.get("department"),
            date=cleaned.get("date"),
        )
        return cleaned


class NetworkForm(LogbookForm):
    partners = forms.ModelMultipleChoiceField(
        label=_("Partner organisations"),
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Network
        fields = ["name", "interval_weeks", "partners", "description", "initiative", "is_active"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "interval_weeks": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        error_messages = {
            "interval_weeks": {
                "invalid": _("Write the number of weeks as a whole number, for example 8."),
                "min_value": _("A network meets at most once a week here: write 1 or more."),
                "max_value": _("Write at most 104 weeks (two years)."),
            }
        }

    def scope_fields(self):
        self.fields["partners"].queryset = _partners(self.plan)
        self.fields["initiative"].queryset = _initiatives(self.plan)

    def clean(self):
        cleaned = super().clean()
        self._duplicate(
            Network,
            _("The plan already has a network with this name."),
            "name",
            plan=self.plan,
            name__iexact=cleaned.get("name"),
        )
        return cleaned


class NetworkMeetingForm(LogbookForm):
    partners_present = forms.ModelMultipleChoiceField(
        label=_("Partners present"),
        queryset=PartnerOrganisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The network's own partners are listed first."),
    )

    class Meta:
        model = NetworkMeeting
        fields = ["date", "partners_present", "agenda", "minutes"]
        widgets = {"agenda": forms.Textarea(attrs={"rows": 4}), "minutes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.initial["date"] = timezone.localdate()

    def scope_fields(self):
        members = self.instance.network.partners.values("pk")
        self.fields["partners_present"].queryset = (
            _partners(self.plan)
            .annotate(
                member=Case(
                    When(pk__in=members, then=Value(0)), default=Value(1), output_field=IntegerField()
                )
            )
            .order_by("member", "name")
        )

    def clean(self):
        cleaned = super().clean()
        self._duplicate(
            NetworkMeeting,
            _("The network already has a meeting on this date."),
            "date",
            network=self.instance.network,
            date=cleaned.get("date"),
        )
        return cleaned


class MonthField(forms.CharField):
    """A month as YYYY-MM (the native month picker's value)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(f"{value}-01")
        except ValueError:
            raise forms.ValidationError(_("Choose a month.")) from None
