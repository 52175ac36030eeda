"""One rule of when a children's board or a course cohort exists, and everything that counts calls it.

The rule: from its first day to its last, both included. A board whose last day
is 31 December existed on 31 December, so it counts among the boards at the end
of that year on the dashboard, in the logbook's totals and in the status note.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Q

from activities import selectors
from activities.models import ChildrenBoard, CourseCohort, CourseSession, Span
from reporting.models import TargetKind
from reporting.notes.selectors import live_figures
from reporting.selectors import criteria_results
from tests.patching import patched_rule
from tests.reporting import builders as criteria

from . import builders

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2020, 1, 31)


@pytest.fixture
def boards_at_the_boundary(world):
    plan = world.plan_a
    builders.board(plan, name="Ends on New Year's Eve", established=D(2017, 3, 1), ended=D(2018, 12, 31))
    builders.board(plan, name="Ends the day before", established=D(2017, 3, 1), ended=D(2018, 12, 30))
    builders.board(plan, name="Established on New Year's Eve", established=D(2018, 12, 31))
    builders.board(plan, name="Ends on New Year's Day", established=D(2018, 6, 1), ended=D(2019, 1, 1))
    criteria.make_criterion(
        plan,
        "X",
        metric="children_boards",
        params={},
        target_kind=TargetKind.AT_LEAST_PER_YEAR,
        target_value=1,
    )
    return plan


def figures_at_the_end_of(plan, year):
    """The number of boards at the year's end on the dashboard, in the logbook totals and in the note."""
    dashboard = {r.code: r.value for r in criteria_results(plan, year, AS_OF)}["X"]
    totals = selectors.yearly_totals(plan, year).children_boards_at_year_end
    note = live_figures(plan, year)
    note_criterion = {c["code"]: c["value"] for c in note["criteria"]}["X"]
    note_logbook = {f["key"]: f["value"] for f in note["logbook"]}["children_boards_at_year_end"]
    return dashboard, totals, note_criterion, note_logbook


def test_a_board_whose_last_day_is_31_december_existed_on_31_december(boards_at_the_boundary):
    plan = boards_at_the_boundary
    # 31 Dec 2018: ends that day, established that day, ends on New Year's Day = 3 (not the one ended 30 Dec).
    assert figures_at_the_end_of(plan, 2018) == (3, 3, 3, 3)
    # 31 Dec 2019: only the one established on New Year's Eve 2018 is left.
    assert figures_at_the_end_of(plan, 2019) == (1, 1, 1, 1)
    names = sorted(b.name for b in selectors.children_boards_existing_on(plan, D(2018, 12, 31)))
    assert names == ["Ends on New Year's Day", "Ends on New Year's Eve", "Established on New Year's Eve"]
    # The model says the same of each board, one by one.
    assert sorted(b.name for b in ChildrenBoard.objects.all() if b.existed_on(D(2018, 12, 31))) == names


def test_a_board_exists_in_a_year_from_its_first_day_to_its_last(boards_at_the_boundary):
    plan = boards_at_the_boundary
    totals = selectors.totals_by_year(plan, [2018, 2019])
    # In 2019: the one ending on New Year's Day and the one established on New Year's Eve 2018.
    assert (totals[2018].children_boards_active, totals[2019].children_boards_active) == (4, 2)
    in_2019 = sorted(b.name for b in ChildrenBoard.objects.filter(plan=plan).existing_in(2019))
    assert in_2019 == ["Ends on New Year's Day", "Established on New Year's Eve"]
    assert sorted(b.name for b in ChildrenBoard.objects.all() if b.existed_in(2019)) == in_2019
    # A yearly count of children is accepted for a year the board existed in, refused for the next.
    last_day = ChildrenBoard.objects.get(name="Ends on New Year's Day")
    builders.board_year(last_day, year=2019, active=9).full_clean()
    with pytest.raises(ValidationError):
        builders.board_year(last_day, year=2020, active=9).full_clean()


def test_a_cohort_exists_on_its_last_day_and_not_the_day_after(world):
    cohort = builders.cohort(world.plan_a, start=D(2018, 2, 1), end=D(2018, 5, 1))
    assert list(CourseCohort.objects.existing_on(D(2018, 5, 1))) == [cohort]
    assert list(CourseCohort.objects.existing_on(D(2018, 5, 2))) == []
    CourseSession(cohort=cohort, date=D(2018, 5, 1), topic="Afslutning", attendees=8).full_clean()
    with pytest.raises(ValidationError):
        CourseSession(cohort=cohort, date=D(2018, 5, 2), topic="For sent", attendees=8).full_clean()


def test_the_dashboard_and_the_logbook_totals_call_the_same_span_rule(boards_at_the_boundary):
    plan = boards_at_the_boundary
    # Change the one rule (here: nothing exists) and every count follows it.
    with patched_rule(Span, "during", autospec=True, return_value=Q(pk__in=[])):
        assert figures_at_the_end_of(plan, 2018) == (0, 0, 0, 0)
        assert selectors.yearly_totals(plan, 2018).children_boards_active == 0
