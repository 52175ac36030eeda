"""A worker logs a flea market the residents organised themselves: 35 took part."""

import pytest
from django.urls import reverse
from django.utils import timezone

from activities.models import Activity
from helhedsplan.demo import SEED_PLAN_SLUG
from helhedsplan.models import Plan

from .journey import follow, log_in, nav_link, t


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_worker_logs_a_resident_initiated_activity_with_35_participants(demo, new_page, screen):
    plan = Plan.objects.get(slug=SEED_PLAN_SLUG)
    page = new_page(viewport=screen)
    log_in(page, "medarbejder")

    nav_link(page, t("Logbook"))
    assert page.url.endswith(reverse("activities:logbook", kwargs={"plan_id": plan.pk}))
    follow(page, page.get_by_role("link", name=t("Log an activity")).first)

    # The kind and who took the initiative are chips: a tap on the label.
    page.get_by_label(t("Flea market"), exact=True).check(force=True)
    page.get_by_label(t("Residents"), exact=True).check(force=True)
    page.locator("[name=participants_residents]").fill("35")
    page.locator("[name=participants_children]").fill("12")
    page.locator("[name=date]").fill(timezone.localdate().isoformat())
    page.locator("[name=department]").select_option(index=1)
    page.locator("[name=title]").fill("Loppemarked i gården")
    follow(page, page.get_by_role("button", name=t("Save"), exact=True))

    activity = Activity.objects.get(plan=plan, title="Loppemarked i gården")
    assert (activity.initiated_by, activity.participants_residents, activity.participants_children) == (
        "residents",
        35,
        12,
    )
    # Back in the logbook the activity is listed with its 35 residents.
    page.goto(reverse("activities:logbook", kwargs={"plan_id": plan.pk}))
    row = page.locator("main").get_by_text("Loppemarked i gården").first
    assert row.is_visible()
    assert "35" in page.locator("main").inner_text()
