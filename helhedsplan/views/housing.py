import base64

from django.contrib import messages
from django.db.models import Count, Prefetch, Sum
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..access import LEADER, get_in_plan, plan_view
from ..department_import import DANISH_HEADER, departments_import
from ..forms import DepartmentForm, HousingOrganisationForm, NeighbourhoodForm
from ..models import Department, HousingOrganisation, Neighbourhood
from ..tables import TableUploadForm
from .editing import edit_page


def _list_url(request):
    return reverse("helhedsplan:housing", kwargs={"plan_id": request.plan.pk})


@plan_view(*LEADER)
def housing(request):
    plan = request.plan
    departments = Department.objects.select_related("neighbourhood").order_by("code")
    organisations = (
        HousingOrganisation.objects.filter(plan=plan)
        .annotate(homes_total=Sum("departments__homes"), department_count=Count("departments"))
        .prefetch_related(Prefetch("departments", departments))
    )
    neighbourhoods = Neighbourhood.objects.filter(plan=plan).annotate(
        homes_total=Sum("departments__homes"), department_count=Count("departments")
    )
    totals = Department.objects.filter(plan=plan).aggregate(homes=Sum("homes"), departments=Count("id"))
    unknown_homes = Department.objects.filter(plan=plan, homes__isnull=True).count()
    return render(
        request,
        "helhedsplan/housing.html",
        {
            "organisations": organisations,
            "neighbourhoods": neighbourhoods,
            "totals": totals,
            "unknown_homes": unknown_homes,
        },
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def housing_organisation_edit(request, pk=None):
    org = get_in_plan(request, HousingOrganisation, pk=pk) if pk else None
    return edit_page(
        request,
        form_class=HousingOrganisationForm,
        instance=org,
        plan=request.plan,
        title=_("Edit housing organisation") if org else _("New housing organisation"),
        success_url=_list_url(request),
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def neighbourhood_edit(request, pk=None):
    neighbourhood = get_in_plan(request, Neighbourhood, pk=pk) if pk else None
    return edit_page(
        request,
        form_class=NeighbourhoodForm,
        instance=neighbourhood,
        plan=request.plan,
        title=_("Edit neighbourhood") if neighbourhood else _("New neighbourhood"),
        success_url=_list_url(request),
    )


@plan_view(*LEADER, methods=("GET", "POST"))
def department_edit(request, pk=None):
    department = get_in_plan(request, Department, pk=pk) if pk else None
    return edit_page(
        request,
        form_class=DepartmentForm,
        instance=department,
        plan=request.plan,
        title=_("Edit department") if department else _("New department"),
        success_url=_list_url(request),
    )


SESSION_DEPARTMENTS_KEY = "departments_import"


def _organisation_choice(request):
    pk = request.POST.get("organisation") or request.GET.get("organisation")
    if not pk or not str(pk).isdigit():
        return None
    return HousingOrganisation.objects.filter(plan=request.plan, pk=pk).first()


@plan_view(*LEADER, methods=("GET", "POST"))
def department_import(request):
    """Upload a file of departments and see what it would change; nothing is written yet."""
    organisations = HousingOrganisation.objects.filter(plan=request.plan).order_by("short_name")
    form = TableUploadForm(request.POST or None, request.FILES or None)
    report = None
    organisation = _organisation_choice(request)
    if request.method == "POST" and form.is_valid():
        content = form.content()
        name = form.cleaned_data["file"].name
        report = departments_import(
            plan=request.plan, content=content, filename=name, organisation=organisation, dry_run=True
        )
        if report.ok and (report.new or report.changed):
            request.session[SESSION_DEPARTMENTS_KEY] = {
                "plan": request.plan.pk,
                "organisation": organisation.pk if organisation else None,
                "filename": name,
                "content": base64.b64encode(content).decode("ascii"),
            }
    return render(
        request,
        "helhedsplan/department_import.html",
        {
            "form": form,
            "report": report,
            "organisations": organisations,
            "organisation": organisation,
            "header": ";".join(DANISH_HEADER),
        },
        status=400 if report is not None and not report.ok else 200,
    )


@plan_view(*LEADER, methods=("POST",))
def department_import_confirm(request):
    pending = request.session.pop(SESSION_DEPARTMENTS_KEY, None)
    if not pending or pending.get("plan") != request.plan.pk:
        messages.error(request, _("There is no file waiting to be imported; upload it again."))
        return redirect("helhedsplan:department_import", plan_id=request.plan.pk)
    organisation = HousingOrganisation.objects.filter(plan=request.plan, pk=pending["organisation"]).first()
    report = departments_import(
        plan=request.plan,
        content=base64.b64decode(pending["content"]),
        filename=pending["filename"],
        organisation=organisation,
    )
    if not report.ok:
        messages.error(
            request, _("The file no longer fits the plan's data; nothing was imported. Upload it again.")
        )
        return redirect("helhedsplan:department_import", plan_id=request.plan.pk)
    messages.success(
        request,
        _("Imported %(file)s: %(new)s new and %(changed)s changed departments, %(unchanged)s unchanged.")
        % {
            "file": pending["filename"],
            "new": len(report.new),
            "changed": len(report.changed),
            "unchanged": report.unchanged,
        },
    )
    return redirect(_list_url(request))
