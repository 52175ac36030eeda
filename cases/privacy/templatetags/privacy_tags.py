import datetime

from django import template
from django.utils.formats import date_format

from helhedsplan.access import PROJECT_LEADER, has_role
from helhedsplan.models import AuditEvent

register = template.Library()

LOOKUPS_SHOWN = 50


@register.inclusion_tag("privacy/includes/_resident_privacy.html", takes_context=True)
def resident_privacy(context, resident):
    """For the project leader: who looked this resident up and when; the access request and erasure."""
    request = context["request"]
    if not has_role(request, PROJECT_LEADER):
        return {"show": False}
    lookups = (
        AuditEvent.objects.for_resident(resident.pk)
        .filter(plan=request.plan)
        .select_related("user")
        .order_by("-at", "-pk")[:LOOKUPS_SHOWN]
    )
    return {
        "show": True,
        "resident": resident,
        "lookups": lookups,
        "plan": request.plan,
        "limit": LOOKUPS_SHOWN,
    }


@register.filter
def moment_in_words(value: str) -> str:
    """An ISO date or moment of the access request, as a citizen reads it: "26. november 2026 kl. 09.44"."""
    if not value:
        return ""
    moment = datetime.datetime.fromisoformat(value)
    if len(value) <= 10:  # a date without a time
        return date_format(moment.date(), "j. F Y")
    return date_format(moment, "j. F Y \\k\\l. H.i")
