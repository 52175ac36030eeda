from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..access import LEADER, get_in_plan, plan_view
from ..forms import StaffForm
from ..models import Membership
from .editing import edit_page


@plan_view(*LEADER)
def staff_list(request):
    memberships = (
        Membership.objects.filter(plan=request.plan)
        .select_related("user")
        .order_by("role", "user__first_name", "user__last_name")
    )
    return render(request, "helhedsplan/staff_list.html", {"memberships": memberships})


@plan_view(*LEADER, methods=("GET", "POST"))
def staff_edit(request, pk=None):
    membership = get_in_plan(request, Membership.objects.select_related("user"), pk=pk) if pk else None
    return edit_page(
        request,
        form_class=StaffForm,
        instance=membership,
        plan=request.plan,
        editor=request.user,
        title=_("Edit staff member") if membership else _("New staff member"),
        success_url=reverse("helhedsplan:staff_list", kwargs={"plan_id": request.plan.pk}),
    )
