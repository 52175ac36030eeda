"""Browser journeys: Playwright driving Debian's Chromium against pytest-django's live server.

* One Chromium per test session (per xdist worker); a fresh context (cookies, viewport,
  language) per test, so journeys cannot leak into each other.
* The live server serves `static/` through Django's staticfiles handler, so the vendored
  Bootstrap/htmx load exactly as the templates reference them.
* A failing journey leaves a full-page screenshot in `test-results/`.
* Every page a journey opens is watched for JavaScript errors and for resources the
  browser refused to load (a CSP violation, a missing static file); they fail the test.
"""

import os
import re
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESULTS = Path(settings.BASE_DIR) / "test-results"

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

CSP_REPORTER = """
document.addEventListener("securitypolicyviolation", (e) => console.error(
  `CSP violation of ${e.violatedDirective} by ${e.sourceFile || e.blockedURI}:${e.lineNumber}: ${e.sample}`));
"""

# Short timeouts: every page here is served locally; a journey that waits 30 s is broken.
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in item.nodeid:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test item so the page fixture knows whether the
    # journey failed and a screenshot is worth taking.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set CHROMIUM=...)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread from its start to its stop,
    # and Django refuses ORM calls while a loop runs ("async unsafe"), although here they are the
    # ordinary blocking calls of this test process. So, from the browser's start to the end of the
    # session only, Django is told that this is safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class BrowserProblems:
    """What went wrong in the browser while a journey ran."""

    def __init__(self):
        self.errors: list[str] = []

    def _console(self, message):
        # A refused page (403/404 a journey asks for on purpose) is logged as "Failed to load
        # resource"; static files are checked by status below. Everything else is a problem,
        # above all "Refused to ... because it violates the Content Security Policy".
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"console error: {message.text}")

    def watch(self, page):
        page.on("pageerror", lambda exc: self.errors.append(f"JavaScript error: {exc}"))
        page.on("console", self._console)
        page.on(
            "response",
            lambda r: r.status >= 400 and "/static/" in r.url and self.errors.append(f"{r.status} {r.url}"),
        )


@pytest.fixture
def new_page(browser, live_server, request):
    """Open a page in a fresh browser context: `new_page(viewport="phone", language="en")`.

    `language` sets the browser's Accept-Language; the app must pick it up on its own.
    """
    contexts, problems = [], BrowserProblems()

    def open_page(viewport: str = "desktop", language: str = "da"):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=VIEWPORTS[viewport],
            locale={"da": "da-DK", "en": "en-GB"}[language],
            accept_downloads=True,
            reduced_motion="reduce",  # Bootstrap then skips its transitions: faster, steadier journeys
        )
        context.set_default_timeout(TIMEOUT_MS)
        # Name the file, line and code behind a Content-Security-Policy violation.
        context.add_init_script(CSP_REPORTER)
        contexts.append(context)
        page = context.new_page()
        problems.watch(page)
        return page

    yield open_page

    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    if failed:
        RESULTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                try:
                    page.screenshot(path=str(RESULTS / f"{name}-{i}{j}.png"), full_page=True)
                except Exception as exc:  # noqa: BLE001 - a lost screenshot must not hide the failure
                    print(f"screenshot failed: {exc}")
    for context in contexts:
        context.close()
    _wait_for_requests_in_flight()
    if problems.errors and not failed:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems.errors))


def _wait_for_requests_in_flight(timeout: float = 10) -> None:
    """Let the live server finish what the closed browser had still asked for (a draft saved, a page's
    audit event) before the test's database is emptied: a request still running then writes rows that
    point at rows the flush has just removed, and the flush fails."""
    deadline = time.monotonic() + timeout
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:  # socketserver's thread per connection
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.fixture
def demo(transactional_db):
    """The demo world of the seed agreement (plans, departments, partners, demo users).

    Only the plan's own demo data: each journey creates the casework it needs itself, through
    the user interface, so it does not depend on another app's demo set.
    """
    from helhedsplan import demo as helhedsplan_demo

    return helhedsplan_demo.seed(today=None)


@pytest.fixture
def f1(demo):
    """The seed plan with criterion F1 of its agreement: evictions per 1,000 homes, at most 1.2."""
    from helhedsplan.demo import SEED_PLAN_SLUG
    from helhedsplan.models import Plan
    from reporting.models import TargetKind
    from tests.reporting.builders import make_criterion

    plan = Plan.objects.get(slug=SEED_PLAN_SLUG)
    make_criterion(
        plan,
        "F1",
        params={"measure": "evictions", "per_1000_homes": True},
        target_kind=TargetKind.AT_MOST_PER_YEAR,
        target_value=1.2,
    )
    return plan
