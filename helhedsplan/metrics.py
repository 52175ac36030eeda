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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.db.models import Q
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

    def values(self, window: Window) -> dict[int, Decimal | None]:
        raise NotImplementedError

    def required(self, window: Window) -> Decimal | None:
        """The count a "done by a date" target needs when the criterion gives none."""
        return None

    def warnings(self, window: Window, year: int) -> list[Warning]:
        return []

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


def per_year(queryset, date_field: str, window: Window, aggregate, *, since: str = YEAR, empty=0):
    """One query: `aggregate(filter=...)` for each started year, conditionally.

    `since` says where each year's count begins: YEAR (Jan 1), PERIOD (the
    criterion's first year) or EVER (no lower bound: what exists by then).

    `aggregate` is a callable taking `filter=Q(...)` (e.g. `lambda f: Count("pk", filter=f)`).
    Returns {year: value}; years not begun are None. `empty` replaces a NULL
    result (0 for counts, None for averages and shares).
    """
    started = window.started_years
    result = dict.fromkeys(window.years)
    if not started:
        return result
    row = queryset.aggregate(**year_aggregates(date_field, window, aggregate, since))
    for year in started:
        value = row[f"y{year}"]
        result[year] = empty if value is None else value
    return result


class PerYearMetric(Metric):
    """A metric that is one aggregate over one table, dated by one field.

    It says which rows (`queryset`), by which date (`date_field`), and how they
    are aggregated (`aggregate`); `aggregates` hands that out as expressions, so
    figures of several criteria on the same table could be taken in one query.
    """

    date_field: str = ""
    #: Empty result (0 for counts, None for averages).
    empty = 0

    def queryset(self, window: Window):
        raise NotImplementedError

    def aggregate(self, condition: Q):
        """The aggregate of the rows that meet `condition`, e.g. `Count("pk", filter=condition)`."""
        raise NotImplementedError

    def since(self, window: Window) -> str:
        return YEAR

    def aggregates(self, window: Window):
        """(queryset, {alias: aggregate expression}) for the started years; see `per_year`."""
        return self.queryset(window), year_aggregates(
            self.date_field, window, self.aggregate, self.since(window)
        )

    def values(self, window: Window) -> dict[int, Decimal | None]:
        figures = per_year(
            self.queryset(window),
            self.date_field,
            window,
            self.aggregate,
            since=self.since(window),
            empty=self.empty,
        )
        return {year: self.round(value, window.params) for year, value in figures.items()}

    def in_year(self, window: Window, year: int):
        """The rows behind a year's figure (for the drill-down)."""
        condition = Q(**{f"{self.date_field}__lte": window.cutoff(year)})
        start = window.start(year, self.since(window))
        if start is not None:
            condition &= Q(**{f"{self.date_field}__gte": start})
        return self.queryset(window).filter(condition)


def year_aggregates(date_field: str, window: Window, aggregate, since: str = YEAR) -> dict:
    """{"y2018": aggregate(filter=that year's rows), ...} for each started year."""
    aggregates = {}
    for year in window.started_years:
        condition = Q(**{f"{date_field}__lte": window.cutoff(year)})
        start = window.start(year, since)
        if start is not None:
            condition &= Q(**{f"{date_field}__gte": start})
        aggregates[f"y{year}"] = aggregate(condition)
    return aggregates


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
