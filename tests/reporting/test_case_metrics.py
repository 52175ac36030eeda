"""Criteria on the casework (A1, A2, B1), worked out by hand from cases logged through the services."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from cases import services as case_services
from cases.models import BridgeCategory, Case, CaseType, EntryKind, Outcome
from reporting.metrics import Window, catalogue
from reporting.models import TargetKind
from reporting.selectors import criterion_records, criterion_result
from reporting.status import Status
from tests import factories
from tests.cases import builders as cb
from tests.conftest import client_for
from tests.reporting import builders

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2019, 6, 3)
D = datetime.date
EVICTION = CaseType.EVICTION_PREVENTION
CONFLICT = CaseType.NEIGHBOUR_CONFLICT


def close(case, outcome, day):
    return case_services.case_close(
        case=case, user=cb.staff_of(case.plan), outcome=outcome, closed_on=day, today=AS_OF
    )


@pytest.fixture
def casework(world):
    plan = world.plan_a
    w = {}
    # A1: eviction-prevention cases taken on when the eviction is scheduled.
    w["c1"] = cb.make_case(
        plan, case_type=EVICTION, opened_on=D(2018, 3, 1), eviction_scheduled_on=D(2018, 2, 20)
    )
    # Opened in 2018, closed in 2019: counts for 2018 when taken on.
    w["c2"] = cb.make_case(
        plan, case_type=EVICTION, opened_on=D(2018, 11, 20), eviction_scheduled_on=D(2018, 11, 15)
    )
    close(w["c2"], Outcome.AVERTED_REPAYMENT, D(2019, 1, 10))
    # No scheduled eviction: not counted, and warned about.
    w["resident"] = cb.make_resident(plan)
    w["c3"] = cb.make_case(plan, case_type=EVICTION, opened_on=D(2018, 5, 1), residents=[w["resident"]])
    # B1: neighbour conflicts resolved. Opened in 2017, resolved in 2018: counts for 2018.
    w["c4"] = cb.make_case(plan, case_type=CONFLICT, opened_on=D(2017, 12, 1))
    close(w["c4"], Outcome.RESOLVED_MEDIATION, D(2018, 1, 15))
    w["c5"] = cb.make_case(plan, case_type=CONFLICT, opened_on=D(2018, 2, 1))
    close(w["c5"], Outcome.HOUSE_RULES_CASE, D(2018, 6, 1))  # became a house-rules case: not resolved
    w["c6"] = cb.make_case(plan, case_type=CONFLICT, opened_on=D(2018, 3, 1))
    close(w["c6"], Outcome.RESOLVED_OTHERWISE, D(2018, 4, 1))
    # A2: bridge-building on c3, with consent to share with the debt counselling service.
    partner = factories.make_partner(plan, "Gældsrådgivningen")
    cb.consent(w["resident"], [partner], given_on=D(2018, 1, 1))
    bridge = {"kind": EntryKind.BRIDGE_BUILDING, "partner": partner}
    first = cb.log(w["c3"], day=D(2018, 5, 2), bridge_category=BridgeCategory.APPLICATION, **bridge)
    # A correction replaces the entry: it counts once, with its corrected category.
    case_services.entry_correct(
        entry=first, user=cb.staff_of(plan), bridge_category=BridgeCategory.BENEFIT, today=AS_OF
    )
    cb.log(w["c3"], day=D(2018, 6, 1), bridge_category=BridgeCategory.CONTACT_TO, **bridge)
    cb.log(w["c3"], day=D(2019, 1, 5), bridge_category=BridgeCategory.BENEFIT, **bridge)
    cb.log(w["c3"], day=D(2018, 7, 1), kind=EntryKind.PHONE_CALL)  # not a bridge-building
    return w


def values(plan, key, params, years=(2017, 2018, 2019), as_of=AS_OF):
    return catalogue[key].values(Window(plan=plan, params=params, years=list(years), as_of=as_of))


def test_a1_cases_taken_on_with_a_scheduled_eviction(world, casework):
    params = {"case_type": EVICTION, "only_eviction_scheduled": True}
    # 2018: c1 and c2 (c3 has no scheduled eviction); 2019: none so far.
    assert values(world.plan_a, "cases_taken_on", params) == {2017: 0, 2018: 2, 2019: 0}
    # Without the condition c3 counts too: 3.
    assert values(world.plan_a, "cases_taken_on", {"case_type": EVICTION})[2018] == 3
    # As seen on 31 May 2018 only c1 and c3 had been opened: 1 with a scheduled eviction.
    assert values(world.plan_a, "cases_taken_on", params, [2018], D(2018, 5, 31)) == {2018: 1}


def test_b1_cases_closed_in_a_year_with_an_outcome_in_the_set(world, casework):
    params = {"case_type": CONFLICT, "outcomes": [Outcome.RESOLVED_MEDIATION, Outcome.RESOLVED_OTHERWISE]}
    # c4 (opened 2017, resolved January 2018) and c6; c5 became a house-rules case.
    assert values(world.plan_a, "cases_closed_with_outcome", params) == {2017: 0, 2018: 2, 2019: 0}


def test_a2_bridge_buildings_in_the_agreements_categories(world, casework):
    params = {
        "bridge_categories": [BridgeCategory.APPLICATION, BridgeCategory.CONTACT_TO, BridgeCategory.BENEFIT]
    }
    # 2018: the corrected entry (once) and the contact on 1 June; 2019: the benefit on 5 January.
    assert values(world.plan_a, "case_entries", params) == {2017: 0, 2018: 2, 2019: 1}
    # Only "Application": the corrected entry is a benefit now, so none.
    assert values(world.plan_a, "case_entries", {"bridge_categories": ["application"]})[2018] == 0
    # Phone calls of 2018: the first entries of c1, c2, c3, c5, c6 and the call of 1 July = 6
    assert values(world.plan_a, "case_entries", {"kinds": [EntryKind.PHONE_CALL]})[2018] == 6


def test_a1_as_a_criterion_with_its_warning(world, casework):
    a1 = builders.make_criterion(
        world.plan_a,
        "A1",
        metric="cases_taken_on",
        params={"case_type": EVICTION, "only_eviction_scheduled": True},
        target_kind=TargetKind.AT_LEAST_PER_YEAR,
        target_value=20,
    )
    result = criterion_result(a1, 2018, AS_OF)
    assert (result.value, result.status) == (Decimal(2), Status.NOT_MET)
    assert any("no scheduled eviction" in w for w in result.warnings)
    # 2019 so far: 0 of 20 with 154/365 of the year gone (20 * 0.42 = 8.4 expected) -> at risk
    assert criterion_result(a1, 2019, AS_OF).status == Status.AT_RISK


def test_stale_open_cases_are_warned_about_in_the_current_year(world, casework):
    b1 = builders.make_criterion(
        world.plan_a,
        "B1",
        metric="cases_closed_with_outcome",
        params={"case_type": EVICTION, "outcomes": [Outcome.AVERTED_REPAYMENT]},
        target_value=20,
    )
    # c1 and c3 are open; their last entries are from 2018: more than 30 days before 3 June 2019.
    result = criterion_result(b1, 2019, AS_OF)
    assert any("2 open cases" in w for w in result.warnings), result.warnings


def test_the_drill_down_lists_the_cases_without_names(world, casework):
    a1 = builders.make_criterion(
        world.plan_a,
        "A1",
        metric="cases_taken_on",
        params={"case_type": EVICTION, "only_eviction_scheduled": True},
        target_value=20,
    )
    worker = world.worker_a.memberships.get()
    _result, records = criterion_records(a1, 2018, AS_OF, viewer=worker)
    assert records.total == 2 and not records.hidden
    assert [row[0].text for row in records.rows] == [f"#{casework['c1'].pk}", f"#{casework['c2'].pk}"]
    url = reverse("reporting:drilldown", kwargs={"plan_id": world.plan_a.pk, "year": 2018, "pk": a1.pk})
    html = client_for(world.worker_a).get(url).content.decode()
    assert casework["c1"].get_absolute_url() in html
    assert casework["resident"].name not in html
    for party in Case.objects.get(pk=casework["c1"].pk).parties.all():
        assert party.resident.name not in html


@pytest.mark.parametrize("cases", [0, 300], ids=["no cases", "300 cases"])
def test_dashboard_queries_do_not_grow_with_cases_and_entries(world, django_assert_num_queries, cases):
    from cases.models import CaseSource, CaseStatus, Entry

    plan = world.plan_a
    builders.make_criterion(
        plan, "A1", metric="cases_taken_on", params={"case_type": EVICTION}, target_value=20
    )
    builders.make_criterion(
        plan, "A2", metric="case_entries", params={"bridge_categories": ["application"]}, target_value=40
    )
    builders.make_criterion(
        plan,
        "B1",
        metric="cases_closed_with_outcome",
        params={"case_type": CONFLICT, "outcomes": [Outcome.RESOLVED_MEDIATION]},
        target_value=20,
    )
    made = Case.objects.bulk_create(
        Case(
            plan=plan,
            case_type=EVICTION if n % 2 else CONFLICT,
            source=CaseSource.ESTATE_OFFICE,
            opened_on=D(2017 + n % 3, 1 + n % 12, 1),
            status=CaseStatus.OPEN,
        )
        for n in range(cases)
    )
    partner = factories.make_partner(plan)
    Entry.objects.bulk_create(
        Entry(
            case=case,
            occurred_at=cb.at(case.opened_on),
            kind=EntryKind.BRIDGE_BUILDING,
            partner=partner,
            bridge_category=BridgeCategory.APPLICATION,
            author=world.worker_a,
            concern_report=True,
            concern_reason="Bekymring",
        )
        for case in made
        for _ in range(3)
    )
    client = client_for(world.leader_a)
    url = reverse("reporting:dashboard_year", kwargs={"plan_id": plan.pk, "year": 2018})
    client.get(url)
    # 3 session, user, membership; 2 savepoint and release (ATOMIC_REQUESTS); 1 criteria with versions;
    # 1 the figures of every criterion for all years and their warnings (an aggregate over the cases,
    # one over the entries).
    with django_assert_num_queries(3 + 2 + 1 + 1):
        assert client.get(url).status_code == 200
