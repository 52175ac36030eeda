"""Writes to the logbook that matter: logging and correcting activities, ideas changing status,
removing an entry, and the activity kinds every plan starts with.

Each function validates the whole object before it writes (model `full_clean`), so a service
called from a command or the shell keeps the same rules as the forms, and runs in one
transaction so nothing is half-saved.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Model
from django.utils import translation

from helhedsplan.models import Department, Initiative, PartnerOrganisation, Plan

from .models import (
    Activity,
    ActivityKind,
    ChildrenBoardMeeting,
    CourseSession,
    Idea,
    IdeaStatus,
    NetworkMeeting,
    ResidentMeeting,
)

#: Positions keep the standard kinds in this order, "other" last; new kinds fall in between.
STANDARD_KIND_POSITIONS = {
    ActivityKind.Standard.COMMUNAL_DINING: 10,
    ActivityKind.Standard.FLEA_MARKET: 20,
    ActivityKind.Standard.PLANTING: 30,
    ActivityKind.Standard.TRIP: 40,
    ActivityKind.Standard.WORKSHOP: 50,
    ActivityKind.Standard.SPORTS: 60,
    ActivityKind.Standard.HOMEWORK_HELP: 70,
    ActivityKind.Standard.OTHER: 990,
}


def activity_kinds_ensure_standard(*, plan: Plan) -> None:
    """Give the plan the standard activity kinds it lacks (safe to call again)."""
    present = set(
        ActivityKind.objects.filter(plan=plan).exclude(standard="").values_list("standard", flat=True)
    )
    missing = [standard for standard in STANDARD_KIND_POSITIONS if standard not in present]
    if not missing:
        return
    # The English source name is stored; pages show the label in the reader's language.
    with translation.override("en"):
        kinds = [
            ActivityKind(
                plan=plan,
                standard=standard,
                name=str(standard.label),
                position=STANDARD_KIND_POSITIONS[standard],
            )
            for standard in missing
        ]
    ActivityKind.objects.bulk_create(kinds, ignore_conflicts=True)


ACTIVITY_FIELDS = (
    "title",
    "date",
    "end_date",
    "kind",
    "department",
    "place",
    "initiative",
    "initiated_by",
    "participants_residents",
    "participants_children",
    "participants_others",
    "volunteers",
    "note",
)


def _check_plan(plan: Plan, **objects: Model | None) -> None:
    """Related objects must belong to the same plan; the forms scope their choices the same way."""
    for name, obj in objects.items():
        if obj is None:
            continue
        owner = obj.focus_area.plan_id if isinstance(obj, Initiative) else obj.plan_id
        if owner != plan.pk:
            raise ValueError(f"{name} belongs to another plan")


@transaction.atomic
def activity_log(
    *,
    plan: Plan,
    logged_by,
    title: str,
    date: datetime.date,
    kind: ActivityKind,
    initiated_by: str,
    participants_residents: int,
    participants_children: int = 0,
    participants_others: int = 0,
    volunteers: int = 0,
    end_date: datetime.date | None = None,
    department: Department | None = None,
    place: str = "",
    initiative: Initiative | None = None,
    partners: Iterable[PartnerOrganisation] = (),
    note: str = "",
) -> Activity:
    """Log an activity that took place. An empty title takes the kind's name."""
    partners = list(partners)
    _check_plan(plan, kind=kind, department=department, initiative=initiative)
    for partner in partners:
        _check_plan(plan, partner=partner)
    activity = Activity(
        plan=plan,
        logged_by=logged_by,
        title=title.strip() or str(kind),
        date=date,
        end_date=end_date,
        kind=kind,
        department=department,
        place=place,
        initiative=initiative,
        initiated_by=initiated_by,
        participants_residents=participants_residents,
        participants_children=participants_children,
        participants_others=participants_others,
        volunteers=volunteers,
        note=note,
    )
    activity.full_clean()
    activity.save()
    activity.partners.set(partners)
    return activity


@transaction.atomic
def activity_update(
    *, activity: Activity, partners: Iterable[PartnerOrganisation] | None = None, **fields
) -> Activity:
    """Correct an activity; only the given fields change."""
    unknown = set(fields) - set(ACTIVITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown activity fields: {sorted(unknown)}")
    plan = activity.plan
    _check_plan(
        plan,
        kind=fields.get("kind"),
        department=fields.get("department"),
        initiative=fields.get("initiative"),
    )
    for name, value in fields.items():
        setattr(activity, name, value)
    if "title" in fields:
        activity.title = activity.title.strip() or str(activity.kind)
    activity.full_clean()
    activity.save()
    if partners is not None:
        partners = list(partners)
        for partner in partners:
            _check_plan(plan, partner=partner)
        activity.partners.set(partners)
    return activity


@transaction.atomic
def idea_save(*, idea: Idea) -> Idea:
    """Save an idea; a date realised only stays while the idea is realised."""
    if idea.status != IdeaStatus.REALISED:
        idea.realised_on = None
    idea.full_clean()
    idea.save()
    return idea


#: What the logbook calls each kind of entry (see `selectors.EntryType`), and how to find its plan.
DELETABLE_ENTRIES: dict[str, tuple[type[Model], str]] = {
    "activity": (Activity, "plan"),
    "resident_meeting": (ResidentMeeting, "plan"),
    "board_meeting": (ChildrenBoardMeeting, "board__plan"),
    "network_meeting": (NetworkMeeting, "network__plan"),
    "course_session": (CourseSession, "cohort__plan"),
}


@transaction.atomic
def entry_delete(*, entry: Model) -> None:
    """Remove a logbook entry logged by mistake (e.g. twice)."""
    if type(entry) not in {model for model, _path in DELETABLE_ENTRIES.values()}:
        raise TypeError(f"{type(entry).__name__} is not a logbook entry")
    entry.delete()
