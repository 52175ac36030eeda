"""Residents: finding them, their page (cases and consents), and consent forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from helhedsplan.access import TEAM, get_in_plan, plan_view
from helhedsplan.models import AuditAction
from helhedsplan.views.paging import page_of

from .. import selectors, services
from ..forms import ConsentForm, ConsentWithdrawForm, PartyAddForm, ResidentForm
from ..models import Case, CaseParty, CaseStatus, Consent, Resident
from .audit import audit_residents
from .common import add_service_errors, case_in_plan, today
from .history import history_page

SEARCH_PAGE_SIZE = 8


@plan_view(*TEAM)
def resident_list(request):
    query = request.GET.get("q", "").strip()
    if query:
        residents = selectors.resident_search(request.plan, query, limit=200)
    else:
        residents = (
            Resident.objects.filter(plan=request.plan)
            .select_related("department__housing_organisation")
            .annotate(open_cases=Count("case_parties", filter=Q(case_parties__case__status=CaseStatus.OPEN)))
            .order_by("name", "pk")
        )
    page = page_of(request, residents)
    audit_residents(
        request, page, action=AuditAction.SEARCH if query else AuditAction.LIST, search_terms=query
    )
    return render(request, "cases/resident_list.html", {"page": page, "query": query})


@plan_view(*TEAM)
def resident_search(request):
    """The htmx partial with matching residents, for opening a case or adding a party."""
    query = request.GET.get("q", "").strip()
    case = None
    if request.GET.get("case"):
        case = case_in_plan(request, request.GET["case"]) if request.GET["case"].isdigit() else None
    results = (
        selectors.resident_search(request.plan, query, limit=200)
        if len(query) >= 2
        else Resident.objects.none()
    )
    # A few at a time: on a phone twenty results made the page 4,400 px long.
    page = page_of(request, results, size=SEARCH_PAGE_SIZE)
    audit_residents(request, page, action=AuditAction.SEARCH, search_terms=query)
    context = {"results": page, "page": page, "query": query, "case": case}
    if case is not None:
        context["add_form"] = PartyAddForm(case=case)
    if request.headers.get("HX-Request"):
        return render(request, "cases/includes/_resident_results.html", context)
    # Without JavaScript the search form leads here: a whole page around the same results.
    return render(request, "cases/resident_search.html", context)


@plan_view(*TEAM)
def resident_detail(request, pk):
    resident = get_in_plan(
        request, Resident.objects.select_related("department__housing_organisation"), pk=pk
    )
    parties = (
        CaseParty.objects.filter(resident=resident)
        .select_related("case__department")
        .prefetch_related(Prefetch("case__responsible"))
        .order_by("case__status", "-case__opened_on")
    )
    consents = resident.consents.prefetch_related("partners").select_related("recorded_by")
    return render(
        request,
        "cases/resident_detail.html",
        {"resident": resident, "parties": parties, "consents": consents, "today": today()},
    )


def _resident_form_page(request, resident=None):
    form = ResidentForm(request.POST or None, instance=resident, plan=request.plan)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if resident is None:
                resident = services.resident_create(plan=request.plan, user=request.user, **data)
            else:
                resident = services.resident_update(resident=resident, user=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(resident)
    cancel = (
        resident.get_absolute_url()
        if resident
        else reverse("cases:resident_list", kwargs={"plan_id": request.plan.pk})
    )
    title = _("Edit resident") if resident else _("New resident")
    context = {"form": form, "title": title, "cancel_url": cancel, "resident": resident}
    return render(request, "helhedsplan/form.html", context)


@plan_view(*TEAM, methods=("GET", "POST"))
def resident_create(request):
    return _resident_form_page(request)


@plan_view(*TEAM, methods=("GET", "POST"))
def resident_edit(request, pk):
    # A fresh instance: the form writes into it, the service saves it.
    resident = get_in_plan(request, Resident, pk=pk)
    return _resident_form_page(request, resident)


@plan_view(*TEAM)
def resident_history(request, pk):
    resident = get_in_plan(request, Resident, pk=pk)
    records = [
        *resident.history.select_related("history_user"),
        *Consent.history.filter(resident_id=resident.pk).select_related("history_user"),
    ]
    return history_page(
        request,
        title=_("History of %(name)s") % {"name": resident.name},
        back_url=resident.get_absolute_url(),
        records=records,
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def consent_create(request, pk):
    resident = get_in_plan(request, Resident, pk=pk)
    # Sent here by a refused bridge-building: that partner is ticked already.
    partner = request.GET.get("partner", "")
    initial = {"partners": [int(partner)]} if partner.isdigit() else {}
    form = ConsentForm(request.POST or None, plan=request.plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(resident=resident, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consent has been recorded."))
            return redirect(_back_to_entry(request) or _back(request, resident))
    return render(
        request,
        "helhedsplan/form.html",
        {
            "form": form,
            "title": _("Record consent for %(name)s") % {"name": resident.name},
            "cancel_url": _back_to_entry(request) or _back(request, resident),
            "resident": resident,
        },
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def consent_withdraw(request, pk, consent_pk):
    resident = get_in_plan(request, Resident, pk=pk)
    consent = get_in_plan(request, Consent, "resident__plan", pk=consent_pk, resident=resident)
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(consent=consent, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consent has been marked as withdrawn."))
            return redirect(resident)
    return render(
        request,
        "helhedsplan/form.html",
        {
            "form": form,
            "title": _("Withdraw consent given on %(date)s")
            % {"date": date_format(consent.given_on, "SHORT_DATE_FORMAT")},
            "cancel_url": resident.get_absolute_url(),
        },
    )


def _back_to_entry(request) -> str:
    """The entry form of a case of this plan the user came from; its draft puts their text back."""
    target = request.GET.get("entry", "")
    try:
        match = resolve(target)
    except Resolver404:
        return ""
    if match.view_name != "cases:entry_log" or match.kwargs.get("plan_id") != request.plan.pk:
        return ""
    if not Case.objects.filter(plan=request.plan, pk=match.kwargs["pk"]).exists():
        return ""
    return reverse("cases:entry_log", kwargs=match.kwargs)


def _back(request, resident):
    """Back to the case the user came from (it was the consent rule that sent them), else the resident."""
    case_id = request.GET.get("case", "")
    if case_id.isdigit() and Case.objects.filter(plan=request.plan, pk=case_id).exists():
        return reverse("cases:case_detail", kwargs={"plan_id": request.plan.pk, "pk": case_id})
    return resident.get_absolute_url()
