"""A caretaker's work through the screens: open a case, log, correct, close, reopen, and the conflict."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import Case, CaseParty, Consent, Entry, Resident
from tests import factories
from tests.cases.builders import bulk_cases, consent, log, make_case, make_resident
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def url(name, world, **kwargs):
    return reverse(f"cases:{name}", kwargs={"plan_id": world.plan_a.pk, **kwargs})


def now_local() -> str:
    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }


def open_case_data(world, **overrides) -> dict:
    data = {
        "case_type": "neighbour_conflict",
        "source": "estate_office",
        "opened_on": TODAY.isoformat(),
        "responsible": [world.worker_a.pk],
        "summary": "Støj om natten",
        "complaint_status": "before_complaint",
        **management("party", 0),
        **management("new", 0),
        "entry-kind": "phone_call",
        "entry-occurred_at": now_local(),
        "entry-minutes": "20",
        "entry-note": "Ringede til klageren.",
    }
    data.update(overrides)
    return data


# Opening a case in one screen ------------------------------------------------------------------


def test_open_a_case_with_a_known_and_a_new_resident_in_one_screen(world, as_worker):
    department = factories.make_department(world.plan_a)
    known = make_resident(world.plan_a, name="Kirsten Kendt", address="Wagnersvej 4")
    search = as_worker.get(url("resident_search", world), {"q": "wagner"}, HTTP_HX_REQUEST="true")
    assert "Kirsten Kendt" in search.content.decode()
    data = open_case_data(
        world,
        department=department.pk,
        **management("party", 1),
        **{"party-0-resident": known.pk, "party-0-role": "complainant"},
        **management("new", 1),
        **{
            "new-0-name": "Nikolaj Ny",
            "new-0-address": "Wagnersvej 4, 2. th.",
            "new-0-department": department.pk,
            "new-0-role": "complained_about",
        },
    )
    response = as_worker.post(url("case_open", world), data)
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == case.get_absolute_url()
    assert {(p.resident.name, p.role) for p in case.parties.select_related("resident")} == {
        ("Kirsten Kendt", "complainant"),
        ("Nikolaj Ny", "complained_about"),
    }
    assert Resident.objects.get(name="Nikolaj Ny").department == department
    assert case.complaint_status == "before_complaint" and case.summary == "Støj om natten"
    entry = case.entries.get()
    assert entry.kind == "phone_call" and entry.minutes == 20 and entry.author == world.worker_a
    page = as_worker.get(case.get_absolute_url()).content.decode()
    assert "Kirsten Kendt" in page and "Ringede til klageren." in page


def test_a_refused_case_keeps_what_was_typed_and_saves_nothing(world, as_worker):
    data = open_case_data(
        world,
        case_type="eviction_prevention",
        arrears_dkk="-500",
        eviction_scheduled_on=(TODAY - datetime.timedelta(days=2)).isoformat(),
        bailiff_date=(TODAY - datetime.timedelta(days=5)).isoformat(),
        **management("new", 1),
        **{"new-0-name": "Vera Venter", "new-0-address": "Haydnsvej 1", "new-0-role": "resident"},
    )
    response = as_worker.post(url("case_open", world), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["arrears_dkk"] == ["The arrears cannot be negative."]
    assert not Case.objects.exists() and not Resident.objects.exists()
    html = response.content.decode()
    assert 'value="Vera Venter"' in html and "Ringede til klageren." in html
    # fixed arrears; now the service finds the bailiff's date before the scheduling
    data["arrears_dkk"] = "8000"
    response = as_worker.post(url("case_open", world), data)
    assert "cannot be before the date the eviction was scheduled" in " ".join(
        response.context["form"].errors["bailiff_date"]
    )
    assert not Case.objects.exists() and not Resident.objects.exists()


def test_a_case_without_residents_is_refused(world, as_worker):
    response = as_worker.post(url("case_open", world), open_case_data(world))
    assert response.status_code == 200
    assert "Add at least one resident to the case." in response.context["party_errors"]
    assert not Case.objects.exists()


def test_a_wrong_role_for_the_type_is_refused(world, as_worker):
    resident = make_resident(world.plan_a)
    data = open_case_data(
        world, **management("party", 1), **{"party-0-resident": resident.pk, "party-0-role": "resident"}
    )
    response = as_worker.post(url("case_open", world), data)
    assert any("role that fits" in e for e in response.context["party_errors"])


def test_another_plans_resident_cannot_be_put_on_a_case(world, as_worker):
    foreign = make_resident(world.plan_b)
    data = open_case_data(
        world, **management("party", 1), **{"party-0-resident": foreign.pk, "party-0-role": "complainant"}
    )
    response = as_worker.post(url("case_open", world), data)
    assert response.status_code == 200 and not Case.objects.exists()


def test_opening_from_a_residents_page_puts_the_resident_on(world, as_worker):
    resident = make_resident(world.plan_a, name="Frida Forvalgt")
    response = as_worker.get(url("case_open", world), {"resident": resident.pk, "type": "counselling"})
    assert "Frida Forvalgt" in response.content.decode()
    foreign = make_resident(world.plan_b)
    assert as_worker.get(url("case_open", world), {"resident": foreign.pk}).status_code == 404


# Entries ---------------------------------------------------------------------------------------


@pytest.fixture
def eviction(world):
    resident = make_resident(world.plan_a, name="Rosa Restance")
    case = make_case(
        world.plan_a,
        world.worker_a,
        case_type="eviction_prevention",
        residents=[resident],
        opened_on=TODAY - datetime.timedelta(days=10),
        today=TODAY,
    )
    partner = factories.make_partner(world.plan_a, "Gældsrådgivning Test")
    return case, resident, partner


def entry_data(**overrides):
    return {
        "kind": "home_visit",
        "occurred_at": now_local(),
        "minutes": "45",
        "note": "Hjemmebesøg.",
        **overrides,
    }


def test_log_an_entry(world, as_worker, eviction):
    case, *_ = eviction
    response = as_worker.post(url("entry_log", world, pk=case.pk), entry_data())
    entry = case.entries.current().order_by("-pk").first()
    assert response.status_code == 302 and response["Location"].endswith(f"#entry-{entry.pk}")
    assert entry.kind == "home_visit" and entry.minutes == 45
    case.refresh_from_db()
    assert case.last_entry_at == entry.occurred_at


def test_a_bridge_building_without_consent_shows_the_rule_at_the_partner_field(world, as_worker, eviction):
    case, resident, partner = eviction
    data = entry_data(kind="bridge_building", partner=partner.pk, bridge_category="application")
    response = as_worker.post(url("entry_log", world, pk=case.pk), data)
    assert response.status_code == 200
    assert "No valid consent" in response.context["form"].errors["partner"][0]
    html = response.content.decode()
    assert url("consent_create", world, pk=resident.pk) + f"?case={case.pk}" in html  # one tap to record it
    assert case.entries.count() == 1
    # the caretaker records the consent and comes back to the case
    consent_response = as_worker.post(
        url("consent_create", world, pk=resident.pk) + f"?case={case.pk}",
        {"partners": [partner.pk], "given_on": TODAY.isoformat(), "form_location": "Skabet"},
    )
    assert consent_response["Location"] == case.get_absolute_url()
    assert as_worker.post(url("entry_log", world, pk=case.pk), data).status_code == 302
    assert case.entries.get(kind="bridge_building").consent == Consent.objects.get()


def test_a_report_of_concern_is_logged_without_consent(world, as_worker, eviction):
    case, _, partner = eviction
    data = entry_data(
        kind="bridge_building",
        partner=partner.pk,
        bridge_category="contact_to",
        concern_report="on",
        concern_reason="Akut bekymring for beboeren.",
    )
    assert as_worker.post(url("entry_log", world, pk=case.pk), data).status_code == 302
    assert case.entries.get(kind="bridge_building").concern_report


def test_an_entry_in_the_future_is_refused_at_the_field(world, as_worker, eviction):
    case, *_ = eviction
    later = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = as_worker.post(url("entry_log", world, pk=case.pk), entry_data(occurred_at=later))
    assert response.context["form"].errors["occurred_at"] == ["An entry cannot be dated in the future."]


def test_correct_an_entry(world, as_worker, eviction):
    case, *_ = eviction
    original = case.entries.get()
    page = as_worker.get(url("entry_correct", world, pk=case.pk, entry_pk=original.pk))
    assert 'value="15"' in page.content.decode()  # the form starts from the original
    response = as_worker.post(
        url("entry_correct", world, pk=case.pk, entry_pk=original.pk),
        entry_data(
            kind="phone_call",
            minutes="25",
            occurred_at=timezone.localtime(original.occurred_at).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    assert response.status_code == 302
    original.refresh_from_db()
    assert original.superseded and original.correction.minutes == 25
    html = as_worker.get(case.get_absolute_url()).content.decode()
    assert "Corrected entry" in html and f'id="entry-{original.pk}"' in html  # kept, shown as corrected
    again = as_worker.get(url("entry_correct", world, pk=case.pk, entry_pk=original.pk))
    assert again.status_code == 302  # an old version cannot be corrected again


# Closing, reopening, editing -------------------------------------------------------------------


def test_close_and_reopen(world, as_worker, eviction):
    case, *_ = eviction
    page = as_worker.get(url("case_close", world, pk=case.pk)).content.decode()
    assert "Eviction averted: benefit granted" in page and "Resolved by mediation" not in page
    response = as_worker.post(
        url("case_close", world, pk=case.pk),
        {"outcome": "resolved_mediation", "closed_on": TODAY.isoformat(), "version": 1},
    )
    assert "outcome" in response.context["form"].errors  # not an outcome of an eviction case
    response = as_worker.post(
        url("case_close", world, pk=case.pk),
        {"outcome": "averted_benefit", "closed_on": TODAY.isoformat(), "version": 1},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.outcome, case.closed_on) == ("closed", "averted_benefit", TODAY)
    assert (
        as_worker.post(url("entry_log", world, pk=case.pk), entry_data()).status_code == 302
    )  # redirected away
    assert case.entries.count() == 1
    as_worker.post(url("case_reopen", world, pk=case.pk), {"version": case.version})
    case.refresh_from_db()
    assert case.status == "open" and case.outcome == ""
    history = as_worker.get(url("case_history", world, pk=case.pk)).content.decode()
    assert "Eviction averted: benefit granted" in history


def test_closing_before_the_opening_date_is_refused_at_the_field(world, as_worker, eviction):
    case, *_ = eviction
    response = as_worker.post(
        url("case_close", world, pk=case.pk),
        {
            "outcome": "withdrawn",
            "closed_on": (case.opened_on - datetime.timedelta(days=1)).isoformat(),
            "version": 1,
        },
    )
    assert "before it was opened" in response.context["form"].errors["closed_on"][0]


def edit_data(case, **overrides):
    data = {
        "version": case.version,
        "source": case.source,
        "opened_on": case.opened_on.isoformat(),
        "summary": case.summary,
        "next_follow_up": "",
        "department": "",
        "arrears_dkk": "",
        "first_reminder_on": "",
        "second_reminder_on": "",
        "eviction_scheduled_on": "",
        "bailiff_date": "",
        "housing_advisers_notified_on": "",
    }
    data.update(overrides)
    return data


def test_two_people_edit_the_same_case_and_the_second_is_told(world, eviction):
    """No silent lost update: the second save is refused and keeps what they typed."""
    case, *_ = eviction
    anna, leif = client_for(world.worker_a), client_for(world.leader_a)
    # both open the edit page on version 1
    assert anna.get(url("case_edit", world, pk=case.pk)).context["form"]["version"].value() == 1
    assert leif.get(url("case_edit", world, pk=case.pk)).context["form"]["version"].value() == 1
    first = anna.post(
        url("case_edit", world, pk=case.pk), edit_data(case, arrears_dkk="12000", summary="Anna's tekst")
    )
    assert first.status_code == 302
    second = leif.post(
        url("case_edit", world, pk=case.pk), edit_data(case, arrears_dkk="15500", summary="Leifs tekst")
    )
    assert second.status_code == 200
    html = second.content.decode()
    assert "Someone else changed this case" in html
    assert 'value="Leifs tekst"' in html and 'value="15500"' in html  # what Leif typed is kept
    assert ("Rent arrears (DKK)", "12000", "15500") in second.context["conflict"]  # and set beside the saved
    case.refresh_from_db()
    assert (case.summary, case.arrears_dkk, case.version) == ("Anna's tekst", 12000, 2)
    # saving again now is a deliberate choice: it goes through on the current version
    assert second.context["form"]["version"].value() == 2
    third = leif.post(
        url("case_edit", world, pk=case.pk), edit_data(case, arrears_dkk="15500", summary="Leifs tekst")
    )
    assert third.status_code == 302
    case.refresh_from_db()
    assert (case.summary, case.arrears_dkk, case.version) == ("Leifs tekst", 15500, 3)


def test_bad_dates_in_the_edit_form_are_shown_at_the_field(world, as_worker, eviction):
    case, *_ = eviction
    response = as_worker.post(
        url("case_edit", world, pk=case.pk),
        edit_data(
            case,
            first_reminder_on=(TODAY - datetime.timedelta(days=20)).isoformat(),
            second_reminder_on=(TODAY - datetime.timedelta(days=30)).isoformat(),
        ),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["second_reminder_on"] == [
        "The 2nd reminder cannot be sent before the 1st."
    ]
    case.refresh_from_db()
    assert case.version == 1 and case.second_reminder_on is None


def test_the_leader_reassigns_a_case(world, as_leader, as_worker, eviction):
    case, *_ = eviction
    colleague = factories.make_member(world.plan_a, "worker", "colleague_a")
    assert as_worker.get(url("case_reassign", world, pk=case.pk)).status_code == 403
    response = as_leader.post(
        url("case_reassign", world, pk=case.pk), {"responsible": [colleague.pk], "version": case.version}
    )
    assert response.status_code == 302
    assert list(case.responsible.all()) == [colleague]


# Parties, residents, consent -------------------------------------------------------------------


def test_add_and_remove_a_resident_on_a_case(world, as_worker):
    case = make_case(world.plan_a, world.worker_a, opened_on=TODAY, today=TODAY)
    neighbour = make_resident(world.plan_a, name="Naja Nabo")
    results = as_worker.get(url("resident_search", world), {"q": "naja", "case": case.pk}).content.decode()
    assert url("party_add", world, pk=case.pk) in results
    response = as_worker.post(
        url("party_add", world, pk=case.pk), {"resident": neighbour.pk, "role": "complained_about"}
    )
    assert response.status_code == 302
    response = as_worker.post(
        url("party_add", world, pk=case.pk),
        {"new-name": "Otto Opgang", "new-address": "Glucksvej 2", "new-role": "other_resident"},
    )
    assert response.status_code == 302
    assert case.parties.count() == 3
    party = CaseParty.objects.get(case=case, resident=neighbour)
    assert as_worker.post(url("party_remove", world, pk=case.pk, party_pk=party.pk)).status_code == 302
    assert case.parties.count() == 2
    bad = as_worker.post(url("party_add", world, pk=case.pk), {"resident": neighbour.pk, "role": "resident"})
    assert bad.status_code == 200 and case.parties.count() == 2


def test_a_residents_page_lists_cases_and_consents_and_history(world, as_worker):
    resident = make_resident(world.plan_a, name="Hanne Historik")
    make_case(world.plan_a, world.worker_a, residents=[resident], opened_on=TODAY, today=TODAY)
    given = consent(
        resident, [factories.make_partner(world.plan_a, "Psykiatri Test")], given_on=TODAY, today=TODAY
    )
    page = as_worker.get(resident.get_absolute_url()).content.decode()
    assert "Neighbour conflict" in page and "Psykiatri Test" in page and "valid" in page
    response = as_worker.post(
        url("consent_withdraw", world, pk=resident.pk, consent_pk=given.pk),
        {"withdrawn_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    given.refresh_from_db()
    assert given.withdrawn_on == TODAY
    as_worker.post(
        url("resident_edit", world, pk=resident.pk), {"name": "Hanne Historik", "address": "Ny Adresse 1"}
    )
    history = as_worker.get(url("resident_history", world, pk=resident.pk)).content.decode()
    assert "Ny Adresse 1" in history and "Withdrawn on" in history


def test_no_cpr_number_field_anywhere():
    for model in (Resident, Case, CaseParty, Consent, Entry):
        for field in model._meta.get_fields():
            assert "cpr" not in field.name.lower()


@pytest.mark.parametrize("count", [10, 300])
def test_the_case_page_takes_the_same_queries_for_10_and_300_entries(world, django_assert_num_queries, count):
    case, *_ = bulk_cases(world.plan_a, world.worker_a, 3, today=TODAY, entries_per_case=count)
    log(case, world.worker_a, day=TODAY, today=TODAY)
    resident = case.parties.get().resident
    partner = factories.make_partner(world.plan_a)
    factories.make_contact(partner)
    other = factories.make_partner(world.plan_a, "Anden Partner")
    consent(resident, [partner, other], given_on=TODAY, today=TODAY)
    client = client_for(world.worker_a)
    client.get(case.get_absolute_url())
    # session, user, SAVEPOINT, memberships+plans, the case, its parties+residents with their valid consents
    # and these' partners, its caretakers, the page of entries with the counts, the case's tasks with their
    # caretakers, the user's draft of the entry form, the entry
    # form's partners with their contact persons, RELEASE SAVEPOINT, the audit event (helhedsplan.middleware)
    with django_assert_num_queries(13):
        response = client.get(case.get_absolute_url())
    assert response.status_code == 200
    assert len(response.context["entries"]) == min(count + 1, 25)  # the bulk entries plus the one just logged
    html = response.content.decode()
    assert "Anden Partner, " in html or ", Anden Partner" in html  # the consent's partners, one query
    assert f'data-partner="{partner.pk}"' in html  # the contact person names its partner


def test_a_long_case_shows_its_entries_a_page_at_a_time_newest_first(world, as_worker):
    case, *_ = bulk_cases(world.plan_a, world.worker_a, 1, today=TODAY, entries_per_case=60)
    entries = list(case.entries.order_by("-occurred_at", "-pk"))
    oldest, newest = entries[-1], entries[0]
    html = as_worker.get(case.get_absolute_url()).content.decode()
    assert html.count('<article id="entry-') == 25 and f'id="entry-{newest.pk}"' in html
    assert f'id="entry-{oldest.pk}"' not in html
    assert "Page 1 of 3" in html and "?page=2" in html and "Older" in html
    last = as_worker.get(case.get_absolute_url() + "?page=3").content.decode()
    assert last.count('<article id="entry-') == 10 and f'id="entry-{oldest.pk}"' in last and "Newer" in last
    # an entry's permalink opens the page that holds it
    assert oldest.get_absolute_url() == case.get_absolute_url() + f"?entry={oldest.pk}#entry-{oldest.pk}"
    found = as_worker.get(oldest.get_absolute_url())
    assert found.context["entries"].number == 3 and f'id="entry-{oldest.pk}"' in found.content.decode()
    assert as_worker.get(case.get_absolute_url() + f"?entry={entries[30].pk}").context["entries"].number == 2
    # a correction dated today is on the first page; it links to its original on the last page, and back
    response = as_worker.post(
        url("entry_correct", world, pk=case.pk, entry_pk=oldest.pk),
        entry_data(kind="phone_call", minutes="25", occurred_at=now_local()),
    )
    correction = Entry.objects.get(corrects=oldest)
    assert response["Location"] == correction.get_absolute_url()
    first = as_worker.get(response["Location"]).content.decode()
    assert f'href="?entry={oldest.pk}#entry-{oldest.pk}"' in first  # see the original, on its page
    last = as_worker.get(oldest.get_absolute_url()).content.decode()
    assert f'href="?entry={correction.pk}#entry-{correction.pk}"' in last  # see the newer version


def test_an_entrys_minutes_and_residents_present_read_as_before(world, as_worker):
    case = make_case(world.plan_a, world.worker_a, first_entry=False)
    meeting = {"day": TODAY, "today": TODAY, "kind": "staircase_meeting"}
    log(case, world.worker_a, minutes=1, residents_present=1, **meeting)
    log(case, world.worker_a, minutes=45, residents_present=0, **meeting)
    log(case, world.worker_a, day=TODAY, today=TODAY, kind="phone_call", minutes=None)
    html = as_worker.get(case.get_absolute_url()).content.decode()
    assert " · 1 minute · 1 resident present</span>" in html
    assert " · 45 minutes · 0 residents present</span>" in html
    danish = client_for(world.worker_a)
    danish.cookies["django_language"] = "da"
    html = danish.get(case.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert " · 45 minutter · 0 beboere mødt op</span>" in html


def test_the_case_page_reads_its_residents_and_their_valid_consents_in_one_query(world, as_worker):
    from cases.selectors import consents_for_case
    from cases.views.case_page import parties_and_consents

    names = ["Øjvind Ø", "Åse Å", "Anna A", "anna a"]
    residents = [make_resident(world.plan_a, name=name) for name in names]
    case = make_case(world.plan_a, world.worker_a, residents=residents, today=TODAY)
    partners = [factories.make_partner(world.plan_a, name) for name in ("Zeta", "Alfa", "Mellem")]
    week = datetime.timedelta(days=7)
    consent(residents[0], partners, given_on=TODAY - week, today=TODAY)
    consent(residents[0], partners[:1], given_on=TODAY - 3 * week, today=TODAY, expires_on=TODAY + week)
    consent(residents[1], partners[1:], given_on=TODAY - 2 * week, today=TODAY)
    expired = consent(residents[2], partners[:2], given_on=TODAY - 2 * week, today=TODAY)
    Consent.objects.filter(pk=expired.pk).update(expires_on=TODAY - week)
    consent(residents[3], partners[1:2], given_on=TODAY, today=TODAY)
    withdrawn = consent(residents[3], partners[2:], given_on=TODAY - week, today=TODAY)
    Consent.objects.filter(pk=withdrawn.pk).update(withdrawn_on=TODAY)
    parties, consents = parties_and_consents(case, TODAY)
    expected = consents_for_case(case, TODAY)
    assert [c.pk for c in consents] == [c.pk for c in expected] and len(consents) == 4
    assert [c.partner_names for c in consents] == [[p.name for p in c.partners.all()] for c in expected]
    assert [c.resident_name for c in consents] == [c.resident.name for c in expected]
    by_role = list(case.parties.select_related("resident").order_by("role", "resident__name"))
    assert [p["pk"] for p in parties] == [p.pk for p in by_role]
    assert [p["resident"]["name"] for p in parties] == [p.resident.name for p in by_role]
    html = as_worker.get(case.get_absolute_url()).content.decode()
    assert "<strong>Øjvind Ø</strong>: Alfa, Mellem, Zeta" in html


def test_the_case_pages_links_are_the_urlconfs(world, as_leader):
    from cases.services import case_close
    from cases.tasks import task_create

    first, second = make_resident(world.plan_a, name="Første"), make_resident(world.plan_a, name="Anden")
    case = make_case(
        world.plan_a, world.worker_a, case_type="eviction_prevention", residents=[first, second], today=TODAY
    )
    Case.objects.filter(pk=case.pk).update(bailiff_date=TODAY + datetime.timedelta(days=9))
    task = task_create(case=case, user=world.worker_a, text="Ring", due_on=TODAY, today=TODAY)
    party = case.parties.get(resident=first)

    def link(name, **kwargs):
        return reverse(f"cases:{name}", kwargs={"plan_id": world.plan_a.pk, **kwargs})

    html = as_leader.get(case.get_absolute_url()).content.decode()
    for address in [
        link("caseload"),
        link("case_list"),
        *(link(name, pk=case.pk) for name in ("entry_log", "case_edit", "case_close", "case_reassign")),
        *(link(name, pk=case.pk) for name in ("case_history", "party_add", "task_create", "task_accept")),
        link("party_remove", pk=case.pk, party_pk=party.pk),
        link("task_toggle", pk=case.pk, task_pk=task.pk),
        first.get_absolute_url(),
        link("consent_create", pk=second.pk) + f"?case={case.pk}",
    ]:
        assert f'="{address}"' in html, address
    case.refresh_from_db()
    case_close(case=case, user=world.worker_a, outcome="averted_paid", closed_on=TODAY, version=case.version)
    closed = as_leader.get(case.get_absolute_url()).content.decode()
    assert f'action="{link("case_reopen", pk=case.pk)}"' in closed


def test_the_quick_entry_form_is_marked_up_as_crispy_would(world):
    from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

    from cases.forms import EntryForm, EntryLogForm
    from cases.views.case_page import partner_rows
    from helhedsplan.templatetags.form_fields import as_bootstrap_field as entry_field

    case = make_case(world.plan_a, world.worker_a, next_follow_up=TODAY)
    partner = factories.make_partner(world.plan_a, "Partner <A>")
    factories.make_contact(partner, "Kontakt & Co")
    factories.make_partner(world.plan_a, "Partner uden kontakt")

    def normalised(html) -> str:
        return " ".join(str(html).replace(">", "> ").replace("<", " <").split())

    shown = EntryLogForm(case=case, plan=world.plan_a, partner_rows=partner_rows(world.plan_a))
    reference = EntryLogForm(case=case, plan=world.plan_a)
    reference.fields["occurred_at"].initial = shown.fields["occurred_at"].initial
    initial = {"kind": "meeting", "note": "a <b>", "partner": partner.pk}
    correcting = EntryForm(plan=world.plan_a, initial=initial)
    for fast, crispy in [(shown, reference), (correcting, correcting)]:
        for name in fast.fields:
            assert normalised(entry_field(fast[name])) == normalised(as_crispy_field(crispy[name])), name
    bound = EntryForm({"kind": "", "concern_report": "on", "note": "x" * 30_000}, plan=world.plan_a)
    assert not bound.is_valid() and bound.errors
    for name in bound.fields:  # with the errors next to the fields
        assert normalised(entry_field(bound[name])) == normalised(as_crispy_field(bound[name])), name


def test_logging_an_entry_can_set_the_next_follow_up(world, as_worker, eviction):
    case, *_ = eviction
    next_week = TODAY + datetime.timedelta(days=7)
    page = as_worker.get(url("entry_log", world, pk=case.pk)).content.decode()
    assert 'name="next_follow_up"' in page
    assert (
        as_worker.post(
            url("entry_log", world, pk=case.pk), entry_data(next_follow_up=next_week.isoformat())
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.next_follow_up == next_week and case.version == 2
    # a follow-up in the past is refused, and then the entry is not logged either
    response = as_worker.post(
        url("entry_log", world, pk=case.pk),
        entry_data(next_follow_up=(TODAY - datetime.timedelta(days=1)).isoformat()),
    )
    assert response.context["form"].errors["next_follow_up"] == ["The next follow-up cannot be in the past."]
    assert case.entries.count() == 2
    # leaving the date as it was logs the entry without touching the case
    assert (
        as_worker.post(
            url("entry_log", world, pk=case.pk), entry_data(next_follow_up=next_week.isoformat())
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.version == 2 and case.entries.count() == 3
