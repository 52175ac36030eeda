"""Builders for reporting test data: criteria, versions, statistics, milestones."""

import datetime
from decimal import Decimal

from helhedsplan.models import Plan
from reporting.models import (
    CriterionVersion,
    District,
    DistrictStatistic,
    HousingStatistic,
    Milestone,
    SuccessCriterion,
    TargetKind,
)
from tests import factories


def make_criterion(
    plan: Plan,
    code: str = "F1",
    *,
    metric: str = "housing_statistic",
    params: dict | None = None,
    target_kind: str = TargetKind.AT_LEAST_PER_YEAR,
    target_value=None,
    focus_area=None,
    initiative=None,
    valid_from=datetime.date(2017, 1, 1),
    first_year: int = 2017,
    last_year: int = 2020,
    **version_fields,
) -> SuccessCriterion:
    focus_area = focus_area or plan.focus_areas.first() or factories.make_focus_area(plan)
    criterion = SuccessCriterion.objects.create(
        plan=plan, code=code, title=f"Kriterium {code}", focus_area=focus_area, initiative=initiative
    )
    make_version(
        criterion,
        metric=metric,
        params=params if params is not None else {"measure": "evictions"},
        target_kind=target_kind,
        target_value=None if target_value is None else Decimal(str(target_value)),
        valid_from=valid_from,
        first_year=first_year,
        last_year=last_year,
        **version_fields,
    )
    return criterion


def make_version(criterion, **fields) -> CriterionVersion:
    for name in ("baseline_value", "target_value", "reference_value"):
        if fields.get(name) is not None:
            fields[name] = Decimal(str(fields[name]))
    fields.setdefault("valid_from", datetime.date(2017, 1, 1))
    fields.setdefault("first_year", 2017)
    fields.setdefault("last_year", 2020)
    fields.setdefault("metric", "housing_statistic")
    fields.setdefault("params", {"measure": "evictions"})
    fields.setdefault("target_kind", TargetKind.AT_LEAST_PER_YEAR)
    return CriterionVersion.objects.create(criterion=criterion, **fields)


def housing_stat(department_or_area, year: int, measure: str, value, *, plan=None) -> HousingStatistic:
    """A figure for a department, or for (organisation, neighbourhood) when given a tuple."""
    if isinstance(department_or_area, tuple):
        org, area = department_or_area
        return HousingStatistic.objects.create(
            plan=org.plan,
            housing_organisation=org,
            neighbourhood=area,
            year=year,
            measure=measure,
            value=Decimal(str(value)),
        )
    d = department_or_area
    return HousingStatistic.objects.create(
        plan=d.plan,
        housing_organisation=d.housing_organisation,
        neighbourhood=d.neighbourhood,
        department=d,
        year=year,
        measure=measure,
        value=Decimal(str(value)),
    )


def district(plan, name: str, is_municipality: bool = False) -> District:
    defaults = {"is_municipality": is_municipality}
    return District.objects.get_or_create(plan=plan, name=name, defaults=defaults)[0]


def district_stat(d: District, year: int, measure: str, value) -> DistrictStatistic:
    return DistrictStatistic.objects.create(
        plan=d.plan, district=d, year=year, measure=measure, value=Decimal(str(value))
    )


def milestone(plan, topic: str, org=None, done_on=None) -> Milestone:
    return Milestone.objects.create(plan=plan, topic=topic, housing_organisation=org, done_on=done_on)
