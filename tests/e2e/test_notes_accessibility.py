"""axe-core finds no serious or critical problem on the status note, the dashboard and the criteria
pages, in Danish and in English, on a phone (375 px) and a desktop (1280 px)."""

import pytest
from django.urls import reverse

from .journey import axe_violations, log_in

SCREENS = ["phone", "desktop"]
LANGUAGES = ["da", "en"]


@pytest.fixture
def notes(demo):
    """The seed agreement's criteria with their demo figures, and the demo notes (2019: a draft)."""
    import datetime

    from reporting import demo as reporting_demo
    from reporting.notes import demo as notes_demo

    reporting_demo.seed(today=datetime.date(2026, 11, 23))
    notes_demo.seed(today=None)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_note_dashboard_and_criteria_pages_are_accessible(notes, new_page, screen, language):
    from reporting.models import SuccessCriterion
    from reporting.notes.models import StatusNote

    draft = StatusNote.objects.get(status="draft")  # with the barrier links and the workflow forms
    published = StatusNote.objects.get(status="published")
    criterion = SuccessCriterion.objects.filter(plan=draft.plan).first()
    page = new_page(viewport=screen, language=language)
    log_in(page, "projektleder")
    plan = {"plan_id": draft.plan_id}
    for url in (
        draft.get_absolute_url(),
        published.get_absolute_url(),
        reverse("notes:criterion_barrier", kwargs={**plan, "pk": draft.pk, "code": criterion.code}),
        reverse("reporting:dashboard", kwargs=plan),
        reverse("reporting:criterion_list", kwargs=plan),
        reverse("reporting:criterion_detail", kwargs={**plan, "pk": criterion.pk}),
    ):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == language
        assert axe_violations(page) == [], url
