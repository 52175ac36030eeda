"""Every page, opened by a user allowed to see it, carries the strict headers and no inline code.

A strict Content-Security-Policy only works if no template needs inline script,
inline style or inline event handlers; this walk proves it page by page.
"""

from html.parser import HTMLParser

import pytest

from tests.conftest import client_for
from tests.privacy import walk
from tests.test_access_matrix import RULES

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


@pytest.mark.parametrize("name", sorted(RULES))
def test_page_has_strict_headers_and_no_inline_code(populated, name):
    page = walk.page_named(populated, name)
    response = client_for(walk.user_of(populated, page.persona)).get(page.url)
    assert response.status_code == page.status, page.url

    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        assert inline_code(response.content.decode()) == [], page.url


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
