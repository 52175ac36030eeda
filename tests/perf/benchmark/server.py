"""The app as production runs it, for the throughput mode and the load test: gunicorn on the loopback.

Production settings: DEBUG off, a random SECRET_KEY, secure cookies and the SSL redirect on, as behind a
TLS-terminating proxy (plain HTTP on 127.0.0.1 with `X-Forwarded-Proto: https`, BEHIND_PROXY=True),
persistent database connections, the static files collected and served by WhiteNoise. The second factor
is off for the generated users (OTP_REQUIRED=False): the tests cover it.
"""

import contextlib
import http.client
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
BIN = Path(sys.executable).parent
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def production_env(database_url: str, static_root: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "BEHIND_PROXY": "True",
        "OTP_REQUIRED": "False",
        "STATIC_ROOT": static_root,
        "CONN_MAX_AGE": "60",
        "LOG_LEVEL": "WARNING",
    }


def collect_static(env: dict) -> None:
    manage = [str(BIN / "python"), str(ROOT / "manage.py")]
    command = [*manage, "collectstatic", "--noinput", "-v", "0"]
    subprocess.run(command, cwd=ROOT, env=env, check=True, timeout=600)


@contextlib.contextmanager
def gunicorn(env: dict, *, port: int, workers: int):
    """gunicorn with the project's configuration, up and answering for the block; stopped after it."""
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--config",
            "helhedsplan/gunicorn.conf.py",
            "helhedsplan.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        wait_until_up(port)
        yield server
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def get(port: int, path: str, cookie: str = "") -> tuple[int, bytes, list[tuple[str, str]]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {**PROXY_HEADERS, **({"Cookie": cookie} if cookie else {})}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read(), response.getheaders()
    finally:
        connection.close()


def wait_until_up(port: int, seconds: int = 60) -> None:
    for _ in range(seconds):
        with contextlib.suppress(OSError):
            if get(port, "/login/")[0] == 200:
                return
        time.sleep(1)
    raise RuntimeError("gunicorn did not answer within a minute")


def _cookies(headers: list[tuple[str, str]]) -> dict:
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            found[key] = rest.split(";", 1)[0]
    return found


def login(port: int, username: str, password: str) -> str:
    """Log in through the login form (CSRF token and all); returns the Cookie header of the session.

    The cookies are Secure: this client sends them back over the loopback's plain HTTP by hand, as the
    browser does over the proxy's TLS.
    """
    status, body, headers = get(port, "/login/")
    cookies = _cookies(headers)
    token = CSRF.search(body.decode()).group(1)
    origin = f"https://127.0.0.1:{port}"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(
            "POST",
            "/login/",
            body=urllib.parse.urlencode(
                {"csrfmiddlewaretoken": token, "username": username, "password": password}
            ),
            headers={
                **PROXY_HEADERS,
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"{origin}/login/",
                "Origin": origin,
                "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            },
        )
        response = connection.getresponse()
        response.read()
        session = _cookies(response.getheaders()).get(settings.SESSION_COOKIE_NAME)
    finally:
        connection.close()
    if response.status != 302 or not session:
        raise RuntimeError(f"{username} could not log in (HTTP {response.status})")
    return f"{settings.SESSION_COOKIE_NAME}={session}"
