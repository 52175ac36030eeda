"""`{% draft_form %}` inside a <form>: its typed text is kept as a server-side draft.

    {% load drafts %}
    <form method="post" action="...">{% csrf_token %}
      {% draft_form case=case %}
      ...

The form's key is the path it posts to (the `action` argument, or the page's own path), so the
same form shown on two pages shares one draft. `case` and `resident` say what the draft is about,
for erasure. On a GET the author's own draft of the form is put back by static/js/drafts.js.
"""

from urllib.parse import urlparse

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import ngettext

from helhedsplan.access import TEAM, has_role

from ..middleware import SESSION_RESCUED
from ..services import TOKEN_FIELD, draft_for, form_token

register = template.Library()


def rescued_message(reason: str) -> str:
    if reason == "absolute":
        hours = settings.SESSION_ABSOLUTE_TIMEOUT // 3600
        return ngettext(
            "You were logged out after %(hours)s hour, the longest a session lasts. "
            "Your text has been saved.",
            "You were logged out after %(hours)s hours, the longest a session lasts. "
            "Your text has been saved.",
            hours,
        ) % {"hours": hours}
    minutes = settings.SESSION_IDLE_TIMEOUT // 60
    return ngettext(
        "You were logged out after %(minutes)s minute without activity. Your text has been saved.",
        "You were logged out after %(minutes)s minutes without activity. Your text has been saved.",
        minutes,
    ) % {"minutes": minutes}


@register.inclusion_tag("drafts/includes/_draft_form.html", takes_context=True)
def draft_form(context, action: str = "", case=None, resident=None):
    request = context.get("request")
    plan = getattr(request, "plan", None)
    if plan is None or not request.user.is_authenticated or not has_role(request, *TEAM):
        return {"enabled": False}
    key = urlparse(action).path if action else request.path
    draft, message = None, ""
    if request.method == "GET":
        draft = draft_for(user=request.user, plan=plan, form_key=key)
        rescued = request.session.get(SESSION_RESCUED)
        if rescued and rescued.get("k") == key:
            del request.session[SESSION_RESCUED]
            if draft is not None:
                message = rescued_message(rescued.get("reason", "idle"))
    return {
        "enabled": True,
        "field": TOKEN_FIELD,
        "token": form_token(user=request.user, plan=plan, form_key=key, case=case, resident=resident),
        "save_url": reverse("drafts:save", kwargs={"plan_id": plan.pk}),
        "discard_url": reverse("drafts:discard", kwargs={"plan_id": plan.pk}),
        "key": key,
        "draft": draft,
        "data_id": f"draft-data-{abs(hash(key)) % 10**8}",
        "message": message,
    }


@register.inclusion_tag("drafts/includes/_session_warning.html", takes_context=True)
def session_warning(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "enabled": user is not None and user.is_authenticated,
        "idle_seconds": settings.SESSION_IDLE_TIMEOUT,
        "warn_seconds": settings.SESSION_WARNING_SECONDS,
        "warn_minutes": max(1, settings.SESSION_WARNING_SECONDS // 60),
        "keepalive_url": reverse("session_keepalive"),
    }
