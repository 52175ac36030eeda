"""The top bar fits the screen: at 1,280 px the project leader sees every group, English and the user menu."""

import pytest

from .journey import log_in, nav_link, open_menu, t


def _right_edge(page, locator) -> float:
    box = locator.bounding_box()
    assert box is not None, "not rendered"
    return box["x"] + box["width"]


@pytest.mark.parametrize("username", ["projektleder", "vicevaert"])
def test_the_top_bar_fits_1280_px_with_the_language_and_the_user_menu(demo, new_page, username):
    page = new_page(viewport="desktop")
    log_in(page, username)
    bar = page.locator("nav.navbar")
    assert bar.evaluate("e => e.scrollWidth") <= 1280
    english = page.get_by_role("button", name="English")
    user_menu = page.locator("#main-nav .dropdown-toggle").last
    for item in (english, user_menu):
        assert item.is_visible()
        assert _right_edge(page, item) <= 1280
    # The bar is one line high: nothing wrapped below it.
    assert bar.bounding_box()["height"] < 80
    if username == "projektleder":  # the grouped pages are one click away
        nav_link(page, t("Staff"))
        assert "/staff/" in page.url


def test_the_top_bar_fits_a_phone(demo, new_page):
    page = new_page(viewport="phone")
    log_in(page, "projektleder")
    open_menu(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.get_by_role("button", name="English").is_visible()
    nav_link(page, t("Criteria"))
    assert "/criteria/" in page.url
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
