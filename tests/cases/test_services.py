"""The rules of casework, enforced by the services whatever screen calls them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases import services
from cases.models import (
    BridgeCategory,
    Case,
    CaseParty,
    CaseStatus,
    CaseType,
    Entry,
    EntryKind,
    Outcome,
    PartyRole,
    Resident,
)
from tests import factories
from tests.cases.builders import TODAY, at, consent, log, make_case, make_resident

pytestmark = pytest.mark.django_db


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


# Opening a case --------------------------------------------------------------------------------


def test_opening_a_case_records_residents_caretakers_and_first_entry(world):
    department = factories.make_department(world.plan_a)
    complainant = make_resident(world.plan_a, name="Karen Klage")
    neighbour = make_resident(world.plan_a, name="Niels Nabo")
    case = services.case_open(
        plan=world.plan_a,
        user=world.worker_a,
        case_type=CaseType.NEIGHBOUR_CONFLICT,
        source="estate_office",
        department=department,
        parties=[(complainant, PartyRole.COMPLAINANT), (neighbour, PartyRole.COMPLAINED_ABOUT)],
        responsible=[world.worker_a, world.leader_a],
        opened_on=datetime.date(2019, 5, 2),
        details={"complaint_status": "filed", "arrears_dkk": 5000},
        first_entry={
            "kind": EntryKind.HOME_VISIT,
            "occurred_at": at(datetime.date(2019, 5, 2), 14),
            "minutes": 45,
        },
        today=TODAY,
    )
    assert case.status == CaseStatus.OPEN and case.version == 1
    assert {(p.resident.name, p.role) for p in case.parties.all()} == {
        ("Karen Klage", "complainant"),
        ("Niels Nabo", "complained_about"),
    }
    assert set(case.responsible.all()) == {world.worker_a, world.leader_a}
    assert case.complaint_status == "filed"
    assert case.arrears_dkk is None  # an eviction field has no place on a neighbour conflict
    entry = case.entries.get()
    assert entry.author == world.worker_a and entry.minutes == 45
    case.refresh_from_db()
    assert case.last_entry_at == entry.occurred_at
    assert case.history.count() >= 1 and case.history.first().history_user == world.worker_a


@pytest.mark.parametrize(
    ("details", "field", "message"),
    [
        ({"arrears_dkk": -1}, "arrears_dkk", "cannot be negative"),
        (
            {"eviction_scheduled_on": datetime.date(2019, 5, 10), "bailiff_date": datetime.date(2019, 5, 1)},
            "bailiff_date",
            "cannot be before the date the eviction was scheduled",
        ),
        (
            {"bailiff_date": datetime.date(2019, 7, 1)},
            "eviction_scheduled_on",
            "Enter the date the eviction was scheduled",
        ),
        (
            {"first_reminder_on": datetime.date(2019, 3, 1), "second_reminder_on": datetime.date(2019, 2, 1)},
            "second_reminder_on",
            "2nd reminder cannot be sent before the 1st",
        ),
        (
            {
                "second_reminder_on": datetime.date(2019, 3, 1),
                "eviction_scheduled_on": datetime.date(2019, 2, 1),
            },
            "eviction_scheduled_on",
            "before the reminders were sent",
        ),
        (
            {"housing_advisers_notified_on": datetime.date(2019, 7, 1)},
            "housing_advisers_notified_on",
            "future",
        ),
    ],
)
def test_eviction_details_in_the_wrong_order_are_refused_at_the_field(world, details, field, message):
    resident = make_resident(world.plan_a)
    residents_before = Resident.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        make_case(
            world.plan_a,
            world.worker_a,
            case_type=CaseType.EVICTION_PREVENTION,
            residents=[resident],
            **details,
        )
    assert message in " ".join(errors_of(excinfo)[field])
    assert not Case.objects.exists() and not Entry.objects.exists()
    assert Resident.objects.count() == residents_before


def test_a_case_needs_residents_in_fitting_roles_and_staff_of_the_plan(world):
    resident = make_resident(world.plan_a)
    foreign_resident = make_resident(world.plan_b)
    with pytest.raises(ValidationError) as excinfo:
        services.case_open(
            plan=world.plan_a,
            user=world.worker_a,
            case_type=CaseType.EVICTION_PREVENTION,
            source="arrears_list",
            parties=[(resident, PartyRole.COMPLAINANT), (foreign_resident, PartyRole.RESIDENT)],
            responsible=[world.board_a],
            today=TODAY,
        )
    errors = errors_of(excinfo)
    assert any("role that fits" in m for m in errors["parties"])
    assert any("residents of this plan" in m for m in errors["parties"])
    assert errors["responsible"] == ["Only staff of this plan can be responsible for a case."]
    with pytest.raises(ValidationError) as excinfo:
        services.case_open(
            plan=world.plan_a,
            user=world.worker_a,
            case_type=CaseType.COUNSELLING,
            source="resident",
            parties=[],
            responsible=[world.worker_a],
            today=TODAY,
        )
    assert errors_of(excinfo)["parties"] == ["Add at least one resident to the case."]
    assert not Case.objects.exists()


def test_a_case_cannot_be_opened_in_the_future(world):
    with pytest.raises(ValidationError) as excinfo:
        make_case(world.plan_a, opened_on=TODAY + datetime.timedelta(days=1), first_entry=False)
    assert "opened_on" in errors_of(excinfo)


def test_a_bad_first_entry_opens_nothing(world):
    resident = make_resident(world.plan_a)
    with pytest.raises(ValidationError) as excinfo:
        services.case_open(
            plan=world.plan_a,
            user=world.worker_a,
            case_type=CaseType.COUNSELLING,
            source="resident",
            parties=[(resident, PartyRole.RESIDENT)],
            responsible=[world.worker_a],
            opened_on=TODAY,
            first_entry={"kind": EntryKind.PHONE_CALL, "occurred_at": at(TODAY - datetime.timedelta(days=3))},
            today=TODAY,
        )
    assert "entry_occurred_at" in errors_of(excinfo)
    assert not Case.objects.exists() and not CaseParty.objects.exists()


# Entries and the consent rule ------------------------------------------------------------------


@pytest.fixture
def bridge(world):
    """An eviction case of resident Rosa, a debt counsellor and a psychiatry partner."""
    rosa = make_resident(world.plan_a, name="Rosa Restance")
    case = make_case(world.plan_a, world.worker_a, case_type=CaseType.EVICTION_PREVENTION, residents=[rosa])
    debt = factories.make_partner(world.plan_a, "Gældsrådgivning Test")
    psychiatry = factories.make_partner(world.plan_a, "Psykiatri Test", kind="health")
    return rosa, case, debt, psychiatry


def bridge_to(case, partner, day=datetime.date(2019, 5, 20), **fields):
    fields.setdefault("bridge_category", BridgeCategory.APPLICATION)
    return log(case, kind=EntryKind.BRIDGE_BUILDING, day=day, partner=partner, **fields)


def test_bridge_building_without_consent_is_refused_with_a_clear_message(world, bridge):
    _rosa, case, debt, _ = bridge
    with pytest.raises(ValidationError) as excinfo:
        bridge_to(case, debt)
    message = errors_of(excinfo)["partner"][0]
    assert "No valid consent" in message and "Gældsrådgivning Test" in message
    assert "report of concern" in message
    assert case.entries.count() == 1  # only the first entry


def test_bridge_building_with_a_valid_consent_is_logged_and_names_the_consent(world, bridge):
    rosa, case, debt, _ = bridge
    given = consent(rosa, [debt], given_on=datetime.date(2019, 5, 1), expires_on=datetime.date(2019, 12, 31))
    entry = bridge_to(case, debt, bridge_category=BridgeCategory.BENEFIT)
    assert entry.consent == given and entry.bridge_category == "benefit"


def test_consent_validity_on_the_entrys_date(world, bridge):
    rosa, case, debt, psychiatry = bridge
    given = consent(rosa, [debt], given_on=datetime.date(2019, 5, 10), expires_on=datetime.date(2019, 5, 25))
    with pytest.raises(ValidationError):
        bridge_to(case, debt, day=datetime.date(2019, 5, 9))  # before it was given
    bridge_to(case, debt, day=datetime.date(2019, 5, 10))  # the day it was given
    bridge_to(case, debt, day=datetime.date(2019, 5, 25))  # the day it expires still counts
    with pytest.raises(ValidationError):
        bridge_to(case, debt, day=datetime.date(2019, 5, 26))
    with pytest.raises(ValidationError):
        bridge_to(case, psychiatry, day=datetime.date(2019, 5, 20))  # not a partner the consent covers
    services.consent_withdraw(
        consent=given, user=world.worker_a, withdrawn_on=datetime.date(2019, 5, 20), today=TODAY
    )
    bridge_to(case, debt, day=datetime.date(2019, 5, 19))
    with pytest.raises(ValidationError):
        bridge_to(case, debt, day=datetime.date(2019, 5, 20))  # withdrawn that day


def test_another_residents_consent_does_not_cover_this_case(world, bridge):
    _rosa, case, debt, _ = bridge
    stranger = make_resident(world.plan_a)
    consent(stranger, [debt])
    with pytest.raises(ValidationError):
        bridge_to(case, debt)


def test_a_report_of_concern_passes_without_consent_but_needs_a_reason(world, bridge):
    _rosa, case, _debt, psychiatry = bridge
    with pytest.raises(ValidationError) as excinfo:
        bridge_to(case, psychiatry, bridge_category=BridgeCategory.CONTACT_TO, concern_report=True)
    assert errors_of(excinfo)["concern_reason"] == ["Give the reason for the report of concern."]
    entry = bridge_to(
        case,
        psychiatry,
        bridge_category=BridgeCategory.CONTACT_TO,
        concern_report=True,
        concern_reason="Beboeren er forvirret og har ikke spist i flere dage.",
    )
    assert entry.concern_report and entry.consent is None


def test_a_bridge_building_names_partner_and_category(world, bridge):
    *_, case, debt, _ = bridge
    with pytest.raises(ValidationError) as excinfo:
        log(case, kind=EntryKind.BRIDGE_BUILDING, day=datetime.date(2019, 5, 20))
    errors = errors_of(excinfo)
    assert "partner" in errors and "bridge_category" in errors


def test_entries_cannot_be_dated_before_the_case_or_in_the_future(world, bridge):
    _, case, *_ = bridge
    with pytest.raises(ValidationError) as excinfo:
        log(case, day=case.opened_on - datetime.timedelta(days=1))
    assert "opened on" in errors_of(excinfo)["occurred_at"][0]
    with pytest.raises(ValidationError) as excinfo:
        log(case, day=TODAY + datetime.timedelta(days=1))
    assert errors_of(excinfo)["occurred_at"] == ["An entry cannot be dated in the future."]


def test_fields_that_do_not_belong_to_the_kind_are_dropped(world, bridge):
    _, case, debt, _ = bridge
    entry = log(
        case, kind=EntryKind.HOME_VISIT, residents_present=4, bridge_category="application", partner=None
    )
    assert entry.residents_present is None and entry.bridge_category == ""
    meeting = log(case, kind=EntryKind.STAIRCASE_MEETING, residents_present=11)
    assert meeting.residents_present == 11


def test_a_contact_person_must_belong_to_the_partner(world, bridge):
    rosa, case, debt, psychiatry = bridge
    consent(rosa, [debt])
    wrong = factories.make_contact(psychiatry)
    with pytest.raises(ValidationError) as excinfo:
        bridge_to(case, debt, contact=wrong)
    assert "contact" in errors_of(excinfo)


def test_a_closed_case_takes_no_new_entries(world, bridge):
    _, case, *_ = bridge
    services.case_close(
        case=case, user=world.worker_a, outcome=Outcome.AVERTED_PAID, closed_on=TODAY, today=TODAY
    )
    with pytest.raises(ValidationError) as excinfo:
        log(case)
    assert "Reopen it" in excinfo.value.messages[0]


# Corrections -----------------------------------------------------------------------------------


def test_a_correction_keeps_the_original_and_only_the_new_version_counts(world, bridge):
    rosa, case, debt, _ = bridge
    consent(rosa, [debt])
    original = bridge_to(
        case, debt, day=datetime.date(2019, 5, 28), bridge_category=BridgeCategory.APPLICATION
    )
    correction = services.entry_correct(
        entry=original,
        user=world.leader_a,
        bridge_category=BridgeCategory.BENEFIT,
        occurred_at=at(datetime.date(2019, 5, 27)),
        today=TODAY,
    )
    original.refresh_from_db()
    assert original.superseded and correction.corrects == original
    assert correction.author == world.leader_a and correction.partner == debt  # unchanged fields carried over
    # 1 first entry + 1 bridge-building in force; the corrected original is kept but not counted
    assert case.entries.count() == 3 and case.entries.current().count() == 2
    assert list(Entry.objects.bridge_buildings().values_list("bridge_category", flat=True)) == ["benefit"]
    case.refresh_from_db()
    assert case.last_entry_at == at(datetime.date(2019, 5, 27))
    with pytest.raises(ValidationError):
        services.entry_correct(entry=original, user=world.worker_a, minutes=5, today=TODAY)


def test_a_correction_follows_the_consent_rule_too(world, bridge):
    rosa, case, debt, psychiatry = bridge
    consent(rosa, [debt])
    original = bridge_to(case, debt)
    with pytest.raises(ValidationError):
        services.entry_correct(entry=original, user=world.worker_a, partner=psychiatry, today=TODAY)
    original.refresh_from_db()
    assert not original.superseded


# Closing, reopening, reassigning, the optimistic lock ------------------------------------------


def test_closing_needs_an_outcome_of_the_cases_type_and_a_sensible_date(world):
    case = make_case(world.plan_a)  # a neighbour conflict opened 1 May 2019
    with pytest.raises(ValidationError) as excinfo:
        services.case_close(
            case=case, user=world.worker_a, outcome=Outcome.AVERTED_PAID, closed_on=TODAY, today=TODAY
        )
    assert "does not belong" in errors_of(excinfo)["outcome"][0]
    with pytest.raises(ValidationError) as excinfo:
        services.case_close(
            case=case,
            user=world.worker_a,
            outcome=Outcome.RESOLVED_MEDIATION,
            closed_on=datetime.date(2019, 4, 30),
            today=TODAY,
        )
    assert "before it was opened" in errors_of(excinfo)["closed_on"][0]
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.version == 1  # the refused attempts changed nothing
    services.case_close(
        case=case, user=world.worker_a, outcome=Outcome.RESOLVED_MEDIATION, closed_on=TODAY, today=TODAY
    )
    case.refresh_from_db()
    assert (case.status, case.outcome, case.closed_on, case.version) == (
        "closed",
        "resolved_mediation",
        TODAY,
        2,
    )


def test_reopening_clears_the_outcome_but_history_keeps_it(world):
    case = make_case(world.plan_a)
    services.case_close(
        case=case, user=world.worker_a, outcome=Outcome.HOUSE_RULES_CASE, closed_on=TODAY, today=TODAY
    )
    services.case_reopen(case=case, user=world.leader_a)
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.outcome == "" and case.closed_on is None
    assert "house_rules_case" in case.history.values_list("outcome", flat=True)
    assert case.history.first().history_user == world.leader_a


def test_a_stale_version_is_refused_and_nothing_is_overwritten(world):
    case = make_case(world.plan_a)
    first_view = Case.objects.get(pk=case.pk)
    second_view = Case.objects.get(pk=case.pk)
    services.case_update(
        case=first_view, user=world.worker_a, version=1, summary="Støj om natten", today=TODAY
    )
    with pytest.raises(services.CaseConflictError):
        services.case_update(
            case=second_view, user=world.leader_a, version=1, summary="Hundegøen", today=TODAY
        )
    case.refresh_from_db()
    assert case.summary == "Støj om natten" and case.version == 2


def test_update_rules_apply_and_a_refused_update_leaves_the_version(world):
    case = make_case(world.plan_a, case_type=CaseType.EVICTION_PREVENTION)
    with pytest.raises(ValidationError) as excinfo:
        services.case_update(
            case=case, user=world.worker_a, version=1, opened_on=datetime.date(2019, 5, 15), today=TODAY
        )
    assert "entries from before this date" in errors_of(excinfo)["opened_on"][0]
    case.refresh_from_db()
    assert case.version == 1


def test_reassigning_replaces_the_caretakers_and_keeps_history(world):
    colleague = factories.make_member(world.plan_a, "worker", "colleague_a", first_name="Carl")
    case = make_case(world.plan_a)
    services.case_reassign(case=case, user=world.leader_a, responsible=[colleague])
    assert list(case.responsible.all()) == [colleague]
    with pytest.raises(ValidationError):
        services.case_reassign(case=case, user=world.leader_a, responsible=[world.worker_b])
    assert case.history.filter(history_user=world.leader_a).exists()


def test_parties_can_be_added_and_removed_but_never_the_last(world):
    case = make_case(world.plan_a)
    neighbour = make_resident(world.plan_a)
    party = services.case_party_add(
        case=case, user=world.worker_a, resident=neighbour, role=PartyRole.COMPLAINED_ABOUT
    )
    with pytest.raises(ValidationError):
        services.case_party_add(
            case=case, user=world.worker_a, resident=neighbour, role=PartyRole.OTHER_RESIDENT
        )
    with pytest.raises(ValidationError):
        services.case_party_add(
            case=case, user=world.worker_a, resident=make_resident(world.plan_a), role="resident"
        )
    services.case_party_remove(party=party, user=world.worker_a)
    with pytest.raises(ValidationError):
        services.case_party_remove(party=case.parties.get(), user=world.worker_a)
    assert CaseParty.history.filter(case_id=case.pk, history_type="-").count() == 1


def test_consent_needs_partners_a_place_for_the_form_and_dates_in_order(world):
    resident = make_resident(world.plan_a)
    with pytest.raises(ValidationError) as excinfo:
        services.consent_record(
            resident=resident,
            user=world.worker_a,
            partners=[],
            given_on=TODAY,
            form_location=" ",
            expires_on=TODAY - datetime.timedelta(days=1),
            today=TODAY,
        )
    assert set(errors_of(excinfo)) == {"partners", "form_location", "expires_on"}
    given = consent(resident, [factories.make_partner(world.plan_a)], given_on=datetime.date(2019, 3, 1))
    with pytest.raises(ValidationError):
        services.consent_withdraw(
            consent=given, user=world.worker_a, withdrawn_on=datetime.date(2019, 2, 1), today=TODAY
        )
    services.consent_withdraw(
        consent=given, user=world.worker_a, withdrawn_on=datetime.date(2019, 4, 1), today=TODAY
    )
    newest, oldest = given.history.first(), given.history.last()
    assert (oldest.withdrawn_on, newest.withdrawn_on) == (None, datetime.date(2019, 4, 1))
    assert newest.history_user == world.worker_a


def test_resident_search_folds_danish_letters(world):
    make_resident(world.plan_a, name="Søren Ærø", address="Åboulevard 3")
    from cases.selectors import resident_search

    assert [r.name for r in resident_search(world.plan_a, "ærø")] == ["Søren Ærø"]
    assert [r.name for r in resident_search(world.plan_a, "ÅBOULEVARD søren")] == ["Søren Ærø"]
    assert not resident_search(world.plan_b, "søren").exists()
