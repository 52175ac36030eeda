"""The criteria as JSON for integrations: one URL per plan and year (see README, "Reporting API")."""

from django.http import Http404, JsonResponse
from django.utils import timezone

from helhedsplan.access import STAFF, plan_view

from ..selectors import criteria_report


@plan_view(*STAFF)
def criteria_json(request, year):
    if not 1990 <= year <= 2100:
        raise Http404
    payload = criteria_report(request.plan, year, timezone.localdate())
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
