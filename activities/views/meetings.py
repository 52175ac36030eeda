"""Resident meetings, and the networks with partners and their meetings."""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from helhedsplan.access import TEAM, get_in_plan, plan_view
from helhedsplan.views.editing import edit_page

from .. import selectors
from ..forms import NetworkForm, NetworkMeetingForm, ResidentMeetingForm
from ..models import Network, NetworkMeeting, ResidentMeeting
from .editing import FORM_TEMPLATE


@plan_view(*TEAM)
def resident_meeting_list(request):
    plan = request.plan
    meetings = (
        ResidentMeeting.objects.filter(plan=plan)
        .select_related("department__housing_organisation")
        .order_by("-date", "department__code")
    )
    return render(
        request,
        "activities/resident_meeting_list.html",
        {
            "meetings": meetings,
            "averages": selectors.resident_meeting_averages(plan),
            "board_departments": set(
                selectors.board_department_ids(plan).values_list("department_id", flat=True)
            ),
            "active": "resident_meetings",
        },
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def resident_meeting_edit(request, pk=None):
    meeting = get_in_plan(request, ResidentMeeting, pk=pk) if pk else None
    return edit_page(
        request,
        template=FORM_TEMPLATE,
        plan=request.plan,
        form_class=ResidentMeetingForm,
        instance=meeting,
        title=_("Edit resident meeting") if meeting else _("Log a resident meeting"),
        success_url=reverse("activities:resident_meeting_list", kwargs={"plan_id": request.plan.pk}),
        context={
            "active": "resident_meetings",
            "delete_type": "resident_meeting" if meeting else None,
            "entry": meeting,
        },
    )


@plan_view(*TEAM)
def network_list(request):
    today = timezone.localdate()
    networks = list(selectors.networks_overview(request.plan).prefetch_related("partners"))
    for network in networks:
        network.due = network.next_due(network.last_meeting)
        network.overdue = network.is_overdue(network.last_meeting, today)
    return render(
        request, "activities/network_list.html", {"networks": networks, "today": today, "active": "networks"}
    )


@plan_view(*TEAM)
def network_detail(request, pk):
    network = get_in_plan(
        request,
        selectors.networks_overview(request.plan).select_related("initiative").prefetch_related("partners"),
        pk=pk,
    )
    today = timezone.localdate()
    return render(
        request,
        "activities/network_detail.html",
        {
            "network": network,
            "due": network.next_due(network.last_meeting),
            "overdue": network.is_overdue(network.last_meeting, today),
            "meetings": selectors.network_meetings_with_gaps(network),
            "today": today,
            "active": "networks",
        },
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def network_edit(request, pk=None):
    network = get_in_plan(request, Network, pk=pk) if pk else None
    return edit_page(
        request,
        template=FORM_TEMPLATE,
        plan=request.plan,
        form_class=NetworkForm,
        instance=network,
        title=_("Edit network") if network else _("New network"),
        success_url=lambda obj: obj.get_absolute_url(),
        cancel_url=network.get_absolute_url()
        if network
        else reverse("activities:network_list", kwargs={"plan_id": request.plan.pk}),
        context={"active": "networks"},
    )


@plan_view(*TEAM)
def network_meeting_detail(request, network_pk, pk):
    network = get_in_plan(request, Network, pk=network_pk)
    meeting = get_in_plan(
        request,
        NetworkMeeting.objects.prefetch_related("partners_present"),
        "network__plan",
        pk=pk,
        network=network,
    )
    return render(
        request,
        "activities/network_meeting_detail.html",
        {"network": network, "meeting": meeting, "active": "networks"},
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def network_meeting_edit(request, network_pk, pk=None):
    network = get_in_plan(request, Network, pk=network_pk)
    meeting = (
        get_in_plan(request, NetworkMeeting, "network__plan", pk=pk, network=network)
        if pk
        else NetworkMeeting(network=network)
    )
    return edit_page(
        request,
        template=FORM_TEMPLATE,
        plan=request.plan,
        form_class=NetworkMeetingForm,
        instance=meeting,
        title=_("Edit network meeting") if pk else _("Log a network meeting"),
        success_url=lambda obj: obj.get_absolute_url(),
        cancel_url=meeting.get_absolute_url() if pk else network.get_absolute_url(),
        context={
            "active": "networks",
            "parent": network,
            "delete_type": "network_meeting" if pk else None,
            "entry": meeting,
        },
    )
