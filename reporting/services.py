"""Writes of the reporting app: statistics from files and from the grid.

Every write is all-or-nothing and kept in history (who, when, why), so a
corrected figure replaces the old one without losing it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from helhedsplan.models import Department, HousingOrganisation, Neighbourhood, Plan

from .imports import DISTRICT, HOUSING, Change, ImportReport, Row, check_value, read_statistics
from .models import District, DistrictStatistic, HousingStatistic


def statistics_import(
    *, plan: Plan, content: bytes, filename: str, user=None, dry_run: bool = False
) -> ImportReport:
    """Validate a statistics file and, if every row is valid and not `dry_run`, write it.

    Importing the same figures again changes nothing; a changed figure replaces
    the stored one and the old value stays in its history.
    """
    report = read_statistics(plan, content, filename)
    if report.ok and not dry_run and (report.new or report.changed):
        reason = _("Imported from %(file)s") % {"file": filename or _("a file")}
        with transaction.atomic():
            _write(plan, report, user=user, reason=reason)
        report.written = True
    return report


def _write(plan: Plan, report: ImportReport, *, user, reason: str, deletions=()) -> None:
    stored = _stored_objects(plan, report)
    for change in report.new:
        obj = _new_object(plan, change.row)
        _save(obj, user, reason)
    for change in report.changed:
        obj = stored[change.row.key]
        obj.value = change.row.value
        _save(obj, user, reason)
    for obj in deletions:
        obj._history_user = user
        obj._change_reason = reason
        obj.delete()


def _save(obj, user, reason):
    obj._history_user = user
    obj._change_reason = reason
    obj.full_clean(validate_unique=False, validate_constraints=False)
    obj.save()


def _stored_objects(plan, report):
    if not report.changed:
        return {}
    years = {c.row.year for c in report.changed}
    if report.kind == HOUSING:
        result = {}
        for stat in HousingStatistic.objects.filter(plan=plan, year__in=years):
            unit = (
                ("department", stat.department_id) if stat.department_id else ("area", stat.neighbourhood_id)
            )
            result[(stat.housing_organisation_id, *unit, stat.year, stat.measure)] = stat
        return result
    return {
        (stat.district.name.casefold(), stat.year, stat.measure): stat
        for stat in DistrictStatistic.objects.filter(plan=plan, year__in=years).select_related("district")
    }


def _new_object(plan, row: Row):
    if row.kind == HOUSING:
        return HousingStatistic(
            plan=plan,
            year=row.year,
            housing_organisation=row.organisation,
            neighbourhood=row.neighbourhood,
            department=row.department,
            measure=row.measure,
            value=row.value,
        )
    district = row.district or District.objects.get_or_create(plan=plan, name=row.district_name)[0]
    return DistrictStatistic(
        plan=plan, district=district, year=row.year, measure=row.measure, value=row.value
    )


# The grid ---------------------------------------------------------------------


@dataclass
class GridUnit:
    """A row of the grid: an area (organisation × neighbourhood), a department or a district."""

    key: str
    label: str
    organisation: HousingOrganisation | None = None
    neighbourhood: Neighbourhood | None = None
    department: Department | None = None
    district: District | None = None
    district_name: str = ""
    homes: int | None = None


@dataclass
class GridResult:
    errors: dict[str, str] = field(default_factory=dict)  # cell name -> message
    saved: int = 0
    deleted: int = 0

    @property
    def ok(self):
        return not self.errors


def cell_name(unit_key: str, year: int) -> str:
    return f"c-{unit_key}-{year}"


def statistics_grid_save(
    *,
    plan: Plan,
    kind: str,
    measure: str,
    units: list[GridUnit],
    years: list[int],
    data,
    user=None,
) -> GridResult:
    """Save a year × unit grid: a filled cell sets the figure, an emptied one removes it."""
    result = GridResult()
    report = ImportReport(kind=kind)
    stored = _grid_stored(plan, kind, measure, units, years)
    deletions = []
    for unit in units:
        for year in years:
            name = cell_name(unit.key, year)
            if name not in data:
                continue
            text = data.get(name, "").strip()
            existing = stored.get((unit.key, year))
            if not text:
                if existing is not None:
                    deletions.append(existing)
                continue
            value, message = check_value(text, measure)
            if message:
                result.errors[name] = message
                continue
            row = Row(0, kind, year, measure, value)
            row.organisation, row.neighbourhood, row.department = (
                unit.organisation,
                unit.neighbourhood,
                unit.department,
            )
            row.district, row.district_name = unit.district, unit.district_name
            if existing is None:
                report.new.append(Change(row, None))
            elif existing.value != value:
                report.changed.append(Change(row, existing.value))
    if kind == HOUSING:
        _grid_level_conflicts(plan, report, deletions, result)
    if not result.ok:
        return result
    with transaction.atomic():
        _write(plan, report, user=user, reason=_("Entered in the grid"), deletions=deletions)
    result.saved = len(report.new) + len(report.changed)
    result.deleted = len(deletions)
    return result


def _grid_stored(plan, kind, measure, units, years):
    stored = {}
    if kind == HOUSING:
        for stat in HousingStatistic.objects.filter(plan=plan, measure=measure, year__in=years):
            key = (
                f"d{stat.department_id}"
                if stat.department_id
                else f"a{stat.housing_organisation_id}-{stat.neighbourhood_id}"
            )
            stored[(key, stat.year)] = stat
    else:
        by_district = {u.district.pk: u.key for u in units if u.district}
        for stat in DistrictStatistic.objects.filter(plan=plan, measure=measure, year__in=years):
            if stat.district_id in by_district:
                stored[(by_district[stat.district_id], stat.year)] = stat
    return stored


def _grid_level_conflicts(plan, report, deletions, result):
    """A figure for a whole area and figures for its departments would be counted twice."""
    if not (report.new or report.changed):
        return
    years = {c.row.year for c in report.new}
    deleted = {obj.pk for obj in deletions}
    levels = {}
    rows = HousingStatistic.objects.filter(
        plan=plan, year__in=years, measure__in={c.row.measure for c in report.new}
    )
    for stat in rows.exclude(pk__in=deleted):
        key = (stat.housing_organisation_id, stat.neighbourhood_id, stat.year, stat.measure)
        levels.setdefault(key, set()).add("department" if stat.department_id else "area")
    for change in report.new:
        row = change.row
        key = (row.organisation.pk, row.neighbourhood.pk, row.year, row.measure)
        level = "department" if row.department else "area"
        levels.setdefault(key, set()).add(level)
    for change in report.new:
        row = change.row
        key = (row.organisation.pk, row.neighbourhood.pk, row.year, row.measure)
        if len(levels[key]) > 1:
            unit_key = (
                f"d{row.department.pk}"
                if row.department
                else f"a{row.organisation.pk}-{row.neighbourhood.pk}"
            )
            result.errors[cell_name(unit_key, row.year)] = _(
                "This figure is also given for the whole neighbourhood or per department; "
                "it would be counted twice."
            )


def housing_grid_units(plan: Plan, level: str) -> list[GridUnit]:
    """The grid's rows: areas with departments (level "area") or the departments themselves."""
    if level == "department":
        departments = Department.objects.filter(plan=plan).select_related(
            "housing_organisation", "neighbourhood"
        )
        return [
            GridUnit(
                key=f"d{d.pk}",
                label=f"{d.housing_organisation.short_name} {d.code} {d.name}",
                organisation=d.housing_organisation,
                neighbourhood=d.neighbourhood,
                department=d,
                homes=d.homes,
            )
            for d in departments.order_by("housing_organisation__short_name", "neighbourhood__name", "code")
        ]
    areas = (
        Department.objects.filter(plan=plan)
        .values("housing_organisation", "neighbourhood")
        .annotate(homes=Sum("homes"))
        .order_by("housing_organisation__short_name", "neighbourhood__name")
    )
    organisations = HousingOrganisation.objects.in_bulk([a["housing_organisation"] for a in areas])
    neighbourhoods = Neighbourhood.objects.in_bulk([a["neighbourhood"] for a in areas])
    units = []
    for area in areas:
        org, nbh = organisations[area["housing_organisation"]], neighbourhoods[area["neighbourhood"]]
        units.append(
            GridUnit(
                key=f"a{org.pk}-{nbh.pk}",
                label=f"{org.short_name} – {nbh.name}",
                organisation=org,
                neighbourhood=nbh,
                homes=area["homes"],
            )
        )
    return units


def district_grid_units(plan: Plan) -> list[GridUnit]:
    """The plan's districts, and the districts of its neighbourhoods not yet among them."""
    districts = list(District.objects.filter(plan=plan))
    known = {d.name.casefold() for d in districts}
    units = [GridUnit(key=f"{d.pk}", label=str(d), district=d, district_name=d.name) for d in districts]
    names = sorted(set(Neighbourhood.objects.filter(plan=plan).values_list("district", flat=True)))
    for index, name in enumerate(n for n in names if n.casefold() not in known):
        units.append(GridUnit(key=f"new{index}", label=name, district_name=name))
    return units


def district_create(*, plan: Plan, name: str, is_municipality: bool = False) -> District:
    name = name.strip()
    district, _created = District.objects.get_or_create(
        plan=plan, name__iexact=name, defaults={"name": name, "is_municipality": is_municipality}
    )
    return district


def default_years(plan: Plan, stored_years: list[int]) -> list[int]:
    """Grid columns: from five years before the plan (baselines) to its last year."""
    first = min([plan.start_date.year - 6, *stored_years])
    last = max([plan.end_date.year, *stored_years])
    last = min(last, timezone.localdate().year + 5)
    return list(range(first, last + 1))


__all__ = [
    "DISTRICT",
    "HOUSING",
    "GridResult",
    "GridUnit",
    "cell_name",
    "default_years",
    "district_create",
    "district_grid_units",
    "housing_grid_units",
    "statistics_grid_save",
    "statistics_import",
]
