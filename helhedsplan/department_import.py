"""Importing a housing organisation's departments from a file (number, name, neighbourhood, homes).

Read by the one table reader (`helhedsplan.tables`); every row is checked first, and one bad row means
nothing is written. A department already in the plan (same organisation and number) is updated.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Department, HousingOrganisation, Neighbourhood, Plan
from .tables import FileProblem, match_header, read_table, unknown_columns

MAX_ROWS = 2_000
MAX_HOMES = 100_000
REQUIRED = {
    "code": ["afdeling", "afdelingsnummer", "afd nr", "nummer", "nr", "number"],
    "name": ["navn", "afdelingsnavn"],
    "neighbourhood": ["boligområde", "område"],
    "homes": ["boliger", "antal boliger", "lejemål", "antal lejemål"],
}
ORGANISATION = {"housing_organisation": ["boligselskab", "boligorganisation"]}
DANISH_HEADER = ["boligselskab", "afdeling", "navn", "boligområde", "boliger"]


@dataclass
class DepartmentRow:
    line: int
    organisation: HousingOrganisation
    code: str
    name: str
    neighbourhood: Neighbourhood
    homes: int | None
    existing: Department | None = None

    @property
    def changed(self) -> bool:
        d = self.existing
        return d is not None and (d.name, d.neighbourhood_id, d.homes) != (
            self.name,
            self.neighbourhood.pk,
            self.homes,
        )


@dataclass
class DepartmentReport:
    rows: list[DepartmentRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    source: str = ""
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def new(self):
        return [r for r in self.rows if r.existing is None]

    @property
    def changed(self):
        return [r for r in self.rows if r.changed]

    @property
    def unchanged(self) -> int:
        return sum(1 for r in self.rows if r.existing is not None and not r.changed)


def read_departments(
    plan: Plan, content: bytes, filename: str, organisation: HousingOrganisation | None
) -> DepartmentReport:
    report = DepartmentReport()
    try:
        table = read_table(content, filename, max_rows=MAX_ROWS)
    except FileProblem as problem:
        report.errors.append((problem.line, problem.message))
        return report
    report.source = table.described()
    filled = [(line, cells) for line, cells in zip(table.lines, table.rows, strict=True) if any(cells)]
    if not filled:
        report.errors.append((1, _("The file is empty.")))
        return report
    header_line, header = filled[0]
    columns = {**REQUIRED, **ORGANISATION}
    positions = match_header(header, columns) or match_header(header, REQUIRED)
    extra = unknown_columns(header, columns)
    if positions is None or extra:
        message = _("The first line must be the header %(header)s (boligselskab may be left out).") % {
            "header": ";".join(DANISH_HEADER)
        }
        if extra:
            message += " " + _("Unknown columns: %(columns)s.") % {"columns": ", ".join(extra)}
        report.errors.append((header_line, message))
        return report
    if "housing_organisation" not in positions and organisation is None:
        report.errors.append(
            (header_line, _("Choose the housing organisation, or add a column boligselskab."))
        )
        return report
    organisations = {o.short_name.casefold(): o for o in HousingOrganisation.objects.filter(plan=plan)}
    neighbourhoods = {n.name.casefold(): n for n in Neighbourhood.objects.filter(plan=plan)}
    existing = {
        (d.housing_organisation_id, d.code.casefold()): d for d in Department.objects.filter(plan=plan)
    }
    seen: dict[tuple, int] = {}

    def cell(cells, key):
        position = positions.get(key)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    for line, cells in filled[1:]:
        errors = []
        org = organisation
        if "housing_organisation" in positions:
            short = cell(cells, "housing_organisation")
            org = organisations.get(short.casefold()) if short else organisation
            if org is None:
                errors.append(_("Unknown housing organisation “%(value)s”.") % {"value": short})
        code, name, area, homes_text = (cell(cells, k) for k in ("code", "name", "neighbourhood", "homes"))
        if not code:
            errors.append(_("The department's number is missing."))
        elif len(code) > Department._meta.get_field("code").max_length:
            errors.append(_("The department's number “%(value)s” is too long.") % {"value": code[:40]})
        if not name:
            errors.append(_("The department's name is missing."))
        elif len(name) > Department._meta.get_field("name").max_length:
            errors.append(_("The department's name is too long."))
        neighbourhood = neighbourhoods.get(area.casefold())
        if neighbourhood is None:
            errors.append(
                _("Unknown neighbourhood “%(value)s”; create it first under Housing.") % {"value": area}
            )
        homes = None
        if homes_text:
            digits = homes_text.replace(".", "").replace(" ", "").replace("\u00a0", "")
            if not digits.isdigit() or not 1 <= int(digits) <= MAX_HOMES:
                errors.append(
                    _("The number of homes “%(value)s” is not a whole number from 1 to %(max)s.")
                    % {"value": homes_text, "max": f"{MAX_HOMES:,}".replace(",", ".")}
                )
            else:
                homes = int(digits)
        if org is not None and code:
            key = (org.pk, code.casefold())
            if key in seen:
                errors.append(_("The line repeats line %(first)s.") % {"first": seen[key]})
            seen.setdefault(key, line)
        if errors:
            report.errors.extend((line, message) for message in errors)
            continue
        report.rows.append(
            DepartmentRow(
                line=line,
                organisation=org,
                code=code,
                name=name,
                neighbourhood=neighbourhood,
                homes=homes,
                existing=existing.get((org.pk, code.casefold())),
            )
        )
    if report.ok and not report.rows:
        report.errors.append((header_line, _("The file has no departments under its header.")))
    return report


def departments_import(
    *,
    plan: Plan,
    content: bytes,
    filename: str,
    organisation: HousingOrganisation | None = None,
    dry_run: bool = False,
) -> DepartmentReport:
    """Validate a departments file and, if every row is valid and not `dry_run`, write it (all or nothing)."""
    report = read_departments(plan, content, filename, organisation)
    if report.ok and not dry_run and (report.new or report.changed):
        with transaction.atomic():
            for row in report.rows:
                department = row.existing or Department(
                    plan=plan, housing_organisation=row.organisation, code=row.code
                )
                if row.existing is None or row.changed:
                    department.name, department.neighbourhood, department.homes = (
                        row.name,
                        row.neighbourhood,
                        row.homes,
                    )
                    department.save()
        report.written = True
    return report
