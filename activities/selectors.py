"""Reads of the logbook, computed in the database.

Two things live here:

* **The logbook's entries.** The logbook is one list of everything that happened on a date:
  activities, resident meetings, children's board meetings, network meetings and course
  sessions. `logbook_entries()` builds one query per kind of entry, each giving the same
  columns (`ENTRY_COLUMNS`), and unions them in SQL, so the list, the month view and the CSV
  export are sorted, counted and paged by the database in a fixed number of queries however
  long the logbook grows. `LogbookEntry` turns a row into something a template can show.
* **The figures** of the agreement's success criteria C1–C3 and D1–D4 per year
  (`yearly_totals`, `totals_by_year`) and per initiative (`activity_totals_by_initiative`),
  each a handful of grouped queries that do not grow with the number of entries or years.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DateField,
    F,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat, ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helhedsplan.models import Department, Initiative, Plan

from .models import (
    Activity,
    ActivityKind,
    ChildrenBoard,
    ChildrenBoardMeeting,
    ChildrenBoardSurvey,
    ChildrenBoardYear,
    CourseCohort,
    CourseGraduate,
    CourseSession,
    Idea,
    IdeaStatus,
    InitiatedBy,
    Network,
    NetworkMeeting,
    ResidentMeeting,
)

# --- The logbook's entries ------------------------------------------------------------------------


class EntryType:
    ACTIVITY = "activity"
    RESIDENT_MEETING = "resident_meeting"
    BOARD_MEETING = "board_meeting"
    NETWORK_MEETING = "network_meeting"
    COURSE_SESSION = "course_session"

    choices = [
        (ACTIVITY, _("Activity")),
        (RESIDENT_MEETING, _("Resident meeting")),
        (BOARD_MEETING, _("Children's board meeting")),
        (NETWORK_MEETING, _("Network meeting")),
        (COURSE_SESSION, _("Course session")),
    ]
    values = [value for value, _label in choices]
    labels = dict(choices)


#: The columns every kind of entry gives, in this order (a SQL UNION matches columns by position).
ENTRY_COLUMNS = (
    "entry_type",
    "entry_pk",
    "entry_parent",  # the board, network or cohort a meeting belongs to (for its URL)
    "entry_date",
    "entry_end",
    "entry_title",
    "entry_kind_standard",
    "entry_kind_name",
    "entry_department_id",
    "entry_place",
    "entry_initiative",
    "entry_initiated_by",
    "entry_residents",
    "entry_children",
    "entry_others",
    "entry_volunteers",
    "entry_note",
)

_TEXT = CharField()
_INT = IntegerField()


def _null(output_field):
    # A typed NULL, so PostgreSQL can match the column's type across the union.
    return Cast(Value(None), output_field=output_field)


def _department_label(prefix: str = "department__"):
    return Concat(
        F(f"{prefix}housing_organisation__short_name"),
        Value(" "),
        F(f"{prefix}code"),
        Value(" "),
        F(f"{prefix}name"),
        output_field=_TEXT,
    )


def _initiative_label(prefix: str):
    return Case(
        When(
            **{f"{prefix}__isnull": False},
            then=Concat(
                Cast(F(f"{prefix}__number"), output_field=_TEXT),
                Value(". "),
                F(f"{prefix}__name"),
                output_field=_TEXT,
            ),
        ),
        default=_null(_TEXT),
        output_field=_TEXT,
    )


def _columns(qs: QuerySet, **expressions) -> QuerySet:
    """Give a part of the union exactly ENTRY_COLUMNS, in order, with no ordering of its own."""
    missing = set(ENTRY_COLUMNS) - set(expressions)
    extra = set(expressions) - set(ENTRY_COLUMNS)
    assert not missing and not extra, (missing, extra)
    return (
        qs.order_by().annotate(**{name: expressions[name] for name in ENTRY_COLUMNS}).values(*ENTRY_COLUMNS)
    )


def _activities(plan, *, kind, initiative, department, date_from, date_to, resident_initiated):
    qs = Activity.objects.filter(plan=plan)
    if kind is not None:
        qs = qs.filter(kind=kind)
    if initiative is not None:
        qs = qs.filter(initiative=initiative)
    if department is not None:
        qs = qs.filter(department=department)
    # A multi-day activity belongs to every day it covers.
    if date_from:
        qs = qs.filter(Q(end_date__gte=date_from) | Q(end_date__isnull=True, date__gte=date_from))
    if date_to:
        qs = qs.filter(date__lte=date_to)
    if resident_initiated is True:
        qs = qs.filter(initiated_by=InitiatedBy.RESIDENTS)
    elif resident_initiated is False:
        qs = qs.exclude(initiated_by=InitiatedBy.RESIDENTS)
    return _columns(
        qs,
        entry_type=Value(EntryType.ACTIVITY, output_field=_TEXT),
        entry_pk=F("pk"),
        entry_parent=_null(_INT),
        entry_date=F("date"),
        entry_end=F("end_date"),
        entry_title=F("title"),
        entry_kind_standard=F("kind__standard"),
        entry_kind_name=F("kind__name"),
        entry_department_id=F("department_id"),
        entry_place=Case(
            When(department__isnull=False, then=_department_label()), default=F("place"), output_field=_TEXT
        ),
        entry_initiative=_initiative_label("initiative"),
        entry_initiated_by=F("initiated_by"),
        entry_residents=F("participants_residents"),
        entry_children=F("participants_children"),
        entry_others=F("participants_others"),
        entry_volunteers=F("volunteers"),
        entry_note=F("note"),
    )


def _meeting_columns(
    qs,
    entry_type,
    *,
    parent,
    title,
    department_id=None,
    place=None,
    initiative=None,
    residents=None,
    children=None,
    note=None,
):
    return _columns(
        qs,
        entry_type=Value(entry_type, output_field=_TEXT),
        entry_pk=F("pk"),
        entry_parent=parent if parent is not None else _null(_INT),
        entry_date=F("date"),
        entry_end=_null(DateField()),
        entry_title=title,
        entry_kind_standard=_null(_TEXT),
        entry_kind_name=_null(_TEXT),
        entry_department_id=department_id if department_id is not None else _null(_INT),
        entry_place=place if place is not None else _null(_TEXT),
        entry_initiative=initiative if initiative is not None else _null(_TEXT),
        entry_initiated_by=_null(_TEXT),
        entry_residents=residents if residents is not None else _null(_INT),
        entry_children=children if children is not None else _null(_INT),
        entry_others=_null(_INT),
        entry_volunteers=_null(_INT),
        entry_note=note if note is not None else Value("", output_field=_TEXT),
    )


def _in_period(qs, date_from, date_to):
    if date_from:
        qs = qs.filter(date__gte=date_from)
    if date_to:
        qs = qs.filter(date__lte=date_to)
    return qs


def logbook_entries(
    *,
    plan: Plan,
    entry_type: str | Iterable[str] | None = None,
    kind: ActivityKind | None = None,
    initiative: Initiative | None = None,
    department: Department | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    resident_initiated: bool | None = None,
) -> QuerySet:
    """The logbook's entries as rows of ENTRY_COLUMNS, newest first (one SQL query when evaluated).

    The filters mean what they say for every kind of entry; a filter that only activities have
    (kind, who initiated) leaves only activities, one that a kind of entry does not have (a
    department for network meetings, an initiative for resident meetings) leaves that kind out.
    """
    if entry_type is None or entry_type == "":
        types = set(EntryType.values)
    elif isinstance(entry_type, str):
        types = {entry_type}
    else:
        types = set(entry_type) or set(EntryType.values)
    if kind is not None or resident_initiated is not None:
        types &= {EntryType.ACTIVITY}
    if initiative is not None:
        types.discard(EntryType.RESIDENT_MEETING)
    if department is not None:
        types -= {EntryType.NETWORK_MEETING, EntryType.COURSE_SESSION}

    parts = []
    if EntryType.ACTIVITY in types:
        parts.append(
            _activities(
                plan,
                kind=kind,
                initiative=initiative,
                department=department,
                date_from=date_from,
                date_to=date_to,
                resident_initiated=resident_initiated,
            )
        )
    if EntryType.RESIDENT_MEETING in types:
        qs = _in_period(ResidentMeeting.objects.filter(plan=plan), date_from, date_to)
        if department is not None:
            qs = qs.filter(department=department)
        parts.append(
            _meeting_columns(
                qs,
                EntryType.RESIDENT_MEETING,
                parent=None,
                title=F("department__name"),
                department_id=F("department_id"),
                place=_department_label(),
                residents=F("attendance"),
                note=F("note"),
            )
        )
    if EntryType.BOARD_MEETING in types:
        qs = _in_period(ChildrenBoardMeeting.objects.filter(board__plan=plan), date_from, date_to)
        if initiative is not None:
            qs = qs.filter(board__initiative=initiative)
        if department is not None:
            qs = qs.filter(board__departments=department)
        parts.append(
            _meeting_columns(
                qs,
                EntryType.BOARD_MEETING,
                parent=F("board_id"),
                title=F("board__name"),
                initiative=_initiative_label("board__initiative"),
                residents=F("children_present"),
                children=F("children_present"),
                note=F("note"),
            )
        )
    if EntryType.NETWORK_MEETING in types:
        qs = _in_period(NetworkMeeting.objects.filter(network__plan=plan), date_from, date_to)
        if initiative is not None:
            qs = qs.filter(network__initiative=initiative)
        parts.append(
            _meeting_columns(
                qs,
                EntryType.NETWORK_MEETING,
                parent=F("network_id"),
                title=F("network__name"),
                initiative=_initiative_label("network__initiative"),
                note=F("agenda"),
            )
        )
    if EntryType.COURSE_SESSION in types:
        qs = _in_period(CourseSession.objects.filter(cohort__plan=plan), date_from, date_to)
        if initiative is not None:
            qs = qs.filter(cohort__initiative=initiative)
        parts.append(
            _meeting_columns(
                qs,
                EntryType.COURSE_SESSION,
                parent=F("cohort_id"),
                title=Concat(F("cohort__name"), Value(": "), F("topic"), output_field=_TEXT),
                initiative=_initiative_label("cohort__initiative"),
                residents=F("attendees"),
                note=F("note"),
            )
        )
    if not parts:
        # The filters exclude every kind of entry (e.g. resident-initiated resident meetings).
        parts = [
            _activities(
                plan,
                kind=None,
                initiative=None,
                department=None,
                date_from=None,
                date_to=None,
                resident_initiated=None,
            ).none()
        ]
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return combined.order_by("-entry_date", "entry_type", "-entry_pk")


_EDIT_URLS = {
    EntryType.ACTIVITY: ("activities:activity_detail", None),
    EntryType.RESIDENT_MEETING: ("activities:resident_meeting_edit", None),
    EntryType.BOARD_MEETING: ("activities:children_board_meeting_edit", "board_pk"),
    EntryType.NETWORK_MEETING: ("activities:network_meeting_detail", "network_pk"),
    EntryType.COURSE_SESSION: ("activities:session_edit", "cohort_pk"),
}


@dataclass
class LogbookEntry:
    """One row of the logbook, ready to show or export."""

    plan_id: int
    type: str
    pk: int
    parent: int | None
    date: datetime.date
    end: datetime.date | None
    title: str
    kind: str
    department_id: int | None
    place: str
    initiative: str
    initiated_by: str
    residents: int | None
    children: int | None
    others: int | None
    volunteers: int | None
    note: str
    partners: list[str] = field(default_factory=list)

    @classmethod
    def from_row(cls, row: dict, plan_id: int) -> "LogbookEntry":
        standard, kind_name = row["entry_kind_standard"], row["entry_kind_name"]
        return cls(
            plan_id=plan_id,
            type=row["entry_type"],
            pk=row["entry_pk"],
            parent=row["entry_parent"],
            date=_as_date(row["entry_date"]),
            end=_as_date(row["entry_end"]),
            title=row["entry_title"] or "",
            kind=ActivityKind.label(standard or "", kind_name or "") if kind_name else "",
            department_id=row["entry_department_id"],
            place=row["entry_place"] or "",
            initiative=row["entry_initiative"] or "",
            initiated_by=row["entry_initiated_by"] or "",
            residents=row["entry_residents"],
            children=row["entry_children"],
            others=row["entry_others"],
            volunteers=row["entry_volunteers"],
            note=row["entry_note"] or "",
        )

    @property
    def type_label(self) -> str:
        return str(EntryType.labels[self.type])

    @property
    def initiated_by_label(self) -> str:
        return str(InitiatedBy(self.initiated_by).label) if self.initiated_by else ""

    @property
    def initiated_by_residents(self) -> bool:
        return self.initiated_by == InitiatedBy.RESIDENTS

    @property
    def url(self) -> str:
        name, parent_kwarg = _EDIT_URLS[self.type]
        kwargs = {"plan_id": self.plan_id, "pk": self.pk}
        if parent_kwarg:
            kwargs[parent_kwarg] = self.parent
        return reverse(name, kwargs=kwargs)

    @property
    def delete_url(self) -> str:
        return reverse(
            "activities:entry_delete",
            kwargs={"plan_id": self.plan_id, "entry_type": self.type, "pk": self.pk},
        )

    def covers(self, day: datetime.date) -> bool:
        return self.date <= day <= (self.end or self.date)


def _as_date(value):
    # SQLite hands back a string for a typed NULL column in some unions.
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value


def as_entries(rows: Iterable[dict], plan: Plan) -> list[LogbookEntry]:
    return [LogbookEntry.from_row(row, plan.pk) for row in rows]


def attach_partners(entries: list[LogbookEntry]) -> list[LogbookEntry]:
    """Fill in the partner organisations of activities and network meetings (two queries)."""
    by_type = defaultdict(dict)
    for entry in entries:
        if entry.type in (EntryType.ACTIVITY, EntryType.NETWORK_MEETING):
            by_type[entry.type][entry.pk] = entry
    activities = by_type[EntryType.ACTIVITY]
    if activities:
        links = Activity.partners.through.objects.filter(activity_id__in=activities).order_by(
            "partnerorganisation__name"
        )
        for activity_id, name in links.values_list("activity_id", "partnerorganisation__name"):
            activities[activity_id].partners.append(name)
    meetings = by_type[EntryType.NETWORK_MEETING]
    if meetings:
        links = NetworkMeeting.partners_present.through.objects.filter(
            networkmeeting_id__in=meetings
        ).order_by("partnerorganisation__name")
        for meeting_id, name in links.values_list("networkmeeting_id", "partnerorganisation__name"):
            meetings[meeting_id].partners.append(name)
    return entries


# --- Yearly figures -------------------------------------------------------------------------------


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
    resident_initiated_participants: int = 0  # C1: residents taking part in resident-initiated activities
    # The course.
    cohorts_started: int = 0
    course_sessions: int = 0
    graduates: int = 0  # C2: by completion date
    # Ideas.
    ideas_proposed: int = 0
    ideas_realised: int = 0  # C3: realised with the plan's support, by date realised
    # Children's boards.
    children_boards_active: int = 0  # boards that existed at some time in the year
    children_boards_at_year_end: int = 0  # D1: established by 31 December and not ended then
    children_board_meetings: int = 0
    active_children: int = 0  # D2: the boards' reported active children, added up
    boards_reporting_children: int = 0
    fewest_active_children: int | None = None  # the smallest board's count (D2 asks for 15 in each)
    survey_children_asked: int = 0
    survey_children_felt_influence: int = 0
    # Meetings.
    resident_meetings: int = 0
    resident_meeting_attendance_avg: float | None = None
    board_department_meetings: int = 0
    board_department_attendance_avg: float | None = None  # D4: in departments with a children's board
    network_meetings: int = 0

    @property
    def felt_influence_share(self) -> float | None:
        """D3: the share of the surveyed children who felt they had influence."""
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
    """The departments that have a children's board of the plan (a subquery; D4's departments)."""
    return ChildrenBoard.departments.through.objects.filter(childrenboard__plan=plan).values("department_id")


def totals_by_year(plan: Plan, years: Iterable[int]) -> dict[int, YearTotals]:
    """The figures of each given year; 9 queries however many years and entries there are."""
    years = sorted(set(years))
    totals = {year: YearTotals(year=year) for year in years}
    if not years:
        return totals
    first, last = datetime.date(years[0], 1, 1), datetime.date(years[-1], 12, 31)
    residents = Q(initiated_by=InitiatedBy.RESIDENTS)

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
        **{f"r{y}": Count("pk", filter=Q(status=IdeaStatus.REALISED, realised_on__year=y)) for y in years},
    )
    board_counts = ChildrenBoard.objects.filter(plan=plan).aggregate(
        **{
            f"a{y}": Count(
                "pk",
                distinct=True,
                filter=Q(established_on__lte=datetime.date(y, 12, 31))
                & (Q(ended_on__isnull=True) | Q(ended_on__gte=datetime.date(y, 1, 1))),
            )
            for y in years
        },
        **{
            f"e{y}": Count(
                "pk",
                distinct=True,
                filter=Q(established_on__lte=datetime.date(y, 12, 31))
                & (Q(ended_on__isnull=True) | Q(ended_on__gt=datetime.date(y, 12, 31))),
            )
            for y in years
        },
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

    in_board_department = Q(department_id__in=board_department_ids(plan))
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


# --- Children's boards and networks ---------------------------------------------------------------


def children_boards_established_by(plan: Plan, day: datetime.date) -> QuerySet:
    """D1: the boards established on or before the day and not ended by then."""
    return ChildrenBoard.objects.filter(plan=plan, established_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )


def active_children_by_board(plan: Plan, year: int) -> QuerySet:
    """D2: each board's active children in the year (boards without a figure are left out)."""
    return (
        ChildrenBoardYear.objects.filter(board__plan=plan, year=year)
        .select_related("board")
        .order_by("board__name")
    )


def children_boards_overview(plan: Plan) -> QuerySet:
    return (
        ChildrenBoard.objects.filter(plan=plan)
        .annotate(
            meeting_count=Count("meetings", distinct=True),
            last_meeting=Max("meetings__date"),
        )
        .prefetch_related("departments__housing_organisation")
    )


def networks_overview(plan: Plan) -> QuerySet:
    """Networks with their last meeting date (for when the next one is due)."""
    return (
        Network.objects.filter(plan=plan)
        .annotate(last_meeting=Max("meetings__date"), meeting_count=Count("meetings"))
        .order_by("-is_active", "name")
    )


def network_meetings_with_gaps(network: Network) -> list[NetworkMeeting]:
    """The network's meetings, newest first, each with the weeks since the one before.

    `late` marks a meeting that came more than one interval after the previous, i.e. a
    meeting was missed in between.
    """
    meetings = list(network.meetings.prefetch_related("partners_present").order_by("date"))
    previous = None
    for meeting in meetings:
        meeting.weeks_since_previous = (meeting.date - previous).days / 7 if previous else None
        meeting.late = bool(previous and meeting.date - previous > network.interval)
        previous = meeting.date
    return list(reversed(meetings))


def resident_meeting_averages(plan: Plan) -> list[dict]:
    """Average attendance per department and year, for the resident meetings page (1 query)."""
    return list(
        ResidentMeeting.objects.filter(plan=plan)
        .order_by()
        .annotate(year=ExtractYear("date"))
        .values(
            "year",
            "department_id",
            "department__code",
            "department__name",
            "department__housing_organisation__short_name",
        )
        .annotate(meetings=Count("pk"), average=Avg("attendance"))
        .order_by("-year", "department__housing_organisation__short_name", "department__code")
    )
