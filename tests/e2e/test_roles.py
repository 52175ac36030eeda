"""Each role logs in and lands where their work is, in Danish and English, on a phone and a desktop."""

import re

import pytest
from django.urls import reverse

from helhedsplan.demo import SECOND_PLAN_SLUG, SEED_PLAN_SLUG
from helhedsplan.models import Membership, Plan
from helhedsplan.views.home import start_page_url

from .journey import assert_assets_loaded, follow, log_in, nav_link, open_menu, t

LANGUAGES_AND_SCREENS = [("da", "desktop"), ("da", "phone"), ("en", "desktop"), ("en", "phone")]


def plan_url(name: str, slug: str = SEED_PLAN_SLUG) -> str:
    return reverse(name, kwargs={"plan_id": Plan.objects.get(slug=slug).pk})


def start_page(username: str, slug: str = SEED_PLAN_SLUG) -> str:
    """Where the app says this user's role starts (settings.START_PAGES)."""
    return start_page_url(Membership.objects.get(user__username=username, plan__slug=slug))


@pytest.mark.parametrize(("language", "screen"), LANGUAGES_AND_SCREENS)
def test_project_leader_switches_to_the_seed_plan_and_reads_its_homes(demo, new_page, language, screen):
    page = new_page(viewport=screen, language=language)
    log_in(page, "projektleder")

    # The leader of two plans starts on the plan page of the first, in the browser's language.
    assert page.url.endswith(plan_url("helhedsplan:plan_detail", SECOND_PLAN_SLUG))
    assert page.locator("html").get_attribute("lang") == language
    assert_assets_loaded(page)
    assert page.get_by_role("heading", name="Udsatte grupper").is_visible()

    # Switching plan lands on the other plan's page: the seed agreement's focus area.
    open_menu(page)
    page.get_by_role("button", name=t("Switch plan", language)).click()
    follow(page, page.get_by_role("link", name=re.compile("Helhedsplanen for Sjælør og Kgs. Enghave")))
    assert page.url.endswith(plan_url("helhedsplan:plan_detail"))
    assert page.get_by_role("heading", name="Tryghed og trivsel").is_visible()
    initiative = "Opsøgende indsats med henblik på at forhindre udsættelser"
    assert page.locator("strong", has_text=initiative).is_visible()

    # The housing page adds up the 22 departments to the 3,900 homes the rates are computed from.
    nav_link(page, t("Housing", language))
    assert page.url.endswith(plan_url("helhedsplan:housing"))
    lead = page.locator("p.lead").inner_text()
    assert re.search(r"\b22\b", lead) and re.search(r"\b3[.,\u00a0 ]?900\b", lead), lead

    # The choice of plan is remembered: the start page is now the seed plan's.
    page.goto("/")
    assert page.url.endswith(plan_url("helhedsplan:plan_detail"))


@pytest.mark.parametrize(("language", "screen"), [("da", "phone"), ("en", "desktop")])
def test_board_member_lands_on_the_board_page_and_is_refused_the_plan_page(demo, new_page, language, screen):
    page = new_page(viewport=screen, language=language)
    log_in(page, "bestyrelse")

    assert page.url.endswith(start_page("bestyrelse"))
    assert page.locator("h1").first.is_visible()
    assert page.get_by_text("Helhedsplanen for Sjælør og Kgs. Enghave").first.is_visible()
    assert_assets_loaded(page)

    response = page.goto(plan_url("helhedsplan:plan_detail"))
    assert response.status == 403
    response = page.goto(plan_url("helhedsplan:housing"))
    assert response.status == 403


@pytest.mark.parametrize(("language", "screen"), [("da", "phone"), ("en", "desktop")])
def test_caretaker_lands_on_their_start_page(demo, new_page, language, screen):
    page = new_page(viewport=screen, language=language)
    log_in(page, "vicevaert")

    assert page.url.endswith(start_page("vicevaert"))
    assert page.locator("h1").first.is_visible()
    assert_assets_loaded(page)
    # A caretaker has no business on the leader's pages.
    assert page.goto(plan_url("helhedsplan:staff_list")).status == 403


def test_the_language_switcher_changes_the_language_and_keeps_it(demo, new_page):
    page = new_page(viewport="phone", language="da")
    log_in(page, "vicevaert")
    assert page.locator("html").get_attribute("lang") == "da"

    open_menu(page)
    follow(page, page.get_by_role("button", name="English"))
    assert page.locator("html").get_attribute("lang") == "en"

    # The choice sticks on the next page, whatever the browser asks for.
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    open_menu(page)
    assert page.get_by_role("button", name="Dansk").is_visible()


def test_a_visitor_must_log_in_and_then_reaches_the_page_asked_for(demo, new_page):
    page = new_page()
    housing = plan_url("helhedsplan:housing")
    page.goto(housing)
    assert "/login/" in page.url
    assert page.get_by_role("heading", name=t("Log in")).is_visible()

    page.locator("input[name=username]").fill("projektleder")
    page.locator("input[name=password]").fill("wrong password")
    follow(page, page.locator("main form button[type=submit]"))
    assert "/login/" in page.url
    assert page.locator(".alert-danger, .invalid-feedback, .errorlist").first.is_visible()

    log_in_url = page.url
    assert "next=" in log_in_url
    page.locator("input[name=username]").fill("projektleder")
    page.locator("input[name=password]").fill("helhedsplan-demo")
    follow(page, page.locator("main form button[type=submit]"))
    assert page.url.endswith(housing)
