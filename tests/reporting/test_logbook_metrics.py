"""Criteria on the logbook (C1–C3, D1–D4) and network meetings, worked out by hand."""

import datetime
from decimal import Decimal

import pytest

from activities.models import (
    Activity,
    ActivityKind,
    ChildrenBoard,
    ChildrenBoardSurvey,
    ChildrenBoardYear,
    CourseCohort,
    CourseGraduate,
    Idea,
    IdeaStatus,
    InitiatedBy,
    Network,
    NetworkMeeting,
    ResidentMeeting,
)
from reporting.metrics import Window, catalogue
from reporting.models import TargetKind
from reporting.selectors import criterion_records, criterion_result
from reporting.status import Status
from tests.reporting import builders

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2019, 6, 30)


def values(plan, key, params=None, years=(2017, 2018, 2019), as_of=AS_OF, **window):
    return catalogue[key].values(
        Window(plan=plan, params=params or {}, years=list(years), as_of=as_of, **window)
    )


def activity(plan, day, residents, initiated_by=InitiatedBy.RESIDENTS, title="Loppemarked"):
    kind, _ = ActivityKind.objects.get_or_create(plan=plan, name="Andet")
    return Activity.objects.create(
        plan=plan,
        title=title,
        date=day,
        kind=kind,
        initiated_by=initiated_by,
        participants_residents=residents,
    )


def test_c1_residents_in_activities_initiated_by_residents(world):
    plan = world.plan_a
    activity(plan, D(2018, 5, 5), 40)
    activity(plan, D(2018, 9, 1), 35, title="Fællesspisning")
    activity(plan, D(2018, 10, 1), 50, initiated_by=InitiatedBy.STAFF, title="Udflugt")
    activity(plan, D(2019, 3, 1), 30)
    # 2017: nothing logged -> 0; 2018: 40 + 35 = 75 (the staff's trip is left out); 2019: 30 so far.
    assert values(plan, "activity_participants", {"only_resident_initiated": True}) == {
        2017: 0,
        2018: 75,
        2019: 30,
    }
    assert values(plan, "activity_participants", {})[2018] == 125  # every activity: 75 + 50
    c1 = builders.make_criterion(
        plan, "C1", metric="activity_participants", params={"only_resident_initiated": True}, target_value=100
    )
    # 30 of 100 by 30 June 2019: 181/365 gone -> 49.6 expected -> at risk; 2018: 75 < 100 -> not met.
    assert criterion_result(c1, 2019, AS_OF).status == Status.AT_RISK
    assert criterion_result(c1, 2018, AS_OF).status == Status.NOT_MET
    _r, records = criterion_records(c1, 2018, AS_OF)
    assert records.total == 2 and [row[4] for row in records.rows] == [40, 35]


def test_c2_course_graduates_by_the_day_they_completed(world):
    plan = world.plan_a
    spring = CourseCohort.objects.create(plan=plan, name="Naboskaber forår 2018", start_date=D(2018, 3, 1))
    autumn = CourseCohort.objects.create(plan=plan, name="Naboskaber efterår 2018", start_date=D(2018, 9, 1))
    for n in range(4):
        CourseGraduate.objects.create(cohort=spring, name=f"Kursist {n}", completed_on=D(2018, 5, 30))
    for n in range(5):  # an autumn cohort that finished in January
        CourseGraduate.objects.create(cohort=autumn, name=f"Kursist {n}", completed_on=D(2019, 1, 15))
    assert values(plan, "course_graduates") == {2017: 0, 2018: 4, 2019: 5}
    c2 = builders.make_criterion(plan, "C2", metric="course_graduates", params={}, target_value=7)
    _r, records = criterion_records(c2, 2019, AS_OF)
    assert records.total == 5 and "Kursist" not in str(records.rows)  # names stay on the certificates


def test_c3_ideas_realised_in_the_period(world):
    plan = world.plan_a
    Idea.objects.create(
        plan=plan,
        title="Plantekasser",
        proposed_on=D(2017, 4, 1),
        status=IdeaStatus.REALISED,
        realised_on=D(2017, 8, 1),
        support_given="Hjælp til fondsansøgning",
    )
    Idea.objects.create(
        plan=plan,
        title="Bytte-reol",
        proposed_on=D(2018, 4, 1),
        status=IdeaStatus.REALISED,
        realised_on=D(2019, 2, 1),
        support_given="Lokale",
    )
    Idea.objects.create(
        plan=plan, title="Cykelværksted", proposed_on=D(2018, 4, 1), status=IdeaStatus.PLANNING
    )
    Idea.objects.create(
        plan=plan,
        title="Gammel idé",
        proposed_on=D(2015, 1, 1),
        status=IdeaStatus.REALISED,
        realised_on=D(2016, 6, 1),
        support_given="Før planen",
    )
    assert values(plan, "ideas_realised", {"since": "year"}) == {2017: 1, 2018: 0, 2019: 1}
    # In the period from 1 January 2017: 1, 1, 2 (the idea of 2016 is before the period).
    period = values(plan, "ideas_realised", {"since": "period"}, period_start=D(2017, 1, 1))
    assert period == {2017: 1, 2018: 1, 2019: 2}
    c3 = builders.make_criterion(
        plan,
        "C3",
        metric="ideas_realised",
        params={"since": "period"},
        target_kind=TargetKind.DONE_BY_DATE,
        target_value=2,
        target_date=D(2020, 12, 31),
    )
    assert criterion_result(c3, 2019, AS_OF).status == Status.MET


@pytest.fixture
def boards(world):
    plan = world.plan_a
    handel = ChildrenBoard.objects.create(plan=plan, name="Händelsvej", established_on=D(2016, 9, 1))
    sjaelor = ChildrenBoard.objects.create(plan=plan, name="Sjælør", established_on=D(2018, 3, 1))
    ended = ChildrenBoard.objects.create(
        plan=plan, name="Schubertsvej", established_on=D(2017, 2, 1), ended_on=D(2017, 11, 30)
    )
    return {"handel": handel, "sjaelor": sjaelor, "ended": ended}


def test_d1_children_boards_established_by_a_date(world, boards):
    plan = world.plan_a
    # End of 2017: Händelsvej (Schubertsvej ended in November) = 1; end of 2018: + Sjælør = 2.
    assert values(plan, "children_boards") == {2017: 1, 2018: 2, 2019: 2}
    d1 = builders.make_criterion(
        plan,
        "D1",
        metric="children_boards",
        params={},
        target_kind=TargetKind.DONE_BY_DATE,
        target_value=2,
        target_date=D(2018, 12, 31),
    )
    assert criterion_result(d1, 2018, AS_OF).status == Status.MET
    # Seen on 1 March 2018 the target date is months away: 2 boards, met.
    # Seen on 30 June 2017 (Händelsvej and Schubertsvej: 2) it was met early too.
    assert criterion_result(d1, 2017, D(2017, 6, 30)).value == 2


def test_d2_the_smallest_board_counts_and_a_missing_board_gives_0(world, boards):
    plan = world.plan_a
    ChildrenBoardYear.objects.create(board=boards["handel"], year=2017, active_children=14)
    ChildrenBoardYear.objects.create(board=boards["handel"], year=2018, active_children=18)
    ChildrenBoardYear.objects.create(board=boards["sjaelor"], year=2018, active_children=15)
    # 2017: one board of two required -> 0; 2018: min(18, 15) = 15; 2019: no counts -> no data.
    assert values(plan, "children_board_active", {"boards_required": 2}) == {2017: 0, 2018: 15, 2019: None}
    d2 = builders.make_criterion(
        plan, "D2", metric="children_board_active", params={"boards_required": 2}, target_value=15
    )
    assert criterion_result(d2, 2018, AS_OF).status == Status.MET
    result = criterion_result(d2, 2017, AS_OF)
    assert result.status == Status.NOT_MET and any("1 of 2" in w for w in result.warnings)


def test_d3_share_of_children_who_felt_influence(world, boards):
    plan = world.plan_a
    ChildrenBoardSurvey.objects.create(
        board=boards["handel"], year=2018, children_asked=12, children_felt_influence=9
    )
    ChildrenBoardSurvey.objects.create(
        board=boards["sjaelor"], year=2018, children_asked=8, children_felt_influence=7
    )
    # (9 + 7) / (12 + 8) = 16 / 20 = 80 %; 2017: no survey -> no data.
    assert values(plan, "children_influence_share") == {2017: None, 2018: Decimal(80), 2019: None}
    d3 = builders.make_criterion(plan, "D3", metric="children_influence_share", params={}, target_value=75)
    assert criterion_result(d3, 2018, AS_OF).status == Status.MET
    assert any("Händelsvej" in w for w in criterion_result(d3, 2017, AS_OF).warnings)


def test_d4_attendance_in_departments_with_a_children_board(world, boards):
    from tests import factories

    plan = world.plan_a
    with_board = factories.make_department(plan, org="3B", area="Kgs. Enghave", code="3301")
    without = factories.make_department(plan, org="3B", area="Kgs. Enghave", code="3302")
    akb = factories.make_department(plan, org="AKB", area="Kgs. Enghave", code="1201")
    boards["handel"].departments.add(with_board)
    boards["sjaelor"].departments.add(akb)
    ResidentMeeting.objects.create(plan=plan, department=with_board, date=D(2018, 9, 5), attendance=30)
    ResidentMeeting.objects.create(plan=plan, department=with_board, date=D(2018, 3, 5), attendance=25)
    ResidentMeeting.objects.create(plan=plan, department=without, date=D(2018, 9, 6), attendance=10)
    ResidentMeeting.objects.create(plan=plan, department=akb, date=D(2018, 9, 7), attendance=40)
    three_b = [str(with_board.housing_organisation_id)]
    params = {"only_with_children_board": True, "housing_organisations": three_b}
    # 3B departments with a board: (30 + 25) / 2 = 27.5; 2017: no meetings -> no data.
    assert values(plan, "resident_meeting_attendance", params) == {
        2017: None,
        2018: Decimal("27.5"),
        2019: None,
    }
    # All departments with a board: (30 + 25 + 40) / 3 = 31.67 -> 31.7
    assert values(plan, "resident_meeting_attendance", {"only_with_children_board": True})[2018] == Decimal(
        "31.7"
    )
    d4 = builders.make_criterion(
        plan,
        "D4",
        metric="resident_meeting_attendance",
        params=params,
        target_kind=TargetKind.ABOVE_BY_YEAR,
        target_value=35,
        target_year=2020,
        baseline_value="25.6",
        baseline_year=2015,
    )
    # Path 25.6 -> 35 (2015 -> 2020): 2018 = 25.6 + 9.4 * 3/5 = 31.24; 27.5 is behind -> at risk.
    result = criterion_result(d4, 2018, AS_OF)
    assert (result.expected, result.status) == (Decimal("31.24"), Status.AT_RISK)


def test_network_meetings_at_least_every_8_weeks(world):
    plan = world.plan_a
    network = Network.objects.create(plan=plan, name="Praksisnetværk", interval_weeks=8)
    other = Network.objects.create(plan=plan, name="Sundhedssamarbejde", interval_weeks=26)
    for day in [
        D(2017, 11, 20),
        D(2018, 1, 15),
        D(2018, 3, 12),
        D(2018, 7, 2),
        D(2018, 8, 27),
        D(2018, 10, 22),
        D(2018, 12, 17),
    ]:
        NetworkMeeting.objects.create(network=network, date=day)
    NetworkMeeting.objects.create(network=other, date=D(2018, 3, 14))
    params = {"network": str(network.pk)}
    # 2018: the longest stretch is 12 March -> 2 July = 112 days = 16.0 weeks;
    # 2019 (as of 30 June): no meeting since 17 December 2018: 195 days = 27.9 weeks.
    assert values(plan, "network_interval", params, years=[2016, 2018, 2019]) == {
        2016: None,
        2018: Decimal("16.0"),
        2019: Decimal("27.9"),
    }
    n1 = builders.make_criterion(
        plan,
        "N1",
        metric="network_interval",
        params=params,
        target_kind=TargetKind.AT_MOST_PER_YEAR,
        target_value=8,
    )
    assert criterion_result(n1, 2018, AS_OF).status == Status.NOT_MET


@pytest.mark.parametrize("size", [0, 40], ids=["empty logbook", "full logbook"])
def test_dashboard_queries_do_not_grow_with_the_logbook(world, django_assert_num_queries, size):
    from django.urls import reverse

    from tests.conftest import client_for

    plan = world.plan_a
    for code, metric, params in [
        ("C1", "activity_participants", {"only_resident_initiated": True}),
        ("C2", "course_graduates", {}),
        ("C3", "ideas_realised", {"since": "period"}),
        ("D1", "children_boards", {}),
        ("D2", "children_board_active", {"boards_required": 2}),
        ("D3", "children_influence_share", {}),
        ("D4", "resident_meeting_attendance", {"only_with_children_board": True}),
        ("N1", "network_interval", {}),
    ]:
        builders.make_criterion(plan, code, metric=metric, params=params, target_value=10)
    from tests import factories

    department = factories.make_department(plan)
    cohort = CourseCohort.objects.create(plan=plan, name="Hold", start_date=D(2017, 1, 1))
    network = Network.objects.create(plan=plan, name="Netværk", interval_weeks=8)
    for n in range(size):
        day = D(2017 + n % 3, 1 + n % 12, 1 + n % 28)
        activity(plan, day, n, title=f"Aktivitet {n}")
        CourseGraduate.objects.create(cohort=cohort, name=f"Kursist {n}", completed_on=day)
        Idea.objects.create(
            plan=plan,
            title=f"Idé {n}",
            proposed_on=day,
            status=IdeaStatus.REALISED,
            realised_on=day,
            support_given="Støtte",
        )
        board = ChildrenBoard.objects.create(plan=plan, name=f"Bestyrelse {n}", established_on=D(2017, 1, 1))
        board.departments.add(department)
        ChildrenBoardYear.objects.create(board=board, year=2018, active_children=n)
        ChildrenBoardSurvey.objects.create(
            board=board, year=2018, children_asked=n, children_felt_influence=n
        )
        ResidentMeeting.objects.create(plan=plan, department=department, date=day, attendance=n)
        NetworkMeeting.objects.create(network=network, date=day)
    client = client_for(world.leader_a)
    url = reverse("reporting:dashboard_year", kwargs={"plan_id": plan.pk, "year": 2018})
    client.get(url)
    # 3 session, user, membership; 2 savepoint and release (ATOMIC_REQUESTS); 1 criteria with versions;
    # 1 the figures of every criterion and the warnings of D2 and D3, an aggregate per table, except
    # N1's (the stretches between network meetings), 1.
    with django_assert_num_queries(3 + 2 + 1 + 1 + 1):
        assert client.get(url).status_code == 200
