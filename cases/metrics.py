"""The success-criterion metrics on the casework; registered in `CasesConfig.ready()`.

Each counts with the cases app's own rules (`cases.models`: `CaseQuerySet.closed_with`,
`EntryQuerySet.current`), the same code the case pages and exports call.
"""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from helhedsplan.metrics import Drilldown, Link, Param, PerYearMetric, Warning, alone, catalogue
from helhedsplan.models import Role

from .models import (
    BridgeCategory,
    Case,
    CaseQuerySet,
    CaseStatus,
    CaseType,
    Entry,
    EntryKind,
    EntryQuerySet,
    Outcome,
)
from .selectors import STALE_AFTER_DAYS

#: Who may see the cases behind a figure: the plan's team, who work with them.
CASE_VIEWERS = (Role.WORKER, Role.PROJECT_LEADER)
DRILLDOWN_LIMIT = 500


def _short(day):
    return date_format(day, "SHORT_DATE_FORMAT") if day else ""


def _case_link(case_id, plan_id, text=None):
    return Link(
        text or f"#{case_id}", reverse("cases:case_detail", kwargs={"plan_id": plan_id, "pk": case_id})
    )


class CaseMetric(PerYearMetric):
    """Shared by the case metrics: the drill-down rule and the warnings about the casework."""

    sensitive = True

    def may_see(self, viewer) -> bool:
        return viewer is not None and viewer.role in CASE_VIEWERS

    def scope(self, window):
        return Case.objects.filter(plan=window.plan)

    def of_type(self, window) -> Q:
        """The criterion's type of case, if it has one."""
        return Q(case_type=window.param("case_type")) if window.param("case_type") else Q()

    def warnings(self, window, year):
        return alone(self.prepare_warnings, window, year)

    def prepare_warnings(self, window, year, batch):
        """Closed cases without an outcome, and open cases left without an entry for 30 days."""
        of_type = self.of_type(window)
        today = window.as_of
        stale_day = today - datetime.timedelta(days=STALE_AFTER_DAYS)
        stale_moment = timezone.make_aware(datetime.datetime.combine(stale_day, datetime.time.min))
        counts = {
            "no_outcome": Count(
                "pk", filter=of_type & Q(status=CaseStatus.CLOSED, outcome="", closed_on__year=year)
            ),
            "stale": Count(
                "pk",
                filter=of_type
                & Q(status=CaseStatus.OPEN)
                & (
                    Q(last_entry_at__lt=stale_moment) | Q(last_entry_at__isnull=True, opened_on__lt=stale_day)
                ),
            ),
        }
        for name, condition in self.extra_counts(window, year).items():
            counts[name] = Count("pk", filter=of_type & condition)
        asked = batch.ask(Case.objects.filter(plan=window.plan), counts)
        return lambda: self.counted_warnings(asked(), year, today)

    def counted_warnings(self, counts, year, today):
        warnings = []
        if counts["no_outcome"]:
            warnings.append(
                Warning(
                    ngettext(
                        "%(count)s case closed in %(year)s has no outcome.",
                        "%(count)s cases closed in %(year)s have no outcome.",
                        counts["no_outcome"],
                    )
                    % {"count": counts["no_outcome"], "year": year},
                    year,
                )
            )
        if counts["stale"] and year == today.year:
            warnings.append(
                Warning(
                    ngettext(
                        "%(count)s open case has had no entry for %(days)s days.",
                        "%(count)s open cases have had no entry for %(days)s days.",
                        counts["stale"],
                    )
                    % {"count": counts["stale"], "days": STALE_AFTER_DAYS}
                )
            )
        warnings.extend(self.extra_warnings(counts, year))
        return warnings

    def aggregate(self, condition):
        return Count("pk", filter=condition)

    def extra_counts(self, window, year) -> dict[str, Q]:
        """More cases to count for the warnings: {name: condition}."""
        return {}

    def extra_warnings(self, counts, year) -> list[Warning]:
        return []

    def case_rows(self, cases, window, viewer):
        """The cases as drill-down rows; never a resident's name."""
        cases = cases.select_related("department__housing_organisation").order_by("opened_on", "pk")
        total = cases.count()
        if not self.may_see(viewer):
            return Drilldown(columns=[], rows=[], total=total, hidden=True)
        rows = [
            [
                _case_link(c.pk, window.plan.pk),
                c.get_case_type_display(),
                str(c.department) if c.department_id else "",
                _short(c.opened_on),
                _short(c.eviction_scheduled_on),
                _short(c.closed_on),
                c.get_outcome_display(),
            ]
            for c in cases[:DRILLDOWN_LIMIT]
        ]
        return Drilldown(
            columns=[
                gettext("Case"),
                gettext("Type"),
                gettext("Department"),
                gettext("Opened"),
                gettext("Eviction scheduled"),
                gettext("Closed"),
                gettext("Outcome"),
            ],
            rows=rows,
            total=total,
            note=gettext("Only the first %(limit)s are listed.") % {"limit": DRILLDOWN_LIMIT}
            if total > DRILLDOWN_LIMIT
            else "",
        )


def _case_types(plan):
    return CaseType.choices


@catalogue.register
class CasesTakenOnMetric(CaseMetric):
    key = "cases_taken_on"
    label = _("Cases of a type taken on in a year")
    description = _(
        "Cases opened in the year, of one type; optionally only those where the bailiff's eviction "
        "was scheduled."
    )
    params = [
        Param("case_type", _("type of case"), choices=_case_types),
        Param(
            "only_eviction_scheduled",
            _("only cases with a scheduled eviction"),
            kind="bool",
            required=False,
        ),
    ]

    def unit(self, params):
        return gettext("cases")

    def condition(self, window):
        if window.param("only_eviction_scheduled"):
            return self.of_type(window) & CaseQuerySet.eviction_scheduled_q()
        return self.of_type(window)

    date_field = "opened_on"

    def extra_counts(self, window, year):
        if not window.param("only_eviction_scheduled"):
            return {}
        return {
            "unscheduled": Q(
                opened_on__year=year, opened_on__lte=window.as_of, eviction_scheduled_on__isnull=True
            )
        }

    def extra_warnings(self, counts, year):
        if not counts.get("unscheduled"):
            return []
        return [
            Warning(
                ngettext(
                    "%(count)s case opened in %(year)s has no scheduled eviction date and is not counted.",
                    "%(count)s cases opened in %(year)s have no scheduled eviction date and are not counted.",
                    counts["unscheduled"],
                )
                % {"count": counts["unscheduled"], "year": year},
                year,
            )
        ]

    def records(self, window, year, *, viewer=None):
        return self.case_rows(self.in_year(window, year), window, viewer)


@catalogue.register
class CasesClosedMetric(CaseMetric):
    key = "cases_closed_with_outcome"
    label = _("Cases of a type closed in a year with an outcome in a set")
    description = _(
        "Cases closed in the year with one of the chosen outcomes, e.g. neighbour conflicts resolved"
        "; a case counts in the year it was closed."
    )
    params = [
        Param("case_type", _("type of case"), choices=_case_types),
        Param("outcomes", _("outcomes"), kind="multichoice", choices=lambda plan: Outcome.choices),
    ]

    def unit(self, params):
        return gettext("cases")

    date_field = "closed_on"

    def condition(self, window):
        return self.of_type(window) & CaseQuerySet.closed_with_q(window.param("outcomes", []))

    def records(self, window, year, *, viewer=None):
        return self.case_rows(self.in_year(window, year), window, viewer)


@catalogue.register
class CaseEntriesMetric(CaseMetric):
    key = "case_entries"
    label = _("Case entries of given kinds or categories in a year")
    description = _(
        "Entries logged on cases in the year, of the chosen kinds and bridge-building categories "
        "(e.g. bridge-building: application, contact to, benefit). Corrected entries count once."
    )
    params = [
        Param(
            "kinds",
            _("kinds of entry"),
            kind="multichoice",
            choices=lambda plan: EntryKind.choices,
            required=False,
            help_text=_("None ticked: every kind."),
        ),
        Param(
            "bridge_categories",
            _("bridge-building categories"),
            kind="multichoice",
            choices=lambda plan: BridgeCategory.choices,
            required=False,
            help_text=_("None ticked: any category or none."),
        ),
        Param("case_type", _("only cases of this type"), choices=_case_types, required=False),
    ]

    def unit(self, params):
        return gettext("entries")

    def clean_params(self, params):
        errors = super().clean_params(params)
        if not params.get("kinds") and not params.get("bridge_categories"):
            errors["kinds"] = str(_("Choose kinds of entry, categories, or both."))
        return errors

    def scope(self, window):
        return Entry.objects.filter(plan=window.plan)

    def condition(self, window):
        condition = EntryQuerySet.current_q()
        if window.param("kinds"):
            condition &= Q(kind__in=window.param("kinds"))
        if window.param("bridge_categories"):
            condition &= Q(bridge_category__in=window.param("bridge_categories"))
        if window.param("case_type"):
            condition &= Q(case__case_type=window.param("case_type"))
        return condition

    date_field = "occurred_at__date"

    def records(self, window, year, *, viewer=None):
        entries = self.in_year(window, year).select_related("partner").order_by("occurred_at", "pk")
        total = entries.count()
        if not self.may_see(viewer):
            return Drilldown(columns=[], rows=[], total=total, hidden=True)
        rows = [
            [
                _short(timezone.localtime(e.occurred_at).date()),
                e.get_kind_display(),
                e.get_bridge_category_display(),
                e.partner.name if e.partner_id else "",
                _case_link(e.case_id, window.plan.pk),
            ]
            for e in entries[:DRILLDOWN_LIMIT]
        ]
        return Drilldown(
            columns=[
                gettext("Date"),
                gettext("Kind"),
                gettext("Category"),
                gettext("Partner"),
                gettext("Case"),
            ],
            rows=rows,
            total=total,
        )
