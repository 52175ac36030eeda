"""The audit log service: one call per use of personal data.

Views call `audit_log(request, action=..., object_type=..., object_ids=...)`
once per request. Within a request the event is held on the request and
written by `AuditMiddleware` after the view has returned: the view runs in a
transaction (ATOMIC_REQUESTS) that is rolled back when it raises Http404 or
PermissionDenied, and denied attempts must be logged all the same.
Outside a request (commands, services called from the shell) the event is
written at once.

Only ids and the search terms that were typed go into the log, never names
or notes, and the path is logged without its query string.
"""

from collections.abc import Iterable

from django.http import HttpRequest

from . import hotpath
from .models import AuditAction, AuditEvent, Plan

PENDING_ATTRIBUTE = "_audit_events"
SEARCH_TERMS_MAX = AuditEvent._meta.get_field("search_terms").max_length


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; behind a reverse proxy the last X-Forwarded-For hop (the proxy's own)."""
    from django.conf import settings

    if getattr(settings, "USE_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR") or None


def _id_list(ids: Iterable) -> list[int]:
    return sorted({int(pk) for pk in ids if pk is not None})


def audit_log(
    request: HttpRequest | None = None,
    *,
    action: str,
    object_type: str = "",
    object_ids: Iterable = (),
    resident_ids: Iterable = (),
    search_terms: str = "",
    allowed: bool = True,
    reason: str = "",
    user=None,
    username: str = "",
    plan: Plan | int | None = None,
) -> AuditEvent:
    """Record one audit event. Returns it (unsaved until the end of the request)."""
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action {action!r}")
    event = AuditEvent(
        action=action,
        allowed=allowed,
        reason=reason[:100],
        object_type=object_type,
        object_ids=_id_list(object_ids),
        search_terms=" ".join(search_terms.split())[:SEARCH_TERMS_MAX],
    )
    residents = _id_list(resident_ids)
    event.resident_ids = f",{','.join(map(str, residents))}," if residents else ""

    if request is not None:
        request_user = getattr(request, "user", None)
        if user is None and request_user is not None and request_user.is_authenticated:
            user = request_user
        if plan is None:
            plan = getattr(request, "plan", None)
        membership = getattr(request, "membership", None)
        if membership is not None:
            event.role = membership.role
        event.path = request.path[:300]
        event.method = request.method or ""
        event.ip_address = client_ip(request)
    if user is not None:
        event.user_id = user.pk
        event.username = user.get_username()
    else:
        event.username = username[:150]
    if isinstance(plan, Plan):
        event.plan_id = plan.pk
    elif plan is not None:
        event.plan_id = int(plan)

    pending = getattr(request, PENDING_ATTRIBUTE, None) if request is not None else None
    if pending is not None:
        pending.append(event)
    else:
        event.save()
    return event


def audit_denied(request: HttpRequest, *, reason: str, plan_id=None, object_type: str = "", object_ids=()):
    """A refused attempt at a plan page or at a record outside the plan."""
    return audit_log(
        request,
        action=AuditAction.DENIED,
        allowed=False,
        reason=reason,
        plan=plan_id if plan_id is not None else getattr(request, "plan", None),
        object_type=object_type,
        object_ids=object_ids,
    )


def flush_pending(request: HttpRequest) -> None:
    """Write the events a request collected (called by AuditMiddleware)."""
    events = getattr(request, PENDING_ATTRIBUTE, None)
    if not events:
        return
    if len(events) == 1:
        # The usual page: one INSERT, committed on its own (bulk_create would wrap it in BEGIN/COMMIT).
        hotpath.insert_event(events[0])
    else:
        AuditEvent.objects.bulk_create(events)
    events.clear()
