"""Every page of every role is accessible, valid HTML and fits a phone's screen.

The walk visits what the access matrix visits: every named URL an allowed role gets a 200 for
(tests/<app>/rules.py), as the caretaker, the project leader, the board member and the
administrator, with one object of each kind. Each page is checked in headless Chromium with
axe-core at 1280 px and at 375 px (no serious or critical violation), must not be wider than
the 375 px screen (WCAG 1.4.10, reflow), and its HTML goes to the Nu HTML Checker (vnu.jar,
installed by `make test-deps`) in one run over each role's pages: 0 errors.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import client_for
from tests.rules import ROLE_OF, PlanRule, SiteRule
from tests.test_access_matrix import RULE_MODULES, RULES

from .conftest import DESKTOP, PHONE
from .journey import axe_violations

VNU_JAR = Path(settings.BASE_DIR) / "var" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WALKERS = ["worker_a", "leader_a", "board_a", "admin"]


def pages_of(world, persona: str) -> list[str]:
    """The GET URLs that answer this persona with a page (200), in a stable order."""
    urls = []
    for name in sorted(RULES):
        r = RULES[name]
        if isinstance(r, SiteRule):
            if r.expect.get(persona) != 200:
                continue
        elif r.status != 200 or ROLE_OF.get(persona) not in r.roles:
            continue
        url = reverse(name, kwargs=r.kwargs(world))
        if isinstance(r, PlanRule) and r.query:
            url += r.query
        urls.append(url)
    return urls


def log_in_context(context, live_server, user):
    """Give a browser context the session of a logged-in user (the login form has its own test)."""
    client = client_for(user)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def wider_than_screen(page) -> int:
    """How many pixels the page overflows the viewport sideways (0 when it fits)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def nu_check(html_dir: Path) -> list[str]:
    """Run the Nu HTML Checker once over every collected page; its errors as readable lines."""
    java = shutil.which("java")
    if java is None or not VNU_JAR.exists():
        pytest.fail("The Nu HTML Checker is missing: run `make test-deps` (needs Java and npm)")
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [java, "-Xss2m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", str(html_dir)],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{Path(m['url']).name}: line {m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if m["type"] == "error"
    ]


@pytest.fixture
def populated_world(transactional_db, world):
    for module in RULE_MODULES:
        module.populate(world)
    return world


#: The fewest HTML pages each persona's walk may visit: fewer means the rule table lost its pages.
LEAST_WALKED = {"worker_a": 65, "leader_a": 110, "board_a": 6, "admin": 7}  # walked now: 75, 125, 6, 7


@pytest.mark.parametrize("persona", WALKERS)
def test_every_page_of_every_role_is_accessible_valid_and_fits_a_phone(
    populated_world, browser, live_server, tmp_path, persona
):
    problems: list[str] = []
    walked = 0
    context = browser.new_context(base_url=live_server.url, viewport=DESKTOP, reduced_motion="reduce")
    context.set_default_timeout(10_000)
    log_in_context(context, live_server, getattr(populated_world, persona))
    page = context.new_page()
    client = client_for(getattr(populated_world, persona))
    for url in pages_of(populated_world, persona):
        answer = client.get(url)
        if not answer["Content-Type"].startswith("text/html") or answer.get("Content-Disposition"):
            continue  # an export (CSV, XLSX, PDF, Word, calendar)
        if answer.content.lstrip()[:15].lower() == b"<!doctype html>":
            walked += 1
            name = re.sub(r"[^\w]+", "_", f"{persona}{url}").strip("_")
            (tmp_path / f"{name}.html").write_bytes(answer.content)
        page.set_viewport_size(DESKTOP)
        response = page.goto(url)
        if response.status != 200:
            problems.append(f"{persona} {url}: status {response.status}")
            continue
        problems += [f"{persona} {url} at 1280 px: {v}" for v in axe_violations(page)]
        page.set_viewport_size(PHONE)
        # Charts follow the new width on the next frames (ResizeObserver); let them.
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        page.wait_for_timeout(50)
        overflow = wider_than_screen(page)
        if overflow > 0:
            problems.append(f"{persona} {url} at 375 px: {overflow} px wider than the screen")
        problems += [f"{persona} {url} at 375 px: {v}" for v in axe_violations(page)]
    context.close()
    assert walked >= LEAST_WALKED[persona], f"only {walked} pages walked: the rule table lost its pages?"
    problems += nu_check(tmp_path)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
