"""Writes that set up a plan: creating it and appointing its project leaders (the installation
administrator's part), and remembering the plan a member used last."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import Membership, Plan, Role

User = get_user_model()


def plan_slug(name: str) -> str:
    """A free short name for the plan's name (æ/ø/å spelled out)."""
    base = slugify(name.lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))[:70] or "plan"
    slug, n = base, 1
    while Plan.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def user_create(*, username: str, first_name: str, last_name: str, email: str, password: str) -> User:
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    user.set_password(password)
    user.save()
    return user


def plan_leader_appoint(*, plan: Plan, user, job_title: str = "") -> Membership:
    """Make `user` a project leader of `plan` (a member in another role becomes the leader)."""
    membership, created = Membership.objects.get_or_create(
        user=user, plan=plan, defaults={"role": Role.PROJECT_LEADER, "job_title": job_title}
    )
    if not created and membership.role != Role.PROJECT_LEADER:
        membership.role = Role.PROJECT_LEADER
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def plan_create(
    *,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    description: str = "",
    leaders: list,
    leader_job_title: str = "",
) -> Plan:
    """A new, empty plan with its first project leader(s); the leaders set up the rest in the app."""
    plan = Plan.objects.create(
        name=name, slug=plan_slug(name), start_date=start_date, end_date=end_date, description=description
    )
    for user in leaders:
        plan_leader_appoint(plan=plan, user=user, job_title=leader_job_title)
    return plan


def membership_touch(membership: Membership) -> None:
    """Remember that the member worked in this plan now: they land here at their next login."""
    Membership.objects.filter(pk=membership.pk).update(last_used_at=timezone.now())
