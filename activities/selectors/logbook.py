"""The logbook's entries: one list of everything that happened on a date.

Activities, resident meetings, children's board meetings, network meetings and course
sessions. Each kind of entry is one `_Branch`: its table, how a row belongs to the plan,
which filters it knows and how it fills the columns every entry has (`ENTRY_COLUMNS`).
`logbook_entries()` unions the branches in SQL, so the list, the month view and the CSV
export are sorted, counted and paged by the database in a fixed number of queries however
long the logbook grows. A page is one query: each branch gives only its newest rows up to
the end of the page before the union, and the total is counted per branch and added up, so
the database never builds the whole union for a page. `LogbookEntry` turns a row into
something a template can show.
"""

import datetime
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import connection
from django.urls import reverse
from django.utils import dateformat
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from helhedsplan.formatting import whole_number
from helhedsplan.models import Department, Initiative, Plan

from ..models import (
    Activity,
    ActivityKind,
    InitiatedBy,
    NetworkMeeting,
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


#: The columns every kind of entry gives, in this order (a SQL UNION matches columns by position),
#: with the SQL type of the NULL a kind of entry that lacks the column gives.
_COLUMN_TYPES = {
    "entry_type": "text",
    "entry_pk": "integer",
    "entry_parent": "integer",  # the board, network or cohort a meeting belongs to (for its URL)
    "entry_date": "date",
    "entry_end": "date",
    "entry_title": "text",  # NULL: the department's name (resident meetings)
    "entry_kind_id": "integer",
    "entry_department_id": "integer",
    "entry_place": "text",  # where, if not in a department
    "entry_initiative_id": "integer",
    "entry_initiated_by": "text",
    "entry_residents": "integer",
    "entry_children": "integer",
    "entry_others": "integer",
    "entry_volunteers": "integer",
    "entry_note": "text",
}
ENTRY_COLUMNS = tuple(_COLUMN_TYPES)
_ORDER = "entry_date DESC, entry_type, entry_pk DESC"  # newest first; within a kind, latest logged first


@dataclass(frozen=True)
class _Branch:
    """One kind of entry as a part of the union.

    `source` is the table (alias `e`) with the joins that tie it to the plan, `plan` the
    condition that does. The filters a kind of entry does not know (None) leave it out of the
    logbook when they are used. `columns` fills ENTRY_COLUMNS (a missing column is NULL); kinds,
    departments and initiatives are given by id and named from `PlanNames`, so the union joins
    nothing it does not filter by.
    """

    entry_type: str
    source: str
    plan: str
    columns: dict[str, str]
    initiative: str | None = None  # the column holding the entry's initiative
    department: str | None = None  # the condition "belongs to the department %s"
    kind: str | None = None  # the column holding the kind of activity
    initiated_by: str | None = None  # the column telling who initiated it
    end: str | None = None  # the column holding the last day of an entry of several days

    def select(self) -> str:
        """SELECT ENTRY_COLUMNS, in order, of a row of this kind (FROM source)."""
        columns = {"entry_type": f"'{self.entry_type}'", **self.columns}
        unknown = set(columns) - set(ENTRY_COLUMNS)
        if unknown:  # a programming error in a branch, not bad input
            raise ValueError(f"Unknown logbook columns: {unknown}")
        return "SELECT " + ", ".join(
            f"{columns.get(name, f'CAST(NULL AS {sql_type})')} AS {name}"
            for name, sql_type in _COLUMN_TYPES.items()
        )


_BRANCHES = {
    EntryType.ACTIVITY: _Branch(
        EntryType.ACTIVITY,
        source="activities_activity e",
        plan="e.plan_id = %s",
        initiative="e.initiative_id",
        department="e.department_id = %s",
        kind="e.kind_id",
        initiated_by="e.initiated_by",
        end="e.end_date",
        columns={
            "entry_pk": "e.id",
            "entry_date": "e.date",
            "entry_end": "e.end_date",
            "entry_title": "e.title",
            "entry_kind_id": "e.kind_id",
            "entry_department_id": "e.department_id",
            "entry_place": "e.place",
            "entry_initiative_id": "e.initiative_id",
            "entry_initiated_by": "e.initiated_by",
            "entry_residents": "e.participants_residents",
            "entry_children": "e.participants_children",
            "entry_others": "e.participants_others",
            "entry_volunteers": "e.volunteers",
            "entry_note": "e.note",
        },
    ),
    EntryType.RESIDENT_MEETING: _Branch(
        EntryType.RESIDENT_MEETING,
        source="activities_residentmeeting e",
        plan="e.plan_id = %s",
        department="e.department_id = %s",
        columns={
            "entry_pk": "e.id",
            "entry_date": "e.date",
            "entry_department_id": "e.department_id",
            "entry_residents": "e.attendance",
            "entry_note": "e.note",
        },
    ),
    EntryType.BOARD_MEETING: _Branch(
        EntryType.BOARD_MEETING,
        source="activities_childrenboardmeeting e JOIN activities_childrenboard b ON b.id = e.board_id",
        plan="b.plan_id = %s",
        initiative="b.initiative_id",
        department=(
            "b.id IN (SELECT childrenboard_id FROM activities_childrenboard_departments"
            " WHERE department_id = %s)"
        ),
        columns={
            "entry_pk": "e.id",
            "entry_parent": "e.board_id",
            "entry_date": "e.date",
            "entry_title": "b.name",
            "entry_initiative_id": "b.initiative_id",
            "entry_residents": "e.children_present",
            "entry_children": "e.children_present",
            "entry_note": "e.note",
        },
    ),
    EntryType.NETWORK_MEETING: _Branch(
        EntryType.NETWORK_MEETING,
        source="activities_networkmeeting e JOIN activities_network n ON n.id = e.network_id",
        plan="n.plan_id = %s",
        initiative="n.initiative_id",
        columns={
            "entry_pk": "e.id",
            "entry_parent": "e.network_id",
            "entry_date": "e.date",
            "entry_title": "n.name",
            "entry_initiative_id": "n.initiative_id",
            "entry_note": "e.agenda",
        },
    ),
    EntryType.COURSE_SESSION: _Branch(
        EntryType.COURSE_SESSION,
        source="activities_coursesession e JOIN activities_coursecohort c ON c.id = e.cohort_id",
        plan="c.plan_id = %s",
        initiative="c.initiative_id",
        columns={
            "entry_pk": "e.id",
            "entry_parent": "e.cohort_id",
            "entry_date": "e.date",
            "entry_title": "c.name || ': ' || e.topic",
            "entry_initiative_id": "c.initiative_id",
            "entry_residents": "e.attendees",
            "entry_note": "e.note",
        },
    ),
}


def _pk(value):
    return getattr(value, "pk", value)


@dataclass
class _Part:
    """A branch with the filters that apply to it: the rows of one kind of entry."""

    branch: _Branch
    where: list[str]
    params: list

    def _from_where(self) -> str:
        return f"FROM {self.branch.source} WHERE {' AND '.join(self.where)}"

    def rows(self, limit: int | None = None) -> tuple[str, list]:
        sql = f"{self.branch.select()} {self._from_where()}"
        if limit is None:
            return sql, self.params
        # Only a kind's newest `limit` rows can be on the page (within a kind, this is the union's order).
        # SQL built from the branches' constants; every value is a parameter.
        return (
            f"SELECT * FROM ({sql} ORDER BY e.date DESC, e.id DESC LIMIT %s) AS {self.branch.entry_type}",  # noqa: S608
            [*self.params, limit],
        )

    def count(self) -> tuple[str, list]:
        return f"(SELECT COUNT(*) {self._from_where()})", self.params


def _part(
    branch: _Branch, plan_id, *, kind, initiative, department, date_from, date_to, resident_initiated
) -> _Part | None:
    """The branch's rows that the filters keep; None if a filter it does not know is used."""
    where, params = [branch.plan], [plan_id]

    def keep(condition, *values):
        where.append(condition)
        params.extend(values)

    for value, column in ((kind, branch.kind), (initiative, branch.initiative)):
        if value is not None:
            if column is None:
                return None
            keep(f"{column} = %s", _pk(value))
    if department is not None:
        if branch.department is None:
            return None
        keep(branch.department, _pk(department))
    if resident_initiated is not None:
        if branch.initiated_by is None:
            return None
        keep(f"{branch.initiated_by} {'=' if resident_initiated else '<>'} %s", InitiatedBy.RESIDENTS.value)
    # An entry of several days belongs to every day it covers.
    if date_from:
        keep(f"COALESCE({branch.end}, e.date) >= %s" if branch.end else "e.date >= %s", date_from)
    if date_to:
        keep("e.date <= %s", date_to)
    return _Part(branch, where, params)


class LogbookEntries:
    """The logbook's entries that some filters keep, newest first, as rows of ENTRY_COLUMNS.

    Iterating gives them all (one query); `page()` gives one page of them and their total (one query).
    """

    def __init__(self, parts: list[_Part]):
        self.parts = parts

    def _union(self, limit: int | None = None) -> tuple[str, list]:
        sqls, params = [], []
        for part in self.parts:
            sql, part_params = part.rows(limit)
            sqls.append(sql)
            params.extend(part_params)
        return " UNION ALL ".join(sqls) + f" ORDER BY {_ORDER}", params

    def __iter__(self):
        if not self.parts:
            return iter(())
        sql, params = self._union()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return iter(cursor.fetchall())

    def _page_rows(self, offset: int, size: int) -> tuple[int, list[tuple]]:
        """The total and the rows offset..offset+size (one query: the total rides along the page)."""
        if not self.parts:
            return 0, []
        counts = [part.count() for part in self.parts]
        union, union_params = self._union(limit=offset + size)
        # SQL built from the branches' constants; every value is a parameter.
        total = " + ".join(sql for sql, _params in counts)
        sql = f"SELECT t.total, p.* FROM (SELECT {total} AS total) AS t LEFT JOIN "  # noqa: S608
        sql += f"({union} LIMIT %s OFFSET %s) AS p ON 1 = 1 ORDER BY {_ORDER}"
        params = [value for _sql, part_params in counts for value in part_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *union_params, size, offset])
            rows = cursor.fetchall()
        return rows[0][0], [row[1:] for row in rows if row[1] is not None]

    def page(self, number, size: int) -> Page:
        """The page `number` asks for, as `Paginator.get_page` gives it (not a number: the first;
        out of range: the last)."""
        try:
            guess = max(int(number), 1)
        except (TypeError, ValueError):
            guess = 1
        total, rows = self._page_rows((guess - 1) * size, size)
        paginator = Paginator((), size)
        paginator.count = total
        try:
            actual = paginator.validate_number(number)
        except PageNotAnInteger:
            actual = 1
        except EmptyPage:
            actual = paginator.num_pages
        if actual != guess:
            total, rows = self._page_rows((actual - 1) * size, size)
        return Page(rows, actual, paginator)


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
) -> LogbookEntries:
    """The logbook's entries, newest first (one SQL query for all of them or for a page).

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
    filters = {
        "kind": kind,
        "initiative": initiative,
        "department": department,
        "date_from": date_from,
        "date_to": date_to,
        "resident_initiated": resident_initiated,
    }
    parts = [_part(_BRANCHES[t], plan.pk, **filters) for t in EntryType.values if t in types]
    # Empty when the filters exclude every kind of entry (e.g. resident-initiated resident meetings).
    return LogbookEntries([part for part in parts if part is not None])


@dataclass
class PlanNames:
    """How the logbook names the plan's kinds of activity, initiatives and departments, each in
    its usual order (the filters' choices) and by id (the entries)."""

    kinds: dict[int, str]
    initiatives: dict[int, str]  # "3. Naboskab"
    departments: dict[int, str]  # "3B 3301 Händelsvej"
    department_names: dict[int, str]  # "Händelsvej"


def plan_names(plan: Plan) -> PlanNames:
    """The plan's kinds of activity, initiatives and departments, named (one query)."""
    sql = (
        "SELECT 'kind', id, standard, name, NULL, ROW_NUMBER() OVER (ORDER BY position, name)"
        " FROM activities_activitykind WHERE plan_id = %s"
        " UNION ALL SELECT 'initiative', i.id, CAST(i.number AS text), i.name, NULL,"
        " ROW_NUMBER() OVER (ORDER BY f.name, i.number)"
        " FROM helhedsplan_initiative i JOIN helhedsplan_focusarea f ON f.id = i.focus_area_id"
        " WHERE f.plan_id = %s"
        " UNION ALL SELECT 'department', d.id, ho.short_name, d.code, d.name,"
        " ROW_NUMBER() OVER (ORDER BY ho.short_name, d.code)"
        " FROM helhedsplan_department d"
        " JOIN helhedsplan_housingorganisation ho ON ho.id = d.housing_organisation_id"
        " WHERE d.plan_id = %s"
        " ORDER BY 1, 6"
    )
    names = PlanNames({}, {}, {}, {})
    with connection.cursor() as cursor:
        cursor.execute(sql, [plan.pk] * 3)
        for key, pk, a, b, c, _position in cursor.fetchall():
            if key == "kind":
                names.kinds[pk] = ActivityKind.label(a, b)
            elif key == "initiative":
                names.initiatives[pk] = f"{a}. {b}"
            else:
                names.departments[pk] = f"{a} {b} {c}"
                names.department_names[pk] = c
    return names


_EDIT_URLS = {
    EntryType.ACTIVITY: ("activities:activity_detail", None),
    EntryType.RESIDENT_MEETING: ("activities:resident_meeting_edit", None),
    EntryType.BOARD_MEETING: ("activities:children_board_meeting_edit", "board_pk"),
    EntryType.NETWORK_MEETING: ("activities:network_meeting_detail", "network_pk"),
    EntryType.COURSE_SESSION: ("activities:session_edit", "cohort_pk"),
}
# Stand-ins for the primary keys in a URL reversed once per page and kind of entry.
_PK, _PARENT = 2147480001, 2147480002


class _EntryUrls:
    """Each kind of entry's URL, reversed once and filled in per entry (reversing per row is slow)."""

    def __init__(self, plan_id: int):
        self.plan_id = plan_id
        self.templates: dict[str, str] = {}

    def __call__(self, entry_type: str, pk: int, parent: int | None) -> str:
        template = self.templates.get(entry_type)
        if template is None:
            name, parent_kwarg = _EDIT_URLS[entry_type]
            kwargs = {"plan_id": self.plan_id, "pk": _PK}
            if parent_kwarg:
                kwargs[parent_kwarg] = _PARENT
            template = (
                reverse(name, kwargs=kwargs).replace(str(_PK), "{pk}").replace(str(_PARENT), "{parent}")
            )
            self.templates[entry_type] = template
        return template.format(pk=pk, parent=parent)


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
    url: str = ""
    partners: list[str] = field(default_factory=list)

    @classmethod
    def from_row(cls, row: tuple, plan_id: int, names: PlanNames, urls: _EntryUrls) -> "LogbookEntry":
        """An entry from a row of ENTRY_COLUMNS."""
        (
            entry_type,
            pk,
            parent,
            date,
            end,
            title,
            kind_id,
            department_id,
            place,
            initiative_id,
            initiated_by,
            residents,
            children,
            others,
            volunteers,
            note,
        ) = row
        if title is None:  # a resident meeting is called after its department
            title = names.department_names.get(department_id, "")
        return cls(
            plan_id=plan_id,
            type=entry_type,
            pk=pk,
            parent=parent,
            date=_as_date(date),
            end=_as_date(end),
            title=title,
            kind=names.kinds.get(kind_id, "") if kind_id else "",
            department_id=department_id,
            # An entry in a department is there; otherwise where it says.
            place=names.departments.get(department_id, "") if department_id else (place or ""),
            initiative=names.initiatives.get(initiative_id, "") if initiative_id else "",
            initiated_by=initiated_by or "",
            residents=residents,
            children=children,
            others=others,
            volunteers=volunteers,
            note=note or "",
            url=urls(entry_type, pk, parent),
        )

    @property
    def type_label(self) -> str:
        return str(EntryType.labels[self.type])

    # What the logbook's list shows, worked out here rather than per row in the template.

    @property
    def when(self) -> str:
        """ "Man 5. maj 2018", "Ons 30. maj 2018 – 2. jun" for an entry of several days."""
        return _when(self.date, self.end, get_language())

    @property
    def badge(self) -> str:
        return self.kind or self.type_label

    @property
    def heading(self) -> str:
        return self.title or self.type_label

    @property
    def where(self) -> str:
        return " · ".join(part for part in (self.place, self.initiative) if part)

    @property
    def residents_text(self) -> str:
        """Who took part: residents of an activity, children at a board meeting, else those present."""
        if self.residents is None:
            return ""
        n = {"n": whole_number(self.residents)}
        if self.type == EntryType.ACTIVITY:
            return ngettext("%(n)s resident", "%(n)s residents", self.residents) % n
        if self.type == EntryType.BOARD_MEETING:
            return ngettext("%(n)s child", "%(n)s children", self.residents) % n
        return ngettext("%(n)s present", "%(n)s present", self.residents) % n

    @property
    def children_text(self) -> str:
        n = self.children or 0
        return ngettext("of whom %(n)s child", "of whom %(n)s children", n) % {"n": whole_number(n)}

    @property
    def others_text(self) -> str:
        n = self.others or 0
        return ngettext("%(n)s other", "%(n)s others", n) % {"n": whole_number(n)}

    @property
    def initiated_by_label(self) -> str:
        return str(InitiatedBy(self.initiated_by).label) if self.initiated_by else ""

    @property
    def initiated_by_residents(self) -> bool:
        return self.initiated_by == InitiatedBy.RESIDENTS

    @property
    def delete_url(self) -> str:
        return reverse(
            "activities:entry_delete",
            kwargs={"plan_id": self.plan_id, "entry_type": self.type, "pk": self.pk},
        )

    def covers(self, day: datetime.date) -> bool:
        return self.date <= day <= (self.end or self.date)


@functools.lru_cache(maxsize=4096)
def _when(first: datetime.date, last: datetime.date | None, _language: str) -> str:
    # Many entries share a date; the names of days and months depend on the language.
    label = dateformat.format(first, "D j. b Y")
    return f"{label} – {dateformat.format(last, 'j. b')}" if last else label


def _as_date(value):
    # SQLite hands dates back as text.
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value


def as_entries(rows: Iterable[tuple], plan: Plan, names: PlanNames | None = None) -> list[LogbookEntry]:
    """The rows as entries; `names` are the plan's (read here if not given)."""
    names = names or plan_names(plan)
    urls = _EntryUrls(plan.pk)
    return [LogbookEntry.from_row(row, plan.pk, names, urls) for row in rows]


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
