"""The logbook's totals and the success-criterion metrics count with the same rules.

Each test changes one rule of `activities.models` and shows that both the yearly
totals (logbook page, status note) and the metric (dashboard) follow it.
"""

import datetime

import pytest
from django.db.models import Q

from activities import selectors
from activities.models import (
    ActivityQuerySet,
    IdeaQuerySet,
    IdeaStatus,
    InitiatedBy,
    ResidentMeetingQuerySet,
)
from helhedsplan.metrics import Window, catalogue
from tests import factories
from tests.patching import patched_rule

from . import builders

pytestmark = pytest.mark.django_db
D = datetime.date


def metric(plan, key, **params):
    window = Window(plan=plan, params=params, years=[2018], as_of=D(2019, 6, 30))
    return catalogue[key].values(window)[2018]


def test_initiated_by_residents(world):
    plan = world.plan_a
    builders.activity(plan, date=D(2018, 3, 1), residents=20, initiated_by=InitiatedBy.RESIDENTS)
    builders.activity(plan, date=D(2018, 4, 1), residents=7, initiated_by=InitiatedBy.PARTNER)
    totals = lambda: selectors.yearly_totals(plan, 2018).resident_initiated_participants  # noqa: E731
    counted = lambda: metric(plan, "activity_participants", only_resident_initiated=True)  # noqa: E731
    assert (totals(), counted()) == (20, 20)
    partner = Q(initiated_by=InitiatedBy.PARTNER)
    with patched_rule(ActivityQuerySet, "by_residents", return_value=partner):
        assert (totals(), counted()) == (7, 7)


def test_realised_with_the_plans_support(world):
    plan = world.plan_a
    builders.idea(plan, status=IdeaStatus.REALISED, realised_on=D(2018, 5, 1))
    builders.idea(plan, title="Droppet", status=IdeaStatus.DROPPED, realised_on=D(2018, 6, 1))
    totals = lambda: selectors.yearly_totals(plan, 2018).ideas_realised  # noqa: E731
    assert (totals(), metric(plan, "ideas_realised")) == (1, 1)
    with patched_rule(IdeaQuerySet, "realised_q", return_value=Q(status__in=["realised", "dropped"])):
        assert (totals(), metric(plan, "ideas_realised")) == (2, 2)


def test_a_meeting_in_a_department_with_a_childrens_board(world):
    plan = world.plan_a
    with_board = factories.make_department(plan, org="3B", code="3301")
    without = factories.make_department(plan, org="3B", code="3302")
    builders.board(plan, departments=[with_board])
    builders.resident_meeting(plan, with_board, date=D(2018, 3, 1), attendance=30)
    builders.resident_meeting(plan, without, date=D(2018, 4, 1), attendance=10)
    totals = lambda: selectors.yearly_totals(plan, 2018).board_department_attendance_avg  # noqa: E731
    counted = lambda: metric(plan, "resident_meeting_attendance", only_with_children_board=True)  # noqa: E731
    assert (totals(), counted()) == (30, 30)
    with patched_rule(ResidentMeetingQuerySet, "in_children_board_department", return_value=Q()):
        assert (totals(), counted()) == (20, 20)
