"""The writes that matter on staff: memberships of a plan and the accounts behind them.

A project leader manages *memberships* of their own plan: role, job title, and ending one. The
account itself (name, e-mail, active, password) belongs to the person, not to a plan: it may be
changed from a plan's staff page only while the user belongs to no other plan; otherwise only an
administrator changes it (in the Django admin). Otherwise a leader of plan B could lock plan A's
leader out by deactivating or re-mailing a shared account.

Every function is keyword-only, raises `ValidationError` with field keys for a form to show, and
writes one audit event naming the membership.

Setting up a plan: the installation administrator creates it and appoints its project leaders; a
member's last-used plan is remembered for their next login.
"""

import datetime

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .audit import audit_log
from .models import AuditAction, Membership, Plan, Role

User = get_user_model()


class AccountNotEditable(PermissionDenied):
    """The account is used outside this plan (or is an administrator's): only an administrator edits it."""


def account_editable_from_plan(*, user, plan: Plan) -> bool:
    """May a leader of `plan` change this account (name, e-mail, active, password)?"""
    if user.is_staff or user.is_superuser:
        return False
    return not user.memberships.exclude(plan=plan).exists()


def _audit(*, action: str, membership: Membership, by) -> None:
    audit_log(
        action=action, object_type="membership", object_ids=[membership.pk], user=by, plan=membership.plan
    )


@transaction.atomic
def membership_create_with_account(
    *,
    plan: Plan,
    by,
    username: str,
    password: str,
    first_name: str,
    last_name: str,
    email: str = "",
    role: str,
    job_title: str = "",
) -> Membership:
    """A new colleague: a new account and their membership of `plan`."""
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {
                "username": _(
                    "This username is already taken. If it is a colleague from another plan, "
                    "use 'Add an existing colleague' instead."
                )
            }
        )
    user = User(username=username, first_name=first_name, last_name=last_name, email=email)
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)
    user.save()
    membership = Membership.objects.create(user=user, plan=plan, role=role, job_title=job_title)
    _audit(action=AuditAction.CREATE, membership=membership, by=by)
    return membership


def colleague_find(*, identifier: str):
    """The one active, non-administrator account with this exact username or e-mail, else None.

    Exact matches only (no search, no partial names): a leader who knows a colleague's username or
    e-mail learns that the account exists, and nothing about any other account. An inactive account,
    an administrator's, and an e-mail shared by several accounts all give the same "not found".
    """
    identifier = identifier.strip()
    if not identifier:
        return None
    candidates = User.objects.filter(is_active=True, is_staff=False, is_superuser=False)
    field = "email__iexact" if "@" in identifier else "username__iexact"
    matches = list(candidates.filter(**{field: identifier})[:2])
    return matches[0] if len(matches) == 1 else None


@transaction.atomic
def membership_add_existing(*, plan: Plan, by, identifier: str, role: str, job_title: str = "") -> Membership:
    """Give an existing colleague (e.g. a caretaker serving two plans) a role in `plan` too."""
    user = colleague_find(identifier=identifier)
    if user is None:
        raise ValidationError(
            {"identifier": _("No active colleague has exactly this username or e-mail address.")}
        )
    if Membership.objects.filter(user=user, plan=plan).exists():
        raise ValidationError({"identifier": _("This colleague is already on the plan's staff.")})
    membership = Membership.objects.create(user=user, plan=plan, role=role, job_title=job_title)
    _audit(action=AuditAction.CREATE, membership=membership, by=by)
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, by, role: str, job_title: str) -> Membership:
    """Change a member's role or job title in this plan (never their own role)."""
    if membership.user_id == by.pk and role != membership.role:
        raise ValidationError({"role": _("You cannot change your own role.")})
    membership.role = role
    membership.job_title = job_title
    membership.save(update_fields=["role", "job_title"])
    _audit(action=AuditAction.UPDATE, membership=membership, by=by)
    return membership


@transaction.atomic
def account_update(
    *,
    membership: Membership,
    by,
    first_name: str,
    last_name: str,
    email: str,
    is_active: bool,
    new_password: str = "",
):
    """Change the account behind a membership, if it belongs to this plan alone."""
    user = membership.user
    if not account_editable_from_plan(user=user, plan=membership.plan):
        raise AccountNotEditable
    if not is_active and user.pk == by.pk:
        raise ValidationError({"is_active": _("You cannot deactivate yourself.")})
    user.first_name, user.last_name, user.email, user.is_active = first_name, last_name, email, is_active
    if new_password:
        try:
            password_validation.validate_password(new_password, user)
        except ValidationError as error:
            raise ValidationError({"new_password": error.messages}) from error
        user.set_password(new_password)
    user.save()
    _audit(action=AuditAction.UPDATE, membership=membership, by=by)
    return user


@transaction.atomic
def membership_end(*, membership: Membership, by) -> None:
    """End a colleague's membership of this plan; the account and everything they logged are kept.

    Refused while they are responsible for open cases of the plan (hand them over first). An
    account left with no plan at all is deactivated: nobody can log in to nothing.
    """
    user = membership.user
    if user.pk == by.pk:
        raise ValidationError(_("You cannot end your own membership."))
    # Through the reverse relation: helhedsplan imports no app above it. A closed case has closed_on.
    count = user.responsible_cases.filter(plan=membership.plan, closed_on__isnull=True).count()
    if count:
        raise ValidationError(
            ngettext(
                "%(name)s is responsible for %(count)d open case. Hand it over to a colleague first.",
                "%(name)s is responsible for %(count)d open cases. Hand them over to a colleague first.",
                count,
            ),
            params={"name": user.get_full_name() or user.get_username(), "count": count},
        )
    _audit(action=AuditAction.DELETE, membership=membership, by=by)
    membership.delete()
    if not user.memberships.exists() and not (user.is_staff or user.is_superuser):
        user.is_active = False
        user.save(update_fields=["is_active"])


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
