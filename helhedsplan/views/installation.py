"""The installation administrator's pages: create a plan and appoint its project leaders.

Everything else — housing organisations, departments, staff, the agreement's criteria — the project
leader does in the plan's own pages. No page here shows a resident or anything of a plan's content.
"""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ..access import installation_view
from ..models import Membership, Plan, Role
from ..services import plan_create, plan_leader_appoint, user_create
from ..setup_forms import LeaderForm, NewPlanForm


def _leaders():
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(role=Role.PROJECT_LEADER).select_related("user"),
        to_attr="leaders",
    )


def _leader_from(form: LeaderForm):
    data = form.cleaned_data
    if data.get("user"):
        return data["user"]
    return user_create(
        username=data["username"].strip(),
        first_name=data["first_name"],
        last_name=data["last_name"],
        email=data.get("email", ""),
        password=data["password"],
    )


@installation_view()
def plan_list(request):
    plans = Plan.objects.prefetch_related(_leaders()).order_by("-start_date", "name")
    return render(request, "helhedsplan/installation/plan_list.html", {"plans": plans})


@installation_view(methods=("GET", "POST"))
def plan_new(request):
    plan_form = NewPlanForm(request.POST or None, prefix="plan")
    leader_form = LeaderForm(request.POST or None, prefix="leader")
    if request.method == "POST" and plan_form.is_valid() and leader_form.is_valid():
        data = plan_form.cleaned_data
        plan = plan_create(
            name=data["name"],
            start_date=data["start_date"],
            end_date=data["end_date"],
            description=data["description"],
            leaders=[_leader_from(leader_form)],
            leader_job_title=_("Project leader"),
        )
        messages.success(
            request,
            _("The plan %(plan)s is created. Its project leader sets it up from their first login.")
            % {"plan": plan.name},
        )
        return redirect("installation:plan_leaders", pk=plan.pk)
    return render(
        request,
        "helhedsplan/installation/plan_new.html",
        {"plan_form": plan_form, "leader_form": leader_form},
        status=400 if request.method == "POST" else 200,
    )


@installation_view(methods=("GET", "POST"))
def plan_leaders(request, pk):
    plan = get_object_or_404(Plan.objects.prefetch_related(_leaders()), pk=pk)
    form = LeaderForm(request.POST or None, prefix="leader")
    if request.method == "POST" and form.is_valid():
        user = _leader_from(form)
        plan_leader_appoint(plan=plan, user=user, job_title=_("Project leader"))
        messages.success(
            request,
            _("%(user)s is now a project leader of %(plan)s.")
            % {"user": user.get_full_name() or user.username, "plan": plan.name},
        )
        return redirect("installation:plan_leaders", pk=plan.pk)
    return render(
        request,
        "helhedsplan/installation/plan_leaders.html",
        {"plan": plan, "form": form},
        status=400 if request.method == "POST" else 200,
    )
