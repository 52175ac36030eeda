from django import template

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
        .order_by("-at", "-pk")[:LOOKUPS_SHOWN]
    )
    return {
        "show": True,
        "resident": resident,
        "lookups": lookups,
        "plan": request.plan,
        "limit": LOOKUPS_SHOWN,
    }
