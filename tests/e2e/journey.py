"""What every journey does in the browser: log in, read the app's language, check the page."""

from django.utils import translation

from helhedsplan.demo import DEMO_PASSWORD


def t(text: str, language: str = "da") -> str:
    """The text the user sees for an English source string in `language`."""
    with translation.override(language):
        return translation.gettext(text)


def tn(singular: str, plural: str, number: int, language: str = "da") -> str:
    """A counted text as the user sees it, e.g. tn("%(days)s day ...", "%(days)s days ...", 21)."""
    with translation.override(language):
        return translation.ngettext(singular, plural, number)


def log_in(page, username: str, password: str = DEMO_PASSWORD):
    """Log in through the login form, as a person would; lands on the role's start page."""
    page.goto("/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    follow(page, page.locator("main form button[type=submit]"))
    assert "/login/" not in page.url, f"login as {username} failed: still on {page.url}"


def assert_assets_loaded(page):
    """Bootstrap's CSS and JS and htmx came from the app's own static files."""
    assert page.evaluate("typeof bootstrap") == "object", "Bootstrap's JS did not load"
    assert page.evaluate("typeof htmx") == "object", "htmx did not load"
    # Bootstrap's CSS gives .navbar display:flex; without the stylesheet it is a block.
    assert page.locator("nav.navbar").evaluate("e => getComputedStyle(e).display") == "flex"


def axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    """Run axe-core on the page; return the violations of the given impact as readable lines.

    The script is loaded from the app's own static URL (same origin), so it works under a
    strict Content-Security-Policy too.
    """
    if page.evaluate("typeof axe") != "object":
        page.add_script_tag(url="/static/vendor/axe-core/axe.min.js")
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'],"
        " runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    lines = []
    for violation in result["violations"]:
        if violation["impact"] in impacts:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            lines.append(f"{violation['impact']}: {violation['id']} ({violation['help']}) at {targets}")
    return lines


def open_menu(page):
    """On a phone the navigation is collapsed behind the menu button; open it."""
    toggler = page.locator("button.navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
        page.locator("#main-nav.show").wait_for()


def nav_link(page, text: str):
    """Follow a link of the main navigation, opening the phone menu first if needed."""
    open_menu(page)
    link = page.locator("#main-nav").get_by_role("link", name=text, exact=True, include_hidden=True)
    if not link.is_visible():  # grouped under a dropdown of the bar: open it first
        item = page.get_by_role("link", name=text, exact=True, include_hidden=True)
        page.locator("#main-nav li.dropdown").filter(has=item).locator("[data-bs-toggle=dropdown]").click()
    follow(page, link)


def follow(page, locator):
    """Click a link or submit button and wait until the next page has loaded."""
    with page.expect_navigation():
        locator.click()
