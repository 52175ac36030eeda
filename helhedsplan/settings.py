"""Settings for helhedsplan, driven by environment variables.

Zero configuration gives a development setup on an embedded SQLite database.
Production sets DEBUG=False, SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS; the
app refuses to start without a secret key rather than run with a known one.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.getenv(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    return int(os.getenv(name, str(default)))


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "True")

SECRET_KEY = os.getenv("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Development only: a key that is useless outside this machine.
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "helhedsplan",
    "cases",
    "activities",
    "reporting",
    "reporting.notes",
    "cases.privacy",
    "reporting.districts",
    "helhedsplan.drafts",
    "reporting.agenda",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "helhedsplan.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "helhedsplan.middleware.RejectNulBytesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Around the session clock: keeps what a form posted when the session had ended.
    "helhedsplan.drafts.middleware.DraftMiddleware",
    "helhedsplan.middleware.SessionLifetimeMiddleware",
    "helhedsplan.middleware.SecondFactorMiddleware",
    "helhedsplan.middleware.AuditMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "helhedsplan.urls"
WSGI_APPLICATION = "helhedsplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "helhedsplan.context_processors.plan_context",
            ],
            # {% url %} reversing each URL once per process (see the module).
            "builtins": ["helhedsplan.templatetags.kept_urls"],
        },
    },
]

# SQLite in var/ (ignored by git) unless DATABASE_URL points elsewhere.
SQLITE_PATH = Path(os.getenv("SQLITE_PATH", BASE_DIR / "var" / "db.sqlite3"))
SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{SQLITE_PATH}",
        conn_max_age=envint("CONN_MAX_AGE", 0),
    )
}
# Every request is one transaction: a failed write never leaves half a record.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
ON_POSTGRESQL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if ON_POSTGRESQL and envbool("PG_PREPARED_STATEMENTS", "true"):
    # Parameters bound on the server, and a statement prepared on its fifth run on a connection: with
    # persistent connections (CONN_MAX_AGE) PostgreSQL plans each hot page's statements once per
    # connection instead of on every request (planning cost more than running them). Set it to false
    # behind a pooler in transaction mode that cannot keep prepared statements (PgBouncer before 1.21).
    DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The entries' covering index (cases.Entry) carries two columns for PostgreSQL's index-only scans; SQLite,
# the zero-config default, builds it without them. Not worth a warning on every command there.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "helhedsplan.auth_backends.LockoutBackend",  # django-axes: refuses locked-out logins first
    "helhedsplan.auth_backends.AccountBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "var" / "staticfiles"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FORM_RENDERER = "helhedsplan.form_rendering.FormRenderer"  # labels with a capital letter
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The page each role lands on; apps that own a richer start page point here.
START_PAGES = {
    "worker": "cases:caseload",
    "project_leader": "helhedsplan:plan_detail",
    "board": "notes:list",
}

# Status notes: in board material a count of 1 to (threshold - 1) people is shown as "<threshold".
STATUS_NOTE_SMALL_NUMBER_THRESHOLD = envint("STATUS_NOTE_SMALL_NUMBER_THRESHOLD", 5)

# Django's database sessions, read without the ORM's query building on every request.
SESSION_ENGINE = "helhedsplan.sessions"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# --- Privacy and security (issue 7) -------------------------------------------------------------
# Sessions end after 30 minutes idle and 12 hours in all (helhedsplan.middleware.SessionLifetimeMiddleware).
SESSION_IDLE_TIMEOUT = envint("SESSION_IDLE_MINUTES", 30) * 60
SESSION_ABSOLUTE_TIMEOUT = envint("SESSION_ABSOLUTE_HOURS", 12) * 3600
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
# Pages warn this long before the idle limit and offer to stay logged in (static/js/session.js).
SESSION_WARNING_SECONDS = 120
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# HTTPS. Behind a reverse proxy the proxy terminates TLS and must set X-Forwarded-Proto.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", str(not DEBUG))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", "False") else None
USE_X_FORWARDED_FOR = envbool("BEHIND_PROXY", "False")  # client address for django-axes and the audit log
SECURE_HSTS_SECONDS = 0 if DEBUG else envint("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Strict: no inline script or style anywhere (templates use static/js and static/css files only).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"

# Two-factor login (django-otp, TOTP) for everyone who can see personal data; on by default in production.
OTP_REQUIRED = envbool("OTP_REQUIRED", str(not DEBUG))
OTP_TOTP_ISSUER = os.getenv("OTP_TOTP_ISSUER", "helhedsplan")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Failed logins (django-axes): 5 failures per username and address lock that pair for 15 minutes,
# so that one person cannot lock a colleague out from another machine.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "helhedsplan.audit.client_ip"

# Retention: cases closed longer ago than this are anonymised by `apply_retention` (nightly);
# audit events older than AUDIT_RETENTION_DAYS are removed by `prune_audit`.
RETENTION_YEARS = envint("RETENTION_YEARS", 5)
AUDIT_RETENTION_DAYS = envint("AUDIT_RETENTION_DAYS", 5 * 365)
# Unsaved form drafts (they hold personal data) are removed by `prune_drafts` after this many days.
DRAFT_RETENTION_DAYS = envint("DRAFT_RETENTION_DAYS", 7)
# Apps whose pages show residents' data: a view there that records no audit event gets this default one.
AUDIT_DEFAULT_EVENTS = {"cases": "cases.views.audit.default_event"}


# E-mail (the daily task digest, `send_task_digest`): EMAIL_URL, e.g. smtp+tls://user:password@host:587 or
# smtps://user:password@host:465, or the usual EMAIL_HOST/EMAIL_PORT/EMAIL_HOST_USER/EMAIL_HOST_PASSWORD/
# EMAIL_USE_TLS/EMAIL_USE_SSL. Without either, development prints e-mails to the console.
def _email_settings() -> dict:
    from urllib.parse import unquote, urlsplit

    url = os.getenv("EMAIL_URL", "")
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtp+tls", "smtps", "submission"):
            raise ImproperlyConfigured(
                "EMAIL_URL must start with smtp://, smtp+tls://, submission:// or smtps://"
            )
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parts.hostname or "localhost",
            "EMAIL_PORT": parts.port
            or {"smtps": 465, "smtp+tls": 587, "submission": 587}.get(parts.scheme, 25),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_TLS": parts.scheme in ("smtp+tls", "submission"),
            "EMAIL_USE_SSL": parts.scheme == "smtps",
        }
    host = os.getenv("EMAIL_HOST", "")
    return {
        "EMAIL_BACKEND": os.getenv(
            "EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if host or not DEBUG
            else "django.core.mail.backends.console.EmailBackend",
        ),
        "EMAIL_HOST": host or "localhost",
        "EMAIL_PORT": envint("EMAIL_PORT", 25),
        "EMAIL_HOST_USER": os.getenv("EMAIL_HOST_USER", ""),
        "EMAIL_HOST_PASSWORD": os.getenv("EMAIL_HOST_PASSWORD", ""),
        "EMAIL_USE_TLS": envbool("EMAIL_USE_TLS", "False"),
        "EMAIL_USE_SSL": envbool("EMAIL_USE_SSL", "False"),
    }


_email = _email_settings()
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST, EMAIL_PORT = _email["EMAIL_HOST"], _email["EMAIL_PORT"]
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_USER"], _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS, EMAIL_USE_SSL = _email["EMAIL_USE_TLS"], _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.getenv("DEFAULT_FROM_EMAIL", "helhedsplan <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address of the app in e-mails (links in the task digest), e.g. https://helhedsplan.example.org
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000")

# Nothing personal in the log: every handler drops query strings and quoted values (log_filters.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "helhedsplan.log_filters.RedactPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
