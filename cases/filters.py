"""The project leader's filters on the plan-wide case list (and its CSV export)."""

import datetime

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from helhedsplan.bounds import BoundedForm
from helhedsplan.models import Plan

from .models import CaseStatus, CaseType, Outcome
from .selectors import (
    URGENT_BAILIFF_DAYS,
    Urgency,
    departments_of,
    organisations_of,
    resident_has_text,
    staff_choices,
    with_urgency,
)


class DepartmentField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.housing_organisation.short_name} {obj.code} {obj.name}"


class StaffField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class DepartmentFilter(django_filters.ModelChoiceFilter):
    field_class = DepartmentField


class StaffFilter(django_filters.ModelChoiceFilter):
    field_class = StaffField


class DateRangeWidget(django_filters.widgets.DateRangeWidget):
    """Two native date pickers."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"type": "date", **(attrs or {})})


URGENCY_CHOICES = [
    ("urgent", _("Any urgency")),
    ("bailiff_soon", _("Bailiff's date within 7 days or passed")),
    ("bailiff", _("Bailiff's date set")),
    ("follow_up_overdue", _("Follow-up overdue")),
    ("stale", _("No entry for 30 days")),
]

SORT_CHOICES = [
    ("urgency", _("Most urgent first")),
    ("-opened_on", _("Newest first")),
    ("opened_on", _("Oldest first")),
    ("-closed_on", _("Recently closed first")),
    ("next_follow_up", _("Next follow-up")),
    ("bailiff_date", _("Bailiff's date")),
]
SORT_ORDER = {
    # The urgency tier as stored on the case: the index case_plan_urgency serves this order.
    "urgency": (
        "urgency_tier",
        F("bailiff_date").asc(nulls_last=True),
        F("next_follow_up").asc(nulls_last=True),
        "-opened_on",
        "-pk",
    ),
    "-opened_on": ("-opened_on", "-pk"),
    "opened_on": ("opened_on", "pk"),
    "-closed_on": (F("closed_on").desc(nulls_last=True), "-pk"),
    "next_follow_up": (F("next_follow_up").asc(nulls_last=True), "pk"),
    "bailiff_date": (F("bailiff_date").asc(nulls_last=True), "pk"),
}


class CaseFilterForm(BoundedForm, forms.Form):
    pass


class _FieldsOfOneForm(dict):
    """The fields a filter set made for its own form class: the one form need not deep-copy them."""

    def __deepcopy__(self, memo):
        return dict(self)


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_text", label=_("Resident name or address"))
    case_type = django_filters.ChoiceFilter(
        choices=CaseType.choices, label=_("type"), empty_label=_("All types")
    )
    status = django_filters.ChoiceFilter(
        choices=CaseStatus.choices, label=_("status"), empty_label=_("Open and closed")
    )
    # The plan's departments, organisations and staff are set per filter set (the class has none).
    department = DepartmentFilter(queryset=None, label=_("department"), empty_label=_("All departments"))
    housing_organisation = django_filters.ModelChoiceFilter(
        field_name="department__housing_organisation",
        queryset=None,
        label=_("housing organisation"),
        empty_label=_("All housing organisations"),
    )
    responsible = StaffFilter(queryset=None, label=_("caretaker"), empty_label=_("All caretakers"))
    opened = django_filters.DateFromToRangeFilter(
        field_name="opened_on", label=_("opened between"), widget=DateRangeWidget
    )
    closed = django_filters.DateFromToRangeFilter(
        field_name="closed_on", label=_("closed between"), widget=DateRangeWidget
    )
    outcome = django_filters.ChoiceFilter(
        choices=Outcome.choices, label=_("outcome"), empty_label=_("All outcomes")
    )
    urgency = django_filters.ChoiceFilter(
        choices=URGENCY_CHOICES, method="filter_urgency", label=_("urgency"), empty_label=_("Any")
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="sort_by", label=_("sort by"), empty_label=None, null_value="urgency"
    )

    class Meta:
        form = CaseFilterForm

    def __init__(self, data=None, *args, plan: Plan, today: datetime.date | None = None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.today = today or timezone.localdate()
        self.filters["department"].queryset = departments_of(plan)
        self.filters["housing_organisation"].queryset = organisations_of(plan)
        self.filters["responsible"].queryset = staff_choices(plan)
        for case_filter in self.filters.values():
            case_filter.label = capfirst(case_filter.label)

    def get_form_class(self):
        form_class = super().get_form_class()  # a class of its own, with fields of its own
        form_class.base_fields = _FieldsOfOneForm(form_class.base_fields)
        return form_class

    def filter_text(self, queryset, name, value):
        return queryset.filter(resident_has_text(value)) if value.strip() else queryset

    def filter_urgency(self, queryset, name, value):
        soon = self.today + datetime.timedelta(days=URGENT_BAILIFF_DAYS)
        conditions = {
            "urgent": Q(urgency__lt=Urgency.NONE),
            "bailiff_soon": Q(urgency=Urgency.BAILIFF, bailiff_date__lte=soon),
            "bailiff": Q(urgency=Urgency.BAILIFF),
            "follow_up_overdue": Q(follow_up_overdue=True),
            "stale": Q(is_stale=True),
        }
        # The rule computed on the day, whatever tier is stored (cases.selectors).
        return with_urgency(queryset, self.today).filter(conditions[value])

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDER.get(value, SORT_ORDER["urgency"]))

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # No sort chosen: most urgent first.
        if not self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by(*SORT_ORDER["urgency"])
        return queryset
