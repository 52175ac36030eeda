"""Each target kind judged against figures worked out by hand."""

import datetime
from decimal import Decimal

import pytest

from reporting.models import TargetKind
from reporting.status import Status, judge, reduction_target, straight_path, year_progress

D = Decimal
MID_2018 = datetime.date(2018, 7, 1)  # day 182 of 365: 182/365 = 0.4986 of the year gone
AFTER_2018 = datetime.date(2019, 3, 1)


def status(kind, value, year=2018, as_of=AFTER_2018, **kwargs):
    return judge(
        kind=kind, value=None if value is None else D(str(value)), year=year, as_of=as_of, **kwargs
    ).status


def test_year_progress():
    assert year_progress(2018, datetime.date(2017, 12, 31)) == 0
    assert year_progress(2018, datetime.date(2018, 1, 1)) == D(1) / D(365)
    assert year_progress(2018, MID_2018) == D(182) / D(365)
    assert year_progress(2018, datetime.date(2018, 12, 31)) == 1


def test_reduction_target_and_straight_path():
    # F2: 44 house-rules cases less 20 % = 35.2
    assert reduction_target(D(44), D(20)) == D("35.20")
    # 2017 on the line from 44 (2015) to 35.2 (2020): 44 - 8.8 * 2/5 = 40.48
    assert straight_path(D(44), 2015, D("35.2"), 2020, 2017) == D("40.48")
    assert straight_path(None, None, D("35.2"), 2020, 2017) is None


class TestAtLeastPerYear:
    kw = {"target_value": D(20)}

    def test_a_finished_year_is_met_or_not(self):
        assert status(TargetKind.AT_LEAST_PER_YEAR, 23, **self.kw) == Status.MET
        assert status(TargetKind.AT_LEAST_PER_YEAR, 20, **self.kw) == Status.MET
        assert status(TargetKind.AT_LEAST_PER_YEAR, 19, **self.kw) == Status.NOT_MET

    def test_the_current_year_is_pro_rated(self):
        # 20 * 182/365 = 9.97 expected by 1 July
        assert status(TargetKind.AT_LEAST_PER_YEAR, 10, as_of=MID_2018, **self.kw) == Status.ON_TRACK
        assert status(TargetKind.AT_LEAST_PER_YEAR, 9, as_of=MID_2018, **self.kw) == Status.AT_RISK
        assert status(TargetKind.AT_LEAST_PER_YEAR, 20, as_of=MID_2018, **self.kw) == Status.MET
        judgement = judge(
            kind=TargetKind.AT_LEAST_PER_YEAR, value=D(10), year=2018, as_of=MID_2018, target_value=D(20)
        )
        assert judgement.expected.quantize(D("0.01")) == D("9.97")

    def test_a_share_is_not_pro_rated(self):
        # A survey figure does not grow over the year: 70 % against 75 % is at risk, not on track.
        assert (
            status(TargetKind.AT_LEAST_PER_YEAR, 70, as_of=MID_2018, accumulates=False, target_value=D(75))
            == Status.AT_RISK
        )

    def test_no_data_and_a_year_not_begun(self):
        assert status(TargetKind.AT_LEAST_PER_YEAR, None, **self.kw) == Status.NO_DATA
        assert status(TargetKind.AT_LEAST_PER_YEAR, 0, year=2020, **self.kw) == Status.NO_DATA


class TestAtMostPerYear:
    kw = {"target_value": D(5)}

    def test_finished_year(self):
        assert status(TargetKind.AT_MOST_PER_YEAR, 5, **self.kw) == Status.MET
        assert status(TargetKind.AT_MOST_PER_YEAR, 6, **self.kw) == Status.NOT_MET

    def test_current_year(self):
        # 5 * 182/365 = 2.49 allowed by 1 July; 6 is already over the year's ceiling.
        assert status(TargetKind.AT_MOST_PER_YEAR, 2, as_of=MID_2018, **self.kw) == Status.ON_TRACK
        assert status(TargetKind.AT_MOST_PER_YEAR, 3, as_of=MID_2018, **self.kw) == Status.AT_RISK
        assert status(TargetKind.AT_MOST_PER_YEAR, 6, as_of=MID_2018, **self.kw) == Status.NOT_MET
        assert (
            status(TargetKind.AT_MOST_PER_YEAR, 6, as_of=MID_2018, accumulates=False, **self.kw)
            == Status.AT_RISK
        )


class TestReductionByYear:
    # F2: baseline 44 in 2015, 20 % fewer by 2020 -> 35.2; on the path 2017: 40.48, 2018: 38.72.
    kw = {"target_value": D(20), "target_year": 2020, "baseline_value": D(44), "baseline_year": 2015}

    def test_before_the_target_year_the_straight_path_decides(self):
        assert status(TargetKind.REDUCTION_BY_YEAR, 38, accumulates=False, **self.kw) == Status.ON_TRACK
        assert status(TargetKind.REDUCTION_BY_YEAR, 39, accumulates=False, **self.kw) == Status.AT_RISK
        assert status(TargetKind.REDUCTION_BY_YEAR, 35, accumulates=False, **self.kw) == Status.MET
        judgement = judge(
            kind=TargetKind.REDUCTION_BY_YEAR, value=D(39), year=2018, as_of=AFTER_2018, **self.kw
        )
        assert judgement.target == D("35.20") and judgement.expected == D("38.72")

    def test_in_and_after_the_target_year(self):
        after = datetime.date(2021, 2, 1)
        assert status(TargetKind.REDUCTION_BY_YEAR, 35.2, year=2020, as_of=after, **self.kw) == Status.MET
        assert status(TargetKind.REDUCTION_BY_YEAR, 36, year=2020, as_of=after, **self.kw) == Status.NOT_MET

    def test_a_count_in_the_current_year_follows_the_pro_rated_path(self):
        # 38.72 * 182/365 = 19.31 by 1 July 2018
        assert status(TargetKind.REDUCTION_BY_YEAR, 19, as_of=MID_2018, **self.kw) == Status.ON_TRACK
        assert status(TargetKind.REDUCTION_BY_YEAR, 20, as_of=MID_2018, **self.kw) == Status.AT_RISK

    def test_without_a_baseline_there_is_no_target(self):
        kw = {**self.kw, "baseline_value": None}
        assert status(TargetKind.REDUCTION_BY_YEAR, 10, **kw) == Status.NO_DATA


class TestBelowAndAbove:
    def test_below_is_strict(self):
        # F3: below 10 % by 2020; 10 % is not below.
        kw = {"target_value": D(10), "target_year": 2020, "baseline_value": D(10), "baseline_year": 2016}
        after = datetime.date(2021, 1, 15)
        assert (
            status(TargetKind.BELOW_BY_YEAR, "9.9", year=2020, as_of=after, accumulates=False, **kw)
            == Status.MET
        )
        assert (
            status(TargetKind.BELOW_BY_YEAR, 10, year=2020, as_of=after, accumulates=False, **kw)
            == Status.NOT_MET
        )

    def test_below_on_its_path(self):
        # F1: from 4.6 (2015) to below 2.0 in 2020: 2018 on the path = 4.6 - 2.6 * 3/5 = 3.04
        kw = {"target_value": D(2), "target_year": 2020, "baseline_value": D("4.6"), "baseline_year": 2015}
        assert status(TargetKind.BELOW_BY_YEAR, "3.0", accumulates=False, **kw) == Status.ON_TRACK
        assert status(TargetKind.BELOW_BY_YEAR, "3.5", accumulates=False, **kw) == Status.AT_RISK

    def test_above_on_its_path(self):
        # D4: from 25.6 (2015) to 35 in 2020: 2018 on the path = 25.6 + 9.4 * 3/5 = 31.24
        kw = {"target_value": D(35), "target_year": 2020, "baseline_value": D("25.6"), "baseline_year": 2015}
        assert status(TargetKind.ABOVE_BY_YEAR, 32, accumulates=False, **kw) == Status.ON_TRACK
        assert status(TargetKind.ABOVE_BY_YEAR, 30, accumulates=False, **kw) == Status.AT_RISK
        assert status(TargetKind.ABOVE_BY_YEAR, 36, accumulates=False, **kw) == Status.MET


class TestDoneByDate:
    # A3: cooperation with all 4 housing organisations by 31 Dec 2017, counted from 1 Jan 2017.
    kw = {
        "target_date": datetime.date(2017, 12, 31),
        "required": D(4),
        "period_start": datetime.date(2017, 1, 1),
    }

    def test_before_the_date_the_share_of_time_gone_decides(self):
        # 30 June 2017: 181 of 365 days gone -> 4 * 181/365 = 1.98 expected
        june = datetime.date(2017, 6, 30)
        assert status(TargetKind.DONE_BY_DATE, 2, year=2017, as_of=june, **self.kw) == Status.ON_TRACK
        assert status(TargetKind.DONE_BY_DATE, 1, year=2017, as_of=june, **self.kw) == Status.AT_RISK
        assert status(TargetKind.DONE_BY_DATE, 4, year=2017, as_of=june, **self.kw) == Status.MET

    def test_after_the_date(self):
        assert status(TargetKind.DONE_BY_DATE, 4, year=2018, **self.kw) == Status.MET
        assert status(TargetKind.DONE_BY_DATE, 3, year=2018, **self.kw) == Status.NOT_MET
        assert status(TargetKind.DONE_BY_DATE, 3, year=2017, **self.kw) == Status.NOT_MET

    def test_a_target_value_overrides_what_the_metric_requires(self):
        kw = {**self.kw, "target_value": D(2)}
        assert status(TargetKind.DONE_BY_DATE, 2, year=2018, **kw) == Status.MET


@pytest.mark.parametrize("kind", list(TargetKind))
def test_every_kind_says_no_data_without_a_figure(kind):
    assert (
        status(
            kind,
            None,
            target_value=D(10),
            target_year=2020,
            target_date=datetime.date(2020, 12, 31),
            baseline_value=D(20),
            baseline_year=2015,
            required=D(1),
        )
        == Status.NO_DATA
    )
