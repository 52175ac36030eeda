"""The project leader erases a resident who is the only one on an open case; the case is not lost."""

import os

import pytest
from django.urls import reverse

from cases.models import Case, CaseStatus
from tests import factories
from tests.cases import builders

from .journey import follow, log_in, t

pytestmark = pytest.mark.e2e

SHOTS = os.environ.get("E2E_SCREENSHOTS")  # a folder: save what the journey saw, to look at


def shot(page, name):
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_erasing_the_only_resident_asks_and_keeps_the_case_on_the_caseload(world, new_page, viewport):
    plan = world.plan_a
    resident = builders.make_resident(
        plan, world.worker_a, name="Gurli Sjælørsen", address="Sjælørvej 12, 2. tv.", phone="21 43 65 87"
    )
    case = builders.make_case(plan, world.worker_a, residents=[resident], summary="Støj fra Sjælørsens")

    page = new_page(viewport=viewport)
    log_in(page, world.leader_a.username, factories.PASSWORD)
    page.goto(reverse("privacy:resident_erase", kwargs={"plan_id": plan.pk, "pk": resident.pk}))
    follow(page, page.get_by_role("button", name=t("Erase")))  # nothing chosen yet
    assert page.get_by_text(t("Choose whether the case is closed or kept open without a resident.")).count()
    shot(page, f"erase-question-{viewport}")
    page.get_by_label(t("Keep it open without a resident; it stays on the caseload, flagged")).check()
    page.locator("[name=confirm]").check()
    follow(page, page.get_by_role("button", name=t("Erase")))
    assert Case.objects.get(pk=case.pk).status == CaseStatus.OPEN

    page = new_page(viewport=viewport)
    log_in(page, world.worker_a.username, factories.PASSWORD)
    page.goto(reverse("cases:caseload", kwargs={"plan_id": plan.pk}))
    card = page.locator(".case-card", has_text=case.number)
    assert t("No resident on the case (erased on request)") in card.inner_text()
    assert "Sjælørsen" not in page.content()
    shot(page, f"caseload-flag-{viewport}")
