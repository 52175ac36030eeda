from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..access import LEADER, TEAM, get_in_plan, plan_view
from ..forms import ContactPersonForm, PartnerOrganisationForm
from ..models import ContactPerson, PartnerKind, PartnerOrganisation
from .editing import edit_page


@plan_view(*TEAM)
def partner_list(request):
    partners = (
        PartnerOrganisation.objects.filter(plan=request.plan)
        .select_related("parent", "housing_organisation")
        .annotate(contact_count=Count("contacts"))
        .order_by("kind", "name")
    )
    kind = request.GET.get("kind", "")
    if kind in PartnerKind.values:
        partners = partners.filter(kind=kind)
    return render(
        request,
        "helhedsplan/partner_list.html",
        {"partners": partners, "kinds": PartnerKind.choices, "selected_kind": kind},
    )


@plan_view(*TEAM)
def partner_detail(request, pk):
    partner = get_in_plan(
        request, PartnerOrganisation.objects.select_related("parent", "housing_organisation"), pk=pk
    )
    return render(
        request,
        "helhedsplan/partner_detail.html",
        {"partner": partner, "contacts": partner.contacts.all(), "units": partner.units.all()},
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def partner_edit(request, pk=None):
    partner = get_in_plan(request, PartnerOrganisation, pk=pk) if pk else None
    success = (
        partner.get_absolute_url()
        if partner
        else reverse("helhedsplan:partner_list", kwargs={"plan_id": request.plan.pk})
    )
    return edit_page(
        request,
        form_class=PartnerOrganisationForm,
        instance=partner,
        plan=request.plan,
        title=_("Edit partner organisation") if partner else _("New partner organisation"),
        success_url=success,
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def contact_edit(request, partner_pk, pk=None):
    partner = get_in_plan(request, PartnerOrganisation, pk=partner_pk)
    contact = (
        get_in_plan(request, ContactPerson, "partner__plan", pk=pk, partner=partner)
        if pk
        else ContactPerson(partner=partner)
    )
    return edit_page(
        request,
        form_class=ContactPersonForm,
        instance=contact,
        title=_("Edit contact person") if pk else _("New contact person"),
        success_url=partner.get_absolute_url(),
    )
