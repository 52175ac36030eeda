"""The KPI dashboard, its drill-down and its JSON, for the project leader and (read-only) the caretakers."""

import datetime
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from reporting.models import DistrictMeasure, MilestoneTopic, TargetKind
from tests.reporting import builders

pytestmark = pytest.mark.django_db


def configure(seed):
    """F1, F2, F3 and A3 of the seed agreement on plan A."""
    plan = seed.plan
    copenhagen = builders.district(plan, "København", is_municipality=True)
    valby, enghave = builders.district(plan, "Valby"), builders.district(plan, "Kgs. Enghave")
    builders.make_criterion(
        plan,
        "F1",
        params={"measure": "evictions", "per_1000_homes": True},
        target_kind=TargetKind.BELOW_BY_YEAR,
        target_value=2,
        target_year=2020,
        baseline_value="4.6",
        baseline_year=2015,
        reference_district=copenhagen,
        reference_measure=DistrictMeasure.EVICTIONS_PER_1000_HOMES,
    )
    builders.make_criterion(
        plan,
        "F2",
        params={"measure": "house_rules_cases"},
        target_kind=TargetKind.REDUCTION_BY_YEAR,
        target_value=20,
        target_year=2020,
        baseline_value=44,
        baseline_year=2015,
    )
    builders.make_criterion(
        plan,
        "F3",
        metric="district_statistic",
        params={"measure": "unsafe_share", "districts": [str(valby.pk), str(enghave.pk)]},
        target_kind=TargetKind.BELOW_BY_YEAR,
        target_value=10,
        target_year=2020,
        baseline_value=10,
        baseline_year=2016,
        reference_district=copenhagen,
        reference_measure=DistrictMeasure.UNSAFE_SHARE,
    )
    builders.make_criterion(
        plan,
        "A3",
        metric="milestone",
        params={"topic": MilestoneTopic.ARREARS_COOPERATION, "per_housing_organisation": True},
        target_kind=TargetKind.DONE_BY_DATE,
        target_date=datetime.date(2017, 12, 31),
    )
    return {"copenhagen": copenhagen, "valby": valby, "enghave": enghave}


def fill(seed, districts, years):
    """Statistics per department for every year and measure, and every district figure."""
    for year in years:
        for department in seed.departments.values():
            for measure in ("evictions", "first_reminders", "house_rules_cases"):
                builders.housing_stat(department, year, measure, year % 7)
        for d in districts.values():
            for measure in DistrictMeasure.values:
                builders.district_stat(d, year, measure, 5)
    for org in seed.orgs.values():
        builders.milestone(seed.plan, MilestoneTopic.ARREARS_COOPERATION, org, datetime.date(years[0], 6, 1))


def dashboard_url(plan, year):
    return reverse("reporting:dashboard_year", kwargs={"plan_id": plan.pk, "year": year})


def test_the_dashboard_shows_value_baseline_target_and_status_in_words(seed_plan, as_leader):
    districts = configure(seed_plan)
    builders.housing_stat(seed_plan.area("AKB", "Kgs. Enghave"), 2018, "evictions", 13)
    builders.district_stat(districts["valby"], 2018, "unsafe_share", 9)
    builders.district_stat(districts["enghave"], 2018, "unsafe_share", 4)
    response = as_leader.get(dashboard_url(seed_plan.plan, 2018), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    # F3 2018: max(9, 4) = 9 < 10 -> met, in words and colour.
    assert 'id="criterion-F3"' in html and "text-bg-success" in html and "Met" in html
    # F1 2018: 13 evictions in AKB Kgs. Enghave's 1,400 homes: 13 * 1000 / 1400 = 9.3 per 1,000 homes.
    f1 = next(r for r in response.context["results"] if r.code == "F1")
    assert f1.value == Decimal("9.3") and f1.status == "at_risk"
    assert "reporting-charts" in html and "<script>" not in html.replace("<script src=", "")
    charts = response.context["charts"]
    assert charts[f"chart-{f1.criterion_id}"]["baseline"] == 4.6


def test_a_caretaker_reads_the_dashboard_without_management_links(seed_plan, as_worker):
    configure(seed_plan)
    response = as_worker.get(dashboard_url(seed_plan.plan, 2018))
    assert response.status_code == 200
    assert (
        reverse("reporting:criterion_list", kwargs={"plan_id": seed_plan.plan.pk})
        not in response.content.decode()
    )


def test_board_members_get_no_dashboard(seed_plan, as_board):
    configure(seed_plan)
    assert as_board.get(dashboard_url(seed_plan.plan, 2018)).status_code == 403
    json_url = reverse("reporting:api_criteria", kwargs={"plan_id": seed_plan.plan.pk, "year": 2018})
    assert as_board.get(json_url).status_code == 403


def test_the_year_picker_redirects(seed_plan, as_leader):
    url = reverse("reporting:dashboard", kwargs={"plan_id": seed_plan.plan.pk})
    response = as_leader.get(url + "?year=2017")
    assert response.status_code == 302 and response["Location"] == dashboard_url(seed_plan.plan, 2017)


def test_danish_and_english(seed_plan, as_leader):
    configure(seed_plan)
    english = as_leader.get(dashboard_url(seed_plan.plan, 2018), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Success criteria 2018" in english


@pytest.mark.parametrize("years", [[2017], list(range(2011, 2021))], ids=["small", "large"])
def test_the_number_of_queries_does_not_grow_with_the_data(
    seed_plan, as_leader, django_assert_num_queries, years
):
    districts = configure(seed_plan)
    fill(seed_plan, districts, years)
    url = dashboard_url(seed_plan.plan, 2018)
    as_leader.get(url)  # warm the session
    # 3 session, user, membership (access layer); 2 savepoint and release (ATOMIC_REQUESTS)
    # 1 criteria with their focus area, initiative, versions and reference districts
    # 1 every criterion's figures, reference figures and warnings (F1, F2, F3, A3: areas that did not
    #   report, the number of housing organisations, those not yet done), an aggregate per table
    with django_assert_num_queries(3 + 2 + 1 + 1):
        response = as_leader.get(url)
    assert response.status_code == 200


def test_the_drill_down_lists_the_figures_behind_a_value(seed_plan, as_leader):
    configure(seed_plan)
    builders.housing_stat(seed_plan.area("AKB", "Kgs. Enghave"), 2018, "evictions", 13)
    builders.housing_stat(seed_plan.departments["3301"], 2018, "evictions", 1)
    f1 = seed_plan.plan.criteria.get(code="F1")
    url = reverse("reporting:drilldown", kwargs={"plan_id": seed_plan.plan.pk, "year": 2018, "pk": f1.pk})
    response = as_leader.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    records = response.context["records"]
    assert records.total == 2
    # AKB Kgs. Enghave covers its 8 departments: 1,400 homes; 3B 3301 has 200.
    assert [row[4] for row in records.rows] == [200, 1400] or [row[4] for row in records.rows] == [1400, 200]


def test_the_json_endpoint(seed_plan, as_worker):
    districts = configure(seed_plan)
    builders.district_stat(districts["valby"], 2018, "unsafe_share", 9)
    builders.district_stat(districts["enghave"], 2018, "unsafe_share", 4)
    url = reverse("reporting:api_criteria", kwargs={"plan_id": seed_plan.plan.pk, "year": 2018})
    response = as_worker.get(url)
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["year"] == 2018 and data["plan"]["id"] == seed_plan.plan.pk
    f3 = next(c for c in data["criteria"] if c["code"] == "F3")
    assert {k: f3[k] for k in ("value", "baseline", "target", "status")} == {
        "value": 9.0,
        "baseline": 10.0,
        "target": 10.0,
        "status": "met",
    }
    assert {"code", "title", "value", "baseline", "target", "status", "series"} <= set(f3)


def test_report_criteria_command(seed_plan, capsys):
    import csv
    import io

    from django.core.management import call_command

    configure(seed_plan)
    call_command("report_criteria", plan=seed_plan.plan.pk, year=2018, format="json", as_of="2019-01-31")
    data = json.loads(capsys.readouterr().out)
    assert [c["code"] for c in data["criteria"]] == ["A3", "F1", "F2", "F3"]  # same position: by code
    call_command("report_criteria", plan=seed_plan.plan.pk, year=2018, format="csv", as_of="2019-01-31")
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["code"] for r in rows] == ["A3", "F1", "F2", "F3"]
    assert {"code", "title", "value", "baseline", "target", "status"} <= set(rows[0])
    assert rows[2]["target"] == "35.2"


def test_the_dashboard_in_danish(seed_plan, as_leader):
    districts = configure(seed_plan)
    builders.district_stat(districts["valby"], 2018, "unsafe_share", 9)
    builders.district_stat(districts["enghave"], 2018, "unsafe_share", 4)
    html = as_leader.get(dashboard_url(seed_plan.plan, 2018), HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert "Succeskriterier 2018" in html and "Opfyldt" in html and "under 10,0 i 2020" in html


def test_the_dashboard_opens_on_the_latest_year_with_figures_inside_the_plan(seed_plan, as_leader):
    """The plan runs 2017-2020 and it is later than that: the criteria's years may run on (to 2026 in
    the demo), but the dashboard opens on 2019, the last year of the plan with a figure."""
    districts = configure(seed_plan)
    fill(seed_plan, districts, [2017, 2018, 2019])
    builders.district_stat(districts["valby"], 2025, "unsafe_share", 3)  # after the plan: not a reason
    start = reverse("reporting:dashboard", kwargs={"plan_id": seed_plan.plan.pk})
    response = as_leader.get(start, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["year"] == 2019
    assert {r.year for r in response.context["results"]} == {2019}


def test_a_year_of_zero_counts_is_not_where_the_dashboard_opens(seed_plan, as_leader):
    from tests.reporting.builders import make_criterion

    districts = configure(seed_plan)
    fill(seed_plan, districts, [2017, 2018])
    # A count of cases (nothing recorded: 0 in every year) must not pull the dashboard to 2020.
    make_criterion(seed_plan.plan, "A1", params={"case_type": "eviction_prevention"}, metric="cases_taken_on")
    response = as_leader.get(reverse("reporting:dashboard", kwargs={"plan_id": seed_plan.plan.pk}))
    assert response.status_code == 200 and response.context["year"] == 2018
