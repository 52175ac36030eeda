"""The district coordinator's overview: the plans side by side, aggregates only.

Figures worked out by hand from the data each test builds; small counts of households are
shown as "<5" as in the board material.
"""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import BridgeCategory, CaseType, EntryKind
from helhedsplan.models import AuditEvent, Role
from reporting.notes.models import NoteStatus, StatusNote
from tests import factories
from tests.cases import builders as cb
from tests.conftest import client_for

from . import builders

D = datetime.date
pytestmark = pytest.mark.django_db


def overview_url(world, **query):
    url = reverse("districts:overview", kwargs={"district_id": world.district.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def evictions(plan, count, year):
    for day in range(1, count + 1):
        cb.make_case(
            plan,
            case_type=CaseType.EVICTION_PREVENTION,
            opened_on=D(year, 3, day),
            eviction_scheduled_on=D(year, 2, day),
        )


def bridges(case, count, year):
    for day in range(1, count + 1):
        cb.log(
            case,
            day=D(year, 4, day),
            kind=EntryKind.BRIDGE_BUILDING,
            bridge_category=BridgeCategory.APPLICATION,
            partner=factories.make_partner(case.plan, f"Partner {year}-{day}"),
            concern_report=True,
            concern_reason="Bekymring for huslejen",
        )


@pytest.fixture
def contract(world):
    return builders.contract(world.district, {world.plan_a: 2_575_277, world.plan_b: 0})


@pytest.fixture
def casework(world):
    """Plan A: 6 eviction cases taken on in 2018, 3 in 2017, 1 (in 2017) without a scheduled eviction;
    5 bridge-buildings in 2018, 2 in 2017. Plan B: 7 eviction cases in 2018."""
    evictions(world.plan_a, 6, 2018)
    evictions(world.plan_a, 3, 2017)
    unscheduled = cb.make_case(world.plan_a, case_type=CaseType.EVICTION_PREVENTION, opened_on=D(2017, 1, 2))
    bridges(unscheduled, 5, 2018)
    bridges(unscheduled, 2, 2017)
    evictions(world.plan_b, 7, 2018)


def test_the_coordinator_sees_the_plans_side_by_side_with_their_budgets(world, contract, casework):
    response = client_for(world.coordinator).get(overview_url(world, year=2018))
    assert response.status_code == 200
    plans = {c.plan: c for c in response.context["plans"]}
    a, b = plans[world.plan_a], plans[world.plan_b]
    assert (a.budget_dkk, b.budget_dkk, response.context["budget_total"]) == (2_575_277, 0, 2_575_277)
    assert response.context["years"] == [2016, 2017, 2018]
    # 2016: none; 2017: 3 cases (shown <5); 2018: 6 (the unscheduled case does not count).
    assert a.evictions == [0, "<5", 6]
    assert b.evictions == [0, 0, 7]
    assert a.bridges == [0, "<5", 5]
    html = response.content.decode()
    assert "2.575.277" in html
    # Aggregates only: no resident's name or address, no case number.
    assert "Beboer Fiktiv" not in html and "Opdigtet Allé" not in html
    assert "/cases/" not in html


def test_criteria_status_comes_from_each_plans_newest_published_note(world, contract):
    def note(plan, year, status, criteria):
        return StatusNote.objects.create(
            plan=plan, year=year, status=status, created_by=world.leader_a, snapshot={"criteria": criteria}
        )

    ours = "Udsatte grupper"
    note(world.plan_a, 2017, NoteStatus.PUBLISHED, [{"focus_area": ours, "status": "not_met"}])
    note(
        world.plan_a,
        2018,
        NoteStatus.PUBLISHED,
        [
            {"focus_area": ours, "status": "met"},
            {"focus_area": ours, "status": "met"},
            {"focus_area": ours, "status": "at_risk"},
            {"focus_area": "Tryghed og trivsel", "status": "not_met"},  # another focus area
        ],
    )
    note(world.plan_a, 2019, NoteStatus.PUBLISHED, [{"focus_area": ours, "status": "not_met"}])  # after 2018
    note(world.plan_b, 2018, NoteStatus.DRAFT, [{"focus_area": ours, "status": "met"}])  # not published
    response = client_for(world.coordinator).get(overview_url(world, year=2018))
    plans = {c.plan: c for c in response.context["plans"]}
    # Met, on track, at risk, not met, no data.
    assert plans[world.plan_a].criteria == [2, 0, 1, 0, 0]
    assert plans[world.plan_a].criteria_year == 2018
    assert plans[world.plan_b].criteria == []


def test_shared_network_attendance_per_plan_and_the_overdue_flag(world, contract):
    network = builders.network(world.district, interval_weeks=8)
    builders.meeting(network, D(2018, 1, 9), plans={world.plan_a: 2, world.plan_b: 1})
    builders.meeting(network, D(2018, 3, 6), plans={world.plan_a: 1, world.plan_b: 0})
    # 2018-05-01 was missed; the next came on 2018-06-26.
    builders.meeting(network, D(2018, 6, 26), plans={world.plan_a: 1})
    response = client_for(world.coordinator).get(overview_url(world, year=2018))
    plans = {c.plan: c for c in response.context["plans"]}
    assert plans[world.plan_a].attendance[0] == {
        "plan_id": world.plan_a.pk,
        "meeting__network_id": network.pk,
        "invited": 3,
        "attended": 3,
        "people": 4,
    }
    assert (plans[world.plan_b].attendance[0]["attended"], plans[world.plan_b].attendance[0]["invited"]) == (
        1,
        2,
    )
    (shown,) = response.context["networks"]
    assert shown.last_meeting == D(2018, 6, 26)
    assert shown.overdue  # today is long after 21 August 2018
    assert "Overskredet" in response.content.decode() or "Overdue" in response.content.decode()


def test_a_bad_year_falls_back_to_the_default_with_a_message(world, contract):
    response = client_for(world.coordinator).get(overview_url(world, year="abc"))
    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    response = client_for(world.coordinator).get(overview_url(world, year=99999))
    assert response.status_code == 200
    assert response.context["year"] == 2020  # the plans end in 2020


def count_queries(world, django_assert_num_queries, client):
    # 1-2 session and user; 3 SAVEPOINT (the request's transaction); 4 the coordinator's
    # membership with the district; 5 the contracts; then the overview's 10 (see
    # districts.selectors.district_overview): 6 plans, 7 contract versions, 8 the newest
    # version's plans and budgets, 9 eviction cases, 10 bridge-buildings, 11 shared networks,
    # 12 attendance, 13 published notes, 14-15 the contract's parties and their plans;
    # 16 the navigation's plan switcher (no plans for a coordinator); 17 RELEASE SAVEPOINT.
    with django_assert_num_queries(17):
        response = client.get(overview_url(world, year=2018))
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("extra_plans", [0, 4])
def test_overview_queries_do_not_grow_with_the_number_of_plans(
    world, contract, casework, django_assert_num_queries, extra_plans
):
    network = builders.network(world.district)
    housing = builders.party(contract, "Boligselskabet AKB", "")
    housing.plans.set([world.plan_a, world.plan_b])
    for n in range(extra_plans):
        plan = factories.make_plan(f"Ekstra plan {n}")
        world.district.district_plans.create(plan=plan, joined_on=D(2013, 1, 1))
        factories.make_member(plan, Role.WORKER)
        evictions(plan, 5, 2018)
        builders.meeting(network, D(2018, 1 + n, 2), plans={plan: 1, world.plan_a: 1})
        housing.plans.add(plan)
        builders.party(contract, f"Forvaltning {n}")
    client = client_for(world.coordinator)
    response = count_queries(world, django_assert_num_queries, client)
    assert len(response.context["plans"]) == 2 + extra_plans


def test_the_overview_downloads_as_pdf_and_excel_with_the_same_figures(world, contract, casework):
    client = client_for(world.coordinator)
    pdf = client.get(
        reverse("districts:overview_pdf", kwargs={"district_id": world.district.pk}) + "?year=2018"
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    xlsx = client.get(
        reverse("districts:overview_xlsx", kwargs={"district_id": world.district.pk}) + "?year=2018"
    )
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    header = [cell.value for cell in sheet[1]]
    a = dict(zip(header, rows[world.plan_a.name], strict=False))
    assert a[header[3]] == 2_575_277
    assert [a[h] for h in header if str(h).endswith(("2016", "2017", "2018"))] == [0, "<5", 6, 0, "<5", 5]
    assert rows["Total" if "Total" in rows else "I alt"][3] == 2_575_277
    exports = AuditEvent.objects.filter(user_id=world.coordinator.pk, action="export")
    assert exports.count() == 2


def test_another_districts_coordinator_gets_a_404_audited(world, contract):
    other = factories.make_district(factories.make_plan("Plan i anden bydel"))
    stranger = factories.make_coordinator(other, "stranger")
    response = client_for(stranger).get(overview_url(world))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(user_id=stranger.pk, action="denied").exists()
    network = builders.network(other)
    url = reverse("districts:network_detail", kwargs={"district_id": world.district.pk, "pk": network.pk})
    assert client_for(world.coordinator).get(url).status_code == 404
