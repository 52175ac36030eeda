"""Login events for the audit log and the session clock."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from .audit import audit_log
from .middleware import start_session_clock
from .models import AuditAction


@receiver(user_logged_in, dispatch_uid="helhedsplan_login")
def on_login(sender, request, user, **kwargs):
    if request is None:
        return
    if hasattr(request, "session"):
        start_session_clock(request.session)
    audit_log(request, action=AuditAction.LOGIN, user=user)


@receiver(user_login_failed, dispatch_uid="helhedsplan_login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    # The credentials arrive with the password already masked; only the username is kept.
    username = str(credentials.get("username") or "")[:150]
    locked = bool(request is not None and getattr(request, "axes_locked_out", False))
    audit_log(
        request,
        action=AuditAction.LOGIN_FAILED,
        allowed=False,
        username=username,
        reason="locked out" if locked else "wrong username or password",
    )
