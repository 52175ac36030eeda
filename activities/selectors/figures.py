"""The logbook's yearly figures, in total (`totals_by_year`) and per initiative.

Each a handful of grouped queries that do not grow with the number of entries or years.
They count with the models' rules (`Span`, `ActivityQuerySet.by_residents`, ...), the same
code the success-criterion metrics (`activities.metrics`) call.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import Q, QuerySet
from django.db.models.sql import Query

from helhedsplan.models import Initiative, Plan
from helhedsplan.statements import kept, statement

from ..models import (
    Activity,
    ChildrenBoard,
    Idea,
    ResidentMeeting,
)


@dataclass
class YearTotals:
    """The logbook's figures for one calendar year (the success criteria's raw material)."""

    year: int
    # Activities, counted by their first day.
    activities: int = 0
    participants_residents: int = 0
    participants_children: int = 0
    participants_others: int = 0
    volunteers: int = 0
    resident_initiated_activities: int = 0
    resident_initiated_participants: int = 0  # residents taking part in activities residents initiated
    # The course.
    cohorts_started: int = 0
    course_sessions: int = 0
    graduates: int = 0  # by completion date
    # Ideas.
    ideas_proposed: int = 0
    ideas_realised: int = 0  # realised with the plan's support, by date realised
    # Children's boards.
    children_boards_active: int = 0  # boards that existed at some time in the year
    children_boards_at_year_end: int = 0  # existing on 31 December (ChildrenBoard.span)
    children_board_meetings: int = 0
    active_children: int = 0  # the boards' reported active children, added up
    boards_reporting_children: int = 0
    fewest_active_children: int | None = None  # the smallest board's count (a target "N in each board")
    survey_children_asked: int = 0
    survey_children_felt_influence: int = 0
    # Meetings.
    resident_meetings: int = 0
    resident_meeting_attendance_avg: float | None = None
    board_department_meetings: int = 0
    board_department_attendance_avg: float | None = None  # in departments with a children's board
    network_meetings: int = 0

    @property
    def felt_influence_share(self) -> float | None:
        """The share of the surveyed children who felt they had influence."""
        if not self.survey_children_asked:
            return None
        return self.survey_children_felt_influence / self.survey_children_asked

    @property
    def participants_total(self) -> int:
        return self.participants_residents + self.participants_others


def _rule(model, q: Q) -> tuple[str, list]:
    """A rule of the models (a Q object) as a SQL condition on `model`'s table, so the figures
    below, written out as SQL, still count with the rules the metrics count with."""
    query = Query(model)
    try:
        sql, params = query.build_where(q).as_sql(query.get_compiler(connection=connection), connection)
    except EmptyResultSet:
        return "1 = 0", []
    except FullResultSet:
        return "1 = 1", []
    return f"({sql})", list(params)


def _columns(rule: tuple[str, list], columns: dict) -> tuple[str, list]:
    """`rule` with each parameter that is a key of `columns` replaced by that column."""
    sql, params = rule
    pieces = sql.split("%s")
    if len(pieces) != len(params) + 1:
        raise ValueError("A rule's SQL must hold one %s per parameter.")
    written, kept = [pieces[0]], []
    for param, piece in zip(params, pieces[1:], strict=True):
        if param in columns:
            written.append(columns[param])
        else:
            written.append("%s")
            kept.append(param)
        written.append(piece)
    return "".join(written), kept


@dataclass
class _Part:
    """Some figures of one table per calendar year: a SELECT of the UNION in `_figures`, giving
    `part, year, group` and up to `_WIDTH` values (aggregates: SQL with their parameters)."""

    key: str
    table: str
    values: dict[str, tuple[str, list]]
    date: str | None = None  # the date a row counts by (in the years asked for) ...
    year: str | None = None  # ... or its year field (one of the years asked for) ...
    # ... or every row counts in each year asked for (beside columns y.year, y.first_day, y.last_day):
    each_year: bool = False
    parent: tuple[str, str] | None = None  # (table, foreign key) that ties the rows to the plan
    where: tuple[tuple[str, list], ...] = ()  # more conditions (the models' rules)
    group: str | None = None  # a column to group by as well as the year

    def sql(self, plan_id: int, years: list[int]) -> tuple[str, list]:
        where = [(f"{self.parent[0] if self.parent else self.table}.plan_id = %s", [plan_id]), *self.where]
        year, year_params, source_params = "y.year", (), []  # y: each_year's list of years
        if self.date:
            year, year_params = connection.ops.date_extract_sql("year", f"{self.table}.{self.date}", ())
            first, last = date(years[0], 1, 1), date(years[-1], 12, 31)
            where.append((f"{self.table}.{self.date} BETWEEN %s AND %s", [first, last]))
        elif self.year:
            year = f"{self.table}.{self.year}"
            where.append((f"{year} IN ({', '.join(['%s'] * len(years))})", years))
        group = f"{self.table}.{self.group}" if self.group else "CAST(NULL AS bigint)"
        values = [*self.values.values(), *[("CAST(NULL AS numeric)", [])] * (_WIDTH - len(self.values))]
        source = self.table
        if self.parent:
            source += f" JOIN {self.parent[0]} ON {self.parent[0]}.id = {self.table}.{self.parent[1]}"
        if self.each_year:  # a row per year asked for, with its first and last day
            adapt = connection.ops.adapt_datefield_value  # as a compiled rule holds its dates
            rows = " UNION ALL ".join(
                f"SELECT {int(y)} AS year, %s AS first_day, %s AS last_day" for y in years
            )
            source += f" CROSS JOIN ({rows}) AS y"
            source_params = [adapt(day) for y in years for day in (date(y, 1, 1), date(y, 12, 31))]
        # Built from the constants below and the models' rules; every value is a parameter.
        sql = f"SELECT '{self.key}', {year}, {group}, {', '.join(sql for sql, _params in values)} "  # noqa: S608
        sql += f"FROM {source} WHERE {' AND '.join(sql for sql, _params in where)}"
        params = [
            *year_params,
            *(p for _sql, ps in values for p in ps),
            *source_params,
            *(p for _sql, ps in where for p in ps),
        ]
        sql += f" GROUP BY {year}, {group}"
        return sql, params + list(year_params)


_WIDTH = 7  # the most values a part gives (activities)
_COUNT = ("COUNT(*)", [])


def _sum(column: str) -> tuple[str, list]:
    return f"SUM({column})", []


def _count_if(rule: tuple[str, list]) -> tuple[str, list]:
    return f"SUM(CASE WHEN {rule[0]} THEN 1 ELSE 0 END)", rule[1]


def _if(aggregate: str, rule: tuple[str, list], column: str) -> tuple[str, list]:
    return f"{aggregate}(CASE WHEN {rule[0]} THEN {column} END)", rule[1]


def _avg(value) -> float | None:
    # Avg is a float on SQLite and a Decimal on PostgreSQL; one decimal is what the pages show.
    return None if value is None else round(float(value), 1)


def board_department_ids(plan: Plan) -> QuerySet:
    """The departments that have a children's board of the plan (a subquery of ids)."""
    return ResidentMeeting.objects.children_board_departments(plan)


#: What each activity adds to its year's figures (and, for the logbook, to its initiative's).
_ACTIVITY_SUMS = (
    "activities",
    "participants_residents",
    "participants_children",
    "participants_others",
    "volunteers",
    "resident_initiated_activities",
    "resident_initiated_participants",
)


def _figures(plan: Plan, years: Iterable[int]) -> tuple[dict[int, YearTotals], dict]:
    """The figures of each given year, and the activities' figures per initiative and year
    (one query however many years and entries there are)."""
    years = sorted(set(years))
    totals = {year: YearTotals(year=year) for year in years}
    if not years:
        return totals, {}
    sql, params, by_key = _figures_statement(plan.pk, tuple(years))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()

    per_initiative = defaultdict(dict)
    for key, year, group, *values in rows:
        year = int(year)
        row = dict(zip(by_key[key].values, values, strict=False))
        if key == "activities":
            per_initiative[group][year] = row
        if year not in totals:
            continue
        t = totals[year]
        for name, value in row.items():
            if name.endswith("_avg"):
                setattr(t, name, _avg(value))
            elif name == "fewest_active_children":
                setattr(t, name, None if value is None else int(value))
            elif key == "activities":  # one row per initiative: added up
                setattr(t, name, getattr(t, name) + int(value or 0))
            else:
                setattr(t, name, int(value or 0))
    return totals, per_initiative


@kept(maxsize=64)
def _figures_statement(plan_id: int, years: tuple[int, ...]) -> tuple[str, tuple, dict[str, "_Part"]]:
    """`_figures`' UNION, written once per plan and years (and database) from the models' rules."""
    years = list(years)
    plan = Plan(pk=plan_id)
    residents = _rule(Activity, Activity.objects.by_residents())
    board_department = _rule(ResidentMeeting, ResidentMeeting.objects.in_children_board_department(plan))
    cohort = ("activities_coursecohort", "cohort_id")
    board = ("activities_childrenboard", "board_id")
    parts = [
        _Part(
            "activities",
            "activities_activity",
            {
                "activities": _COUNT,
                "participants_residents": _sum("participants_residents"),
                "participants_children": _sum("participants_children"),
                "participants_others": _sum("participants_others"),
                "volunteers": _sum("volunteers"),
                "resident_initiated_activities": _count_if(residents),
                "resident_initiated_participants": _if("SUM", residents, "participants_residents"),
            },
            date="date",
            group="initiative_id",
        ),
        _Part("cohorts", "activities_coursecohort", {"cohorts_started": _COUNT}, date="start_date"),
        _Part(
            "sessions", "activities_coursesession", {"course_sessions": _COUNT}, date="date", parent=cohort
        ),
        _Part(
            "graduates",
            "activities_coursegraduate",
            {"graduates": _COUNT},
            date="completed_on",
            parent=cohort,
        ),
        _Part("ideas_proposed", "activities_idea", {"ideas_proposed": _COUNT}, date="proposed_on"),
        _Part(
            "ideas_realised",
            "activities_idea",
            {"ideas_realised": _COUNT},
            date="realised_on",
            where=(_rule(Idea, Idea.objects.realised_q()),),
        ),
        _Part(
            "board_meetings",
            "activities_childrenboardmeeting",
            {"children_board_meetings": _COUNT},
            date="date",
            parent=board,
        ),
        _Part(
            "children",
            "activities_childrenboardyear",
            {
                "active_children": _sum("active_children"),
                "boards_reporting_children": _COUNT,
                "fewest_active_children": ("MIN(active_children)", []),
            },
            year="year",
            parent=board,
        ),
        _Part(
            "surveys",
            "activities_childrenboardsurvey",
            {
                "survey_children_asked": _sum("children_asked"),
                "survey_children_felt_influence": _sum("children_felt_influence"),
            },
            year="year",
            parent=board,
        ),
        _Part(
            "resident_meetings",
            "activities_residentmeeting",
            {
                "resident_meetings": _COUNT,
                "resident_meeting_attendance_avg": ("AVG(attendance)", []),
                "board_department_meetings": _count_if(board_department),
                "board_department_attendance_avg": _if("AVG", board_department, "attendance"),
            },
            date="date",
        ),
        _Part(
            "network_meetings",
            "activities_networkmeeting",
            {"network_meetings": _COUNT},
            date="date",
            parent=("activities_network", "network_id"),
        ),
    ]
    # Boards that existed at some time in the year, and on 31 December: the span rule compiled
    # once with stand-in dates (1 and 2 January of year 1), which become each year's first and last
    # day (the columns of `_Part.each_year`'s list of years).
    span, first, last = ChildrenBoard.span, date(1, 1, 1), date(1, 1, 2)
    adapt = connection.ops.adapt_datefield_value  # as the compiled rule holds its dates
    days = {adapt(first): "y.first_day", adapt(last): "y.last_day"}
    parts.append(
        _Part(
            "boards",
            "activities_childrenboard",
            {
                "children_boards_active": _count_if(
                    _columns(_rule(ChildrenBoard, span.during(first, last)), days)
                ),
                "children_boards_at_year_end": _count_if(_columns(_rule(ChildrenBoard, span.on(last)), days)),
            },
            each_year=True,
        )
    )
    by_key = {part.key: part for part in parts}
    sqls, params = [], []
    for part in parts:
        sql, part_params = part.sql(plan_id, years)
        sqls.append(sql)
        params += part_params
    return " UNION ALL ".join(sqls), tuple(params), by_key


def totals_by_year(plan: Plan, years: Iterable[int]) -> dict[int, YearTotals]:
    """The figures of each given year; 2 queries however many years and entries there are."""
    return _figures(plan, years)[0]


def yearly_totals(plan: Plan, year: int) -> YearTotals:
    """The logbook's figures for one year (see YearTotals)."""
    return totals_by_year(plan, [year])[year]


YEAR_TOTAL_FIELDS = [f.name for f in fields(YearTotals) if f.name != "year"]


def plan_years(plan: Plan, today: datetime.date) -> list[int]:
    """The plan's calendar years up to this one (at least the first)."""
    last = min(plan.end_date.year, max(today.year, plan.start_date.year))
    return list(range(plan.start_date.year, last + 1))


@dataclass
class InitiativeRow:
    initiative: Initiative | None
    by_year: dict[int, dict] = field(default_factory=dict)


def activity_totals_by_initiative(plan: Plan, years: Iterable[int]) -> list[InitiativeRow]:
    """Activities and participants per initiative and year."""
    return logbook_figures(plan, years)[1]


@statement()
def _initiatives(plan_id: int) -> QuerySet:
    return Initiative.objects.filter(focus_area__plan=plan_id).select_related("focus_area")


def logbook_figures(plan: Plan, years: Iterable[int]) -> tuple[list[YearTotals], list[InitiativeRow]]:
    """The logbook's yearly totals and its activities per initiative and year (3 queries)."""
    years = sorted(set(years))
    totals, per_initiative = _figures(plan, years)
    initiatives = _initiatives(plan.pk)
    rows = {i.pk: InitiativeRow(i) for i in initiatives}
    rows[None] = InitiativeRow(None)
    empty = {"activities": 0, "participants": 0, "resident_initiated_participants": 0}
    for initiative_id, row in rows.items():
        found = per_initiative.get(initiative_id, {})
        for year in sorted({*years, *found}):  # in the order of the table's columns
            cell = found.get(year)
            row.by_year[year] = (
                empty
                if cell is None
                else {
                    "activities": int(cell["activities"]),
                    "participants": int(cell["participants_residents"] + cell["participants_others"]),
                    "resident_initiated_participants": int(cell["resident_initiated_participants"] or 0),
                }
            )
    ordered = [rows[i.pk] for i in initiatives]
    if any(r["activities"] for r in rows[None].by_year.values()):
        ordered.append(rows[None])
    return list(totals.values()), ordered
