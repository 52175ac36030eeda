"""Housing and district statistics as criterion figures (F1, F2, F3), worked out by hand."""

import datetime
from decimal import Decimal

import pytest

from helhedsplan.models import Department
from reporting.metrics import Window, catalogue
from reporting.models import DistrictMeasure, HousingMeasure, TargetKind
from reporting.selectors import criteria_results
from reporting.status import Status
from tests import factories
from tests.reporting import builders

pytestmark = pytest.mark.django_db

# The seed's bailiff evictions (DOMAIN.md): (organisation, neighbourhood) -> 2011..2015
SEED_EVICTIONS = {
    ("AKB", "Sjælør Boulevard"): [2, 2, 0, 1, 1],
    ("AAB", "Sjælør Boulevard"): [0, 4, 3, 0, 1],
    ("VIBO", "Sjælør Boulevard"): [1, 1, 0, 0, 1],
    ("AKB", "Kgs. Enghave"): [30, 13, 9, 5, 13],
    ("3B", "Kgs. Enghave"): [5, 5, 1, 2, 2],
}
AS_OF = datetime.date(2021, 3, 1)


def window(plan, params, years, as_of=AS_OF):
    return Window(plan=plan, params=params, years=years, as_of=as_of)


def load_seed_evictions(seed):
    for (org, area), figures in SEED_EVICTIONS.items():
        for year, value in zip(range(2011, 2016), figures, strict=True):
            builders.housing_stat(seed.area(org, area), year, HousingMeasure.EVICTIONS, value)


def test_the_seed_gives_4_6_evictions_per_1000_homes_in_2015(seed_plan):
    load_seed_evictions(seed_plan)
    metric = catalogue["housing_statistic"]
    per_1000 = metric.values(
        window(seed_plan.plan, {"measure": "evictions", "per_1000_homes": True}, [2011, 2015])
    )
    as_is = metric.values(window(seed_plan.plan, {"measure": "evictions"}, [2011, 2015]))
    # 2015: 1 + 1 + 1 + 13 + 2 = 18 evictions in 3,900 homes -> 18 * 1000 / 3900 = 4.615 -> 4.6
    assert as_is[2015] == Decimal(18)
    assert per_1000[2015] == Decimal("4.6")
    # 2011: 2 + 0 + 1 + 30 + 5 = 38 -> 38 * 1000 / 3900 = 9.74 -> 9.7
    assert per_1000[2011] == Decimal("9.7")


def test_f1_on_the_dashboard_against_the_municipal_average(seed_plan):
    load_seed_evictions(seed_plan)
    copenhagen = builders.district(seed_plan.plan, "København", is_municipality=True)
    builders.district_stat(copenhagen, 2015, DistrictMeasure.EVICTIONS_PER_1000_HOMES, "1.2")
    builders.make_criterion(
        seed_plan.plan,
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
    [f1] = criteria_results(seed_plan.plan, 2015, AS_OF)
    assert (f1.value, f1.reference, f1.baseline) == (Decimal("4.6"), Decimal("1.2"), Decimal("4.6"))
    assert f1.status == Status.NOT_JUDGED  # 2015 is the baseline year, the criterion runs 2017-2020
    assert [p.year for p in f1.series] == [2015, 2016, 2017, 2018, 2019, 2020]


def test_a_department_with_unknown_or_no_homes_is_left_out_of_the_rate(world):
    plan = world.plan_a
    known = factories.make_department(plan, homes=100, org="AKB", area="Nord")
    factories.make_department(plan, homes=None, org="AKB", area="Nord")  # in the same area: adds no homes
    unknown = factories.make_department(plan, homes=None, org="AAB", area="Nord")
    zero = factories.make_department(plan, homes=None, org="VIBO", area="Syd")
    Department.objects.filter(pk=zero.pk).update(homes=0)
    builders.housing_stat((known.housing_organisation, known.neighbourhood), 2018, "evictions", 2)
    builders.housing_stat((unknown.housing_organisation, unknown.neighbourhood), 2018, "evictions", 3)
    builders.housing_stat(zero, 2018, "evictions", 4)
    params = {"measure": "evictions", "per_1000_homes": True}
    metric = catalogue["housing_statistic"]
    # Only AKB Nord has homes (100): 2 * 1000 / 100 = 20.0; AAB's 3 and VIBO's 4 cover no known homes.
    assert metric.values(window(plan, params, [2018]))[2018] == Decimal("20.0")
    # As is, all figures count: 2 + 3 + 4 = 9
    assert metric.values(window(plan, {"measure": "evictions"}, [2018]))[2018] == Decimal(9)
    warnings = [w.message for w in metric.warnings(window(plan, params, [2018]), 2018)]
    assert any("3" in w and "homes" in w for w in warnings), warnings  # 3 departments without homes


def test_figures_per_department_use_that_departments_homes(seed_plan):
    d = seed_plan.departments
    builders.housing_stat(d["3301"], 2018, "evictions", 1)  # 200 homes
    builders.housing_stat(d["3302"], 2018, "evictions", 1)  # 170 homes
    params = {"measure": "evictions", "per_1000_homes": True}
    # 2 * 1000 / (200 + 170) = 5.41 -> 5.4
    assert catalogue["housing_statistic"].values(window(seed_plan.plan, params, [2018]))[2018] == Decimal(
        "5.4"
    )


def test_a_year_without_figures_has_no_data_and_a_warning(seed_plan):
    load_seed_evictions(seed_plan)
    metric = catalogue["housing_statistic"]
    w = window(seed_plan.plan, {"measure": "evictions"}, [2015, 2016])
    assert metric.values(w) == {2015: Decimal(18), 2016: None}
    [warning] = metric.warnings(w, 2016)
    assert "2016" in warning.message and "3B – Kgs. Enghave" in warning.message


def test_f2_without_3b_sums_what_there_is_and_names_the_gap(seed_plan):
    # The seed's 44 house-rules cases of 2015 come without 3B's figures.
    for (org, area), value in {
        ("AKB", "Sjælør Boulevard"): 6,
        ("AAB", "Sjælør Boulevard"): 9,
        ("VIBO", "Sjælør Boulevard"): 7,
        ("AKB", "Kgs. Enghave"): 22,
    }.items():
        builders.housing_stat(seed_plan.area(org, area), 2015, HousingMeasure.HOUSE_RULES_CASES, value)
    builders.make_criterion(
        seed_plan.plan,
        "F2",
        params={"measure": "house_rules_cases"},
        target_kind=TargetKind.REDUCTION_BY_YEAR,
        target_value=20,
        target_year=2020,
        baseline_value=44,
        baseline_year=2015,
    )
    [f2] = criteria_results(seed_plan.plan, 2015, AS_OF)
    # 6 + 9 + 7 + 22 = 44; target 44 less 20 % = 35.2
    assert f2.value == Decimal(44)
    assert f2.target == Decimal("35.2")
    assert any("3B – Kgs. Enghave" in w for w in f2.warnings)


def test_only_some_housing_organisations(seed_plan):
    load_seed_evictions(seed_plan)
    params = {"measure": "evictions", "housing_organisations": [str(seed_plan.orgs["3B"].pk)]}
    w = window(seed_plan.plan, params, [2011, 2015])
    assert catalogue["housing_statistic"].values(w) == {2011: Decimal(5), 2015: Decimal(2)}


def test_the_district_statistic_takes_the_highest_of_the_districts(world):
    plan = world.plan_a
    valby, enghave = builders.district(plan, "Valby"), builders.district(plan, "Kgs. Enghave")
    builders.district_stat(valby, 2016, "unsafe_share", 10)
    builders.district_stat(enghave, 2016, "unsafe_share", 4)
    builders.district_stat(valby, 2017, "unsafe_share", 9)  # Kgs. Enghave has no 2017 figure
    metric = catalogue["district_statistic"]
    params = {"measure": "unsafe_share", "districts": [str(valby.pk), str(enghave.pk)]}
    w = window(plan, params, [2016, 2017, 2018])
    # 2016: max(10, 4) = 10; 2017: one district missing -> no figure; 2018: nothing.
    assert metric.values(w) == {2016: Decimal("10.0"), 2017: None, 2018: None}
    assert metric.values(window(plan, {**params, "combine": "avg"}, [2016]))[2016] == Decimal("7.0")
    assert metric.values(window(plan, {**params, "combine": "min"}, [2016]))[2016] == Decimal("4.0")
    [warning] = metric.warnings(w, 2017)
    assert "Kgs. Enghave" in warning.message and "Valby" not in warning.message


def test_f3_below_10_percent(world):
    plan = world.plan_a
    valby, enghave = builders.district(plan, "Valby"), builders.district(plan, "Kgs. Enghave")
    for year, v, e in [(2016, 10, 4), (2017, 11, 5), (2018, 9, 4), (2019, "9.5", 3)]:
        builders.district_stat(valby, year, "unsafe_share", v)
        builders.district_stat(enghave, year, "unsafe_share", e)
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
    )
    statuses = {
        year: criteria_results(plan, year, AS_OF)[0].status for year in (2016, 2017, 2018, 2019, 2020)
    }
    # 2017: 11 > 10 on a flat path -> at risk; 2018: 9 < 10 -> met; 2020: no figure yet.
    assert statuses == {
        2016: Status.NOT_JUDGED,
        2017: Status.AT_RISK,
        2018: Status.MET,
        2019: Status.MET,
        2020: Status.NO_DATA,
    }
