"""Follow-up tasks on cases: writing them, proposing them, and the lists of what is due.

Suggestions are never written by themselves: the case type proposes them on the case page and a
caretaker accepts the ones that fit (`task_accept_suggestion`). An eviction-prevention case with a
bailiff's date proposes notifying the municipal housing advisers today, an outreach visit within
three days and checking the outcome the day after the bailiff's date; a consent with an expiry date
proposes its renewal 30 days before it expires.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import DateField, DurationField, ExpressionWrapper, F, QuerySet, Value
from django.utils.translation import gettext as _

from helhedsplan.models import Membership, Plan, Role
from helhedsplan.statements import statement

from .models import Case, CaseType, Consent, Task, TaskKind

OUTREACH_WITHIN_DAYS = 3
RENEW_CONSENT_DAYS_BEFORE = 30
#: Who may be given a task: those who may be responsible for a case (selectors.staff_choices).
ASSIGNABLE_ROLES = (Role.WORKER, Role.PROJECT_LEADER)


def _check(*, case: Case, assignee, due_on: datetime.date, today: datetime.date) -> None:
    errors = {}
    if not case.is_open:
        errors["__all__"] = _("The case is closed. Reopen it to add a task.")
    if not Membership.objects.filter(
        plan_id=case.plan_id, user=assignee, role__in=ASSIGNABLE_ROLES, user__is_active=True
    ).exists():
        errors["assignee"] = _("Choose a caretaker of this plan.")
    if due_on < today:
        errors["due_on"] = _("The due date cannot be in the past.")
    if errors:
        raise ValidationError(errors)


def task_create(
    *,
    case: Case,
    user,
    text: str,
    due_on: datetime.date,
    assignee=None,
    kind: str = TaskKind.MANUAL,
    consent: Consent | None = None,
    today: datetime.date,
) -> Task:
    assignee = assignee or user
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write what is to be done.")})
    _check(case=case, assignee=assignee, due_on=due_on, today=today)
    return Task.objects.create(
        case=case,
        text=text[:200],
        due_on=due_on,
        assignee=assignee,
        kind=kind,
        consent=consent,
        created_by=user,
    )


def task_set_done(*, task: Task, user, done: bool, today: datetime.date) -> Task:
    task.done_on = today if done else None
    task.save(update_fields=["done_on"])
    return task


@dataclass(frozen=True)
class Suggestion:
    kind: str
    text: str
    due_on: datetime.date
    consent_id: int | None = None

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.consent_id or ''}"


def task_suggestions(
    case: Case, *, tasks: list[Task], consents: list[Consent], today: datetime.date
) -> list[Suggestion]:
    """What the case type proposes and no task covers yet (tasks and consents as the page has them)."""
    if not case.is_open:
        return []
    taken = {(t.kind, t.consent_id if t.kind == TaskKind.RENEW_CONSENT else None) for t in tasks}
    proposals = []
    if case.case_type == CaseType.EVICTION_PREVENTION and case.bailiff_date:
        if not case.housing_advisers_notified_on:
            proposals.append(
                Suggestion(
                    TaskKind.NOTIFY_HOUSING_ADVISERS, str(TaskKind.NOTIFY_HOUSING_ADVISERS.label), today
                )
            )
        proposals.append(
            Suggestion(
                TaskKind.OUTREACH_VISIT,
                str(TaskKind.OUTREACH_VISIT.label),
                today + datetime.timedelta(days=OUTREACH_WITHIN_DAYS),
            )
        )
        proposals.append(
            Suggestion(
                TaskKind.CHECK_OUTCOME,
                str(TaskKind.CHECK_OUTCOME.label),
                max(today, case.bailiff_date + datetime.timedelta(days=1)),
            )
        )
    for consent in consents:
        if consent.expires_on and consent.withdrawn_on is None and consent.expires_on >= today:
            proposals.append(
                Suggestion(
                    TaskKind.RENEW_CONSENT,
                    str(TaskKind.RENEW_CONSENT.label),
                    max(today, consent.expires_on - datetime.timedelta(days=RENEW_CONSENT_DAYS_BEFORE)),
                    consent.pk,
                )
            )
    return [
        s
        for s in proposals
        if (s.kind, s.consent_id if s.kind == TaskKind.RENEW_CONSENT else None) not in taken
    ]


def task_accept_suggestion(
    *, case: Case, user, key: str, consents: list[Consent], today: datetime.date
) -> Task:
    """Accept one of the case's current suggestions (worked out again here, never taken from the form)."""
    tasks = list(case.tasks.all())
    chosen = next(
        (s for s in task_suggestions(case, tasks=tasks, consents=consents, today=today) if s.key == key), None
    )
    if chosen is None:
        raise ValidationError(_("This suggestion is no longer open."))
    consent = next((c for c in consents if c.pk == chosen.consent_id), None)
    return task_create(
        case=case,
        user=user,
        text=chosen.text,
        due_on=chosen.due_on,
        kind=chosen.kind,
        consent=consent,
        today=today,
    )


# Reads -------------------------------------------------------------------------------------------


#: "This week" is the seven days from today, so that on a Friday next Monday's tasks are in view.
WEEK_DAYS = 7


def end_of_week(day: datetime.date) -> datetime.date:
    return day + datetime.timedelta(days=WEEK_DAYS - 1)


#: What the lists of tasks due show of a task, its case and its caretaker (the rest is not read).
DUE_TASK_FIELDS = (
    "text",
    "due_on",
    "case",
    "assignee",
    "case__plan",
    "case__case_type",
    "case__status",
    "case__bailiff_date",
    "assignee__first_name",
    "assignee__last_name",
    "assignee__username",
)


def tasks_due(plan: Plan | int, today: datetime.date, *, user=None) -> QuerySet:
    """Open tasks due within the coming week (overdue ones included), the most urgent first.

    Overdue first (the earliest due date), then today, then the rest of the week; on the same day the
    case whose bailiff's date is nearest comes first. `user` narrows to that user's own tasks.
    """
    tasks = Task.objects.due_by(end_of_week(today)).filter(case__plan=plan)
    if user is not None:
        tasks = tasks.filter(assignee=user)
    countdown = ExpressionWrapper(
        F("case__bailiff_date") - Value(today, output_field=DateField()), output_field=DurationField()
    )
    return (
        tasks.select_related("case", "assignee")
        .only(*DUE_TASK_FIELDS)
        .annotate(days_to_bailiff=countdown)
        .order_by("due_on", F("case__bailiff_date").asc(nulls_last=True), "pk")
    )


@statement()
def due_tasks(plan_id: int, today: datetime.date, user_id: int | None, count: int | None) -> list[Task]:
    """The first `count` (or all) of `tasks_due`, compiled once per user and day: the caseload and the
    task list read them on every look."""
    return tasks_due(plan_id, today, user=user_id)[:count]


def tasks_due_for_user(user, today: datetime.date) -> QuerySet:
    """The user's open tasks due by the end of this week, across all their plans (for the digest)."""
    return Task.objects.due_by(end_of_week(today)).filter(assignee=user, case__plan__memberships__user=user)
