from django.db.models import Prefetch, Sum
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..access import LEADER, get_in_plan, plan_view
from ..forms import BudgetLineForm, FocusAreaForm, InitiativeForm, PlanForm
from ..models import BudgetLine, FocusArea, Initiative
from .editing import edit_page


@plan_view(*LEADER)
def plan_detail(request):
    plan = request.plan
    focus_areas = (
        FocusArea.objects.filter(plan=plan)
        .annotate(budget_total=Sum("budget_lines__amount_dkk"))
        .prefetch_related("budget_lines", Prefetch("initiatives", Initiative.objects.order_by("number")))
    )
    return render(request, "helhedsplan/plan_detail.html", {"plan": plan, "focus_areas": focus_areas})


@plan_view(*LEADER, methods=("GET", "POST"))
def plan_edit(request):
    return edit_page(
        request,
        form_class=PlanForm,
        instance=request.plan,
        title=_("Edit plan"),
        success_url=request.plan.get_absolute_url(),
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def focus_area_edit(request, pk=None):
    focus_area = get_in_plan(request, FocusArea, pk=pk) if pk else None
    return edit_page(
        request,
        form_class=FocusAreaForm,
        instance=focus_area,
        plan=request.plan,
        title=_("Edit focus area") if focus_area else _("New focus area"),
        success_url=request.plan.get_absolute_url(),
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def budget_line_edit(request, focus_area_pk, pk=None):
    focus_area = get_in_plan(request, FocusArea, pk=focus_area_pk)
    line = (
        get_in_plan(request, BudgetLine, "focus_area__plan", pk=pk, focus_area=focus_area)
        if pk
        else BudgetLine(focus_area=focus_area)
    )
    return edit_page(
        request,
        form_class=BudgetLineForm,
        instance=line,
        title=_("Edit budget line") if pk else _("New budget line"),
        success_url=request.plan.get_absolute_url(),
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def initiative_edit(request, pk=None):
    initiative = get_in_plan(request, Initiative, "focus_area__plan", pk=pk) if pk else None
    return edit_page(
        request,
        form_class=InitiativeForm,
        instance=initiative,
        plan=request.plan,
        title=_("Edit initiative") if initiative else _("New initiative"),
        success_url=request.plan.get_absolute_url(),
    )
