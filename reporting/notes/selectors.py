"""Reads for status notes: the figures a note shows, live or frozen, and the lists.

`live_figures` gathers the figures as plain JSON-ready data (the shape stored
in `StatusNote.snapshot` at approval), so a draft and a frozen note render
through the same templates and exports. `board_figures` applies the
small-number rule for board material on top.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.selectors import yearly_totals
from helhedsplan.models import Plan
from reporting.models import Milestone
from reporting.selectors import criteria_results
from reporting.status import STATUS_COLOURS, STATUS_SYMBOLS, Status

from .models import NEEDS_BARRIER, VISIBLE_TO_BOARD, NotePeriod, NoteStatus, StatusNote

#: The logbook figures a note shows: (field of activities.selectors.YearTotals, label, counts people).
LOGBOOK_FIGURES = [
    ("activities", _("Neighbourhood activities"), False),
    ("participants_residents", _("Residents taking part in activities"), True),
    ("participants_children", _("Children taking part in activities"), True),
    ("resident_initiated_activities", _("Activities initiated by residents"), False),
    (
        "resident_initiated_participants",
        _("Residents taking part in activities initiated by residents"),
        True,
    ),
    ("volunteers", _("Volunteers"), True),
    ("cohorts_started", _("Neighbour course cohorts started"), False),
    ("graduates", _("Residents who completed the neighbour course"), True),
    ("ideas_proposed", _("Ideas proposed"), False),
    ("ideas_realised", _("Ideas realised with the plan's support"), False),
    ("children_boards_at_year_end", _("Children's boards at the end of the year"), False),
    ("active_children", _("Children active in the children's boards"), True),
    ("resident_meetings", _("Resident meetings"), False),
    ("resident_meeting_attendance_avg", _("Average attendance at resident meetings"), False),
    ("network_meetings", _("Network meetings with partners"), False),
]
LOGBOOK_LABELS = {key: label for key, label, _people in LOGBOOK_FIGURES}

#: Metrics that count people: residents, participants, graduates, children, and cases and contacts
#: about residents (the housing organisations' evictions and house-rules cases included). Only their
#: small figures are suppressed in board material; ideas, children's boards, meetings, milestones and
#: rates or shares are not counts of people and are always shown.
PEOPLE_METRICS = {
    "housing_statistic",
    "activity_participants",
    "course_graduates",
    "children_board_active",
    "cases_taken_on",
    "cases_closed_with_outcome",
    "case_entries",
}


def counts_people(metric: str, decimals: int) -> bool:
    """Whether a criterion's figures are counts of people (whole numbers of a people metric)."""
    return decimals == 0 and metric in PEOPLE_METRICS


def period_end(note_or_year, period: str | None = None) -> datetime.date:
    if isinstance(note_or_year, StatusNote):
        year, period = note_or_year.year, note_or_year.period
    else:
        year = note_or_year
    if period == NotePeriod.FIRST_HALF:
        return datetime.date(year, 6, 30)
    return datetime.date(year, 12, 31)


def _number(value) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def live_figures(
    plan: Plan, year: int, period: str = NotePeriod.YEAR, *, now: datetime.datetime | None = None
) -> dict:
    """The figures of `plan` for the note's period, as they are now (JSON-ready).

    Queries: criteria_results's (2 + 1 for all figures), 10 for the
    logbook totals, 1 for the milestones.
    """
    now = now or timezone.now()
    as_of = min(timezone.localdate(now), period_end(year, period))
    criteria = []
    for r in criteria_results(plan, year, as_of=as_of):
        criteria.append(
            {
                "code": r.code,
                "title": r.title,
                "focus_area": r.focus_area,
                "initiative": r.initiative,
                "initiative_id": r.initiative_id,
                "unit": r.unit,
                "decimals": r.decimals,
                "counts_people": counts_people(r.metric, r.decimals),
                "value": _number(r.value),
                "baseline": _number(r.baseline),
                "baseline_year": r.baseline_year,
                "target": _number(r.target),
                "target_label": r.target_label,
                "status": r.status,
                # The chart's years: the criterion's, within the plan's period (and its baseline year).
                "series": [
                    {"year": p.year, "value": _number(p.value)}
                    for p in r.series
                    if p.year <= max(plan.end_date.year, year)
                ],
            }
        )
    totals = asdict(yearly_totals(plan, year))
    logbook = [
        {"key": key, "value": _number(totals.get(key)), "counts_people": people}
        for key, _label, people in LOGBOOK_FIGURES
    ]
    milestones = [
        {
            "title": str(m),
            "done_on": m.done_on.isoformat(),
        }
        for m in Milestone.objects.filter(plan=plan, done_on__isnull=False, done_on__lte=as_of)
        .select_related("housing_organisation")
        .order_by("done_on", "pk")
    ]
    return {
        "as_of": as_of.isoformat(),
        "taken_at": now.isoformat(),
        "criteria": criteria,
        "logbook": logbook,
        "milestones": milestones,
    }


def note_figures(note: StatusNote) -> dict:
    """The note's figures: the frozen snapshot once approved, else the live figures."""
    if note.is_frozen and note.snapshot:
        return note.snapshot
    return live_figures(note.plan, note.year, note.period)


def suppress(value, counts_people: bool, threshold: int | None = None):
    """A count of 1 to threshold-1 people is shown as "<threshold" in board material."""
    threshold = settings.STATUS_NOTE_SMALL_NUMBER_THRESHOLD if threshold is None else threshold
    if counts_people and isinstance(value, int | float) and 0 < value < threshold:
        return f"<{threshold}"
    return value


def board_figures(figures: dict) -> dict:
    """The figures with small counts of people suppressed and words for status and labels.

    Returns a new dict; every value stays a number except suppressed ones
    (strings like "<5"), which the chart leaves out.
    """
    criteria = []
    for c in figures["criteria"]:
        series = [{**p, "value": suppress(p["value"], c["counts_people"])} for p in c["series"]]
        criteria.append(
            {
                **c,
                "value": suppress(c["value"], c["counts_people"]),
                "series": series,
                "status_label": str(Status(c["status"]).label)
                if c["status"] in Status.values
                else c["status"],
                "status_symbol": STATUS_SYMBOLS.get(c["status"], ""),
                "status_colour": STATUS_COLOURS.get(c["status"], "secondary"),
            }
        )
    logbook = [
        {
            **row,
            "label": str(LOGBOOK_LABELS.get(row["key"], row["key"])),
            "value": suppress(row["value"], row["counts_people"]),
        }
        for row in figures["logbook"]
    ]
    shown = [c["value"] for c in criteria] + [p["value"] for c in criteria for p in c["series"]]
    shown += [row["value"] for row in logbook]
    return {
        **figures,
        "criteria": criteria,
        "logbook": logbook,
        #: Whether a "<5" appears anywhere: then the page and the files say what it means.
        "suppressed": any(isinstance(v, str) for v in shown),
        "as_of_date": datetime.date.fromisoformat(figures["as_of"]),
        "taken_at_dt": datetime.datetime.fromisoformat(figures["taken_at"]),
    }


def group_by_initiative(criteria: list[dict], sections) -> list[dict]:
    """Criteria and sections side by side: focus area's own criteria, then each initiative."""
    groups: dict = {}
    for c in criteria:
        key = (c["focus_area"], c["initiative_id"])
        groups.setdefault(
            key,
            {"focus_area": c["focus_area"], "initiative": c["initiative"], "criteria": [], "section": None},
        )
        groups[key]["criteria"].append(c)
    result = list(groups.values())
    by_initiative = {key[1]: g for key, g in groups.items() if key[1]}
    for section in sections:
        if section.initiative_id in by_initiative:
            by_initiative[section.initiative_id]["section"] = section
        else:
            group = {
                "focus_area": section.initiative.focus_area.name,
                "initiative": str(section.initiative),
                "criteria": [],
                "section": section,
            }
            result.append(group)
            by_initiative[section.initiative_id] = group
    return result


def notes_for(plan: Plan, *, board: bool) -> QuerySet:
    """The plan's notes for a list: the board sees only what was published. One query."""
    qs = (
        StatusNote.objects.filter(plan=plan)
        .select_related("superseded_by")
        .annotate(
            sections_count=Count("sections"),
            sections_done=Count(
                "sections",
                filter=Q(sections__no_barriers=True) | ~Q(sections__barriers=""),
            ),
        )
    )
    if board:
        qs = qs.filter(status__in=VISIBLE_TO_BOARD)
    return qs.order_by("-year", "period", "-version")


def note_for_export(note_qs: QuerySet) -> QuerySet:
    return note_qs.select_related("plan", "approved_by")


def with_barriers(figures: dict, statements) -> dict:
    """Each criterion with what the note says stands in the way of it (see CriterionBarrier)."""
    by_code = {s.code: s for s in statements}
    for c in figures["criteria"]:
        statement = by_code.get(c["code"])
        c["needs_barrier"] = c["status"] in NEEDS_BARRIER
        c["barrier"] = statement.barriers if statement and not statement.no_barrier else ""
        c["no_barrier"] = bool(statement and statement.no_barrier)
        c["barrier_missing"] = c["needs_barrier"] and not (c["barrier"] or c["no_barrier"])
    return figures


def person(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def workflow(note: StatusNote) -> list[dict]:
    """Who drafted, submitted, approved and published the note, and when (steps not taken are left out)."""
    steps = [
        (_("Drafted"), note.created_by, note.created_at),
        (_("Submitted"), note.submitted_by, note.submitted_at),
        (_("Approved"), note.approved_by, note.approved_at),
        (_("Published"), note.published_by, note.published_at),
    ]
    return [{"label": label, "by": person(by), "at": at} for label, by, at in steps if at]


def next_step(note: StatusNote, *, leader: bool) -> str:
    """Who does what next, in words for the note's page."""
    if note.status == NoteStatus.DRAFT:
        if leader:
            return _(
                "Next: the workers write a section for each initiative and the barriers of every "
                "criterion at risk or not met. When all is written, mark the draft as finished; "
                "then you check and approve it."
            )
        return _(
            "Next: write your initiative's section and the barriers of every criterion at risk or "
            "not met, then submit the note to the project leader."
        )
    if note.status == NoteStatus.SUBMITTED:
        return _(
            "Next: the project leader writes the summary, checks the figures and approves the note. "
            "Approval freezes the figures."
        )
    if note.status == NoteStatus.APPROVED:
        return _("Next: the project leader publishes the note to the board.")
    if note.status == NoteStatus.PUBLISHED:
        return _("The board can read the note. A correction is made as a new version.")
    return _("A newer version replaces this note.")
