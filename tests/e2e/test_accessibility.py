"""axe-core finds no serious or critical accessibility problem on the pages each role starts from."""

import pytest

from .journey import axe_violations, log_in, open_menu


def test_the_login_page_is_accessible(demo, new_page):
    page = new_page(viewport="phone")
    page.goto("/login/")
    assert axe_violations(page) == []


@pytest.mark.parametrize(
    ("username", "screen"),
    [
        ("vicevaert", "phone"),  # caretaker: worker start page
        ("vicevaert", "desktop"),
        ("projektleder", "desktop"),  # project leader: the plan page
        ("projektleder", "phone"),
        ("bestyrelse", "desktop"),  # board member: the board page
    ],
)
def test_every_role_start_page_is_accessible(demo, new_page, username, screen):
    page = new_page(viewport=screen)
    log_in(page, username)
    assert axe_violations(page) == []
    # The opened phone menu and its dropdowns are part of the page too.
    open_menu(page)
    assert axe_violations(page) == []
