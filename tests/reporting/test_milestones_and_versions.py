"""Milestones done by a date (A3, B2) and criteria revised mid-period."""

import datetime
from decimal import Decimal

import pytest

from reporting.models import MilestoneTopic, TargetKind
from reporting.selectors import criteria_results, criterion_result, version_for
from reporting.status import Status
from tests.reporting import builders

pytestmark = pytest.mark.django_db
ARREARS = MilestoneTopic.ARREARS_COOPERATION


@pytest.fixture
def a3(seed_plan):
    """A3: formalised arrears cooperation with all 4 housing organisations by the end of 2017."""
    orgs = seed_plan.orgs
    builders.milestone(seed_plan.plan, ARREARS, orgs["AKB"], datetime.date(2017, 3, 1))
    builders.milestone(seed_plan.plan, ARREARS, orgs["AAB"], datetime.date(2017, 6, 1))
    builders.milestone(seed_plan.plan, ARREARS, orgs["VIBO"], datetime.date(2017, 11, 15))
    builders.milestone(seed_plan.plan, ARREARS, orgs["3B"], None)  # not done yet
    builders.milestone(
        seed_plan.plan, MilestoneTopic.LEGAL_COOPERATION, orgs["3B"], datetime.date(2017, 1, 5)
    )
    return builders.make_criterion(
        seed_plan.plan,
        "A3",
        metric="milestone",
        params={"topic": ARREARS, "per_housing_organisation": True},
        target_kind=TargetKind.DONE_BY_DATE,
        target_date=datetime.date(2017, 12, 31),
    )


def test_a_milestone_per_housing_organisation(seed_plan, a3):
    # By 30 June 2017: AKB and AAB = 2 of 4; 181/365 of the time gone -> 1.98 expected: on track.
    june = criterion_result(a3, 2017, datetime.date(2017, 6, 30))
    assert (june.value, june.target, june.status) == (Decimal(2), Decimal(4), Status.ON_TRACK)
    # End of 2017: 3 of 4 (3B missing) -> not met; the legal cooperation does not count here.
    end = criterion_result(a3, 2017, datetime.date(2018, 2, 1))
    assert (end.value, end.status) == (Decimal(3), Status.NOT_MET)
    assert any("3B" in w for w in end.warnings)


def test_done_late_is_still_not_met_for_the_date(seed_plan, a3):
    seed_plan.plan.milestones.filter(housing_organisation=seed_plan.orgs["3B"], topic=ARREARS).update(
        done_on=datetime.date(2018, 2, 1)
    )
    # Counting stops at the target date: in 2018 it is still 3 of 4 by 31 Dec 2017.
    late = criterion_result(a3, 2018, datetime.date(2019, 1, 10))
    assert (late.value, late.status) == (Decimal(3), Status.NOT_MET)


def test_done_in_time_is_met_in_the_following_years(seed_plan, a3):
    seed_plan.plan.milestones.filter(housing_organisation=seed_plan.orgs["3B"], topic=ARREARS).update(
        done_on=datetime.date(2017, 12, 20)
    )
    result = criterion_result(a3, 2018, datetime.date(2019, 1, 10))
    assert (result.value, result.status) == (Decimal(4), Status.MET)
    assert result.target_label.startswith("4 ")


def test_a_criterion_revised_mid_period_is_judged_by_the_version_valid_then(seed_plan):
    # F2-like: 44 in 2015; first 20 % fewer by 2020, revised from 1 July 2018 to 10 % fewer by 2020.
    plan = seed_plan.plan
    for year, value in [(2015, 44), (2017, 40), (2018, 40), (2019, 39)]:
        builders.housing_stat(seed_plan.area("AKB", "Kgs. Enghave"), year, "house_rules_cases", value)
    criterion = builders.make_criterion(
        plan,
        "F2",
        params={"measure": "house_rules_cases"},
        target_kind=TargetKind.REDUCTION_BY_YEAR,
        target_value=20,
        target_year=2020,
        baseline_value=44,
        baseline_year=2015,
    )
    builders.make_version(
        criterion,
        valid_from=datetime.date(2018, 7, 1),
        params={"measure": "house_rules_cases"},
        target_kind=TargetKind.REDUCTION_BY_YEAR,
        target_value=10,
        target_year=2020,
        baseline_value=44,
        baseline_year=2015,
    )
    as_of = datetime.date(2020, 3, 1)
    versions = list(criterion.versions.order_by("valid_from"))
    assert version_for(versions, 2017, as_of) == versions[0]
    assert version_for(versions, 2018, as_of) == versions[1]  # in force at the end of 2018
    assert version_for(versions, 2018, datetime.date(2018, 3, 1)) == versions[0]  # not yet on 1 March 2018
    # 2017 by version 1: path 44 -> 35.2 gives 40.48 in 2017; 40 <= 40.48 -> on track.
    r2017 = criterion_result(criterion, 2017, as_of)
    assert (r2017.target, r2017.expected, r2017.status) == (
        Decimal("35.2"),
        Decimal("40.48"),
        Status.ON_TRACK,
    )
    # 2018 by version 2: 44 less 10 % = 39.6; path 44 -> 39.6 gives 44 - 4.4 * 3/5 = 41.36; 40 -> on track.
    r2018 = criterion_result(criterion, 2018, as_of)
    assert (r2018.target, r2018.expected, r2018.status) == (
        Decimal("39.6"),
        Decimal("41.36"),
        Status.ON_TRACK,
    )
    # 2019: 39 <= 39.6 -> met already.
    assert criterion_result(criterion, 2019, as_of).status == Status.MET
    # The chart's target line steps from 35.2 to 39.6 where the revision took effect.
    targets = {p.year: p.target for p in r2018.series}
    assert targets[2017] == Decimal("35.2") and targets[2018] == Decimal("39.6")


def test_results_are_grouped_by_focus_area_and_initiative(world):
    from tests import factories

    plan = world.plan_a
    area = factories.make_focus_area(plan, "Tryghed og trivsel")
    second = factories.make_initiative(area, 2, "Naboklager")
    first = factories.make_initiative(area, 1, "Udsættelser")
    builders.make_criterion(plan, "B1", focus_area=area, initiative=second, target_value=20)
    builders.make_criterion(plan, "A1", focus_area=area, initiative=first, target_value=20)
    builders.make_criterion(plan, "F1", focus_area=area, target_value=20)
    codes = [r.code for r in criteria_results(plan, 2018, datetime.date(2019, 1, 1))]
    assert codes == ["F1", "A1", "B1"]


def test_a_criterion_without_a_version_says_so(world):
    from reporting.models import SuccessCriterion
    from tests import factories

    area = factories.make_focus_area(world.plan_a)
    SuccessCriterion.objects.create(plan=world.plan_a, code="X1", title="Uden version", focus_area=area)
    [result] = criteria_results(world.plan_a, 2018)
    assert result.status == Status.NO_DATA and result.warnings


def test_a_milestone_done_before_the_criterions_period_counts(seed_plan, a3):
    # Cooperation with 3B was formalised already in 2016: it is done by the end of 2017 too.
    seed_plan.plan.milestones.filter(housing_organisation=seed_plan.orgs["3B"], topic=ARREARS).update(
        done_on=datetime.date(2016, 9, 1)
    )
    result = criterion_result(a3, 2017, datetime.date(2018, 2, 1))
    assert (result.value, result.status) == (Decimal(4), Status.MET)
