"""The criteria as JSON for integrations: one URL per plan and year (see README, "Reporting API")."""

from django.http import Http404, JsonResponse
from django.utils import timezone

from helhedsplan.access import TEAM, plan_view
from helhedsplan.models import is_report_year

from ..selectors import criteria_report


@plan_view(*TEAM)
def criteria_json(request, year):
    if not is_report_year(year):
        raise Http404
    payload = criteria_report(request.plan, year, timezone.localdate())
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
