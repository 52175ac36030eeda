"""Access to the district: the coordinator's pages and the shared networks seen from a plan.

* A district page lives under /districts/<district_id>/ and is for the district's
  coordinators only (`district_view`): not logged in -> login page; not a coordinator of the
  district -> 404 (audited as a denied attempt); method not allowed -> 405. The coordinator
  is not a member of any plan, so every plan page (cases, residents, the logbook) stays a 404
  for them through `helhedsplan.access.plan_view`, audited the same way.
* A shared network is reached from a participating plan's logbook under
  /plans/<plan_id>/district/ with the plan's own roles (`plan_view`); the network is fetched
  scoped to the plan's district (`get_shared_network`), so another district's network is a 404.
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404

from helhedsplan.audit import audit_denied
from helhedsplan.models import Plan

from .models import DistrictMembership, SharedMeeting, SharedNetwork


def district_view(methods: Iterable[str] = ("GET",)) -> Callable:
    """Guard a view under /districts/<district_id>/ for the district's coordinators.

    The view is called without `district_id`; it finds the district on `request.district`.
    """
    allowed_methods = {m.upper() for m in methods}
    if "GET" in allowed_methods:
        allowed_methods.add("HEAD")

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, district_id: int, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = (
                DistrictMembership.objects.select_related("district")
                .filter(user=request.user, district_id=district_id, user__is_active=True)
                .first()
            )
            if membership is None:
                audit_denied(request, reason="not a coordinator of the district")
                raise Http404
            if request.method not in allowed_methods:
                return HttpResponseNotAllowed(sorted(allowed_methods))
            request.district = membership.district
            request.district_membership = membership
            return view(request, *args, **kwargs)

        wrapped.district_methods = tuple(sorted(allowed_methods))
        return wrapped

    return decorator


def shared_networks_of(plan: Plan) -> QuerySet:
    """The shared networks of the plan's district (none when the plan is in no district)."""
    return SharedNetwork.objects.filter(district__district_plans__plan=plan)


def get_shared_network(request: HttpRequest, pk: int, queryset: QuerySet | None = None) -> SharedNetwork:
    """A shared network of the current plan's district, or 404 (audited)."""
    queryset = shared_networks_of(request.plan) if queryset is None else queryset
    try:
        return get_object_or_404(queryset, pk=pk)
    except Http404:
        audit_denied(
            request, reason="not in the plan's district", object_type="sharednetwork", object_ids=[pk]
        )
        raise


def get_shared_meeting(request: HttpRequest, network: SharedNetwork, pk: int) -> SharedMeeting:
    try:
        return get_object_or_404(SharedMeeting, network=network, pk=pk)
    except Http404:
        audit_denied(
            request, reason="not in the plan's district", object_type="sharedmeeting", object_ids=[pk]
        )
        raise
