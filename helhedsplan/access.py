"""The one access layer every plan page goes through.

A plan page lives under /plans/<plan_id>/. `plan_view` resolves the user's
membership of that plan before the view runs:

* not logged in             -> redirect to the login page
* not a member of the plan  -> 404 (another plan's data does not exist for you)
* member without the role   -> 403
* method not allowed        -> 405

Objects are then fetched *scoped in the query* with `get_in_plan`, so an id
from another plan is a 404 as well. Every refusal (404 or 403) is written to
the audit log as a denied attempt.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404

from . import hotpath
from .audit import audit_denied
from .models import Membership, Role
from .services import membership_touch

WORKER = Role.WORKER
PROJECT_LEADER = Role.PROJECT_LEADER
BOARD = Role.BOARD

#: The plan's team: the workers (social caretakers) and the project leader, who work with residents.
TEAM = (WORKER, PROJECT_LEADER)
LEADER = (PROJECT_LEADER,)
EVERYONE = (WORKER, PROJECT_LEADER, BOARD)

SESSION_PLAN_KEY = "current_plan_id"
#: No id is larger than a 64-bit integer; a larger one in a URL does not exist (and SQLite cannot compare it).
MAX_ID = 2**63 - 1


def plan_view(*roles: str, methods: Iterable[str] = ("GET",)) -> Callable:
    """Guard a view under /plans/<plan_id>/ for the given roles.

    The view is called without `plan_id`; it finds the plan on
    `request.plan` and the membership on `request.membership`.
    """
    if not roles:
        raise ValueError("plan_view needs at least one role")
    allowed_methods = {m.upper() for m in methods}
    if "GET" in allowed_methods:
        allowed_methods.add("HEAD")

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, plan_id: int, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if any(isinstance(v, int) and v > MAX_ID for v in (plan_id, *kwargs.values())):
                raise Http404
            # All the user's memberships in one query: the page's own, and the plan switcher's list.
            memberships = user_memberships(request)
            membership = next((m for m in memberships if m.plan_id == plan_id), None)
            if membership is None:
                audit_denied(request, plan_id=plan_id, reason="not a member of the plan")
                raise Http404
            if membership.role not in roles:
                audit_denied(request, plan_id=plan_id, reason="role not allowed")
                raise PermissionDenied
            if request.method not in allowed_methods:
                return HttpResponseNotAllowed(sorted(allowed_methods))
            request.plan = membership.plan
            request.membership = membership
            if request.session.get(SESSION_PLAN_KEY) != membership.plan_id:
                # Once per switch of plan (not per page): the next login lands in this plan.
                request.session[SESSION_PLAN_KEY] = membership.plan_id
                membership_touch(membership)
            return view(request, *args, **kwargs)

        wrapped.plan_roles = tuple(roles)
        wrapped.plan_methods = tuple(sorted(allowed_methods))
        return wrapped

    return decorator


def user_memberships(request: HttpRequest) -> list[Membership]:
    """The signed-in user's memberships with their plans, by plan name; read once per request.

    An inactive account has none (it cannot log in either; a session it held is refused here).
    """
    cached = getattr(request, "_memberships", None)
    if cached is None:
        user = request.user
        cached = hotpath.memberships(user.pk) if user.is_authenticated and user.is_active else []
        request._memberships = cached
    return cached


def get_in_plan(
    request: HttpRequest, model_or_qs: type[Model] | QuerySet, plan_path: str = "plan", **lookups
):
    """Fetch one object of the current plan, or 404.

    `plan_path` is the lookup from the object to its plan, e.g.
    "partner__plan" for a contact person.
    """
    try:
        return get_object_or_404(model_or_qs, **{plan_path: request.plan}, **lookups)
    except Http404 as error:
        model = model_or_qs.model if isinstance(model_or_qs, QuerySet) else model_or_qs
        raise not_in_plan(request, model, lookups.get("pk", lookups.get("id"))) from error


def not_in_plan(request: HttpRequest, model: type[Model], pk) -> Http404:
    """The 404 for an object that is not the plan's (or does not exist), with its denial audited."""
    audit_denied(
        request,
        reason="not found in the plan",
        object_type=model._meta.model_name,
        object_ids=[pk] if isinstance(pk, int) else [],
    )
    return Http404(f"No {model._meta.object_name} matches the given query.")


def has_role(request: HttpRequest, *roles: str) -> bool:
    membership = getattr(request, "membership", None)
    return membership is not None and membership.role in roles


@dataclass(frozen=True)
class Abilities:
    """What the current role may do on a plan page: the one value role-dependent markup asks.

    Templates read it as `can` (`{% if can.manage %}`), never a role string.
    """

    role: str | None = None

    @property
    def manage(self) -> bool:
        """Configure the plan, delete logbook entries, reassign cases, approve notes."""
        return self.role in LEADER

    @property
    def work_with_residents(self) -> bool:
        """See residents and cases, log work, write status notes."""
        return self.role in TEAM

    @property
    def only_read_reports(self) -> bool:
        """The board: reads published notes and figures, never a resident."""
        return self.role == BOARD


def abilities(request: HttpRequest) -> Abilities:
    membership = getattr(request, "membership", None)
    return Abilities(role=membership.role if membership else None)


def is_installation_admin(user) -> bool:
    """May create plans and appoint their project leaders (the app's own pages, not the Django admin)."""
    return user.is_authenticated and user.is_active and user.has_perm("helhedsplan.add_plan")


def installation_view(methods: Iterable[str] = ("GET",)) -> Callable:
    """Guard a page of the installation administrator: anonymous -> login, anyone else -> 403."""
    allowed_methods = {m.upper() for m in methods} | ({"HEAD"} if "GET" in methods else set())

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_installation_admin(request.user):
                audit_denied(request, reason="not an installation administrator")
                raise PermissionDenied
            if request.method not in allowed_methods:
                return HttpResponseNotAllowed(sorted(allowed_methods))
            return view(request, *args, **kwargs)

        wrapped.installation = True
        return wrapped

    return decorator
