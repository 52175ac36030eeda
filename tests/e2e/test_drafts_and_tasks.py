"""Never lose a word, never miss a date: drafts across an ended session, the refused bridge-building,
and the tasks an eviction case proposes, in My tasks and in the calendar feed."""

import datetime
import time
from binascii import unhexlify

import icalendar
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from cases.models import CaseType, Consent, Entry, Task
from helhedsplan.demo import DEMO_PASSWORD, SEED_PLAN_SLUG
from helhedsplan.drafts.models import Draft
from helhedsplan.middleware import SESSION_LAST_SEEN
from helhedsplan.models import PartnerOrganisation, Plan
from tests.cases.builders import make_case, make_resident

from .conftest import RESULTS
from .journey import follow, log_in, t, tn

TODAY = datetime.date.today()
NOTE = "Lejer ringede fra opgangen: vil gerne have hjælp til budget og afdragsordning. Ring igen torsdag."


def caretaker():
    return get_user_model().objects.get(username="vicevaert")


def eviction_case(bailiff_in: int = 21, name: str = "Rosa Restance"):
    plan = Plan.objects.get(slug=SEED_PLAN_SLUG)
    resident = make_resident(plan, caretaker(), name=name)
    return make_case(
        plan,
        caretaker(),
        case_type=CaseType.EVICTION_PREVENTION,
        residents=[resident],
        opened_on=TODAY,
        today=TODAY,
        eviction_scheduled_on=TODAY,
        bailiff_date=TODAY + datetime.timedelta(days=bailiff_in),
    )


def totp_code(device: TOTPDevice, steps_ahead: int) -> str:
    totp = TOTP(unhexlify(device.key))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def second_factor(page, device, steps_ahead: int):
    assert "/login/two-factor/" in page.url
    page.locator("input[name=token]").fill(totp_code(device, steps_ahead))
    follow(page, page.locator("main form button[type=submit]"))


def end_session(page, settings):
    """As if the caretaker had been interrupted for longer than the idle limit."""
    key = next(c["value"] for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = SessionStore(session_key=key)
    session[SESSION_LAST_SEEN] = time.time() - settings.SESSION_IDLE_TIMEOUT - 60
    session.save()


def test_an_entry_typed_on_a_phone_survives_the_session_ending(demo, new_page, settings):
    settings.OTP_REQUIRED = True
    device = TOTPDevice.objects.create(user=caretaker(), name="Telefon", confirmed=True)
    case = eviction_case()
    page = new_page(viewport="phone")
    page.goto("/login/")
    page.locator("input[name=username]").fill("vicevaert")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    follow(page, page.locator("main form button[type=submit]"))
    second_factor(page, device, steps_ahead=0)

    page.goto(f"/plans/{case.plan_id}/cases/{case.pk}/entries/new/")
    page.locator("[name=kind]").select_option("phone_call")
    page.locator("[name=minutes]").fill("20")
    page.locator("[name=note]").fill(NOTE)
    # A few seconds after typing, htmx has saved the draft on the server.
    for _ in range(40):
        if Draft.objects.filter(author=caretaker(), data__note=[NOTE]).exists():
            break
        page.wait_for_timeout(250)
    assert Draft.objects.filter(author=caretaker(), data__note=[NOTE]).exists()
    end_session(page, settings)
    follow(page, page.get_by_role("button", name=t("Log entry")))

    # The login page; then the password and the second factor again.
    assert "/login/" in page.url
    page.locator("input[name=username]").fill("vicevaert")
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    follow(page, page.locator("main form button[type=submit]"))
    second_factor(page, device, steps_ahead=1)

    assert page.url.endswith(f"/cases/{case.pk}/entries/new/")
    page.get_by_text("Du blev logget ud efter 30 minutter uden aktivitet. Din tekst er gemt.").wait_for()
    assert page.locator("[name=note]").input_value() == NOTE
    assert page.locator("[name=minutes]").input_value() == "20"
    assert page.locator("[name=kind]").input_value() == "phone_call"
    page.screenshot(path=str(RESULTS / "draft-restored-phone.png"), full_page=True)
    assert not Entry.objects.filter(note=NOTE).exists()

    follow(page, page.get_by_role("button", name=t("Log entry")))
    assert Entry.objects.filter(note=NOTE, minutes=20).exists()
    assert not caretaker().drafts.exists()


def test_a_refused_bridge_building_comes_back_with_nothing_to_retype(demo, new_page):
    case = eviction_case(bailiff_in=30, name="Bodil Brobygning")
    partner = PartnerOrganisation.objects.filter(plan=case.plan).order_by("name").first()
    page = new_page()
    log_in(page, "vicevaert")
    page.goto(f"/plans/{case.plan_id}/cases/{case.pk}/entries/new/")
    page.locator("[name=kind]").select_option("bridge_building")
    page.locator("[name=partner]").select_option(str(partner.pk))
    page.locator("[name=bridge_category]").select_option("application")
    page.locator("[name=minutes]").fill("35")
    page.locator("[name=note]").fill("Ansøgning om enkeltydelse til huslejen sendt sammen med beboeren.")
    follow(page, page.get_by_role("button", name=t("Log entry")))

    # No consent covers the partner: record one, the partner already ticked.
    follow(page, page.locator("main .alert-warning").get_by_role("link", name="Bodil Brobygning"))
    assert page.locator(f"[name=partners][value='{partner.pk}']").is_checked()
    page.locator("[name=form_location]").fill("Skabet på kontoret")
    follow(page, page.get_by_role("button", name=t("Save")))

    # Back on the entry form, everything as typed.
    assert page.url.endswith(f"/cases/{case.pk}/entries/new/")
    assert page.locator("[name=kind]").input_value() == "bridge_building"
    assert page.locator("[name=partner]").input_value() == str(partner.pk)
    assert page.locator("[name=bridge_category]").input_value() == "application"
    assert page.locator("[name=minutes]").input_value() == "35"
    assert "enkeltydelse" in page.locator("[name=note]").input_value()
    follow(page, page.get_by_role("button", name=t("Log entry")))
    entry = Entry.objects.get(case=case, kind="bridge_building")
    assert entry.minutes == 35 and entry.consent == Consent.objects.get(resident__name="Bodil Brobygning")


def test_an_eviction_case_proposes_tasks_that_reach_my_tasks_and_the_calendar(demo, new_page):
    case = eviction_case(bailiff_in=21)
    page = new_page(viewport="phone")
    log_in(page, "vicevaert")
    page.goto(case.get_absolute_url())
    suggestions = page.locator("[data-task-suggestions] li")
    assert suggestions.count() == 3
    for label in ("Notify the municipal housing advisers", "Outreach visit"):
        row = page.locator("[data-task-suggestions] li", has_text=t(label))
        follow(page, row.get_by_role("button", name=t("Add")))
    assert page.locator("[data-task-suggestions] li").count() == 1
    assert Task.objects.filter(case=case).count() == 2

    follow(page, page.locator("a.navbar-brand"))  # the start page: the caseload with My tasks
    panel = page.locator("section[aria-labelledby=tasks-heading]")
    panel.get_by_text(t("Notify the municipal housing advisers"), exact=True).wait_for()
    assert panel.get_by_text(t("Outreach visit"), exact=True).count() == 1
    countdown = tn("%(days)s day to the bailiff's date", "%(days)s days to the bailiff's date", 21) % {
        "days": 21
    }
    assert panel.get_by_text(countdown).count() == 2  # the bailiff's countdown beside each task
    page.screenshot(path=str(RESULTS / "my-tasks-phone.png"), full_page=True)

    # The calendar address, and the feed a calendar app would fetch.
    page.goto(f"/plans/{case.plan_id}/calendar/")
    follow(page, page.get_by_role("button", name=t("Make an address")).first)
    address = page.locator("[data-calendar-address]").first.input_value()
    feed = page.context.request.get(address)
    assert feed.status == 200
    summaries = {str(e["summary"]) for e in icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")}
    assert f"Fogeddato – sag #{case.pk}" in summaries
    assert f"Opgave – sag #{case.pk}" in summaries
    assert "Rosa" not in feed.text()
