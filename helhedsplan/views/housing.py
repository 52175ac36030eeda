from django.db.models import Count, Prefetch, Sum
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ..access import LEADER, get_in_plan, plan_view
from ..forms import DepartmentForm, HousingOrganisationForm, NeighbourhoodForm
from ..models import Department, HousingOrganisation, Neighbourhood
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
