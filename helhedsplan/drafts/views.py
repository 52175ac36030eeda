"""The draft endpoints the forms call: save what is typed, discard it; and staying logged in."""

import time

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from helhedsplan.access import TEAM, plan_view
from helhedsplan.middleware import SESSION_LAST_SEEN

from .services import TOKEN_FIELD, draft_discard, draft_save, read_token


def _own_token(request) -> dict:
    """The form's token, if it was issued to this user in this plan; anything else does not exist."""
    token = read_token(request.POST.get(TOKEN_FIELD, ""))
    if token is None or token["u"] != request.user.pk or token["p"] != request.plan.pk:
        raise Http404
    return token


@plan_view(*TEAM, methods=("POST",))
def draft_save_view(request):
    """htmx posts the whole form here every few seconds while typing, and on leaving the page."""
    draft_save(token=_own_token(request), data=request.POST)
    return HttpResponse(status=204)


@plan_view(*TEAM, methods=("POST",))
def draft_discard_view(request):
    draft_discard(token=_own_token(request))
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return redirect(target)
    return HttpResponse(status=204)


@require_POST
@login_required
def session_keepalive(request):
    """'Stay logged in': the idle clock starts again now."""
    request.session[SESSION_LAST_SEEN] = time.time()
    return HttpResponse(status=204)
