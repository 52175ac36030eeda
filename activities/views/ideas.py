"""Ideas from the course and workshops, and whether the plan helped realise them."""

from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from helhedsplan.access import TEAM, get_in_plan, plan_view
from helhedsplan.views.editing import edit_page

from .. import services
from ..forms import IdeaForm
from ..models import Idea, IdeaStatus
from .editing import FORM_TEMPLATE

CONTEXT = {"active": "ideas"}


@plan_view(*TEAM)
def idea_list(request):
    plan = request.plan
    ideas = Idea.objects.filter(plan=plan).select_related("cohort").order_by("-proposed_on", "title")
    status = request.GET.get("status", "")
    if status in IdeaStatus.values:
        ideas = ideas.filter(status=status)
    counts = dict(Idea.objects.filter(plan=plan).order_by().values_list("status").annotate(n=Count("pk")))
    statuses = [(value, label, counts.get(value, 0)) for value, label in IdeaStatus.choices]
    return render(
        request,
        "activities/idea_list.html",
        {"ideas": ideas, "statuses": statuses, "selected_status": status, **CONTEXT},
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def idea_edit(request, pk=None):
    idea = get_in_plan(request, Idea, pk=pk) if pk else None
    return edit_page(
        request,
        template=FORM_TEMPLATE,
        plan=request.plan,
        form_class=IdeaForm,
        instance=idea,
        title=_("Edit idea") if idea else _("New idea"),
        save=lambda form: services.idea_save(idea=form.save(commit=False)),
        success_url=reverse("activities:idea_list", kwargs={"plan_id": request.plan.pk}),
        context={**CONTEXT, "delete_type": "idea" if idea else None, "entry": idea},
    )
