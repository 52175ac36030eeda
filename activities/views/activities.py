"""Logging and correcting neighbourhood activities; the project leader's activity kinds."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from helhedsplan.access import LEADER, TEAM, get_in_plan, plan_view
from helhedsplan.views.editing import edit_page

from .. import services
from ..forms import ActivityForm, ActivityKindForm
from ..models import Activity, ActivityKind
from .editing import FORM_TEMPLATE


def _logbook_url(request) -> str:
    return reverse("activities:logbook", kwargs={"plan_id": request.plan.pk})


def _activity_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in services.ACTIVITY_FIELDS}


@plan_view(*TEAM, methods=("GET", "POST"))
def activity_create(request):
    """The one-minute form: kind, who initiated it, how many came; the rest is optional."""
    plan = request.plan
    if request.method == "POST":
        form = ActivityForm(request.POST, plan=plan)
        if form.is_valid():
            activity = services.activity_log(
                plan=plan,
                logged_by=request.user,
                partners=form.cleaned_data["partners"],
                **_activity_data(form),
            )
            messages.success(request, _("Logged: %(activity)s.") % {"activity": activity})
            if "another" in request.POST:
                return redirect(reverse("activities:activity_create", kwargs={"plan_id": plan.pk}))
            return redirect(_logbook_url(request))
    else:
        form = ActivityForm(plan=plan)
    return render(
        request,
        "activities/activity_form.html",
        {
            "form": form,
            "title": _("Log an activity"),
            "cancel_url": _logbook_url(request),
            "active": "logbook",
        },
    )


@plan_view(*TEAM)
def activity_detail(request, pk):
    activity = get_in_plan(
        request,
        Activity.objects.select_related(
            "kind", "department__housing_organisation", "initiative", "logged_by"
        ).prefetch_related("partners"),
        pk=pk,
    )
    return render(request, "activities/activity_detail.html", {"activity": activity, "active": "logbook"})


@plan_view(*TEAM, methods=("GET", "POST"))
def activity_edit(request, pk):
    activity = get_in_plan(request, Activity, pk=pk)
    if request.method == "POST":
        form = ActivityForm(request.POST, instance=activity, plan=request.plan)
        if form.is_valid():
            services.activity_update(
                activity=activity, partners=form.cleaned_data["partners"], **_activity_data(form)
            )
            messages.success(request, _("Saved."))
            return redirect(activity.get_absolute_url())
    else:
        form = ActivityForm(instance=activity, plan=request.plan)
    return render(
        request,
        "activities/activity_form.html",
        {
            "form": form,
            "title": _("Edit activity"),
            "cancel_url": activity.get_absolute_url(),
            "activity": activity,
            "active": "logbook",
        },
    )


@plan_view(*LEADER)
def kind_list(request):
    kinds = ActivityKind.objects.filter(plan=request.plan).order_by("-is_active", "position", "name")
    return render(request, "activities/kind_list.html", {"kinds": kinds, "active": "kinds"})


@plan_view(*LEADER, methods=("GET", "POST"))
def kind_edit(request, pk=None):
    kind = get_in_plan(request, ActivityKind, pk=pk) if pk else None
    return edit_page(
        request,
        template=FORM_TEMPLATE,
        plan=request.plan,
        form_class=ActivityKindForm,
        instance=kind,
        title=_("Edit activity kind") if kind else _("New activity kind"),
        success_url=reverse("activities:kind_list", kwargs={"plan_id": request.plan.pk}),
        context={"active": "kinds"},
    )
