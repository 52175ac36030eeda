"""The logbook's entries: one list of everything that happened on a date.

Activities, resident meetings, children's board meetings, network meetings and course
sessions. `logbook_entries()` builds one query per kind of entry, each giving the same
columns (`ENTRY_COLUMNS`), and unions them in SQL, so the list, the month view and the CSV
export are sorted, counted and paged by the database in a fixed number of queries however
long the logbook grows. `LogbookEntry` turns a row into something a template can show.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    CharField,
    DateField,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from helhedsplan.models import Department, Initiative, Plan

from ..models import (
    Activity,
    ActivityKind,
    ChildrenBoardMeeting,
    CourseSession,
    InitiatedBy,
    NetworkMeeting,
    ResidentMeeting,
)


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
    if missing or extra:  # a programming error in an entry type, not bad input
        raise ValueError(f"Logbook columns differ: missing {missing}, extra {extra}")
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
