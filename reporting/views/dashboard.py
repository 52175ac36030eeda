"""The KPI dashboard: every criterion of the plan for a year, and the records behind a figure."""

import datetime
from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import CaseParty
from helhedsplan.access import TEAM, get_in_plan, plan_view
from helhedsplan.audit import audit_log
from helhedsplan.models import AuditAction, is_report_year

from ..models import SuccessCriterion, TargetKind
from ..selectors import criteria_results, criterion_records, format_number
from ..status import STATUS_COLOURS, STATUS_SYMBOLS, Status


def dashboard_years(plan, today: datetime.date) -> list[int]:
    first = plan.start_date.year - 2
    last = max(plan.end_date.year, today.year)
    return list(range(last, first - 1, -1))


def opening_year(plan, today: datetime.date):
    """The year the dashboard opens on: the latest with judged figures inside the plan's period, never
    a year after it (criteria may run longer than the plan). Returns (year, its results)."""
    first, last = plan.start_date.year, plan.end_date.year
    year = min(max(today.year, first), last)
    results = criteria_results(plan, year, today)
    # A "done by a date" criterion carries its state on (four milestones done in 2017 are still four
    # in 2020): it says nothing of which year has figures; nor does a count of nothing recorded yet.
    with_data = [
        p.year
        for r in results
        if r.target_kind != TargetKind.DONE_BY_DATE
        for p in r.series
        if p.value and first <= p.year <= year  # a count of 0 is what a year without records shows
    ]
    if with_data and max(with_data) != year:
        year = max(with_data)
        results = criteria_results(plan, year, today)
    return year, results


def _check_year(year: int):
    if not is_report_year(year):
        raise Http404


@plan_view(*TEAM)
def dashboard(request, year=None):
    today = timezone.localdate()
    if year is None and request.GET.get("year", "").isdigit():
        return redirect("reporting:dashboard_year", plan_id=request.plan.pk, year=int(request.GET["year"]))
    if year is None:
        year, results = opening_year(request.plan, today)
    else:
        _check_year(year)
        results = criteria_results(request.plan, year, today)
    return render(
        request,
        "reporting/dashboard.html",
        {
            "year": year,
            "years": dashboard_years(request.plan, today),
            "groups": group_results(results, series_rows(request.plan, results)),
            "results": results,
            "charts": {f"chart-{r.criterion_id}": chart_data(r) for r in results},
            "chart_labels": {
                "value": _("Value"),
                "target": _("Target"),
                "baseline": _("Baseline"),
                "reference": _("Reference"),
            },
            "summary": status_summary(results),
        },
    )


def group_results(results, rows=None):
    """[(focus area, [(initiative or None, [(result, its rows)])])], keeping the selector's order."""
    groups = []
    for n, result in enumerate(results):
        if not groups or groups[-1][0] != result.focus_area:
            groups.append((result.focus_area, []))
        initiatives = groups[-1][1]
        if not initiatives or initiatives[-1][0] != result.initiative:
            initiatives.append((result.initiative, []))
        initiatives[-1][1].append((result, rows[n] if rows else []))
    return groups


@dataclass(frozen=True)
class SeriesRow:
    """A year of a criterion's table of figures, as the card shows it."""

    year: int
    url: str
    value: str
    target: str
    status: str
    selected: bool


def series_rows(plan, results) -> list[list[SeriesRow]]:
    """Each result's table of figures by year: links and numbers worked out once per page."""
    urls, numbers = {}, {}

    def url(year):
        if year not in urls:
            urls[year] = reverse("reporting:dashboard_year", kwargs={"plan_id": plan.pk, "year": year})
        return urls[year]

    def number(value, decimals=None):
        key = (value, decimals)
        if key not in numbers:
            numbers[key] = format_number(value, decimals)
        return numbers[key]

    return [
        [
            SeriesRow(
                year=p.year,
                url=f"{url(p.year)}#criterion-{r.code}",
                value=number(p.value, r.decimals),
                target=number(p.target),
                status=p.status,
                selected=p.year == r.year,
            )
            for p in r.series
        ]
        for r in results
    ]


def status_summary(results):
    counts = dict.fromkeys(Status, 0)
    for result in results:
        counts[Status(result.status)] += 1
    return [
        {
            "status": s.value,
            "label": s.label,
            "count": n,
            "colour": STATUS_COLOURS[s],
            "symbol": STATUS_SYMBOLS[s],
        }
        for s, n in counts.items()
        if n
    ]


def _number(value):
    return None if value is None else float(value)


def chart_data(result) -> dict:
    """What the chart script needs for one criterion; passed with json_script."""
    return {
        "code": result.code,
        "unit": result.unit,
        "years": [p.year for p in result.series],
        "values": [_number(p.value) for p in result.series],
        "targets": [_number(p.target) for p in result.series],
        "references": [_number(p.reference) for p in result.series],
        "baseline": _number(result.baseline),
        "selected": result.year,
    }


def _audit_cases_listed(request, records) -> None:
    """A drill-down that lists cases (A1, B1) or entries of cases (A2) is a look-up of those cases."""
    case_ids = set()
    for row in records.rows if records and not records.hidden else []:
        for cell in row:
            try:
                match = resolve(getattr(cell, "url", "") or "-")
            except Resolver404:
                continue
            if match.view_name == "cases:case_detail":
                case_ids.add(match.kwargs["pk"])
    if case_ids:
        residents = CaseParty.objects.filter(case_id__in=case_ids).values_list("resident_id", flat=True)
        audit_log(
            request, action=AuditAction.LIST, object_type="case", object_ids=case_ids, resident_ids=residents
        )


@plan_view(*TEAM)
def drilldown(request, year, pk):
    _check_year(year)
    criterion = get_in_plan(
        request, SuccessCriterion.objects.select_related("plan", "focus_area", "initiative"), pk=pk
    )
    today = timezone.localdate()
    result, records = criterion_records(criterion, year, today, viewer=request.membership)
    _audit_cases_listed(request, records)
    return render(
        request,
        "reporting/drilldown.html",
        {
            "criterion": criterion,
            "result": result,
            "records": records,
            "year": year,
            "value_text": format_number(result.value, result.decimals),
        },
    )
