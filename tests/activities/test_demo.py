"""The demo logbook: 2017–2019 in the seed plan, some criteria met and some not, the same on every run."""

import datetime

import pytest

from activities import demo, selectors
from activities.models import (
    Activity,
    ChildrenBoard,
    ChildrenBoardMeeting,
    CourseGraduate,
    Idea,
    Network,
    NetworkMeeting,
    ResidentMeeting,
)
from helhedsplan import demo as helhedsplan_demo
from helhedsplan.demo import SEED_PLAN_SLUG
from helhedsplan.models import Plan

pytestmark = pytest.mark.django_db
TODAY = "2026-11-23"


def seed(today=TODAY):
    """The plan's own demo data and the logbook's (the other apps' demo data is not needed here)."""
    day = datetime.date.fromisoformat(today)
    helhedsplan_demo.seed(today=day)
    demo.seed(today=day)
    return Plan.objects.get(slug=SEED_PLAN_SLUG)


@pytest.fixture
def seeded():
    return seed()


def fingerprint(plan):
    return {
        "activities": sorted(
            Activity.objects.filter(plan=plan).values_list("title", "date", "participants_residents")
        ),
        "graduates": sorted(
            CourseGraduate.objects.filter(cohort__plan=plan).values_list("name", "completed_on")
        ),
        "board meetings": sorted(
            ChildrenBoardMeeting.objects.filter(board__plan=plan).values_list(
                "board__name", "date", "children_present"
            )
        ),
        "network meetings": sorted(
            NetworkMeeting.objects.filter(network__plan=plan).values_list("network__name", "date")
        ),
        "resident meetings": ResidentMeeting.objects.filter(plan=plan).count(),
        "ideas": sorted(Idea.objects.filter(plan=plan).values_list("title", "status")),
    }


def test_the_demo_is_the_same_on_every_run(seeded):
    first = fingerprint(seeded)
    seed()
    assert fingerprint(seeded) == first


@pytest.mark.parametrize("year", [2017, 2018, 2019])
def test_the_demo_adds_up_to_the_documented_figures(seeded, year):
    totals = selectors.yearly_totals(seeded, year)
    for figure, expected in demo.EXPECTED[year].items():
        assert getattr(totals, figure) == expected, figure


def test_some_criteria_are_met_and_some_are_not(seeded):
    t = selectors.totals_by_year(seeded, [2017, 2018, 2019])
    # C1 ≥ 100: met in 2017 (112) and 2019 (131), not in 2018 (94).
    assert [t[y].resident_initiated_participants >= 100 for y in (2017, 2018, 2019)] == [True, False, True]
    # C2 ≥ 7: 8, 6, 9.
    assert [t[y].graduates >= 7 for y in (2017, 2018, 2019)] == [True, False, True]
    # C3 ≥ 2 ideas realised: only 2018.
    assert [t[y].ideas_realised for y in (2017, 2018, 2019)] == [0, 2, 1]
    # D1: two boards established by 2018.
    assert selectors.children_boards_existing_on(seeded, datetime.date(2018, 12, 31)).count() == 2
    assert t[2017].children_boards_at_year_end == 0
    # D2: 15 in each board is reached by one board in 2019 only.
    assert (t[2018].fewest_active_children, t[2019].fewest_active_children) == (12, 14)
    assert [r.active_children for r in selectors.active_children_by_board(seeded, 2019)] == [16, 14]
    # D3: most children felt they had influence: (9 + 8) / (12 + 11) and (13 + 11) / (15 + 14).
    assert round(t[2018].felt_influence_share, 3) == round(17 / 23, 3)
    assert round(t[2019].felt_influence_share, 3) == round(24 / 29, 3)
    # D4: resident meetings in the board departments 3301 and 3302 rise towards 35 but stay below.
    assert [t[y].board_department_attendance_avg for y in (2017, 2018, 2019)] == [26.5, 30.0, 33.5]


def test_the_boards_meet_monthly_from_2018_except_in_july(seeded):
    for board in ChildrenBoard.objects.filter(plan=seeded):
        assert sorted(board.departments.values_list("code", flat=True)) in (["3301"], ["3302"])
        months = list(board.meetings.order_by("date").values_list("date", flat=True))
        assert months[0].year == 2018 and months[-1] == max(months) and months[-1].year == 2019
        assert all(m.month != 7 for m in months)
        assert len({(m.year, m.month) for m in months}) == len(months)  # one a month


def test_resident_meetings_in_3b_have_25_to_35_attending(seeded):
    attendance = ResidentMeeting.objects.filter(
        plan=seeded, department__housing_organisation__short_name="3B"
    )
    assert attendance.count() == 6 * 3
    assert all(25 <= a <= 35 for a in attendance.values_list("attendance", flat=True))


def test_the_practice_network_meets_every_eight_weeks_but_missed_one(seeded):
    network = Network.objects.get(plan=seeded, interval_weeks=8)
    late = [m for m in selectors.network_meetings_with_gaps(network) if m.late]
    assert len(late) == 1 and late[0].weeks_since_previous == 16
    assert late[0].date.year == 2018


def test_nothing_lies_after_the_day_the_demo_is_seeded_for():
    plan = seed("2018-06-30")
    assert Activity.objects.filter(plan=plan).latest("date").date <= datetime.date(2018, 6, 30)
    assert not Idea.objects.filter(plan=plan, realised_on__gt=datetime.date(2018, 6, 30)).exists()
