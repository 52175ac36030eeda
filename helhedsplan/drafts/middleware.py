"""Never lose a word at a form's submit.

A POST from a draft form carries its signed token (services.TOKEN_FIELD). After the view:

* saved (a redirect): the draft is deleted;
* refused (the form shown again with its errors): what was typed is kept as the draft;
* the session had ended (a redirect to the login page): what was typed is kept as the draft
  of the user the token names, and after logging in the form shows it again with the reason.

Why a signed token and not the session: the session is gone by then. The token was put into the
page for one user, one plan and one form, signed with SECRET_KEY and valid no longer than a
session may last. The POST itself passed the CSRF check (the CSRF cookie outlives the session),
so no other site can send it. All it can do is write that user's own draft of that form, which
only that user can read, after logging in again; nothing is read or shown without a session.
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from .services import TOKEN_FIELD, draft_discard, draft_save, read_token

#: Session key: {"k": form key, "reason": "idle" | "absolute"} of a draft kept when the session ended.
SESSION_RESCUED = "_draft_rescued"


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _redirects_to_login(response) -> bool:
    return response.status_code == 302 and response.get("Location", "").startswith(reverse("login"))


class DraftMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = None
        if request.method == "POST" and request.content_type in FORM_TYPES:
            token = read_token(request.POST.get(TOKEN_FIELD, "")) if TOKEN_FIELD in request.POST else None
        response = self.get_response(request)
        if token is None:
            return response
        match = getattr(request, "resolver_match", None)
        if match is not None and match.namespace == "drafts":
            return response  # the draft endpoints do their own work
        user = request.user
        if user.is_authenticated:
            if user.pk != token["u"]:
                return response
            if response.status_code in (301, 302, 303):
                draft_discard(token=token)
            elif response.status_code == 200:
                draft_save(token=token, data=request.POST)
        elif (
            _redirects_to_login(response)
            and get_user_model().objects.filter(pk=token["u"], is_active=True).exists()
            and draft_save(token=token, data=request.POST) is not None
        ):
            request.session[SESSION_RESCUED] = {
                "k": token["k"],
                "reason": getattr(request, "session_end_reason", "idle"),
            }
        return response
