"""The second login step: set up a TOTP app by QR code, or enter its code."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from .. import two_factor
from ..audit import audit_log
from ..models import AuditAction


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=8,
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
        token = form.cleaned_data["token"]
        if device is not None and two_factor.verify(request, device, token):
            return redirect(_next_url(request))
        if device is None and two_factor.enrol(request, token):
            audit_log(request, action=AuditAction.OTP_ENROLLED)
            messages.success(request, _("Two-factor login is set up."))
            return redirect(_next_url(request))
        audit_log(request, action=AuditAction.OTP_FAILED, allowed=False)
        form.add_error("token", _("The code is not right. Check the time on your phone and try again."))
    context = {"form": form, "next": _next_url(request), "enrolling": device is None}
    if device is None:
        key = two_factor.enrolment_key(request.session)
        context["qr_code"] = two_factor.qr_svg(two_factor.config_url(request.user, key))
        context["secret"] = two_factor.base32_secret(key)
    return render(request, "registration/two_factor.html", context)
