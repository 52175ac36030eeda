"""axe-core finds no serious or critical accessibility problem on the pages each role starts from."""

import pytest
from django.urls import reverse

from .journey import axe_violations, log_in, open_menu, t


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


def test_the_dashboard_is_accessible(f1, new_page):
    from reporting.models import HousingStatistic

    department = f1.departments.first()
    HousingStatistic.objects.create(
        plan=f1,
        year=2017,
        housing_organisation=department.housing_organisation,
        neighbourhood=department.neighbourhood,
        measure="evictions",
        value=18,
    )
    page = new_page()
    log_in(page, "projektleder")
    page.goto(reverse("reporting:dashboard_year", kwargs={"plan_id": f1.pk, "year": 2017}))
    assert page.locator("#criterion-F1").is_visible()
    assert axe_violations(page) == []


def test_a_published_status_note_is_accessible_to_the_board(demo, new_page):
    from reporting.notes import demo as notes_demo
    from reporting.notes.models import StatusNote

    notes_demo.seed(today=None)
    note = StatusNote.objects.get(status="published")
    page = new_page(viewport="phone")
    log_in(page, "bestyrelse")
    assert axe_violations(page) == []  # the board's start page: the published notes
    page.goto(note.get_absolute_url())
    assert axe_violations(page) == []


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_the_case_form_is_accessible(demo, new_page, screen):
    page = new_page(viewport=screen)
    log_in(page, "vicevaert")
    page.locator("main").get_by_role("link", name=t("Open a case")).click()
    page.wait_for_load_state()
    assert axe_violations(page) == []
    # With the eviction details and a new resident's fields revealed.
    page.locator(f"label[for]:has-text('{t('Eviction prevention')}')").first.click()
    page.get_by_role("button", name=t("New resident")).click()
    assert axe_violations(page) == []
