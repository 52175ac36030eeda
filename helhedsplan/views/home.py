from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from ..access import EVERYONE, SESSION_PLAN_KEY, is_installation_admin, plan_view


@require_GET
@login_required
def home(request):
    """Send the user to the start page of their role in their current plan."""
    # The plan used last comes first: a new login lands where the member worked, not in the first by name.
    memberships = list(
        request.user.memberships.select_related("plan").order_by(
            F("last_used_at").desc(nulls_last=True), "plan__name"
        )
    )
    if not memberships:
        # A district coordinator belongs to a district, not a plan (the districts app, through
        # the reverse relation: the plan core imports nothing above it).
        district_id = request.user.district_memberships.values_list("district_id", flat=True).first()
        if district_id is not None:
            return redirect("districts:overview", district_id=district_id)
        if is_installation_admin(request.user):
            return redirect("installation:plan_list")
        if request.user.is_staff:
            return redirect("admin:index")
        return render(request, "helhedsplan/no_plan.html")
    current = next(
        (m for m in memberships if m.plan_id == request.session.get(SESSION_PLAN_KEY)),
        memberships[0],
    )
    return redirect(start_page_url(current))


def start_page_url(membership) -> str:
    return reverse(settings.START_PAGES[membership.role], kwargs={"plan_id": membership.plan_id})


@plan_view(*EVERYONE)
def plan_start(request):
    """Switching plan: land on the role's start page in the chosen plan."""
    return redirect(start_page_url(request.membership))
