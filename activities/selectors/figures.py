"""The logbook's yearly figures, in total (`totals_by_year`) and per initiative.

Each a handful of grouped queries that do not grow with the number of entries or years.
They count with the models' rules (`Span`, `ActivityQuerySet.by_residents`, ...), the same
code the success-criterion metrics (`activities.metrics`) call.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from django.db.models import (
    Avg,
    Count,
    F,
    Min,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce, ExtractYear

from helhedsplan.models import Initiative, Plan

from ..models import (
    Activity,
    ChildrenBoard,
    ChildrenBoardSurvey,
    ChildrenBoardYear,
    CourseCohort,
    CourseGraduate,
    CourseSession,
    Idea,
    InitiatedBy,
    NetworkMeeting,
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


def _year_rows(qs, date_field: str, **aggregates) -> dict[int, dict]:
    """One row of aggregates per calendar year of `date_field` (one query)."""
    # Aliases may not shadow field names in SQL, so they get a prefix that is taken off again.
    rows = (
        qs.order_by()
        .annotate(year_of_row=ExtractYear(date_field))
        .values("year_of_row")
        .annotate(**{f"agg_{name}": aggregate for name, aggregate in aggregates.items()})
    )
    return {row["year_of_row"]: {name: row[f"agg_{name}"] for name in aggregates} for row in rows}


def _avg(value) -> float | None:
    # Avg is a float on SQLite and a Decimal on PostgreSQL; one decimal is what the pages show.
    return None if value is None else round(float(value), 1)


def board_department_ids(plan: Plan) -> QuerySet:
    """The departments that have a children's board of the plan (a subquery of ids)."""
    return ResidentMeeting.objects.children_board_departments(plan)


def totals_by_year(plan: Plan, years: Iterable[int]) -> dict[int, YearTotals]:
    """The figures of each given year; 10 queries however many years and entries there are."""
    years = sorted(set(years))
    totals = {year: YearTotals(year=year) for year in years}
    if not years:
        return totals
    first, last = datetime.date(years[0], 1, 1), datetime.date(years[-1], 12, 31)
    residents = Activity.objects.by_residents()

    def merge(rows: dict[int, dict], **rename):
        for year, row in rows.items():
            if year in totals:
                for key, value in row.items():
                    setattr(totals[year], rename.get(key, key), value if value is not None else 0)

    merge(
        _year_rows(
            Activity.objects.filter(plan=plan, date__range=(first, last)),
            "date",
            activities=Count("pk"),
            participants_residents=Sum("participants_residents"),
            participants_children=Sum("participants_children"),
            participants_others=Sum("participants_others"),
            volunteers=Sum("volunteers"),
            resident_initiated_activities=Count("pk", filter=residents),
            resident_initiated_participants=Sum("participants_residents", filter=residents),
        )
    )
    merge(
        _year_rows(
            CourseCohort.objects.filter(plan=plan, start_date__range=(first, last)),
            "start_date",
            cohorts_started=Count("pk"),
        )
    )
    merge(
        _year_rows(
            CourseSession.objects.filter(cohort__plan=plan, date__range=(first, last)),
            "date",
            course_sessions=Count("pk"),
        )
    )
    merge(
        _year_rows(
            CourseGraduate.objects.filter(cohort__plan=plan, completed_on__range=(first, last)),
            "completed_on",
            graduates=Count("pk"),
        )
    )

    ideas = Idea.objects.filter(plan=plan)
    idea_counts = ideas.aggregate(
        **{f"p{y}": Count("pk", filter=Q(proposed_on__year=y)) for y in years},
        **{f"r{y}": Count("pk", filter=Idea.objects.realised_q() & Q(realised_on__year=y)) for y in years},
    )
    span = ChildrenBoard.span  # the one rule of a board's existence, as the metric counts it
    board_counts = ChildrenBoard.objects.filter(plan=plan).aggregate(
        **{f"a{y}": Count("pk", distinct=True, filter=span.in_year(y)) for y in years},
        **{f"e{y}": Count("pk", distinct=True, filter=span.on(datetime.date(y, 12, 31))) for y in years},
        **{f"m{y}": Count("meetings", filter=Q(meetings__date__year=y)) for y in years},
    )
    for y in years:
        t = totals[y]
        t.ideas_proposed, t.ideas_realised = idea_counts[f"p{y}"], idea_counts[f"r{y}"]
        t.children_boards_active = board_counts[f"a{y}"]
        t.children_boards_at_year_end = board_counts[f"e{y}"]
        t.children_board_meetings = board_counts[f"m{y}"]

    children = (
        ChildrenBoardYear.objects.filter(board__plan=plan, year__in=years)
        .values("year")
        .annotate(total=Sum("active_children"), boards=Count("pk"), fewest=Min("active_children"))
    )
    for row in children.order_by():
        t = totals[row["year"]]
        t.active_children, t.boards_reporting_children, t.fewest_active_children = (
            row["total"],
            row["boards"],
            row["fewest"],
        )
    surveys = (
        ChildrenBoardSurvey.objects.filter(board__plan=plan, year__in=years)
        .values("year")
        .annotate(asked=Sum("children_asked"), felt=Sum("children_felt_influence"))
    )
    for row in surveys.order_by():
        t = totals[row["year"]]
        t.survey_children_asked, t.survey_children_felt_influence = row["asked"], row["felt"]

    in_board_department = ResidentMeeting.objects.in_children_board_department(plan)
    meetings = _year_rows(
        ResidentMeeting.objects.filter(plan=plan, date__range=(first, last)),
        "date",
        n=Count("pk"),
        avg=Avg("attendance"),
        board_n=Count("pk", filter=in_board_department),
        board_avg=Avg("attendance", filter=in_board_department),
    )
    for year, row in meetings.items():
        if year not in totals:
            continue
        t = totals[year]
        t.resident_meetings, t.resident_meeting_attendance_avg = row["n"], _avg(row["avg"])
        t.board_department_meetings, t.board_department_attendance_avg = (
            row["board_n"],
            _avg(row["board_avg"]),
        )
    merge(
        _year_rows(
            NetworkMeeting.objects.filter(network__plan=plan, date__range=(first, last)),
            "date",
            network_meetings=Count("pk"),
        )
    )
    return totals


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
    """Activities and participants per initiative and year (2 queries)."""
    years = sorted(set(years))
    initiatives = list(Initiative.objects.filter(focus_area__plan=plan).select_related("focus_area"))
    rows = {i.pk: InitiativeRow(i) for i in initiatives}
    rows[None] = InitiativeRow(None)
    if years:
        counts = (
            Activity.objects.filter(plan=plan, date__year__gte=years[0], date__year__lte=years[-1])
            .order_by()
            .annotate(_year=ExtractYear("date"))
            .values("initiative_id", "_year")
            .annotate(
                activities=Count("pk"),
                participants=Sum(F("participants_residents") + F("participants_others")),
                resident_initiated_participants=Coalesce(
                    Sum("participants_residents", filter=Q(initiated_by=InitiatedBy.RESIDENTS)), 0
                ),
            )
        )
        for row in counts:
            rows[row["initiative_id"]].by_year[row["_year"]] = row
    empty = {"activities": 0, "participants": 0, "resident_initiated_participants": 0}
    for row in rows.values():
        for year in years:
            row.by_year.setdefault(year, empty)
    ordered = [rows[i.pk] for i in initiatives]
    if any(r["activities"] for r in rows[None].by_year.values()):
        ordered.append(rows[None])
    return ordered
