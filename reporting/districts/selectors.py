"""Reads of the district, computed in the database; aggregates only.

The district overview runs a fixed number of queries whatever the number of plans (each
count is one grouped query over all the district's plans), and shows no resident, case or
entry: only counts, with small counts of people suppressed as in the board material
(`reporting.notes.selectors.suppress`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from cases.models import Case, Entry
from helhedsplan.models import Plan
from reporting.notes.models import VISIBLE_TO_BOARD, StatusNote
from reporting.notes.selectors import suppress
from reporting.status import Status

from .models import Contract, District, SharedMeeting, SharedMeetingPlan, SharedNetwork

#: How many years the overview shows side by side (ending with the chosen year).
YEARS_SHOWN = 3

#: The statuses the overview counts per plan, in this order.
STATUSES = [Status.MET, Status.ON_TRACK, Status.AT_RISK, Status.NOT_MET, Status.NO_DATA]


# --- Shared networks -------------------------------------------------------------------------------


def networks_with_last_meeting(networks: QuerySet) -> QuerySet:
    """Shared networks with their last meeting and number of meetings (for the overdue flag)."""
    return networks.annotate(last_meeting=Max("meetings__date"), meeting_count=Count("meetings")).order_by(
        "-is_active", "name"
    )


def flag_due(networks, today: datetime.date) -> list[SharedNetwork]:
    """Attach `due` and `overdue` (the shared cadence, activities.models.Cadence) to each network."""
    networks = list(networks)
    for network in networks:
        network.due = network.next_due(network.last_meeting)
        network.overdue = network.is_overdue(network.last_meeting, today)
    return networks


def meetings_with_gaps(network: SharedNetwork) -> list[SharedMeeting]:
    """The meetings, newest first, with their plans and partners and whether one was missed before.

    Queries: 3 (meetings, their plan rows, their partner rows).
    """
    meetings = list(
        network.meetings.prefetch_related("plan_rows__plan", "partner_rows__party").order_by("date")
    )
    previous = None
    for meeting in meetings:
        meeting.weeks_since_previous = (meeting.date - previous).days / 7 if previous else None
        meeting.late = network.missed_before(previous, meeting.date)
        meeting.plans_came = [row for row in meeting.plan_rows.all() if row.attended]
        meeting.plans_invited = [row for row in meeting.plan_rows.all() if row.invited]
        previous = meeting.date
    return list(reversed(meetings))


def plan_shared_meetings(plan: Plan, year: int) -> dict:
    """How the district's shared meetings count in one plan's figures for a year (1 query).

    A meeting counts once for the plan when the plan attended (people present above 0), with
    the plan's own people only; other plans' people are never added to this plan's figures.
    """
    row = SharedMeetingPlan.objects.filter(plan=plan, meeting__date__year=year).aggregate(
        invited=Count("pk", filter=Q(invited=True)),
        attended=Count("pk", filter=Q(attendees__gt=0)),
        people=Sum("attendees", filter=Q(attendees__gt=0), default=0),
    )
    return row


# --- The district overview ------------------------------------------------------------------------


@dataclass
class PlanColumn:
    plan: Plan
    in_contract: bool = False
    period_label: str = ""
    housing_organisations: str = ""
    budget_dkk: int | None = None
    # Lists aligned with the overview's `statuses`, `years` and `networks` (templates cannot index).
    criteria: list = field(default_factory=list)  # number of criteria per status; [] without a note
    criteria_year: int | None = None
    evictions: list = field(default_factory=list)  # count per year, or "<5"
    bridges: list = field(default_factory=list)  # count per year, or "<5"
    attendance: list = field(default_factory=list)  # per network: {"attended", "invited", "people"}
    _by_year: dict = field(default_factory=dict, repr=False)


def default_year(plans: list[Plan], today: datetime.date) -> int:
    """The last year with any plan running, not after this year."""
    last = max((p.end_date.year for p in plans), default=today.year)
    return min(today.year, last)


def district_overview(
    district: District, contract: Contract | None, year: int, today: datetime.date | None = None
) -> dict:
    """The district's plans side by side for `contract`'s focus area, years year-2..year.

    Queries (fixed, whatever the number of plans):
    1. the district's plans
    2. the contract's versions (the newest is in force)
    3. that version's participating plans with their budgets
    4. eviction-prevention cases taken on with the eviction scheduled, per plan and year
    5. bridge-buildings, per plan and year
    6. the shared networks with their last meeting
    7. shared-meeting attendance per plan and network
    8. the newest published status note per plan (criteria status, board material)
    9-10. the contract's parties and the plans each one is party for
    """
    today = today or timezone.localdate()
    years = list(range(year - YEARS_SHOWN + 1, year + 1))
    plans = [dp.plan for dp in district.district_plans.select_related("plan").order_by("plan__name")]
    columns = {p.pk: PlanColumn(plan=p) for p in plans}
    plan_ids = list(columns)

    versions = list(contract.versions.order_by("-issued_on")) if contract else []
    version = versions[0] if versions else None
    parties = list(contract.parties.prefetch_related("plans")) if contract else []
    terms_total = 0
    if version is not None:
        for term in version.plan_terms.filter(plan_id__in=plan_ids):
            column = columns[term.plan_id]
            column.in_contract = True
            column.period_label = term.period_label
            column.housing_organisations = term.housing_organisations
            column.budget_dkk = term.budget_dkk
            terms_total += term.budget_dkk

    evictions = (
        Case.objects.taken_on_with_eviction_scheduled()
        .filter(plan_id__in=plan_ids, opened_on__year__in=years)
        .annotate(year=ExtractYear("opened_on"))
        .values("plan_id", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in evictions:
        columns[row["plan_id"]]._by_year["evictions", row["year"]] = row["n"]
    bridges = (
        Entry.objects.bridge_buildings()
        .filter(case__plan_id__in=plan_ids, occurred_at__year__in=years)
        .annotate(year=ExtractYear("occurred_at"))
        .values("case__plan_id", "year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in bridges:
        columns[row["case__plan_id"]]._by_year["bridges", row["year"]] = row["n"]
    for column in columns.values():
        # Each case and each bridge-building is about a household: small counts are suppressed.
        column.evictions = [
            suppress(column._by_year.get(("evictions", y), 0), counts_people=True) for y in years
        ]
        column.bridges = [suppress(column._by_year.get(("bridges", y), 0), counts_people=True) for y in years]

    networks = flag_due(networks_with_last_meeting(district.networks.all()), today)
    attendance = (
        SharedMeetingPlan.objects.filter(
            plan_id__in=plan_ids, meeting__network__district=district, meeting__date__year__in=years
        )
        .values("plan_id", "meeting__network_id")
        .annotate(
            invited=Count("pk", filter=Q(invited=True)),
            attended=Count("pk", filter=Q(attendees__gt=0)),
            people=Sum("attendees", default=0),
        )
        .order_by()
    )
    by_plan_and_network = {(row["plan_id"], row["meeting__network_id"]): row for row in attendance}
    empty = {"invited": 0, "attended": 0, "people": 0}
    for column in columns.values():
        column.attendance = [by_plan_and_network.get((column.plan.pk, n.pk), empty) for n in networks]

    if contract is not None:
        notes = (
            # What the board may read: published notes (and the ones they superseded).
            StatusNote.objects.filter(plan_id__in=plan_ids, status__in=VISIBLE_TO_BOARD, year__lte=year)
            .order_by("plan_id", "-year", "-period", "-version")
            .only("plan_id", "year", "snapshot")
        )
        seen = set()
        for note in notes:
            if note.plan_id in seen:
                continue
            seen.add(note.plan_id)
            column = columns[note.plan_id]
            column.criteria_year = note.year
            counts = dict.fromkeys(STATUSES, 0)
            for criterion in (note.snapshot or {}).get("criteria", []):
                if criterion.get("focus_area") == contract.focus_area and criterion.get("status") in counts:
                    counts[criterion["status"]] += 1
            column.criteria = [counts[status] for status in STATUSES]

    return {
        "district": district,
        "contract": contract,
        "version": version,
        "versions": versions,
        "parties": parties,
        "threshold": settings.STATUS_NOTE_SMALL_NUMBER_THRESHOLD,
        "year": year,
        "years": years,
        "plans": list(columns.values()),
        "budget_total": terms_total,
        "networks": networks,
        "statuses": [(s.value, s.label) for s in STATUSES],
        "today": today,
    }
