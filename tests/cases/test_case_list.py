"""The project leader's view of every case: filters, sorting, CSV export, reassignment."""

import datetime
import re
from urllib.parse import urlencode

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django.http import QueryDict
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from cases import services
from cases.filters import CaseFilter
from cases.models import Case, CaseType, EntryKind, Outcome, PartyRole
from cases.selectors import cases_for_plan
from cases.templatetags.case_list import urgency_badges
from cases.views import lists
from helhedsplan.templatetags.form_fields import as_bootstrap_field as filter_field
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


def test_every_filter_in_turn_shows_what_the_filter_set_selects(world, as_leader, plan_cases):
    """The list keeps each filter's compiled count and page: one look after another, in one process,
    every combination shows the filter set's own cases and count, and a change shows on the next look."""
    c = plan_cases
    bulk_cases(world.plan_a, world.worker_a, 55, today=TODAY)
    combinations = [
        {},
        {"page": "2"},
        {"status": "open"},
        {"status": "closed"},
        {"status": "open", "sort": "-opened_on"},
        {"department": c["akb"].pk},
        {"housing_organisation": c["akb"].housing_organisation.pk},
        {"responsible": c["colleague"].pk},
        {"responsible": world.worker_a.pk, "page": "2"},
        {"urgency": "urgent", "sort": "opened_on"},
        {"q": "bulk beboer 1"},
        {"q": "bulk beboer 1", "page": "9"},  # past the last page: the last one
        {"opened_after": days(-30).isoformat(), "opened_before": days(0).isoformat()},
        {"opened_after": days(-6).isoformat(), "opened_before": days(0).isoformat()},
        {"department": "not a number"},  # an invalid filter is left out
    ]

    def expected(params) -> tuple[list[int], int]:
        data = QueryDict(urlencode(params))
        qs = CaseFilter(data, queryset=cases_for_plan(world.plan_a), plan=world.plan_a, today=TODAY).qs
        count = qs.count()
        last = max(1, -(-count // 50))
        number = min(int(params.get("page", 1)), last)
        return list(qs.values_list("pk", flat=True)[(number - 1) * 50 : number * 50]), count

    def close_the_conflict():
        services.case_close(
            case=c["conflict"],
            user=world.worker_a,
            outcome=Outcome.RESOLVED_MEDIATION,
            closed_on=TODAY,
            today=TODAY,
        )

    def open_a_case():
        make_case(world.plan_a, c["colleague"], opened_on=days(-2), today=TODAY)

    # the data changes between rounds of looks: the next round shows it
    for change in (close_the_conflict, open_a_case, None):
        for params in combinations:
            response = as_leader.get(reverse("cases:case_list", kwargs={"plan_id": world.plan_a.pk}), params)
            shown = [row["pk"] for row in response.context["page"].object_list]
            assert (shown, response.context["page"].paginator.count) == expected(params), params
        if change:
            change()


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
    bulk_cases(world.plan_a, world.worker_a, count, today=TODAY, colleague=world.leader_a)
    client = client_for(world.leader_a)
    url = reverse("cases:case_list", kwargs={"plan_id": world.plan_a.pk})
    client.get(url)
    # session, user, SAVEPOINT, memberships+plans (access layer and plan switcher), the filter choices
    # (departments, housing organisations and caretakers in one query), page count, the page of cases,
    # their residents and caretakers (one query), RELEASE SAVEPOINT, the audit event
    # (helhedsplan.middleware); the same searching, on the first page and on the last
    for params in ({"status": "open", "q": "bulk"}, {}, {"page": "999"}):
        with django_assert_num_queries(10):
            response = client.get(url, params)
        assert response.status_code == 200
        page = response.context["page"]
        assert page.paginator.count == count
        assert len(page.object_list) == (count - 1) % 50 + 1 if "page" in params else min(count, 50)
        assert all(row.residents and row.caretakers for row in page.object_list)


@pytest.mark.parametrize("count", [10, 500])
def test_the_export_takes_the_same_queries_for_10_and_500_cases(world, django_assert_num_queries, count):
    bulk_cases(world.plan_a, world.worker_a, count, today=TODAY)
    client = client_for(world.leader_a)
    url = reverse("cases:case_export", kwargs={"plan_id": world.plan_a.pk})
    client.get(url)
    # session, user, SAVEPOINT, memberships+plans, the cases with their counts, parties, caretakers,
    # RELEASE SAVEPOINT, the audit event (helhedsplan.middleware)
    with django_assert_num_queries(9):
        response = client.get(url, {"case_type": "neighbour_conflict"})
    assert response.status_code == 200
    assert len(read_csv(response)) == count - (count + 3) // 4


def _loose(html: str) -> str:
    """HTML with the whitespace between tags left out and any other run of it made one space."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {
            "q": "Mozart <b>",
            "case_type": "eviction_prevention",
            "status": "open",
            "opened_after": "-30",
            "opened_before": "0",
            "closed_after": "-70",
            "outcome": "resolved_mediation",
            "urgency": "stale",
            "sort": "-opened_on",
            "department": "akb",
            "housing_organisation": "akb",
            "responsible": "colleague",
        },
        {"department": "999999", "opened_after": "not a date", "urgency": "bogus", "responsible": "x"},
        {"closed_before": "1000-01-01", "sort": "nonsense", "housing_organisation": "0"},
    ],
)
@pytest.mark.parametrize("language", ["en", "da"])
def test_the_filter_form_has_crispy_forms_markup(world, plan_cases, data, language):
    """The filters as the list writes them (templatetags/form_fields.py) and as crispy-forms would."""
    c = plan_cases
    ids = {"akb": c["akb"].pk, "colleague": c["colleague"].pk}
    data = {key: str(ids.get(value, value)) for key, value in data.items()}
    if data.get("housing_organisation") == str(c["akb"].pk):
        data["housing_organisation"] = str(c["akb"].housing_organisation.pk)
    for key in ("opened_after", "opened_before", "closed_after"):
        if data.get(key, "").lstrip("-").isdigit():
            data[key] = days(int(data[key])).isoformat()
    with translation.override(language):
        ours = CaseFilter(
            QueryDict(urlencode(data)), queryset=cases_for_plan(world.plan_a), plan=world.plan_a
        )
        staff = lists._offer_filter_choices(ours.form, world.plan_a)
        theirs = CaseFilter(
            QueryDict(urlencode(data)), queryset=cases_for_plan(world.plan_a), plan=world.plan_a
        )
        assert staff == [
            (u.pk, u.get_full_name() or u.username) for u in theirs.form.fields["responsible"].queryset
        ]
        for mine, crispy in zip(ours.form, theirs.form, strict=True):
            assert _loose(filter_field(mine)) == _loose(as_crispy_field(crispy))
        assert ours.form.errors == theirs.form.errors
        if len(data) > 4:
            assert 'value="eviction_prevention" selected>' in filter_field(ours.form["case_type"])


class _Case:
    status = "open"
    is_open = True

    def __init__(self, bailiff_in, overdue, stale):
        self.bailiff_date = days(bailiff_in) if bailiff_in is not None else None
        self.days_to_bailiff = datetime.timedelta(days=bailiff_in) if bailiff_in is not None else None
        self.follow_up_overdue = overdue
        self.next_follow_up = days(-4)
        self.is_stale = stale


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_urgency_badges_are_the_urgency_include(language):
    """The list's urgency badges (written in Python) are what cases/includes/_urgency.html shows."""
    include = get_template("cases/includes/_urgency.html")
    with translation.override(language):
        for bailiff_in in (None, -1234, -2, -1, 0, 1, 6, 7, 30):
            for overdue in (False, True):
                for stale in (False, True):
                    case = _Case(bailiff_in, overdue, stale)
                    expected = include.render({"case": case})
                    ours = urgency_badges(
                        days_to_bailiff=bailiff_in,
                        follow_up_overdue=overdue,
                        follow_up=date_format(case.next_follow_up, "SHORT_DATE_FORMAT"),
                        stale=stale,
                    )
                    assert ours == expected, (bailiff_in, overdue, stale)


def test_a_page_shows_what_the_rule_computes_even_before_the_nightly_refresh(world, as_leader, plan_cases):
    """Stored tiers that lag behind (the refresh has not run yet) only move rows; the badges are computed."""
    c = plan_cases
    Case.objects.filter(pk=c["conflict"].pk).update(urgency_tier=3)  # its overdue follow-up not yet stored
    response = as_leader.get(reverse("cases:case_list", kwargs={"plan_id": world.plan_a.pk}))
    body = response.content.decode()
    assert f"Follow-up overdue ({date_format(days(-3), 'SHORT_DATE_FORMAT')})" in body
    assert "1 day to the bailiff" not in body and "5 days to the bailiff&#x27;s date" not in body
    assert "5 days to the bailiff's date" in body
