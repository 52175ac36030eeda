"""Request-wide protections: headers, hostile input, session lifetime, the second factor, the audit log."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .audit import PENDING_ATTRIBUTE, flush_pending

SESSION_LOGIN_AT = "_login_at"
SESSION_LAST_SEEN = "_last_seen"
# Refreshing "last seen" at most once a minute keeps the session from being saved on every request.
LAST_SEEN_RESOLUTION = 60


class RejectNulBytesMiddleware:
    """A NUL byte in any query-string or form parameter is a 400, whatever the view does with it.

    PostgreSQL refuses NUL in text ("A string literal cannot contain NUL"), so `?q=a%00` reached every
    audited search as a 500; no user types one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for params in (request.GET, request.POST) if request.method == "POST" else (request.GET,):
            for key, values in params.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    raise BadRequest("NUL byte in a parameter")
        return self.get_response(request)


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy and no caching of dynamic pages.

    Placed after WhiteNoise, so static files keep their long cache lifetime
    while every page (they may show personal data) is `no-store`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Django's technical error pages (DEBUG only) need inline CSS; production never shows them.
        if not (settings.DEBUG and response.status_code >= 400):
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        patch_cache_control(response, no_store=True, private=True)
        return response


class SessionLifetimeMiddleware:
    """End a session after SESSION_IDLE_TIMEOUT idle seconds or SESSION_ABSOLUTE_TIMEOUT in all.

    The idle limit is also enforced by the session's own expiry date
    (SESSION_COOKIE_AGE), which is pushed forward whenever "last seen" is
    refreshed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = time.time()
            login_at = request.session.get(SESSION_LOGIN_AT)
            last_seen = request.session.get(SESSION_LAST_SEEN)
            if login_at is None or last_seen is None:
                # A session from before this middleware: start counting now.
                request.session[SESSION_LOGIN_AT] = login_at = now
                request.session[SESSION_LAST_SEEN] = last_seen = now
            too_old = now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT
            if too_old or now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                # Why, for the page that keeps what was being typed (drafts.middleware).
                request.session_end_reason = "absolute" if too_old else "idle"
                logout(request)
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect_to_login(request.get_full_path())
            if now - last_seen > LAST_SEEN_RESOLUTION:
                request.session[SESSION_LAST_SEEN] = now
        return self.get_response(request)


def start_session_clock(session) -> None:
    """Called at login: the session's absolute and idle clocks start now."""
    now = time.time()
    session[SESSION_LOGIN_AT] = now
    session[SESSION_LAST_SEEN] = now


# Pages an unverified user may still reach: logging in and out, the second factor itself.
SECOND_FACTOR_EXEMPT = {
    "login",
    "logout",
    "two_factor",
    "set_language",
    "admin:login",
    "admin:logout",
}


class SecondFactorMiddleware:
    """With OTP_REQUIRED, users who can see personal data must pass the second factor first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from .two_factor import needs_second_factor

        if not settings.OTP_REQUIRED or request.resolver_match.view_name in SECOND_FACTOR_EXEMPT:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified() or not needs_second_factor(user):
            return None
        return redirect(f"{reverse('two_factor')}?{urlencode({'next': request.get_full_path()})}")


class AuditMiddleware:
    """Write the audit events a request collected, after its transaction has ended.

    A view that raises Http404 or PermissionDenied rolls its transaction back;
    the denied attempt it recorded must still be written.

    For the URL namespaces in settings.AUDIT_DEFAULT_EVENTS (the apps that show
    residents' data) a view that recorded nothing gets the app's default event,
    so that no page of personal data goes untraced. Placed after the
    middleware that may answer instead of the view (CSRF, the second factor):
    `process_view` runs only when the view is about to run.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.default_events = {
            namespace: import_string(path) for namespace, path in settings.AUDIT_DEFAULT_EVENTS.items()
        }

    def __call__(self, request):
        setattr(request, PENDING_ATTRIBUTE, [])
        try:
            response = self.get_response(request)
            default = getattr(request, "_audit_default", None)
            if default and not getattr(request, PENDING_ATTRIBUTE) and response.status_code < 400:
                hook, kwargs = default
                hook(request, response, kwargs)
            return response
        finally:
            flush_pending(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        hook = self.default_events.get(request.resolver_match.namespace)
        if hook is not None and request.user.is_authenticated:
            request._audit_default = (hook, view_kwargs)
