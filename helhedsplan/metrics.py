"""The metric protocol and its registry: what a success criterion can be measured by.

A metric turns a plan's recorded work or statistics into one figure per year.
It declares its parameters (which become form fields on the criterion page),
computes the figures for all asked years in a constant number of aggregate
queries, and can list the records behind a figure (drill-down) and warn about
data that weaken it.

The protocol lives with the plan, below every app: a metric lives with the data
it counts (casework in `cases.metrics`, the logbook in `activities.metrics`,
statistics and milestones in `reporting.metrics`), and each app registers its
metrics in `AppConfig.ready()`, the way `django.contrib.admin` fills its
registry. The metric counts with its app's own rules (queryset methods and `Q`
factories), the same code the app's pages and totals call.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import EmptyResultSet, FieldError
from django.db import connections
from django.db.models import Aggregate, Expression, Func, JSONField, Q
from django.db.models.constants import LOOKUP_SEP
from django.db.models.lookups import Exact, GreaterThanOrEqual, LessThan, LessThanOrEqual
from django.db.models.sql.where import AND, WhereNode
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from helhedsplan.models import Plan


@dataclass
class Param:
    """A parameter of a metric, stored in the criterion version's `params` JSON."""

    name: str
    label: str
    kind: str = "choice"  # choice | multichoice | bool | int
    choices: Callable[[Plan], Iterable[tuple]] | None = None
    required: bool = True
    default: object = None
    help_text: str = ""

    def form_field(self, plan: Plan) -> forms.Field:
        common = {"label": capfirst(self.label), "required": False, "help_text": self.help_text}
        if self.kind == "bool":
            return forms.BooleanField(**common)
        if self.kind == "int":
            return forms.IntegerField(min_value=1, **common)
        choices = list(self.choices(plan)) if self.choices else []
        if self.kind == "multichoice":
            return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **common)
        return forms.ChoiceField(choices=[("", "---------"), *choices], **common)

    def to_json(self, value):
        if self.kind == "bool":
            return bool(value)
        if self.kind == "int":
            return int(value) if value not in (None, "") else None
        if self.kind == "multichoice":
            return sorted(str(v) for v in value or [])
        return value or ""

    def is_empty(self, value) -> bool:
        return value in (None, "", []) and self.kind != "bool"


#: What a figure for a year counts: that year, the criterion's period up to it, or everything up to it.
YEAR, PERIOD, EVER = "year", "period", "ever"


@dataclass
class Window:
    """What a metric is asked for: a plan, the parameters, years, and the day of looking."""

    plan: Plan
    params: dict
    years: list[int]
    as_of: datetime.date
    #: Counting "by a date" stops here (a target date), never later than the end of a year.
    stop_at: datetime.date | None = None
    #: Where a count over a period (not a single year) begins.
    period_start: datetime.date | None = None
    #: Shared look-ups of one request (e.g. the number of housing organisations).
    memo: dict = field(default_factory=dict)

    @property
    def started_years(self) -> list[int]:
        return [y for y in self.years if datetime.date(y, 1, 1) <= self.as_of]

    def cutoff(self, year: int) -> datetime.date:
        """The last day counted for `year`."""
        day = min(self.as_of, datetime.date(year, 12, 31))
        return min(day, self.stop_at) if self.stop_at else day

    def start(self, year: int, since: str = YEAR) -> datetime.date | None:
        """The first day counted for `year`: Jan 1, the period's start, or none (everything so far)."""
        if since == PERIOD:
            return self.period_start
        if since == EVER:
            return None
        return datetime.date(year, 1, 1)

    def param(self, name, default=None):
        value = self.params.get(name)
        return default if value in (None, "", []) else value


@dataclass
class Warning:
    """A data-quality warning shown next to the figure it affects."""

    message: str
    year: int | None = None


@dataclass
class Link:
    """A drill-down cell that links to the record."""

    text: str
    url: str

    def __str__(self):
        return self.text


@dataclass
class Drilldown:
    """The records behind a figure: a table for the drill-down page."""

    columns: list[str]
    rows: list[list]  # cells: text or Link
    total: int
    note: str = ""
    #: True when the records name residents and the role may only see the count.
    hidden: bool = False


class Metric:
    key: str = ""
    label = ""
    description = ""
    #: Figures that grow over a year (counts), pro-rated in the current year.
    accumulates = True
    #: The records behind the figure are about residents (cases): only for roles that may see them.
    sensitive = False
    params: list[Param] = []

    def unit(self, params: dict) -> str:
        return ""

    def decimals(self, params: dict) -> int:
        return 0

    # A metric overrides `values` or `prepare` (and `warnings` or `prepare_warnings`): `prepare`
    # asks a shared `Batch` for its aggregates, so that a page of criteria takes them all in one
    # query; `values` alone is the same rule run on a batch of its own.

    def values(self, window: Window) -> dict[int, Decimal | None]:
        return alone(self.prepare, window)

    def prepare(self, window: Window, batch: Batch) -> Callable[[], dict[int, Decimal | None]]:
        """Ask `batch` for what the figures need; returns what works them out once it has run."""
        return lambda: self.values(window)

    def required(self, window: Window) -> Decimal | None:
        """The count a "done by a date" target needs when the criterion gives none."""
        return None

    def warnings(self, window: Window, year: int) -> list[Warning]:
        return []

    def prepare_warnings(self, window: Window, year: int, batch: Batch) -> Callable[[], list[Warning]]:
        """Like `prepare`, for the warnings of `year`."""
        return lambda: self.warnings(window, year)

    def records(self, window: Window, year: int, *, viewer=None) -> Drilldown | None:
        return None

    def clean_params(self, params: dict) -> dict[str, str]:
        """Errors by parameter name; the default checks required parameters."""
        return {
            p.name: str(_("This parameter is required for the chosen metric."))
            for p in self.params
            if p.required and p.is_empty(params.get(p.name))
        }

    # Helpers -----------------------------------------------------------------

    def round(self, value, params: dict) -> Decimal | None:
        if value is None:
            return None
        quantum = Decimal(1).scaleb(-self.decimals(params))
        return Decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def date_range_q(date_field: str, start: datetime.date | None, end: datetime.date) -> Q:
    """Rows dated from `start` (None: no lower bound) to `end`, both included.

    A field ending in `__date` (the local day of a moment) is compared as moments,
    from the start day's first to the day after the end's, so that an index on the
    moment serves and no row is converted to a day.
    """
    if date_field.endswith("__date"):
        moment = date_field.removesuffix("__date")
        condition = Q(**{f"{moment}__lt": _midnight(end + datetime.timedelta(days=1))})
        if start is not None:
            condition &= Q(**{f"{moment}__gte": _midnight(start)})
        return condition
    condition = Q(**{f"{date_field}__lte": end})
    if start is not None:
        condition &= Q(**{f"{date_field}__gte": start})
    return condition


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def per_year(queryset, date_field: str, window: Window, aggregate, *, since: str = YEAR, empty=0):
    """One query: `aggregate(filter=...)` for each started year, conditionally.

    `since` says where each year's count begins: YEAR (Jan 1), PERIOD (the
    criterion's first year) or EVER (no lower bound: what exists by then).

    `aggregate` is a callable taking `filter=Q(...)` (e.g. `lambda f: Count("pk", filter=f)`).
    Returns {year: value}; years not begun are None. `empty` replaces a NULL
    result (0 for counts, None for averages and shares).
    """
    batch = Batch(window.plan)
    finish = per_year_asked(batch, queryset, Q(), date_field, window, aggregate, since=since, empty=empty)
    return finish()


def per_year_asked(
    batch, scope, condition: Q, date_field, window, aggregate, *, since=YEAR, empty=0, key=None
):
    """`per_year` on a batch: the rows of `scope` that meet `condition`; returns what reads the figures.

    The condition narrows the rows the database reads (an index serves it); criteria with the
    same condition on the same table share the aggregate. Give a `key` that names the condition
    when it holds a queryset (its text would run it).
    """
    started = window.started_years
    rows = scope.filter(condition)
    key = key or (scope.model, str(condition))
    field = date_field.removesuffix("__date")
    if LOOKUP_SEP in field:  # a date across a relation
        asked = batch.ask(rows, year_aggregates(date_field, window, aggregate, since), key=key)
    else:
        # One aggregate, compiled once, with each year's first and last day (or moment after it).
        column = rows.query.resolve_ref(field)
        moment = field != date_field
        bounds = {f"y{y}": _bounds(window, y, since, moment) for y in started}
        lower = any(first is not None for first, _after in bounds.values())
        upper = LessThan if moment else LessThanOrEqual
        slot_field = column.output_field
        template = aggregate(
            _all_of(
                upper(column, Slot(1, slot_field)),
                GreaterThanOrEqual(column, Slot(0, slot_field)) if lower else None,
            )
        )
        asked = batch.ask_alike(rows, template, bounds, key=key)

    def figures():
        row = asked()
        result = dict.fromkeys(window.years)
        for year in started:
            value = row[f"y{year}"]
            result[year] = empty if value is None else value
        return result

    return figures


class PerYearMetric(Metric):
    """A metric that is one aggregate over one table, dated by one field.

    It says which rows (`scope`: the plan's rows of the table; `condition`: this
    criterion's among them), by which date (`date_field`), and how they are
    aggregated (`aggregate`); a `Batch` takes the figures of all criteria in one
    query, one FILTER per year.
    """

    date_field: str = ""
    #: Empty result (0 for counts, None for averages).
    empty = 0

    def scope(self, window: Window):
        """The plan's rows of the table (e.g. its cases); criteria on the same table share it."""
        raise NotImplementedError

    def condition(self, window: Window) -> Q:
        """This criterion's rows among the scope's."""
        return Q()

    def queryset(self, window: Window):
        return self.scope(window).filter(self.condition(window))

    def aggregate(self, condition: Q):
        """The aggregate of the rows that meet `condition`, e.g. `Count("pk", filter=condition)`."""
        raise NotImplementedError

    def since(self, window: Window) -> str:
        return YEAR

    def prepare(self, window: Window, batch: Batch):
        figures = per_year_asked(
            batch,
            self.scope(window),
            self.condition(window),
            self.date_field,
            window,
            self.aggregate,
            since=self.since(window),
            empty=self.empty,
            key=(type(self), json.dumps(window.params, sort_keys=True, default=str)),
        )
        return lambda: {year: self.round(value, window.params) for year, value in figures().items()}

    def in_year(self, window: Window, year: int):
        """The rows behind a year's figure (for the drill-down)."""
        start = window.start(year, self.since(window))
        return self.queryset(window).filter(date_range_q(self.date_field, start, window.cutoff(year)))


def _bounds(window, year, since, moment: bool):
    """A year's first day and last day counted, or for a moment: their first moments (the day
    after the last)."""
    start, end = window.start(year, since), window.cutoff(year)
    if moment:
        return (
            _midnight(start) if start is not None else None,
            _midnight(end + datetime.timedelta(days=1)),
        )
    return start, end


def year_aggregates(date_field: str, window: Window, aggregate, since: str = YEAR) -> dict:
    """{"y2018": aggregate(filter=that year's rows), ...} for each started year."""
    return {
        f"y{year}": aggregate(date_range_q(date_field, window.start(year, since), window.cutoff(year)))
        for year in window.started_years
    }


class Rows:
    """A condition on a scope's table, resolved once, to which each figure adds equalities.

    A page asks for a figure per year and criterion: the criterion's condition is not worked
    out again for each, and `ask_alike` compiles the figures of all years as one.
    """

    def __init__(self, scope, condition: Q | None = None):
        self.scope, self.query, self.condition = scope, scope.query, condition or Q()
        try:
            self.where = self.query.build_where(self.condition) if self.condition else None
        except FieldError:  # a condition across a relation stays a Q
            self.where = False

    def where_equal(self, **equals):
        """The rows that meet the condition and have the values of `equals`."""
        if self.where is False:
            return self.condition & Q(**equals)
        lookups = [Exact(self.query.resolve_ref(name), value) for name, value in equals.items()]
        return _all_of(self.where, *lookups)

    def ask_alike(self, batch, aggregate, variants: dict, *, key=None):
        """Ask `batch` for `aggregate(filter)` over the rows with each variant's values,
        {name: {field: value}}; one aggregate compiled for all (see `Batch.ask_alike`)."""
        if not variants:
            return dict
        fields = list(next(iter(variants.values())))
        slots = {f: Slot(n, self.query.resolve_ref(f).output_field) for n, f in enumerate(fields)}
        values = {name: tuple(equals[f] for f in fields) for name, equals in variants.items()}
        return batch.ask_alike(self.scope, aggregate(self.where_equal(**slots)), values, key=key)


def _all_of(*lookups) -> WhereNode:
    return WhereNode([lookup for lookup in lookups if lookup is not None and lookup is not False], AND)


# Taking the aggregates of many criteria in one query ----------------------------------------------


class _Decoder(json.JSONDecoder):
    """Numbers with a fraction as Decimal, exactly as the database wrote them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, parse_float=Decimal, **kwargs)


class JSONList(Aggregate):
    """The values of the rows as a list, in the order of `ordering` (field names).

    PostgreSQL sorts in the aggregate (in the database's collation, as an
    ORDER BY would) and hands out [value] each; SQLite, whose aggregates cannot
    sort, hands out [key, ..., value] and `Batch` sorts them (SQLite compares
    text by code point, as Python does).
    """

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def __init__(self, expression, *, ordering, **extra):
        self.ordering = list(ordering)
        super().__init__(expression, *ordering, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        value, *keys = super(Aggregate, self).get_source_expressions()
        sql, params = compiler.compile(value)
        compiled = [compiler.compile(k) for k in keys]
        key_sqls = [k for k, _ps in compiled]
        key_params = [p for _sql, ps in compiled for p in ps]
        if connection.vendor == "postgresql":
            body = f"JSONB_AGG(JSONB_BUILD_ARRAY({sql}) ORDER BY {', '.join(key_sqls)})"
            body_params = [*params, *key_params]
        else:
            body = f"JSON_GROUP_ARRAY(JSON_ARRAY({', '.join([*key_sqls, sql])}))"
            body_params = [*key_params, *params]
        if self.filter is None:
            return body, body_params
        filter_sql, filter_params = compiler.compile(self.filter)
        return f"{body} FILTER (WHERE {filter_sql})", [*body_params, *filter_params]


#: At most this many figures in one JSON object (PostgreSQL takes up to 100 arguments to a function).
_CHUNK = 40


class Batch:
    """The aggregates that several metrics ask for, taken in one query.

    A metric `ask`s for named aggregates over a scope, the plan's rows of a table
    (its cases, its activities). Asks on the same table share one aggregate over
    it (a FILTER for each figure), and every table's aggregate is a subquery of
    one SELECT. `ask` returns what reads the figures once the batch has run
    (it runs when a figure is first read).
    """

    def __init__(self, plan: Plan):
        self.plan = plan
        self._parts: dict = {}  # key -> (scope, {alias: aggregate})
        self._results: dict | None = None
        self._names: set[str] = set()
        self._variants: dict[str, dict] = {}  # alias of a template -> {alias: slot values}
        self._statement: tuple | None = None  # compiled by the first run

    def ask(self, scope, aggregates: dict, *, key=None) -> Callable[[], dict]:
        """Ask for `aggregates` ({name: aggregate}) over `scope`.

        Scopes with the same `key` (default: the model; a scope is the plan's rows of
        a table) are taken as one: give another key for other rows of the same table.
        """
        if self._results is not None:
            raise RuntimeError("The batch has run; ask before reading a figure.")
        key = key or scope.model
        self._db = scope.db
        _scope, asked = self._parts.setdefault(key, (scope, {}))
        names = {name: f"a{len(self._names) + n}" for n, name in enumerate(aggregates)}
        self._names.update(names.values())
        asked.update({names[name]: aggregate for name, aggregate in aggregates.items()})

        def read():
            self.run()
            return {name: self._results[alias] for name, alias in names.items()}

        read.alias = names.get("_alike")
        return read

    def ask_alike(self, scope, template, variants: dict, *, key=None) -> Callable[[], dict]:
        """Ask for figures that are one aggregate, `template`, with other values in its `Slot`s:
        {name: (the value of slot 0, of slot 1, ...)}. The template is compiled once."""
        if not variants:
            return dict
        family = self.ask(scope, {"_alike": template}, key=key)
        alias = family.alias
        names = {name: f"{alias}_{n}" for n, name in enumerate(variants)}
        self._variants[alias] = {names[name]: values for name, values in variants.items()}

        def read():
            self.run()
            return {name: self._results[a] for name, a in names.items()}

        return read

    def run(self) -> None:
        if self._results is not None:
            return
        if self._statement is None:
            self._statement = self._compile()
        sql, params, kinds, constant = self._statement
        results = dict(constant)
        if sql:
            with connections[self._db].cursor() as cursor:
                cursor.execute(sql, params)
                row = cursor.fetchone()
            for table in row:
                for chunk in json.loads(table, cls=_Decoder) if table else []:
                    for alias, value in chunk.items():
                        if alias in kinds:
                            results[alias] = _convert(value, kinds[alias])
        self._results = results

    def rerun(self) -> None:
        """Take the figures from the database again, with the statement compiled the first time: what
        was asked is the same, the recorded work may not be."""
        self._results = None
        self.run()

    def _compile(self) -> tuple[str, list, dict, dict]:
        """The one SELECT, its parameters, each figure's type, and the figures no row can change."""
        selects, params, kinds, constant = [], [], {}, {}
        for scope, aggregates in self._parts.values():
            # The aggregates over all the scope's rows (no GROUP BY): one row, one JSON object.
            query = scope.order_by().query.chain()
            query.clear_select_clause()
            query.add_annotation(_Figures(aggregates, self._variants), "_figures", select=True)
            figures = query.annotations["_figures"]
            empty = {}
            for alias, expression in zip(figures.aliases, figures.get_source_expressions(), strict=True):
                kind = expression.output_field.get_internal_type()
                for each in self._variants.get(alias, (alias,)):
                    kinds[each] = kind
                    empty[each] = expression.empty_result_set_value  # 0 for a count
            # Each table's aggregate compiled once, as a query of its own, and put in one SELECT.
            try:
                sql, table_params = query.get_compiler(scope.db).as_sql()
            except EmptyResultSet:  # no rows can match (e.g. among none): what an aggregate gives
                constant.update(empty)
                continue
            selects.append(f"CAST(({sql}) AS TEXT)")
            params.extend(table_params)
        return (f"SELECT {', '.join(selects)}" if selects else ""), params, kinds, constant


class _Figures(Func):
    """{alias: aggregate, ...} as JSON: a list of objects of at most `_CHUNK` figures each."""

    output_field = JSONField()

    def __init__(self, aggregates: dict, variants: dict):
        self.aliases = list(aggregates)
        self.variants = variants
        super().__init__(*aggregates.values())

    def as_sql(self, compiler, connection, **extra_context):
        postgresql = connection.vendor == "postgresql"
        build_object = "JSONB_BUILD_OBJECT" if postgresql else "JSON_OBJECT"
        build_array = "JSONB_BUILD_ARRAY" if postgresql else "JSON_ARRAY"
        items, params = [], []
        for alias, expression in zip(self.aliases, self.get_source_expressions(), strict=True):
            try:
                sql, expression_params = compiler.compile(expression)
            except EmptyResultSet:  # among no rows (e.g. an outcome among none): the empty aggregate
                value = expression.empty_result_set_value
                sql, expression_params = ("NULL", []) if value is None else ("%s", [value])
            for each, values in self.variants.get(alias, {alias: None}).items():
                items.append(f"'{each}', {sql}")  # an alias is a1, a2_3...: no quoting needed
                if values is None:
                    params.extend(expression_params)
                else:
                    params.extend(
                        p.value(values, connection) if isinstance(p, Slot) else p for p in expression_params
                    )
        # An aggregate of every row, so that the query is one even when all figures are constants
        # (a figure among no rows: Django writes its value, e.g. 0).
        items.append("'_rows', COUNT(*)")
        chunks = [f"{build_object}({', '.join(items[i : i + _CHUNK])})" for i in range(0, len(items), _CHUNK)]
        return f"{build_array}({', '.join(chunks)})", params


class Slot(Expression):
    """A value that each figure of `Batch.ask_alike` gives: its index in the figure's values."""

    def __init__(self, index: int, output_field):
        super().__init__(output_field=output_field)
        self.index = index

    def as_sql(self, compiler, connection):
        return "%s", [self]

    def value(self, values, connection):
        """This slot's value of a figure, as the column's lookups would pass it."""
        return self.output_field.get_db_prep_value(values[self.index], connection, prepared=False)


def _convert(value, kind: str):
    """A figure read from JSON as the database's own column would be."""
    if value is None:
        return None
    if kind == "JSONField":  # a JSONList: [[key, ..., value], ...] from SQLite, [[value], ...] sorted
        return [item[-1] for item in sorted(value, key=lambda item: item[:-1])]
    if kind == "DateField":
        return datetime.date.fromisoformat(value)
    if kind == "FloatField":
        return float(value)
    if kind == "DecimalField":
        return Decimal(value)
    if kind in ("CharField", "TextField"):
        return value
    return int(value)


def alone(prepare, window: Window, *args):
    """Run `prepare` (a metric's) on a batch of its own: what a single criterion needs."""
    batch = Batch(window.plan)
    return prepare(window, *args, batch)()


class Catalogue(dict):
    """key -> Metric; the order of registration is the order in forms.

    Apps register their metrics in `AppConfig.ready()`; registering a key again
    replaces the metric (a reloaded module does not add a second one).
    """

    def register(self, metric_class):
        metric = metric_class()
        self[metric.key] = metric
        return metric_class

    def choices(self):
        return [(key, metric.label) for key, metric in self.items()]


catalogue = Catalogue()
