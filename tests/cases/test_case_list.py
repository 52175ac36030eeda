"""The project leader's view of every case: filters, sorting, CSV export, reassignment."""

import datetime

import pytest
from django.urls import reverse

from cases import services
from cases.models import Case, CaseType, EntryKind, Outcome, PartyRole
from tests import factories
from tests.cases.builders import bulk_cases, consent, log, make_case, make_resident
from tests.conftest import client_for
from tests.export_readers import read_csv_dicts as read_csv

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()  # the views use the real date


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def plan_cases(world):
    """Four cases of plan A in two housing organisations, two caretakers, open and closed."""
    colleague = factories.make_member(
        world.plan_a, "worker", "colleague_a", first_name="Carla", last_name="Kollega"
    )
    akb = factories.make_department(world.plan_a, org="AKB", code="1201")
    bb = factories.make_department(world.plan_a, org="3B", code="3301")
    c = {}
    c["eviction"] = make_case(
        world.plan_a,
        world.worker_a,
        case_type=CaseType.EVICTION_PREVENTION,
        department=akb,
        residents=[make_resident(world.plan_a, name="Ebba Restance", address="Mozartsvej 3, 2. th.")],
        opened_on=days(-20),
        eviction_scheduled_on=days(-21),
        bailiff_date=days(5),
        arrears_dkk=12_500,
        today=TODAY,
    )
    c["conflict"] = make_case(
        world.plan_a,
        colleague,
        department=bb,
        opened_on=days(-50),
        next_follow_up=days(-3),
        today=TODAY,
        residents=[
            make_resident(world.plan_a, name="Knud Klager"),
            make_resident(world.plan_a, name="Nina Nabo"),
        ],
        roles=[PartyRole.COMPLAINANT, PartyRole.COMPLAINED_ABOUT],
    )
    c["resolved"] = make_case(world.plan_a, world.worker_a, department=bb, opened_on=days(-100), today=TODAY)
    services.case_close(
        case=c["resolved"],
        user=world.worker_a,
        outcome=Outcome.RESOLVED_MEDIATION,
        closed_on=days(-60),
        today=TODAY,
    )
    c["counselling"] = make_case(
        world.plan_a,
        colleague,
        case_type=CaseType.COUNSELLING,
        opened_on=days(-5),
        today=TODAY,
        residents=[make_resident(world.plan_a, name="Rasmus Råd", address="Händelsvej 9")],
    )
    make_case(world.plan_b, world.worker_b, today=TODAY)  # never in plan A's list
    c["colleague"] = colleague
    c["akb"] = akb
    return c


def listed(client, world, **params) -> list[int]:
    response = client.get(reverse("cases:case_list", kwargs={"plan_id": world.plan_a.pk}), params)
    assert response.status_code == 200
    return [case.pk for case in response.context["page"].object_list]


def test_the_leader_sees_every_case_of_the_plan_most_urgent_first(world, as_leader, plan_cases):
    c = plan_cases
    # bailiff's date first, then the overdue follow-up, then the rest newest first (closed never urgent)
    assert listed(as_leader, world) == [
        c["eviction"].pk,
        c["conflict"].pk,
        c["counselling"].pk,
        c["resolved"].pk,
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"case_type": "eviction_prevention"}, ["eviction"]),
        ({"status": "closed"}, ["resolved"]),
        ({"housing_organisation": "AKB"}, ["eviction"]),
        ({"caretaker": "colleague"}, ["conflict", "counselling"]),
        ({"outcome": "resolved_mediation"}, ["resolved"]),
        ({"urgency": "bailiff_soon"}, ["eviction"]),
        ({"urgency": "follow_up_overdue"}, ["conflict"]),
        ({"urgency": "urgent"}, ["eviction", "conflict"]),
        ({"q": "nina"}, ["conflict"]),
        ({"q": "händelsvej"}, ["counselling"]),
        ({"q": "mozartsvej 3"}, ["eviction"]),
        ({"opened_after": "-30", "opened_before": "0"}, ["eviction", "counselling"]),
        ({"closed_after": "-70", "closed_before": "-50"}, ["resolved"]),
    ],
)
def test_filters(world, as_leader, plan_cases, params, expected):
    c = plan_cases
    if "housing_organisation" in params:
        params["housing_organisation"] = c["akb"].housing_organisation.pk
    if "caretaker" in params:
        params = {"responsible": c["colleague"].pk}
    for key in ("opened_after", "opened_before", "closed_after", "closed_before"):
        if key in params:
            params[key] = days(int(params[key])).isoformat()
    assert sorted(listed(as_leader, world, **params)) == sorted(c[name].pk for name in expected)


def test_filter_by_department_and_sorting(world, as_leader, plan_cases):
    c = plan_cases
    assert listed(as_leader, world, department=c["akb"].pk) == [c["eviction"].pk]
    assert listed(as_leader, world, sort="opened_on") == [
        c["resolved"].pk,
        c["conflict"].pk,
        c["eviction"].pk,
        c["counselling"].pk,
    ]
    assert listed(as_leader, world, sort="-opened_on")[0] == c["counselling"].pk
    assert listed(as_leader, world, sort="-closed_on")[0] == c["resolved"].pk


def test_another_plans_department_is_not_a_valid_filter(world, as_leader, plan_cases):
    foreign = factories.make_department(world.plan_b)
    response = as_leader.get(
        reverse("cases:case_list", kwargs={"plan_id": world.plan_a.pk}), {"department": foreign.pk}
    )
    assert "department" in response.context["filter"].form.errors


def test_the_list_is_paginated(world, as_leader):
    bulk_cases(world.plan_a, world.worker_a, 60, today=TODAY)
    first = as_leader.get(reverse("cases:case_list", kwargs={"plan_id": world.plan_a.pk}))
    assert len(first.context["page"].object_list) == 50 and first.context["page"].paginator.num_pages == 2
    second = as_leader.get(reverse("cases:case_list", kwargs={"plan_id": world.plan_a.pk}), {"page": 2})
    assert len(second.context["page"].object_list) == 10


def test_the_export_has_figures_and_ids_but_no_names_or_notes(world, as_leader, plan_cases):
    c = plan_cases
    debt = factories.make_partner(world.plan_a, "Gæld Test")
    resident = c["eviction"].parties.get().resident
    consent(resident, [debt], given_on=days(-20), today=TODAY)
    log(
        c["eviction"],
        world.worker_a,
        day=days(-2),
        kind=EntryKind.BRIDGE_BUILDING,
        partner=debt,
        bridge_category="benefit",
        minutes=30,
        note="Hemmelig note om økonomien",
        today=TODAY,
    )
    response = as_leader.get(
        reverse("cases:case_export", kwargs={"plan_id": world.plan_a.pk}),
        {"case_type": "eviction_prevention"},
    )
    rows = read_csv(response)
    assert len(rows) == 1
    row = rows[0]
    assert row["Case number"] == str(c["eviction"].pk)
    assert (row["Type"], row["Status"]) == ("Eviction prevention", "Open")  # words, not codes
    assert row["Residents (ids)"] == str(resident.pk) and row["Residents' roles"] == "Resident"
    assert row["Responsible caretakers (ids)"] == str(world.worker_a.pk)
    # first entry 15 minutes + bridge-building 30 minutes
    assert (row["Entries"], row["Minutes"], row["Bridge-buildings"]) == ("2", "45", "1")
    assert row["Rent arrears (DKK)"] == "12500" and row["Bailiff's date"] == f"{days(5):%d-%m-%Y}"
    assert row["Housing organisation"] == "AKB" and row["Department"] == "1201"
    body = response.content.decode("utf-8-sig")
    for secret in ("Ebba", "Restance", "Mozartsvej", "Hemmelig", "Asta", "caretaker_a"):
        assert secret not in body


def test_the_export_follows_the_filter_and_the_plan(world, as_leader, plan_cases):
    response = as_leader.get(reverse("cases:case_export", kwargs={"plan_id": world.plan_a.pk}))
    assert len(read_csv(response)) == 4  # plan B's case is not there
    response = as_leader.get(
        reverse("cases:case_export", kwargs={"plan_id": world.plan_a.pk}), {"status": "closed"}
    )
    assert [r["Outcome"] for r in read_csv(response)] == ["Resolved by mediation"]


def test_the_leader_reassigns_ticked_cases(world, as_leader, plan_cases):
    c = plan_cases
    url = reverse("cases:case_bulk_reassign", kwargs={"plan_id": world.plan_a.pk})
    back = reverse("cases:case_list", kwargs={"plan_id": world.plan_a.pk}) + "?status=open"
    response = as_leader.post(
        url, {"cases": [c["eviction"].pk, c["conflict"].pk], "to": world.leader_a.pk, "next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    for name in ("eviction", "conflict"):
        assert list(c[name].responsible.all()) == [world.leader_a]
    assert list(c["counselling"].responsible.all()) == [c["colleague"]]


def test_reassigning_refuses_another_plans_case_and_a_non_member(world, as_leader, plan_cases):
    url = reverse("cases:case_bulk_reassign", kwargs={"plan_id": world.plan_a.pk})
    foreign = Case.objects.get(plan=world.plan_b)
    as_leader.post(url, {"cases": [plan_cases["eviction"].pk, foreign.pk], "to": world.leader_a.pk})
    as_leader.post(url, {"cases": [plan_cases["eviction"].pk], "to": world.worker_b.pk})
    as_leader.post(url, {"cases": [plan_cases["eviction"].pk], "to": "", "next": "https://evil.example.org/"})
    assert list(plan_cases["eviction"].responsible.all()) == [world.worker_a]
    assert list(foreign.responsible.all()) == [world.worker_b]


def test_caretakers_cannot_see_the_plan_wide_list_or_export(world, as_worker):
    for name in ("cases:case_list", "cases:case_export"):
        assert as_worker.get(reverse(name, kwargs={"plan_id": world.plan_a.pk})).status_code == 403


@pytest.mark.parametrize("count", [10, 500])
def test_the_list_takes_the_same_queries_for_10_and_500_cases(world, django_assert_num_queries, count):
    bulk_cases(world.plan_a, world.worker_a, count, today=TODAY)
    client = client_for(world.leader_a)
    url = reverse("cases:case_list", kwargs={"plan_id": world.plan_a.pk})
    client.get(url)
    # session, user, SAVEPOINT, membership+plan, the filter choices as values: departments, housing
    # organisations, caretakers (offered for reassignment too); page count, the page of cases, their
    # residents, their caretakers; the user's memberships (plan switcher); RELEASE SAVEPOINT; the audit
    # event (helhedsplan.middleware)
    with django_assert_num_queries(14):
        response = client.get(url, {"status": "open", "q": "bulk"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [10, 500])
def test_the_export_takes_the_same_queries_for_10_and_500_cases(world, django_assert_num_queries, count):
    bulk_cases(world.plan_a, world.worker_a, count, today=TODAY)
    client = client_for(world.leader_a)
    url = reverse("cases:case_export", kwargs={"plan_id": world.plan_a.pk})
    client.get(url)
    # session, user, SAVEPOINT, membership+plan, the cases with their counts, parties, caretakers,
    # RELEASE SAVEPOINT, the audit event (helhedsplan.middleware)
    with django_assert_num_queries(9):
        response = client.get(url, {"case_type": "neighbour_conflict"})
    assert response.status_code == 200
    assert len(read_csv(response)) == count - (count + 3) // 4
