"""The daily e-mail of what is due: counts and links only.

Escaping at the edge: an e-mail leaves the app for good (mail servers, phones, forwards), so it
carries no name, address, phone, task text or note, only how many tasks are overdue, due today
and due in the coming week per plan, and a link to the task list behind the login.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import Task
from cases.tasks import end_of_week


@dataclass
class PlanCounts:
    plan_id: int
    plan_name: str
    overdue: int
    today: int
    week: int
    link: str = ""


@dataclass
class Digest:
    user: object
    plans: list[PlanCounts] = field(default_factory=list)

    @property
    def urgent(self) -> int:
        return sum(p.overdue + p.today for p in self.plans)


def digests(today: datetime.date) -> list[Digest]:
    """One per active user with an e-mail address and tasks due within a week, counted by the database."""
    rows = (
        Task.objects.due_by(end_of_week(today))
        .filter(
            assignee__is_active=True,
            case__plan__memberships__user=F("assignee"),  # still a member of the plan
        )
        .exclude(assignee__email="")
        .values("assignee_id", "case__plan_id", "case__plan__name")
        .annotate(
            overdue=Count("pk", filter=Q(due_on__lt=today), distinct=True),
            due_today=Count("pk", filter=Q(due_on=today), distinct=True),
            week=Count("pk", filter=Q(due_on__gt=today), distinct=True),
        )
        .order_by("assignee_id", "case__plan__name")
    )
    users = {}
    rows = list(rows)
    if rows:
        users = get_user_model().objects.in_bulk({r["assignee_id"] for r in rows})
    result: dict[int, Digest] = {}
    for r in rows:
        digest = result.setdefault(r["assignee_id"], Digest(user=users[r["assignee_id"]]))
        digest.plans.append(
            PlanCounts(r["case__plan_id"], r["case__plan__name"], r["overdue"], r["due_today"], r["week"])
        )
    return list(result.values())


def send_digest(digest: Digest, *, base_url: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        for plan in digest.plans:
            plan.link = base_url + reverse("cases:task_list", kwargs={"plan_id": plan.plan_id})
        if digest.urgent:
            subject = ngettext(
                "helhedsplan: %(count)s task due today or overdue",
                "helhedsplan: %(count)s tasks due today or overdue",
                digest.urgent,
            ) % {"count": digest.urgent}
        else:
            subject = _("helhedsplan: your tasks of the coming week")
        body = render_to_string("agenda/digest_email.txt", {"digest": digest})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [digest.user.email])
