"""The district coordinator's pages: the plans side by side, the shared networks, the exports.

Aggregates only: nothing here reads a resident, a case or an entry as a row.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import slugify

from helhedsplan.audit import audit_log
from helhedsplan.models import AuditAction

from .. import exports, selectors
from ..access import district_view
from ..forms import OverviewForm


def _overview(request) -> tuple[dict, OverviewForm]:
    """The overview's figures for the year and focus area asked for (defaults when the query is bad)."""
    district = request.district
    contracts = list(district.contracts.all())
    form = OverviewForm(request.GET or None, contracts=contracts)
    year = contract_id = None
    if form.is_bound and form.is_valid():
        year, contract_id = form.cleaned_data["year"], form.cleaned_data["contract"]
    contract = next((c for c in contracts if c.pk == contract_id), contracts[0] if contracts else None)
    today = timezone.localdate()
    if year is None:
        year = selectors.default_year(
            [dp.plan for dp in district.district_plans.select_related("plan")], today
        )
    content = selectors.district_overview(district, contract, year, today=today)
    content["contracts"] = contracts
    return content, form


@district_view()
def overview(request):
    content, form = _overview(request)
    return render(request, "districts/overview.html", {**content, "form": form, "active": "overview"})


def _filename(content: dict, extension: str) -> str:
    parts = [
        content["district"].slug,
        content["contract"].focus_area if content["contract"] else "",
        str(content["year"]),
    ]
    return slugify(" ".join(p for p in parts if p)) + "." + extension


@district_view()
def overview_pdf(request):
    content, _form = _overview(request)
    audit_log(request, action=AuditAction.EXPORT, object_type="district", object_ids=[content["district"].pk])
    response = HttpResponse(exports.overview_pdf(content, request=request), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(content, "pdf")}"'
    return response


@district_view()
def overview_xlsx(request):
    content, _form = _overview(request)
    audit_log(request, action=AuditAction.EXPORT, object_type="district", object_ids=[content["district"].pk])
    response = HttpResponse(exports.overview_xlsx(content), content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(content, "xlsx")}"'
    return response


@district_view()
def network_detail(request, pk):
    """A shared network's meetings: dates, who convened, which plans and partners came, how many."""
    network = get_object_or_404(selectors.networks_with_last_meeting(request.district.networks.all()), pk=pk)
    today = timezone.localdate()
    (network,) = selectors.flag_due([network], today)
    return render(
        request,
        "districts/network_detail.html",
        {
            "district": request.district,
            "network": network,
            "meetings": selectors.meetings_with_gaps(network),
            "active": "overview",
        },
    )
