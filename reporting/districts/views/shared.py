"""The district's shared networks as a participating plan's staff see and log them, from the logbook.

Scoped to the plan's district: a caretaker of any participating plan sees every meeting of the
shared series (dates, plans and partners present, agenda points, minutes), and nothing of
another plan's own cases, residents or logbook.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from helhedsplan.access import TEAM, plan_view
from helhedsplan.models import Plan

from .. import selectors, services
from ..access import get_shared_meeting, get_shared_network, shared_networks_of
from ..forms import SharedMeetingForm
from ..models import ContractParty, SharedMeeting


@plan_view(*TEAM)
def network_list(request):
    today = timezone.localdate()
    networks = selectors.flag_due(
        selectors.networks_with_last_meeting(shared_networks_of(request.plan)), today
    )
    return render(
        request,
        "districts/shared_network_list.html",
        {
            "networks": networks,
            "figures": selectors.plan_shared_meetings(request.plan, today.year),
            "year": today.year,
            "active": "shared_networks",
        },
    )


@plan_view(*TEAM)
def network_detail(request, pk):
    network = get_shared_network(
        request, pk, selectors.networks_with_last_meeting(shared_networks_of(request.plan))
    )
    (network,) = selectors.flag_due([network], timezone.localdate())
    return render(
        request,
        "districts/shared_network_detail.html",
        {"network": network, "meetings": selectors.meetings_with_gaps(network), "active": "shared_networks"},
    )


@plan_view(*TEAM)
def meeting_detail(request, network_pk, pk):
    network = get_shared_network(request, network_pk)
    meeting = get_shared_meeting(request, network, pk)
    return render(
        request,
        "districts/shared_meeting_detail.html",
        {
            "network": network,
            "meeting": meeting,
            "plan_rows": meeting.plan_rows.select_related("plan"),
            "partner_rows": meeting.partner_rows.select_related("party"),
            "active": "shared_networks",
        },
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def meeting_edit(request, network_pk, pk=None):
    network = get_shared_network(request, network_pk)
    meeting = get_shared_meeting(request, network, pk) if pk else SharedMeeting(network=network)
    plans = list(Plan.objects.filter(district_link__district_id=network.district_id).order_by("name"))
    parties = ContractParty.objects.filter(contract__district_id=network.district_id)
    if network.contract_id:
        parties = parties.filter(contract_id=network.contract_id)
    kwargs = {"instance": meeting, "plan": request.plan, "plans": plans, "parties": list(parties)}
    if request.method == "POST":
        form = SharedMeetingForm(request.POST, **kwargs)
        if form.is_valid():
            plan_rows, party_rows = form.attendance()
            meeting = services.shared_meeting_save(
                meeting=form.save(commit=False), plans=plan_rows, parties=party_rows
            )
            messages.success(request, _("Saved."))
            return redirect(meeting.url_in_plan(request.plan.pk))
    else:
        form = SharedMeetingForm(**kwargs)
    return render(
        request,
        "districts/shared_meeting_form.html",
        {
            "form": form,
            "network": network,
            "title": _("Edit shared meeting") if pk else _("Log a shared meeting"),
            "cancel_url": meeting.url_in_plan(request.plan.pk)
            if pk
            else network.url_in_plan(request.plan.pk),
            "active": "shared_networks",
        },
    )
