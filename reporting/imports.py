"""Reading statistics files: CSV or XLSX (read by `helhedsplan.tables`, decimal comma or point),
with one of two header rows, in English or Danish, in any column order.

`read_statistics(plan, content, filename)` parses and validates every row
before anything is written, and says what an import would change. Errors carry
the file's line number (the header is line 1) and are translated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from helhedsplan.models import Department, HousingOrganisation, Neighbourhood, Plan
from helhedsplan.tables import FileProblem, header_key, match_header, read_table, unknown_columns

from .models import District, DistrictMeasure, DistrictStatistic, HousingMeasure, HousingStatistic
from .models.statistics import FIRST_YEAR, LAST_YEAR

HOUSING = "housing"
DISTRICT = "district"
HEADERS = {
    HOUSING: ["year", "housing_organisation", "neighbourhood", "department", "measure", "value"],
    DISTRICT: ["year", "district", "measure", "value"],
}
# The file format's Danish names (a format, like the English codes; the template is written with them).
DANISH_HEADERS = {
    HOUSING: ["år", "boligselskab", "boligområde", "afdeling", "måling", "værdi"],
    DISTRICT: ["år", "bydel", "måling", "værdi"],
}
_ALIASES = {
    "year": ["år"],
    "housing_organisation": ["boligselskab", "boligorganisation"],
    "neighbourhood": ["boligområde", "område"],
    "department": ["afdeling", "afdelingsnummer", "afd nr", "afd"],
    "district": ["bydel"],
    "measure": ["måling", "mål"],
    "value": ["værdi", "antal", "tal"],
}
#: Per kind: column key -> accepted names, in the file's column order.
COLUMNS = {kind: {key: _ALIASES[key] for key in keys} for kind, keys in HEADERS.items()}
#: Danish measure names accepted besides the codes and the measures' own labels; the first is the template's.
MEASURE_NAMES = {
    HousingMeasure.EVICTIONS: ["udsættelser", "fogedudsættelser"],
    HousingMeasure.FIRST_REMINDERS: ["første rykkere", "1. rykkere", "rykkere"],
    HousingMeasure.HOUSE_RULES_CASES: ["husordenssager"],
    DistrictMeasure.UNSAFE_SHARE: ["andel utrygge", "utrygge"],
    DistrictMeasure.UNSAFE_SHARE_EVENING: ["andel utrygge aften og nat", "utrygge aften og nat"],
    DistrictMeasure.EVICTIONS_PER_1000_HOMES: [
        "udsættelser pr. 1.000 boliger",
        "udsættelser pr 1000 boliger",
    ],
}


def measure_names(measures) -> dict[str, str]:
    """Every accepted spelling of the measures (as header keys) -> the measure's code."""
    names = {}
    for measure in measures:
        spellings = [measure.value, *MEASURE_NAMES.get(measure, [])]
        for language in ("da", "en"):
            with translation.override(language):
                spellings.append(str(measure.label))
        names.update({header_key(spelling): measure.value for spelling in spellings})
    return names


SHARE_MEASURES = {DistrictMeasure.UNSAFE_SHARE, DistrictMeasure.UNSAFE_SHARE_EVENING}
MAX_ROWS = 20_000


@dataclass
class Row:
    line: int
    kind: str
    year: int
    measure: str
    value: Decimal
    organisation: HousingOrganisation | None = None
    neighbourhood: Neighbourhood | None = None
    department: Department | None = None
    district: District | None = None
    district_name: str = ""

    @property
    def key(self) -> tuple:
        if self.kind == HOUSING:
            unit = ("department", self.department.pk) if self.department else ("area", self.neighbourhood.pk)
            return (self.organisation.pk, *unit, self.year, self.measure)
        return (self.district_name.casefold(), self.year, self.measure)

    @property
    def area_key(self) -> tuple:
        return (self.organisation.pk, self.neighbourhood.pk, self.year, self.measure)

    def label(self) -> str:
        if self.kind == HOUSING:
            unit = f"{self.organisation.short_name} – {self.neighbourhood.name}"
            if self.department:
                unit += f" {self.department.code}"
        else:
            unit = self.district.name if self.district else self.district_name
        # The measure in words ("Udsættelser"), not its code ("evictions").
        measure = (HousingMeasure if self.kind == HOUSING else DistrictMeasure)(self.measure).label
        return f"{unit}, {self.year}, {measure}"


@dataclass
class Change:
    row: Row
    old: Decimal | None  # None: a new figure


@dataclass
class ImportReport:
    kind: str = ""
    filename: str = ""
    rows: list[Row] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    new: list[Change] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    skipped: int = 0
    written: bool = False
    source: str = ""  # how the file was read (format, character set, separator)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, line: int, message: str):
        self.errors.append((line, message))


def parse_number(text: str) -> Decimal:
    """'4', '4,0', '4.0', '1.234,5' or '1,234.5' -> Decimal; raises InvalidOperation."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        text = text.replace(thousands, "").replace(decimal_mark, ".")
    else:
        text = text.replace(",", ".")
    if not text:
        raise InvalidOperation
    value = Decimal(text)
    if not value.is_finite():
        raise InvalidOperation
    return value


def check_value(text: str, measure: str) -> tuple[Decimal | None, str]:
    """(value, "") for a valid figure, (None, message) otherwise."""
    if not text.strip():
        return None, _("The value is missing.")
    try:
        value = parse_number(text)
    except InvalidOperation:
        return None, _("The value “%(value)s” is not a number.") % {"value": text}
    if value < 0:
        return None, _("The value %(value)s is negative.") % {"value": text}
    # The size check comes first: quantizing a huge number raises InvalidOperation.
    if value >= Decimal("1e10") or value != value.quantize(Decimal("0.01")):
        return None, _("The value %(value)s has more than two decimals or is too large.") % {"value": text}
    if measure in SHARE_MEASURES and value > 100:
        return None, _("A share is a percentage from 0 to 100, not %(value)s.") % {"value": text}
    return value, ""


def read_statistics(plan: Plan, content: bytes, filename: str = "") -> ImportReport:
    """Parse and validate a statistics file for `plan`, and compare it with the database."""
    report = ImportReport(filename=filename)
    try:
        table = read_table(content, filename, max_rows=MAX_ROWS)
    except FileProblem as problem:
        report.error(problem.line, problem.message)
        return report
    report.source = table.described()
    filled = [(line, cells) for line, cells in zip(table.lines, table.rows, strict=True) if any(cells)]
    if not filled:
        report.error(1, _("The file is empty."))
        return report
    header_line, header = filled[0]
    kind, positions = next(
        ((k, p) for k, columns in COLUMNS.items() if (p := match_header(header, columns)) is not None),
        (None, None),
    )
    extra = unknown_columns(header, COLUMNS[kind]) if kind else []
    if kind is None or extra:
        message = _(
            "The first line must be the header %(housing)s or %(district)s (Danish or English names)."
        ) % {
            "housing": ";".join(DANISH_HEADERS[HOUSING]),
            "district": ";".join(DANISH_HEADERS[DISTRICT]),
        }
        if extra:
            message += " " + _("Unknown columns: %(columns)s.") % {"columns": ", ".join(extra)}
        report.error(header_line, message)
        return report
    report.kind = kind
    validator = _Validator(plan, kind, report)
    order = [positions[key] for key in COLUMNS[kind]]
    width = max(order) + 1
    for number, cells in filled[1:]:
        while len(cells) > width and not cells[-1]:
            cells = cells[:-1]
        if len(cells) != width:
            report.error(
                number,
                _("Expected %(expected)s columns, found %(found)s.")
                % {"expected": width, "found": len(cells)},
            )
            continue
        values = [cells[position] if position < len(cells) else "" for position in order]
        if not values[-1]:
            # A template row the leader left empty: no figure, not an error.
            report.skipped += 1
            continue
        validator.row(number, values)
    validator.finish()
    if report.ok:
        _compare(plan, report)
    return report


class _Validator:
    def __init__(self, plan, kind, report):
        self.plan, self.kind, self.report = plan, kind, report
        self.seen: dict[tuple, int] = {}
        self.levels: dict[tuple, tuple[str, int]] = {}
        if kind == HOUSING:
            self.organisations = {
                o.short_name.casefold(): o for o in HousingOrganisation.objects.filter(plan=plan)
            }
            self.neighbourhoods = {n.name.casefold(): n for n in Neighbourhood.objects.filter(plan=plan)}
            self.departments = {
                (d.housing_organisation_id, d.code.casefold()): d
                for d in Department.objects.filter(plan=plan)
            }
            self.measure_kind = HousingMeasure
            self.measures = measure_names(HousingMeasure)
        else:
            self.districts = {d.name.casefold(): d for d in District.objects.filter(plan=plan)}
            self.new_districts = {
                name.casefold(): name
                for name in Neighbourhood.objects.filter(plan=plan).values_list("district", flat=True)
            }
            self.measure_kind = DistrictMeasure
            self.measures = measure_names(DistrictMeasure)

    def row(self, line, cells):
        errors_before = len(self.report.errors)
        year = self._year(line, cells[0])
        if self.kind == HOUSING:
            _year, org, area, dept, measure, value = cells
            row = Row(line, HOUSING, year or 0, self.measures.get(header_key(measure), ""), Decimal(0))
            row.organisation = self.organisations.get(org.casefold())
            if row.organisation is None:
                self._error(line, _("Unknown housing organisation “%(value)s”.") % {"value": org})
            row.neighbourhood = self.neighbourhoods.get(area.casefold())
            if row.neighbourhood is None:
                self._error(line, _("Unknown neighbourhood “%(value)s”.") % {"value": area})
            if dept and row.organisation:
                row.department = self.departments.get((row.organisation.pk, dept.casefold()))
                if row.department is None or (
                    row.neighbourhood and row.department.neighbourhood_id != row.neighbourhood.pk
                ):
                    self._error(
                        line,
                        _("Unknown department “%(value)s” of %(organisation)s in this neighbourhood.")
                        % {"value": dept, "organisation": row.organisation.short_name},
                    )
                    row.department = None
        else:
            _year, name, measure, value = cells
            row = Row(line, DISTRICT, year or 0, self.measures.get(header_key(measure), ""), Decimal(0))
            row.district = self.districts.get(name.casefold())
            row.district_name = (
                row.district.name if row.district else self.new_districts.get(name.casefold(), "")
            )
            if not row.district_name:
                self._error(line, _("Unknown district “%(value)s”.") % {"value": name})
        if not row.measure:
            self._error(
                line,
                _("Unknown measure “%(value)s”; use one of %(measures)s.")
                % {
                    "value": measure,
                    "measures": ", ".join(f"{MEASURE_NAMES[m][0]} ({m.value})" for m in self.measure_kind),
                },
            )
        parsed = self._value(line, value, row.measure)
        if len(self.report.errors) > errors_before:
            return
        row.value = parsed
        if self._unique(row):
            self.report.rows.append(row)

    def _error(self, line, message):
        self.report.error(line, message)

    def _year(self, line, text):
        try:
            year = int(text)
        except ValueError:
            self._error(line, _("The year “%(value)s” is not a whole number.") % {"value": text})
            return None
        if not FIRST_YEAR <= year <= LAST_YEAR:
            self._error(
                line,
                _("The year %(value)s is outside %(first)s–%(last)s.")
                % {"value": year, "first": FIRST_YEAR, "last": LAST_YEAR},
            )
            return None
        return year

    def _value(self, line, text, measure):
        value, message = check_value(text, measure)
        if message:
            self._error(line, message)
        return value

    def _unique(self, row):
        first = self.seen.get(row.key)
        if first:
            self._error(
                row.line,
                _("The line repeats line %(first)s (%(row)s).") % {"first": first, "row": row.label()},
            )
            return False
        self.seen[row.key] = row.line
        if row.kind == HOUSING:
            level = "department" if row.department else "area"
            other = self.levels.get(row.area_key)
            if other and other[0] != level:
                self._error(
                    row.line,
                    _(
                        "%(row)s is given both for the whole neighbourhood (or another department) and per "
                        "department (line %(other)s); it would be counted twice."
                    )
                    % {"row": row.label(), "other": other[1]},
                )
                return False
            self.levels.setdefault(row.area_key, (level, row.line))
        return True

    def finish(self):
        if self.report.errors or self.kind != HOUSING:
            return
        # A figure for a whole area next to figures per department in the database counts twice too.
        years = {r.year for r in self.report.rows}
        existing = {}
        for org, area, dept, year, measure in HousingStatistic.objects.filter(
            plan=self.plan, year__in=years
        ).values_list("housing_organisation_id", "neighbourhood_id", "department_id", "year", "measure"):
            existing.setdefault((org, area, year, measure), set()).add("department" if dept else "area")
        for row in self.report.rows:
            level = "department" if row.department else "area"
            stored = existing.get(row.area_key, set())
            if stored and level not in stored:
                self._error(
                    row.line,
                    _("%(row)s: the app already has this figure %(stored)s; remove those first.")
                    % {
                        "row": row.label(),
                        "stored": _("per department")
                        if level == "area"
                        else _("for the whole neighbourhood"),
                    },
                )


def _compare(plan, report: ImportReport):
    """Sort the rows into new, changed and unchanged figures (two queries)."""
    if report.kind == HOUSING:
        years = {r.year for r in report.rows}
        stored = {}
        for stat in HousingStatistic.objects.filter(plan=plan, year__in=years):
            unit = (
                ("department", stat.department_id) if stat.department_id else ("area", stat.neighbourhood_id)
            )
            stored[(stat.housing_organisation_id, *unit, stat.year, stat.measure)] = stat.value
    else:
        stored = {
            (name.casefold(), year, measure): value
            for name, year, measure, value in DistrictStatistic.objects.filter(plan=plan).values_list(
                "district__name", "year", "measure", "value"
            )
        }
    for row in report.rows:
        old = stored.get(row.key)
        if old is None:
            report.new.append(Change(row, None))
        elif old != row.value:
            report.changed.append(Change(row, old))
        else:
            report.unchanged += 1


def statistics_template(plan: Plan, kind: str, *, per_department: bool = False) -> list[list]:
    """A file to fill in: the Danish header and one row per unit, year of the plan and measure, values empty.

    Housing units are the organisations' areas (organisation × neighbourhood), or their departments.
    """
    years = range(plan.start_date.year, plan.end_date.year + 1)
    rows: list[list] = [list(DANISH_HEADERS[kind])]
    if kind == HOUSING:
        fields = ["housing_organisation__short_name", "neighbourhood__name"]
        if per_department:
            fields.append("code")
        units = Department.objects.filter(plan=plan).values_list(*fields).distinct().order_by(*fields)
        for year in years:
            for measure in HousingMeasure:
                for unit in units:
                    department = unit[2] if per_department else ""
                    rows.append([year, unit[0], unit[1], department, MEASURE_NAMES[measure][0], ""])
        return rows
    names = sorted(
        {*District.objects.filter(plan=plan).values_list("name", flat=True)}
        | {*Neighbourhood.objects.filter(plan=plan).values_list("district", flat=True)},
        key=str.casefold,
    )
    for year in years:
        for measure in DistrictMeasure:
            for name in names:
                rows.append([year, name, MEASURE_NAMES[measure][0], ""])
    return rows
