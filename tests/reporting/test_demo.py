"""The demo configuration: the seed's figures reproduce the agreement's baselines."""

import datetime
from decimal import Decimal

import pytest

from helhedsplan import demo as plan_demo
from reporting import demo
from reporting.models import (
    CriterionVersion,
    DistrictStatistic,
    HousingStatistic,
    Milestone,
    SuccessCriterion,
)
from reporting.selectors import criteria_results

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 21)


@pytest.fixture
def seeded():
    plans = plan_demo.seed(today=TODAY)
    demo.seed(today=TODAY)
    return plans["seed_plan"]


def by_code(plan, year):
    return {r.code: r for r in criteria_results(plan, year, TODAY)}


def test_the_seeds_2015_figures_give_4_6_per_1000_homes(seeded):
    f1 = by_code(seeded, 2015)["F1"]
    # 18 evictions in the 22 departments' 3,900 homes: 18 * 1000 / 3900 = 4.6; Copenhagen 1.2
    assert (f1.value, f1.baseline, f1.reference) == (Decimal("4.6"), Decimal("4.6"), Decimal("1.2"))
    f2 = by_code(seeded, 2020)["F2"]
    assert f2.target == Decimal("35.2")  # 44 less 20 %


def test_the_seed_tables_are_loaded_exactly(seeded):
    stats = HousingStatistic.objects.filter(plan=seeded)
    akb_enghave = stats.filter(housing_organisation__short_name="AKB", neighbourhood__name="Kgs. Enghave")
    assert list(
        akb_enghave.filter(measure="evictions", year__lte=2015)
        .order_by("year")
        .values_list("value", flat=True)
    ) == [30, 13, 9, 5, 13]
    assert list(
        stats.filter(measure="first_reminders", housing_organisation__short_name="3B", year__lte=2015)
        .order_by("year")
        .values_list("value", flat=True)
    ) == [234, 249, 244, 205, 175]
    assert set(stats.filter(year__gte=2016).values_list("year", flat=True)) == {2016, 2017, 2018, 2019}


def test_a_mix_of_statuses(seeded):
    for year in (2017, 2018, 2019):
        statuses = {r.status for r in criteria_results(seeded, year, TODAY)}
        assert len(statuses) >= 3, (year, statuses)


def test_seeding_twice_gives_the_same_data(seeded):
    counts = [
        model.objects.count()
        for model in (SuccessCriterion, CriterionVersion, HousingStatistic, DistrictStatistic, Milestone)
    ]
    history = HousingStatistic.history.count() + SuccessCriterion.history.count()
    demo.seed(today=TODAY)
    assert counts == [
        model.objects.count()
        for model in (SuccessCriterion, CriterionVersion, HousingStatistic, DistrictStatistic, Milestone)
    ]
    assert history == HousingStatistic.history.count() + SuccessCriterion.history.count()


def test_the_seed_plans_15_criteria(seeded):
    results = criteria_results(seeded, 2018, TODAY)
    assert [r.code for r in results] == [
        "F1", "F2", "F3", "A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3", "D1", "D2", "D3", "D4",
    ]  # fmt: skip
    d4 = next(r for r in results if r.code == "D4")
    assert (d4.baseline, d4.baseline_year) == (Decimal("25.6"), 2015)
    # The plan ran 2017-2020; the demo carries the criteria on to this year in a second version.
    assert all(r.series[-1].year == TODAY.year for r in results)
