"""A caretaker's casework in the browser: open, log, close; the most urgent case first."""

import datetime

import pytest
from django.utils import timezone

from cases.models import Case, Entry

from .journey import follow, log_in, t, tn


def open_case_form(page):
    follow(page, page.locator("main").get_by_role("link", name=t("Open a case")))


def choose_case_type(page, case_type: str):
    page.locator(f"label[for]:has-text('{t(case_type)}')").first.click()


def add_new_resident(page, index: int, name: str, role: str):
    page.get_by_role("button", name=t("New resident")).click()
    page.locator(f"[name=new-{index}-name]").fill(name)
    page.locator(f"[name=new-{index}-role]").select_option(role)
    page.locator(f"[name=new-{index}-department]").select_option(index=1)


def first_entry(page, kind: str, minutes: str, note: str):
    page.locator("[name=entry-kind]").select_option(kind)
    page.locator("[name=entry-minutes]").fill(minutes)
    page.locator("[name=entry-note]").fill(note)


def caseload_cards(page):
    return page.locator("main li.case-card")


def test_caretaker_mediates_a_neighbour_complaint_and_closes_it(demo, new_page):
    page = new_page()
    log_in(page, "vicevaert")
    assert caseload_cards(page).count() == 0

    # The estate office has passed on a complaint about noise: one screen opens the case.
    open_case_form(page)
    choose_case_type(page, "Neighbour conflict")
    add_new_resident(page, 0, "Karen Klager", "complainant")
    add_new_resident(page, 1, "Preben Støjmand", "complained_about")
    page.locator("[name=department]").select_option(index=1)
    page.locator("[name=source]").select_option("estate_office")
    page.locator("[name=summary]").fill("Støj fra 3. sal om natten")
    page.locator("[name=complaint_status]").select_option("filed")
    first_entry(page, "phone_call", "15", "Talt med klageren; aftalt mægling.")
    follow(page, page.get_by_role("button", name=t("Open the case")))
    case = Case.objects.get(summary="Støj fra 3. sal om natten")
    assert page.url.endswith(case.get_absolute_url())
    assert case.case_type == "neighbour_conflict" and case.parties.count() == 2

    # The 2:2 mediation at a neutral place.
    follow(page, page.locator("main").get_by_role("link", name=t("Log entry"), exact=True).first)
    page.locator("[name=kind]").select_option("mediation_2_2")
    page.locator("[name=minutes]").fill("90")
    page.locator("[name=note]").fill("Mægling i beboerhuset; parterne aftalte ro efter kl. 22.")
    follow(page, page.get_by_role("button", name=t("Log entry")))
    assert Entry.objects.filter(case=case, kind="mediation_2_2").exists()
    assert page.get_by_text("Mægling i beboerhuset").is_visible()

    # Closed as resolved by mediation ...
    follow(page, page.get_by_role("link", name=t("Close case")))
    page.get_by_label(t("Resolved by mediation")).check()
    follow(page, page.get_by_role("button", name=t("Close the case")))
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("closed", "resolved_mediation")

    # ... it has left the caseload.
    follow(page, page.get_by_role("link", name=t("My cases")).first)
    assert page.locator(f"a[href='{case.get_absolute_url()}']").count() == 0
    assert page.get_by_text(t("You have no open cases.")).is_visible()


def test_eviction_case_with_bailiff_in_three_weeks_tops_the_caseload_and_gets_bridge_building(demo, new_page):
    today = timezone.localdate()
    bailiff = today + datetime.timedelta(days=21)
    page = new_page()
    log_in(page, "vicevaert")

    # A neighbour conflict already on the caseload, with an earlier follow-up.
    open_case_form(page)
    choose_case_type(page, "Neighbour conflict")
    add_new_resident(page, 0, "Lis Larm", "complainant")
    page.locator("[name=source]").select_option("resident")
    page.locator("[name=summary]").fill("Hund gør i opgangen")
    page.locator("[name=next_follow_up]").fill(today.isoformat())
    first_entry(page, "phone_call", "10", "")
    follow(page, page.get_by_role("button", name=t("Open the case")))

    # The bailiff's eviction is scheduled: the caretaker opens an eviction-prevention case.
    follow(page, page.get_by_role("link", name=t("My cases")).first)
    open_case_form(page)
    choose_case_type(page, "Eviction prevention")
    add_new_resident(page, 0, "Rasmus Restance", "resident")
    page.locator("[name=source]").select_option("arrears_list")
    page.locator("[name=summary]").fill("Restance efter ydelsesloft")
    page.locator("[name=arrears_dkk]").fill("18500")
    page.locator("[name=eviction_scheduled_on]").fill(today.isoformat())
    page.locator("[name=bailiff_date]").fill(bailiff.isoformat())
    first_entry(page, "home_visit", "45", "Gennemgået økonomien med beboeren.")
    follow(page, page.get_by_role("button", name=t("Open the case")))
    case = Case.objects.get(summary="Restance efter ydelsesloft")
    assert case.bailiff_date == bailiff

    # On the caseload it comes first, with the days left to the bailiff's date.
    follow(page, page.get_by_role("link", name=t("My cases")).first)
    top = caseload_cards(page).first
    assert top.locator(f"a[href='{case.get_absolute_url()}']").count() == 1
    countdown = tn("%(days)s day to the bailiff's date", "%(days)s days to the bailiff's date", 21)
    countdown %= {"days": 21}
    assert countdown in top.inner_text(), top.inner_text()

    # Bridge-building to the debt counselling, category Benefit: consent first, as the law asks.
    follow(page, top.get_by_role("link", name=t("Log entry")))
    page.locator("[name=kind]").select_option("bridge_building")
    partner = page.locator("[name=partner] option", has_text="KAB Gældsrådgivning").get_attribute("value")
    page.locator("[name=partner]").select_option(partner)
    page.locator("[name=bridge_category]").select_option("benefit")
    page.locator("[name=minutes]").fill("30")
    follow(page, page.get_by_role("button", name=t("Log entry")))
    assert not Entry.objects.filter(case=case, kind="bridge_building").exists()

    follow(page, page.get_by_role("link", name="Rasmus Restance"))
    page.get_by_role("checkbox", name="KAB Gældsrådgivning").check()
    page.locator("[name=given_on]").fill(today.isoformat())
    page.locator("[name=form_location]").fill("Sagsmappen i kontoret")
    follow(page, page.locator("main form button[type=submit]"))

    page.goto(case.get_absolute_url())
    follow(page, page.locator("main").get_by_role("link", name=t("Log entry"), exact=True).first)
    page.locator("[name=kind]").select_option("bridge_building")
    page.locator("[name=partner]").select_option(partner)
    page.locator("[name=bridge_category]").select_option("benefit")
    page.locator("[name=minutes]").fill("30")
    page.locator("[name=note]").fill("Ansøgning om enkeltydelse sendt sammen med gældsrådgiveren.")
    follow(page, page.get_by_role("button", name=t("Log entry")))
    entry = Entry.objects.get(case=case, kind="bridge_building")
    assert (entry.partner.name, entry.bridge_category) == ("KAB Gældsrådgivning", "benefit")
    logged = page.locator(f"#entry-{entry.pk}")
    assert "KAB Gældsrådgivning" in logged.inner_text()
    assert logged.locator(".badge").inner_text() == t("Benefit")


def test_caretaker_logs_a_phone_call_on_a_phone(demo, new_page):
    from django.contrib.auth import get_user_model

    from cases import services
    from helhedsplan.models import Plan

    caretaker = get_user_model().objects.get(username="vicevaert")
    plan = Plan.objects.get(memberships__user=caretaker)
    resident = services.resident_create(plan=plan, user=caretaker, name="Tove Telefon")
    case = services.case_open(
        plan=plan,
        user=caretaker,
        case_type="counselling",
        source="resident",
        opened_on=timezone.localdate(),
        parties=[(resident, "resident")],
        responsible=[caretaker],
        summary="Hjælp med ansøgning",
    )

    page = new_page(viewport="phone")
    log_in(page, "vicevaert")
    # Everything needed fits the 375 px screen: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    card = caseload_cards(page).filter(has_text="Tove Telefon")
    follow(page, card.get_by_role("link", name=t("Log entry")))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.locator("[name=kind]").select_option("phone_call")
    page.locator("[name=minutes]").fill("10")
    page.locator("[name=note]").fill("Beboeren ringede; ansøgningen er sendt.")
    follow(page, page.get_by_role("button", name=t("Log entry")))
    assert Entry.objects.filter(case=case, kind="phone_call", minutes=10).exists()
    assert page.get_by_text("Beboeren ringede; ansøgningen er sendt.").is_visible()


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_board_member_is_refused_the_case_list(demo, new_page, screen):
    from django.urls import reverse

    from helhedsplan.demo import SEED_PLAN_SLUG
    from helhedsplan.models import Plan

    plan = Plan.objects.get(slug=SEED_PLAN_SLUG)
    page = new_page(viewport=screen)
    log_in(page, "bestyrelse")
    assert page.goto(reverse("cases:case_list", kwargs={"plan_id": plan.pk})).status == 403
    assert page.goto(reverse("cases:caseload", kwargs={"plan_id": plan.pk})).status == 403
