"""Overviews of the logbook's standing things: children's boards, networks and resident meetings."""

import datetime

from django.db.models import (
    Avg,
    Count,
    Max,
    QuerySet,
)
from django.db.models.functions import ExtractYear

from helhedsplan.models import Plan

from ..models import (
    ChildrenBoard,
    ChildrenBoardYear,
    Network,
    NetworkMeeting,
    ResidentMeeting,
)


def children_boards_existing_on(plan: Plan, day: datetime.date) -> QuerySet:
    """The boards existing on the day: established by then, their last day not before it."""
    return ChildrenBoard.objects.filter(plan=plan).existing_on(day)


def active_children_by_board(plan: Plan, year: int) -> QuerySet:
    """Each board's active children in the year (boards without a figure are left out)."""
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
