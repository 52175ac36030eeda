"""Reads for reporting: the success criteria computed for a plan and a year.

`criteria_results(plan, year, as_of=None)` is the stable entry point the
dashboard, the JSON endpoint, the `report_criteria` command and the status
notes build on. It returns plain, immutable data (`CriterionResult`), so a
caller never touches the metric machinery or the database again.

Every figure is computed by aggregates in the database, all in one query: each
metric asks a shared `Batch` for its figures for all years, the reference values
and the warnings of the year; the batch takes an aggregate per table (one FILTER
per figure) and puts them in one SELECT, whatever the number of criteria, cases,
entries or statistics.
"""

from __future__ import annotations

import datetime
import functools
import json
import threading
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connections
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.hashable import make_hashable
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from helhedsplan import hotpath
from helhedsplan.models import FocusArea, Initiative, Plan
from helhedsplan.statements import LRU

from .metrics import Batch, Drilldown, Metric, Rows, Window, catalogue
from .models import CriterionVersion, District, DistrictStatistic, SuccessCriterion, TargetKind
from .status import STATUS_COLOURS, STATUS_SYMBOLS, Judgement, Status, judge, reduction_target

__all__ = [
    "CriterionResult",
    "SeriesPoint",
    "criteria_report",
    "criteria_results",
    "criterion_records",
    "criterion_result",
    "version_for",
]


@dataclass(frozen=True)
class SeriesPoint:
    """One year of a criterion's chart."""

    year: int
    value: Decimal | None
    target: Decimal | None
    expected: Decimal | None
    reference: Decimal | None
    status: str


@dataclass(frozen=True)
class CriterionResult:
    """A criterion judged for one year: plain data for pages, exports and status notes.

    Numbers are `Decimal` (or None when there is no figure); `status` is a
    `reporting.status.Status` value ("met", "on_track", "at_risk", "not_met",
    "no_data", "not_judged") and `status_label` its words in the active language.
    `series` has one point per year of the criterion, oldest first.
    """

    criterion_id: int
    version_id: int | None
    code: str
    title: str
    focus_area: str
    focus_area_id: int
    initiative: str | None
    initiative_id: int | None
    initiative_number: int | None
    data_source: str
    metric: str
    unit: str
    decimals: int
    year: int
    as_of: datetime.date
    value: Decimal | None
    baseline: Decimal | None
    baseline_year: int | None
    baseline_note: str
    target: Decimal | None
    target_kind: str
    target_label: str
    expected: Decimal | None
    reference: Decimal | None
    reference_label: str
    status: str
    status_label: str
    warnings: tuple[str, ...] = ()
    series: tuple[SeriesPoint, ...] = ()
    has_records: bool = False
    position: int = 0

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS[Status(self.status)]

    @property
    def status_symbol(self) -> str:
        return STATUS_SYMBOLS[Status(self.status)]

    def as_dict(self) -> dict:
        """JSON-ready: numbers as floats, dates as ISO strings."""
        data = asdict(self)
        return json.loads(json.dumps(data, default=_json_default))


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(type(value))


def version_for(versions: list[CriterionVersion], year: int, as_of: datetime.date) -> CriterionVersion | None:
    """The version that judges `year`: the latest in force at the year's end (or on `as_of`)."""
    day = min(as_of, datetime.date(year, 12, 31))
    valid = [v for v in versions if v.valid_from <= day]
    return max(valid, key=lambda v: v.valid_from) if valid else None


@functools.cache
def _criteria_statement(alias: str):
    """The SELECT of `criteria_with_versions`, written once per database from the models' metadata."""
    connection = connections[alias]
    quote = connection.ops.quote_name
    tables = {
        "c": SuccessCriterion,
        "f": FocusArea,
        "i": Initiative,
        "v": CriterionVersion,
        "d": District,
    }
    columns = {alias_: hotpath.Columns(model, alias_, connection) for alias_, model in tables.items()}

    def table(alias_):
        return f"{quote(tables[alias_]._meta.db_table)} {alias_}"

    def column(alias_, field):
        return f"{alias_}.{quote(tables[alias_]._meta.get_field(field).column)}"

    sql = (  # only names from the models' metadata go into the SQL; the plan's id is a parameter
        f"SELECT {', '.join(c.sql for c in columns.values())} FROM {table('c')}"  # noqa: S608
        f" INNER JOIN {table('f')} ON {column('f', 'id')} = {column('c', 'focus_area')}"
        f" LEFT JOIN {table('i')} ON {column('i', 'id')} = {column('c', 'initiative')}"
        f" LEFT JOIN {table('v')} ON {column('v', 'criterion')} = {column('c', 'id')}"
        f" LEFT JOIN {table('d')} ON {column('d', 'id')} = {column('v', 'reference_district')}"
        f" WHERE {column('c', 'plan')} = %s"
        # by focus area, initiative (the focus area's own criteria first), position and code
        f" ORDER BY {column('f', 'name')}, CASE WHEN {column('i', 'number')} IS NULL THEN 0 ELSE 1 END,"
        f" {column('i', 'number')}, {column('c', 'position')}, {column('c', 'code')}, {column('c', 'id')},"
        f" {column('v', 'valid_from')}, {column('v', 'id')}"
    )
    return sql, list(columns.values())


def criteria_with_versions(plan: Plan) -> list[tuple[SuccessCriterion, list[CriterionVersion]]]:
    """The plan's criteria by focus area, initiative (the focus area's own criteria first), position and
    code, each with its versions by the date they apply from, their focus area, initiative and reference
    districts: one query (the dashboard reads them on every look; `tests/reporting/
    test_prepared_criteria.py` compares them with the ORM's read)."""
    alias = SuccessCriterion.objects.db
    connection = connections[alias]
    sql, (criterion_columns, area_columns, initiative_columns, version_columns, district_columns) = (
        _criteria_statement(alias)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan.pk])
        rows = cursor.fetchall()
    found: dict[int, tuple[SuccessCriterion, list]] = {}
    bounds, start = [], 0
    for columns in (criterion_columns, area_columns, initiative_columns, version_columns, district_columns):
        bounds.append((start, start + len(columns.fields)))
        start += len(columns.fields)
    (c0, c1), (f0, f1), (i0, i1), (v0, v1), (d0, d1) = bounds
    for row in rows:
        criterion_id = row[c0]
        if criterion_id not in found:
            criterion = criterion_columns.instance(row[c0:c1], connection)
            criterion.plan = plan
            criterion.focus_area = area_columns.instance(row[f0:f1], connection)
            criterion.initiative = initiative_columns.instance(row[i0:i1], connection) if row[i0] else None
            found[criterion_id] = (criterion, [])
        criterion, versions = found[criterion_id]
        if row[v0] is None:  # a criterion without versions
            continue
        version = version_columns.instance(row[v0:v1], connection)
        version.criterion = criterion
        version.reference_district = district_columns.instance(row[d0:d1], connection) if row[d0] else None
        versions.append(version)
    return list(found.values())


def criteria_results(plan: Plan, year: int, as_of: datetime.date | None = None) -> list[CriterionResult]:
    """Every criterion of `plan` judged for `year`, as seen on `as_of` (default today).

    Ordered by focus area, initiative (the focus area's own criteria first) and
    position. Queries: 1 for the criteria with their versions, and 1 for every
    criterion's figures, references and warnings (a metric that cannot share the
    batch, the network interval, takes its own).

    Asking the metrics for their figures and compiling the batch's SELECT is most of the work,
    and it depends only on the criteria as configured, the year, the day and the language: the
    next look with all of those the same runs the same SELECT again (see `_Prepared`).
    """
    as_of = as_of or timezone.localdate()
    criteria = criteria_with_versions(plan)
    key = _configuration(plan, year, as_of, criteria)
    prepared = _prepared.get(key)
    if prepared is None:
        prepared = _Prepared(plan, year, as_of, criteria)
        if prepared.reusable:
            _prepared.put(key, prepared)
    return prepared.results()


class _Prepared:
    """The criteria of a plan asked of one batch for one year and day, to run again and again.

    The batch's statement is compiled by the first run; each run takes the figures afresh from the
    database and the finishers judge them, so a result is always the recorded work's of that moment.
    A preparation that read the database itself (its asks could then depend on data, not only on
    the configuration) is not reused.
    """

    def __init__(self, plan, year, as_of, criteria):
        memo: dict = {}
        self.batch = Batch(plan)
        self.lock = threading.Lock()
        read: list[str] = []

        def watch(execute, sql, params, many, context):
            read.append(sql)
            return execute(sql, params, many, context)

        with connections[SuccessCriterion.objects.db].execute_wrapper(watch):
            self.finishers = [
                _prepare_result(c, versions, year, as_of, memo, self.batch) for c, versions in criteria
            ]
        self.reusable = not read
        self.fresh = True

    def results(self) -> list[CriterionResult]:
        with self.lock:  # one run at a time: the finishers read the batch's figures
            if not self.fresh:
                self.batch.rerun()
            self.fresh = False
            return [finish() for finish in self.finishers]


#: The last few preparations of this process, by configuration.
_prepared = LRU(16)


def _row(obj) -> tuple | None:
    """Every stored value of a model instance (None for no instance)."""
    if obj is None:
        return None
    return (obj._meta.label, *(make_hashable(getattr(obj, f.attname)) for f in obj._meta.concrete_fields))


def _configuration(plan, year, as_of, criteria) -> tuple:
    """Everything a preparation depends on: the plan and each criterion, its focus area, initiative
    and versions with their reference districts as stored, the year, the day, the database, the
    language and the time zone. Two looks with equal configurations ask for the same figures."""
    rows = [_row(plan)]
    for criterion, versions in criteria:
        rows += [_row(criterion), _row(criterion.focus_area), _row(criterion.initiative)]
        for version in versions:
            rows += [_row(version), _row(version.reference_district)]
    database = SuccessCriterion.objects.db
    return (
        database,
        connections[database].vendor,
        get_language(),
        timezone.get_current_timezone_name(),
        year,
        as_of,
        tuple(rows),
    )


def criterion_result(
    criterion: SuccessCriterion, year: int, as_of: datetime.date | None = None, *, memo: dict | None = None
) -> CriterionResult:
    """One criterion judged for `year`. Prefetch `versions` to save a query."""
    as_of = as_of or timezone.localdate()
    memo = {} if memo is None else memo
    versions = sorted(criterion.versions.all(), key=lambda v: v.valid_from)
    return _prepare_result(criterion, versions, year, as_of, memo, Batch(criterion.plan))()


def _prepare_result(criterion, versions, year, as_of, memo, batch):
    """Ask `batch` for what the criterion's result needs; returns what makes the result once it ran.
    `versions`: the criterion's versions by the date they apply from."""
    version = version_for(versions, year, as_of) or (versions[0] if versions else None)
    if version is None or version.metric not in catalogue:
        return lambda: _unconfigured(criterion, year, as_of, version)

    years = _years(versions, year)
    by_year = {y: version_for(versions, y, as_of) or versions[0] for y in years}
    values_asked, windows = _values(criterion, by_year, as_of, memo, batch)
    references_asked = _references(by_year, years, batch)
    metric = catalogue[version.metric]
    warnings_asked = metric.prepare_warnings(windows[year], year, batch)
    return lambda: _result(
        criterion,
        year,
        as_of,
        version,
        versions,
        years,
        by_year,
        windows,
        values_asked(),
        references_asked(),
        warnings_asked(),
    )


def _result(criterion, year, as_of, version, versions, years, by_year, windows, values, references, warnings):
    series = []
    for y in years:
        v = by_year[y]
        judgement = _judge(v, y, values[y], as_of, windows[y])
        series.append(
            SeriesPoint(y, values[y], judgement.target, judgement.expected, references[y], judgement.status)
        )
    point = next(p for p in series if p.year == year)
    metric = catalogue[version.metric]
    judged_by = version_for(versions, year, as_of)
    status = Status(point.status) if judged_by else Status.NOT_JUDGED
    warnings = [w.message for w in warnings]
    if version.target_kind == TargetKind.REDUCTION_BY_YEAR and version.baseline_value is None:
        warnings.append(_("The criterion has no baseline, so the reduction cannot be worked out."))
    return CriterionResult(
        criterion_id=criterion.pk,
        version_id=version.pk,
        code=criterion.code,
        title=criterion.title,
        focus_area=criterion.focus_area.name,
        focus_area_id=criterion.focus_area_id,
        initiative=str(criterion.initiative) if criterion.initiative_id else None,
        initiative_id=criterion.initiative_id,
        initiative_number=criterion.initiative.number if criterion.initiative_id else None,
        data_source=criterion.data_source,
        metric=version.metric,
        unit=metric.unit(version.params),
        decimals=metric.decimals(version.params),
        year=year,
        as_of=as_of,
        value=point.value,
        baseline=version.baseline_value,
        baseline_year=version.baseline_year,
        baseline_note=version.baseline_note,
        target=point.target,
        target_kind=version.target_kind,
        target_label=target_label(version, point.target, metric.decimals(version.params)),
        expected=point.expected,
        reference=point.reference,
        reference_label=version.reference_label or (str(version.reference_district or "")),
        status=status.value,
        status_label=str(status.label),
        warnings=tuple(warnings),
        series=tuple(series),
        has_records=type(metric).records is not Metric.records,
        position=criterion.position,
    )


def criterion_records(
    criterion: SuccessCriterion, year: int, as_of: datetime.date | None = None, *, viewer=None
) -> tuple[CriterionResult, Drilldown | None]:
    """The criterion's result for `year` and the records behind its figure.

    `viewer` is the membership looking; metrics on residents' cases hide the
    records from roles that may not see them.
    """
    as_of = as_of or timezone.localdate()
    result = criterion_result(criterion, year, as_of)
    versions = sorted(criterion.versions.all(), key=lambda v: v.valid_from)
    version = version_for(versions, year, as_of) or (versions[0] if versions else None)
    if version is None or version.metric not in catalogue:
        return result, None
    version.criterion = criterion
    window = _window(version, [year], as_of, {})
    return result, catalogue[version.metric].records(window, year, viewer=viewer)


REPORT_FIELDS = [
    "code",
    "title",
    "focus_area",
    "initiative",
    "data_source",
    "unit",
    "value",
    "baseline",
    "baseline_year",
    "target",
    "target_kind",
    "target_label",
    "expected",
    "reference",
    "reference_label",
    "status",
    "status_label",
    "warnings",
]


def criteria_report(plan: Plan, year: int, as_of: datetime.date | None = None) -> dict:
    """The JSON document of the API and `report_criteria`: one record per criterion."""
    as_of = as_of or timezone.localdate()
    results = criteria_results(plan, year, as_of)
    criteria = []
    for result in results:
        data = result.as_dict()
        record = {name: data[name] for name in REPORT_FIELDS}
        record["series"] = [
            {"year": p["year"], "value": p["value"], "status": p["status"]} for p in data["series"]
        ]
        criteria.append(record)
    return {
        "plan": {"id": plan.pk, "name": plan.name},
        "year": year,
        "as_of": as_of.isoformat(),
        "criteria": criteria,
    }


# Internals ---------------------------------------------------------------------


def _years(versions, year) -> list[int]:
    first = min(min(v.first_year, v.baseline_year or v.first_year) for v in versions)
    last = max(v.last_year for v in versions)
    return list(range(min(first, year), max(last, year) + 1))


def _window(version: CriterionVersion, years, as_of, memo) -> Window:
    stop_at = version.target_date if version.target_kind == TargetKind.DONE_BY_DATE else None
    return Window(
        plan=version.criterion.plan,
        params=version.params or {},
        years=list(years),
        as_of=as_of,
        stop_at=stop_at,
        period_start=version.start_date,
        memo=memo,
    )


def _values(criterion, by_year, as_of, memo, batch):
    """Each year's figure; versions that measure alike share one computation.

    Returns what reads the figures once `batch` has run, and each year's window.
    """
    groups: dict[tuple, list[int]] = {}
    first_version: dict[tuple, CriterionVersion] = {}
    for y, v in by_year.items():
        v.criterion = criterion  # spare a query for the plan
        key = (
            v.metric,
            json.dumps(v.params, sort_keys=True),
            v.target_date if v.target_kind == TargetKind.DONE_BY_DATE else None,
            v.first_year,
        )
        groups.setdefault(key, []).append(y)
        first_version.setdefault(key, v)
    asked, windows = [], {}
    for key, years in groups.items():
        version = first_version[key]
        window = _window(version, years, as_of, memo)
        asked.append(catalogue[version.metric].prepare(window, batch))
        windows.update(dict.fromkeys(years, window))

    def values():
        result = {}
        for figures in asked:
            result.update(figures())
        return result

    return values, windows


def _references(by_year, years, batch):
    """The reference value of each year: a district's statistic, or the version's fixed value.

    Returns what reads them once `batch` has run.
    """
    wanted = {
        (v.reference_district_id, v.reference_measure) for v in by_year.values() if v.reference_district_id
    }
    # One figure per district, measure and year (a unique constraint).
    scope = DistrictStatistic.objects.filter(district_id__in={d for d, _m in wanted})
    variants = {
        (district_id, measure, y): {"district": district_id, "measure": measure, "year": y}
        for district_id, measure in wanted
        for y in years
    }
    asked = Rows(scope).ask_alike(batch, lambda f: Max("value", filter=f), variants, key="references")

    def references():
        yearly = asked()
        result = {}
        for y, v in by_year.items():
            figure = yearly.get((v.reference_district_id, v.reference_measure, y))
            result[y] = figure if figure is not None else v.reference_value
        return result

    return references


def _judge(version: CriterionVersion, year, value, as_of, window) -> Judgement:
    if not (version.first_year <= year <= version.last_year):
        kind = TargetKind(version.target_kind)
        target = (
            reduction_target(version.baseline_value, version.target_value)
            if kind == TargetKind.REDUCTION_BY_YEAR
            else version.target_value
        )
        return Judgement(Status.NOT_JUDGED if value is not None else Status.NO_DATA, target)
    metric = catalogue[version.metric]
    required = metric.required(window) if version.target_kind == TargetKind.DONE_BY_DATE else None
    return judge(
        kind=version.target_kind,
        value=value,
        year=year,
        as_of=as_of,
        target_value=version.target_value,
        target_year=version.target_year,
        target_date=version.target_date,
        baseline_value=version.baseline_value,
        baseline_year=version.baseline_year,
        accumulates=metric.accumulates,
        required=None if required is None else Decimal(required),
        period_start=version.start_date,
    )


def format_number(value: Decimal | float | None, decimals: int | None = 0) -> str:
    """A figure in the active language, rounded half up (Django's number_format truncates).

    `decimals=None` shows as many decimals as the figure has (4.60 -> "4,6").
    """
    if value is None or value == "":
        return "–"
    value = Decimal(str(value))
    if decimals is None:
        value = value.normalize()
        if value == value.to_integral():
            value = value.quantize(Decimal(1))
        return number_format(value, use_l10n=True, force_grouping=True)
    value = value.quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)
    return number_format(value, decimal_pos=int(decimals), use_l10n=True, force_grouping=True)


def version_target(
    version: CriterionVersion, *, plan: Plan, as_of: datetime.date, memo: dict
) -> Decimal | None:
    """The figure a version aims at, worked out as the dashboard judges it.

    A reduction comes to a figure (44 less 20 % = 35.2); a "done by a date"
    without a count needs what the metric requires (every housing organisation).
    """
    kind = TargetKind(version.target_kind)
    if kind == TargetKind.REDUCTION_BY_YEAR:
        return reduction_target(version.baseline_value, version.target_value)
    if kind == TargetKind.DONE_BY_DATE and version.target_value is None and version.metric in catalogue:
        window = Window(
            plan=plan, params=version.params or {}, years=[version.last_year], as_of=as_of, memo=memo
        )
        required = catalogue[version.metric].required(window)
        return None if required is None else Decimal(required)
    return version.target_value


def target_label(version: CriterionVersion, target: Decimal | None, decimals: int) -> str:
    """The target in words, e.g. "at least 20 a year" or "below 10 by 2020"."""
    kind = TargetKind(version.target_kind)
    n = format_number(target, decimals if kind != TargetKind.AT_LEAST_PER_YEAR else 0)
    if kind == TargetKind.AT_LEAST_PER_YEAR:
        return _("at least %(n)s a year") % {"n": format_number(target, _decimals_of(target))}
    if kind == TargetKind.AT_MOST_PER_YEAR:
        return _("at most %(n)s a year") % {"n": format_number(target, _decimals_of(target))}
    if kind == TargetKind.REDUCTION_BY_YEAR:
        return _("at most %(n)s by %(year)s (%(percent)s %% below the baseline)") % {
            "n": format_number(target, max(decimals, _decimals_of(target))),
            "year": version.target_year,
            "percent": format_number(version.target_value, _decimals_of(version.target_value)),
        }
    if kind == TargetKind.BELOW_BY_YEAR:
        return _("below %(n)s by %(year)s") % {"n": n, "year": version.target_year}
    if kind == TargetKind.ABOVE_BY_YEAR:
        return _("at least %(n)s by %(year)s") % {"n": n, "year": version.target_year}
    day = date_format(version.target_date, "SHORT_DATE_FORMAT") if version.target_date else "?"
    return _("%(n)s done by %(date)s") % {"n": format_number(target, 0), "date": day}


def _decimals_of(value: Decimal | None) -> int:
    if value is None:
        return 0
    normalized = value.normalize()
    return max(0, -normalized.as_tuple().exponent)


def _unconfigured(criterion, year, as_of, version) -> CriterionResult:
    warning = (
        _("The criterion has no version yet: add one with its metric and target.")
        if version is None
        else _("The criterion's metric is not in the catalogue.")
    )
    return CriterionResult(
        criterion_id=criterion.pk,
        version_id=version.pk if version else None,
        code=criterion.code,
        title=criterion.title,
        focus_area=criterion.focus_area.name,
        focus_area_id=criterion.focus_area_id,
        initiative=str(criterion.initiative) if criterion.initiative_id else None,
        initiative_id=criterion.initiative_id,
        initiative_number=criterion.initiative.number if criterion.initiative_id else None,
        data_source=criterion.data_source,
        metric=version.metric if version else "",
        unit="",
        decimals=0,
        year=year,
        as_of=as_of,
        value=None,
        baseline=version.baseline_value if version else None,
        baseline_year=version.baseline_year if version else None,
        baseline_note=version.baseline_note if version else "",
        target=None,
        target_kind=version.target_kind if version else "",
        target_label="",
        expected=None,
        reference=None,
        reference_label="",
        status=Status.NO_DATA.value,
        status_label=str(Status.NO_DATA.label),
        warnings=(warning,),
        position=criterion.position,
    )
