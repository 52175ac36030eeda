"""The criteria as JSON for integrations: one URL per plan and year (see README, "Reporting API")."""

from django.http import Http404, JsonResponse
from django.utils import timezone

from helhedsplan.access import STAFF, plan_view

from ..selectors import criteria_results

FIELDS = [
    "code",
    "title",
    "focus_area",
    "initiative",
    "data_source",
    "unit",
    "value",
    "baseline",
    "baseline_year",
    "target",
    "target_kind",
    "target_label",
    "expected",
    "reference",
    "reference_label",
    "status",
    "status_label",
    "warnings",
]


def criteria_payload(plan, year, as_of):
    results = criteria_results(plan, year, as_of)
    criteria = []
    for result in results:
        data = result.as_dict()
        record = {name: data[name] for name in FIELDS}
        record["series"] = [
            {"year": p["year"], "value": p["value"], "status": p["status"]} for p in data["series"]
        ]
        criteria.append(record)
    return {
        "plan": {"id": plan.pk, "name": plan.name},
        "year": year,
        "as_of": as_of.isoformat(),
        "criteria": criteria,
    }


@plan_view(*STAFF)
def criteria_json(request, year):
    if not 1990 <= year <= 2100:
        raise Http404
    payload = criteria_payload(request.plan, year, timezone.localdate())
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
