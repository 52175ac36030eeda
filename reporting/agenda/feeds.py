"""The events of a calendar feed, and the one writer of iCalendar files.

Escaping at the edge: a calendar client syncs to phones, shared calendars and other people's
screens, so a feed carries no personal data at all. An event says what and when, and which case
by its number ("Fogeddato – sag #316"), with a link into the app, where the login and the
access rules decide what can be read. Task texts are not carried (they may name a resident);
network, children's-board and course names are the plan's own names for its activities.

Every source is one query, so a busy caretaker's feed costs the same number of queries as a
quiet one's.
"""

import datetime
from dataclasses import dataclass

import icalendar
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.models import ChildrenBoardMeeting, CourseSession, Network, NetworkMeeting
from cases.models import Case, CaseStatus, CaseType, Task
from helhedsplan.models import Membership, Role

#: How far back a feed reaches; a calendar client keeps what it already has.
PAST_DAYS = 90


@dataclass(frozen=True)
class Event:
    uid: str
    day: datetime.date
    summary: str
    path: str


def _meetings(plan_ids: list[int], since: datetime.date) -> list[Event]:
    events = []
    for m in NetworkMeeting.objects.filter(network__plan_id__in=plan_ids, date__gte=since).values(
        "pk", "date", "network_id", "network__name", "network__plan_id"
    ):
        events.append(
            Event(
                f"network-meeting-{m['pk']}",
                m["date"],
                _("Network meeting: %(name)s") % {"name": m["network__name"]},
                reverse(
                    "activities:network_detail",
                    kwargs={"plan_id": m["network__plan_id"], "pk": m["network_id"]},
                ),
            )
        )
    # A network's next meeting is due one interval after its last (activities.models.Network).
    for n in (
        Network.objects.filter(plan_id__in=plan_ids, is_active=True)
        .annotate(last=Max("meetings__date"))
        .filter(last__isnull=False)
        .values("pk", "plan_id", "name", "last", "interval_weeks")
    ):
        due = n["last"] + datetime.timedelta(weeks=n["interval_weeks"])
        if due >= since:
            events.append(
                Event(
                    f"network-due-{n['pk']}-{due.isoformat()}",
                    due,
                    _("Network meeting due: %(name)s") % {"name": n["name"]},
                    reverse("activities:network_detail", kwargs={"plan_id": n["plan_id"], "pk": n["pk"]}),
                )
            )
    for m in ChildrenBoardMeeting.objects.filter(board__plan_id__in=plan_ids, date__gte=since).values(
        "pk", "date", "board_id", "board__name", "board__plan_id"
    ):
        events.append(
            Event(
                f"board-meeting-{m['pk']}",
                m["date"],
                _("Children's board meeting: %(name)s") % {"name": m["board__name"]},
                reverse(
                    "activities:children_board_detail",
                    kwargs={"plan_id": m["board__plan_id"], "pk": m["board_id"]},
                ),
            )
        )
    for s in CourseSession.objects.filter(cohort__plan_id__in=plan_ids, date__gte=since).values(
        "pk", "date", "cohort_id", "cohort__name", "cohort__plan_id"
    ):
        events.append(
            Event(
                f"course-session-{s['pk']}",
                s["date"],
                _("Course session: %(name)s") % {"name": s["cohort__name"]},
                reverse(
                    "activities:cohort_detail", kwargs={"plan_id": s["cohort__plan_id"], "pk": s["cohort_id"]}
                ),
            )
        )
    return events


def _casework(user, memberships: list[Membership], since: datetime.date) -> list[Event]:
    """Bailiff's dates of the user's open eviction cases (a project leader: all the plan's), and tasks."""
    led = [m.plan_id for m in memberships if m.role == Role.PROJECT_LEADER]
    worked = [m.plan_id for m in memberships if m.role == Role.WORKER]
    if not (led or worked):
        return []
    events = []
    cases = (
        Case.objects.filter(
            Q(plan_id__in=led) | Q(plan_id__in=worked, responsible=user),
            status=CaseStatus.OPEN,
            case_type=CaseType.EVICTION_PREVENTION,
            bailiff_date__gte=since,
        )
        .values("pk", "plan_id", "bailiff_date")
        .distinct()
    )
    for c in cases:
        events.append(
            Event(
                f"bailiff-{c['pk']}-{c['bailiff_date'].isoformat()}",
                c["bailiff_date"],
                _("Bailiff's date – case #%(number)s") % {"number": c["pk"]},
                reverse("cases:case_detail", kwargs={"plan_id": c["plan_id"], "pk": c["pk"]}),
            )
        )
    for t in (
        Task.objects.open()
        .filter(assignee=user, case__plan_id__in=led + worked)
        .values("pk", "case_id", "case__plan_id", "due_on")
    ):
        events.append(
            Event(
                f"task-{t['pk']}",
                t["due_on"],
                _("Task – case #%(number)s") % {"number": t["case_id"]},
                reverse("cases:case_detail", kwargs={"plan_id": t["case__plan_id"], "pk": t["case_id"]})
                + "#tasks",
            )
        )
    return events


def personal_events(user, today: datetime.date | None = None) -> list[Event]:
    """Everything dated in the user's plans that is theirs to keep: casework and the plans' meetings."""
    since = (today or timezone.localdate()) - datetime.timedelta(days=PAST_DAYS)
    memberships = list(Membership.objects.filter(user=user, user__is_active=True))
    plan_ids = [m.plan_id for m in memberships]
    return _casework(user, memberships, since) + _meetings(plan_ids, since)


def plan_events(plan_id: int, today: datetime.date | None = None) -> list[Event]:
    since = (today or timezone.localdate()) - datetime.timedelta(days=PAST_DAYS)
    return _meetings([plan_id], since)


def to_ical(events: list[Event], *, name: str, base_url: str) -> bytes:
    """The one writer of .ics files: all-day events with a link, nothing else."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//helhedsplan//calendar feed//DA")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for event in sorted(events, key=lambda e: (e.day, e.uid)):
        item = icalendar.Event()
        item.add("uid", f"{event.uid}@helhedsplan")
        item.add("dtstamp", stamp)
        item.add("dtstart", event.day)
        item.add("dtend", event.day + datetime.timedelta(days=1))
        item.add("summary", event.summary)
        item.add("url", base_url + event.path)
        item.add("transp", "TRANSPARENT")
        calendar.add_component(item)
    return calendar.to_ical()
