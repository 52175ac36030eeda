"""The logbook's filters (django-filter).

The logbook mixes five kinds of entry, so the filter set does not filter one model's queryset:
it validates the choices and hands them to `selectors.logbook_entries`, which applies each
filter to every kind of entry it concerns and unions the results.
"""

import functools

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from helhedsplan.bounds import BoundedForm
from helhedsplan.forms import DateInput
from helhedsplan.models import Department, Initiative

from . import selectors
from .models import Activity, ActivityKind

YES, NO = "yes", "no"


class LogbookFilterForm(BoundedForm, forms.Form):
    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("The period cannot end before it starts."))
        return cleaned


def _noop(queryset, name, value):
    return queryset


def _choices(form_field, queryset, choices):
    """Let a model choice field check a chosen value against `queryset`, but show `choices()`
    (pk: label), read when the form is shown, as plain values."""
    form_field.queryset = queryset
    # Django's own setter, which keeps a callable for later; django-filter's would read the queryset.
    forms.ChoiceField.choices.fset(form_field, lambda: [("", form_field.empty_label), *choices().items()])


class LogbookFilter(django_filters.FilterSet):
    entry_type = django_filters.ChoiceFilter(
        label=_("Type of entry"),
        choices=selectors.EntryType.choices,
        empty_label=_("All entries"),
        method=_noop,
    )
    kind = django_filters.ModelChoiceFilter(
        label=_("Kind of activity"),
        queryset=ActivityKind.objects.none(),
        empty_label=_("All kinds"),
        method=_noop,
    )
    initiative = django_filters.ModelChoiceFilter(
        label=_("Initiative of the agreement"),
        queryset=Initiative.objects.none(),
        empty_label=_("All initiatives"),
        method=_noop,
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=Department.objects.none(),
        empty_label=_("All departments"),
        method=_noop,
    )
    date_from = django_filters.DateFilter(label=_("From"), widget=DateInput(), method=_noop)
    date_to = django_filters.DateFilter(label=_("To"), widget=DateInput(), method=_noop)
    resident_initiated = django_filters.ChoiceFilter(
        label=_("Initiated by residents"),
        choices=[(YES, _("Only initiated by residents")), (NO, _("Not initiated by residents"))],
        empty_label=_("Regardless"),
        method=_noop,
    )

    class Meta:
        model = Activity
        fields: list[str] = []
        form = LogbookFilterForm

    def __init__(self, data=None, *, plan, **kwargs):
        self.plan = plan
        super().__init__(data, queryset=Activity.objects.filter(plan=plan), **kwargs)
        form_fields = self.form.fields
        _choices(form_fields["kind"], ActivityKind.objects.filter(plan=plan), lambda: self.names.kinds)
        _choices(
            form_fields["initiative"],
            Initiative.objects.filter(focus_area__plan=plan),
            lambda: self.names.initiatives,
        )
        _choices(
            form_fields["department"],
            Department.objects.filter(plan=plan).select_related("housing_organisation"),
            lambda: self.names.departments,
        )

    @functools.cached_property
    def names(self) -> selectors.PlanNames:
        """The plan's kinds, initiatives and departments, named: the choices, and the entries' names."""
        return selectors.plan_names(self.plan)

    def criteria(self) -> dict:
        """The valid filters as keyword arguments of `selectors.logbook_entries`."""
        cleaned = (
            self.form.cleaned_data
            if self.form.is_valid()
            else {
                name: value
                for name, value in getattr(self.form, "cleaned_data", {}).items()
                if name not in self.form.errors
            }
        )
        resident = cleaned.get("resident_initiated")
        return {
            "entry_type": cleaned.get("entry_type") or None,
            "kind": cleaned.get("kind"),
            "initiative": cleaned.get("initiative"),
            "department": cleaned.get("department"),
            "date_from": cleaned.get("date_from"),
            "date_to": cleaned.get("date_to"),
            "resident_initiated": True if resident == YES else False if resident == NO else None,
        }

    def filter_queryset(self, queryset):
        return selectors.logbook_entries(plan=self.plan, **self.criteria())

    @property
    def is_filtered(self) -> bool:
        return any(value not in (None, "") for value in self.criteria().values())
