"""Every page, opened by a user allowed to see it: strict headers, no inline code, no writes on GET, CSRF.

A strict Content-Security-Policy only works if no template needs inline script,
inline style or inline event handlers; this walk proves it page by page.
"""

from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client

from tests.conftest import client_for
from tests.privacy import walk
from tests.test_access_matrix import RULES


@pytest.fixture
def populated(populated_once):
    """The populated world, written once for this module (each test writes in a savepoint of its own)."""
    return populated_once


pytestmark = pytest.mark.django_db


class InlineCodeFinder(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, <style>, style= and on*= attributes."""

    def __init__(self):
        super().__init__()
        self.offences: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and not a.get("src") and (a.get("type") or "") != "application/json":
            self.offences.append(f"inline <script> {a}")
        if tag == "style":
            self.offences.append("<style> element")
        for name, value in attrs:
            if name == "style" or name.startswith("on") or name.startswith("hx-on"):
                self.offences.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.offences.append(f"<{tag} {name}=javascript:...>")


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    return finder.offences


# Written on reads by design: the audit log (every look-up is traced), the session (the
# plan switch and the idle clock), django-axes' login records.
WRITTEN_ON_READ = {"helhedsplan_auditevent", "django_session", "axes_accessattempt", "axes_accesslog"}


def row_counts() -> dict:
    tables = [t for t in connection.introspection.table_names() if t not in WRITTEN_ON_READ]
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def client_as(world, persona, **kwargs) -> Client:
    client = Client(**kwargs)
    user = walk.user_of(world, persona)
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_page_is_safe_to_serve(populated, name):
    """One walk over every URL (one world per URL keeps it fast):

    * strict CSP, no-store and the other security headers on the response;
    * no inline script, style or event handler in the HTML (the CSP would block them);
    * the GET changed no row in any table (reads are reads);
    * a POST without the CSRF token is refused and changes nothing.
    """
    page = walk.page_named(populated, name)
    client = client_as(populated, page.persona, enforce_csrf_checks=True)

    before = row_counts()
    response = client.get(page.url)
    assert response.status_code == page.status, page.url
    after = row_counts()
    changed = {t: (before[t], after.get(t)) for t in before if before[t] != after.get(t)}
    assert not changed, f"GET {page.url} changed row counts: {changed}"

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert inline_code(response.content.decode()) == [], page.url

    response = client.post(page.url.split("?")[0], {"name": "x", "title": "x", "note": "x"})
    assert response.status_code == 403, f"{page.url} accepted a POST without the CSRF token"
    assert row_counts() == after


def test_the_finder_finds_what_csp_would_block():
    html = (
        '<script>alert(1)</script><script src="/static/x.js"></script>'
        '<script id="d" type="application/json">{}</script>'
        '<p style="color:red" onclick="x()">a</p><style>p{}</style><a href="javascript:x()">b</a>'
    )
    assert len(inline_code(html)) == 5


def test_error_pages_say_nothing_about_the_error(populated):
    """404 and 403 pages give neither the exception's message nor the object asked for."""
    foreign_partner = populated.partner_b
    url = f"/plans/{populated.plan_a.pk}/partners/{foreign_partner.pk}/"
    response = client_for(populated.worker_a).get(url)
    assert response.status_code == 404
    body = response.content.decode()
    assert "matches the given query" not in body and "Traceback" not in body
    assert foreign_partner.name not in body
    assert "no-store" in response["Cache-Control"]

    response = client_for(populated.board_a).get(f"/plans/{populated.plan_a.pk}/partners/")
    assert response.status_code == 403
    assert "role not allowed" not in response.content.decode()
