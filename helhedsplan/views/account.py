"""The second login step: set up a TOTP app by QR code, or enter its code or a backup code."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from .. import two_factor
from ..audit import audit_log
from ..bounds import BoundedForm
from ..models import AuditAction


class TokenForm(BoundedForm, forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def two_factor_view(request):
    if (
        not settings.OTP_REQUIRED
        or request.user.is_verified()
        or not two_factor.needs_second_factor(request.user)
    ):
        return redirect(_next_url(request))
    device = two_factor.confirmed_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = two_factor.normalise_code(form.cleaned_data["token"])
        if device is not None and two_factor.is_app_code(token) and two_factor.verify(request, device, token):
            return redirect(_next_url(request))
        backup = device is not None and not two_factor.is_app_code(token)
        if backup and two_factor.verify_backup_code(request, token):
            audit_log(request, action=AuditAction.OTP_BACKUP_USED)
            left = two_factor.backup_codes_left(request.user)
            messages.warning(
                request,
                ngettext(
                    "You logged in with a backup code. You have %(count)d code left.",
                    "You logged in with a backup code. You have %(count)d codes left.",
                    left,
                )
                % {"count": left},
            )
            return redirect(_next_url(request))
        if device is None and two_factor.enrol(request, token):
            audit_log(request, action=AuditAction.OTP_ENROLLED)
            codes = two_factor.backup_codes_generate(request.user)
            audit_log(request, action=AuditAction.OTP_BACKUP_CODES)
            messages.success(request, _("Two-factor login is set up."))
            return _show_backup_codes(request, codes, next_url=_next_url(request))
        audit_log(request, action=AuditAction.OTP_FAILED, allowed=False)
        form.add_error(
            "token",
            _(
                "The code is not right. Check the time on your phone and try again, "
                "or use an unused backup code."
            ),
        )
    context = {"form": form, "next": _next_url(request), "enrolling": device is None}
    if device is None:
        key = two_factor.enrolment_key(request.session)
        context["qr_code"] = two_factor.qr_svg(two_factor.config_url(request.user, key))
        context["secret"] = two_factor.base32_secret(key)
    return render(request, "registration/two_factor.html", context)


def _show_backup_codes(request, codes: list[str], *, next_url: str):
    """The one time the codes are shown: never stored anywhere the user could open them again."""
    response = render(request, "registration/backup_codes.html", {"codes": codes, "next": next_url})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def backup_codes_view(request):
    """How many backup codes are left; make new ones (the old ones stop working)."""
    has_app = two_factor.confirmed_device(request.user) is not None
    if request.method == "POST" and has_app:
        codes = two_factor.backup_codes_generate(request.user)
        audit_log(request, action=AuditAction.OTP_BACKUP_CODES)
        return _show_backup_codes(request, codes, next_url=settings.LOGIN_REDIRECT_URL)
    return render(
        request,
        "registration/backup_codes.html",
        {"has_app": has_app, "left": two_factor.backup_codes_left(request.user)},
    )
