"""Production settings pass Django's deployment checks, and the log keeps personal data out."""

import logging
import os
import secrets
import subprocess
import sys

from django.conf import settings

from helhedsplan.log_filters import RedactPersonalData


def production_env(**extra) -> dict:
    # Only what a production machine would have: not the test run's own switches (the browser tests
    # set DJANGO_ALLOW_ASYNC_UNSAFE, which `check --deploy` rightly warns about).
    dropped = ("DATABASE_URL", "OTP_REQUIRED", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(
        DEBUG="False",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="helhedsplan.example.org",
        BEHIND_PROXY="True",
        SQLITE_PATH="/tmp/helhedsplan-deploy-check.sqlite3",
        **extra,
    )
    return env


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_switches_on_two_factor_and_secure_cookies():
    code = (
        "from django.conf import settings as s;"
        "print(s.OTP_REQUIRED, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.DEBUG)"
    )
    result = manage("shell", "-c", code, env=production_env())
    assert result.stdout.split()[-6:] == ["True", "True", "True", "True", "True", "False"], result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = production_env()
    env.pop("SECRET_KEY")
    result = manage("check", env=env)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def record(message, *args, exc_info=None, name="django.request"):
    return logging.LogRecord(name, logging.WARNING, __file__, 1, message, args, exc_info)


def test_query_strings_never_reach_the_log():
    rec = record('"%s" %s %s', "GET /plans/1/cases/?q=Hansen&cpr=0101 HTTP/1.1", "200", "512")
    RedactPersonalData().filter(rec)
    assert "Hansen" not in rec.getMessage() and "/plans/1/cases/" in rec.getMessage()


def test_values_in_exception_messages_are_blanked_but_the_traceback_stays():
    name = "Karen"  # as the database would repeat a value (the source line must not show it)
    try:
        raise ValueError(f"duplicate key\nDETAIL:  Key (name)=({name} Fiktiv) already exists. '{name}'")
    except ValueError:
        rec = record("Internal Server Error: %s", "/plans/1/cases/", exc_info=sys.exc_info())
    rec.request = object()
    RedactPersonalData().filter(rec)
    text = logging.Formatter().format(rec)
    assert "Karen" not in text
    assert "test_deploy.py" in text and "ValueError" in text
    assert rec.request is None
