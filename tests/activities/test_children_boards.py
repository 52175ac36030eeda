"""Children's boards: the boards, their monthly meetings, active children and the yearly survey."""

import datetime

import pytest

from activities.models import ChildrenBoard, ChildrenBoardMeeting, ChildrenBoardSurvey, ChildrenBoardYear
from tests import factories

from . import builders
from .conftest import url

pytestmark = pytest.mark.usefixtures("english")
D = datetime.date


def test_a_worker_sets_up_a_board_for_two_departments(as_worker, world):
    one = factories.make_department(world.plan_a, org="3B", code="3301")
    two = factories.make_department(world.plan_a, org="3B", code="3302")
    response = as_worker.post(
        url("children_board_create", world.plan_a),
        {
            "name": "Børnebestyrelsen Händelsvej",
            "departments": [one.pk, two.pk],
            "established_on": "2018-01-16",
        },
    )
    board = ChildrenBoard.objects.get()
    assert response["Location"] == board.get_absolute_url()
    assert set(board.departments.all()) == {one, two} and not board.district_level


def test_a_board_needs_departments_or_the_district_level(as_worker, world):
    response = as_worker.post(
        url("children_board_create", world.plan_a), {"name": "B", "established_on": "2018-01-16"}
    )
    assert response.context["form"].errors["departments"] == [
        "Choose the board's department(s), or mark it as district level."
    ]
    response = as_worker.post(
        url("children_board_create", world.plan_a),
        {"name": "B", "established_on": "2018-01-16", "district_level": "on"},
    )
    assert response.status_code == 302


def test_a_board_cannot_end_before_it_was_established(as_worker, world):
    response = as_worker.post(
        url("children_board_create", world.plan_a),
        {"name": "B", "district_level": "on", "established_on": "2018-01-16", "ended_on": "2017-12-01"},
    )
    assert response.context["form"].errors["ended_on"] == ["A board cannot end before it was established."]


def test_ending_a_board_before_its_last_meeting_is_refused(as_worker, world):
    board = builders.board(world.plan_a)
    builders.board_meeting(board, D(2018, 6, 5))
    response = as_worker.post(
        url("children_board_edit", world.plan_a, pk=board.pk),
        {
            "name": board.name,
            "district_level": "on",
            "established_on": "2018-01-15",
            "ended_on": "2018-05-31",
        },
    )
    assert response.context["form"].errors["ended_on"] == ["The board has meetings after this date."]


def test_the_monthly_meeting_is_logged_with_the_children_present(as_worker, world):
    board = builders.board(world.plan_a)
    add = url("children_board_meeting_create", world.plan_a, board_pk=board.pk)
    assert as_worker.post(add, {"date": "2018-02-20", "children_present": "11"}).status_code == 302
    meeting = ChildrenBoardMeeting.objects.get()
    assert meeting.children_present == 11
    # The same day twice is a double tap, not two meetings.
    response = as_worker.post(add, {"date": "2018-02-20", "children_present": "11"})
    assert response.context["form"].errors["date"] == ["The board already has a meeting on this date."]
    response = as_worker.post(add, {"date": "2017-12-01", "children_present": "11"})
    assert response.context["form"].errors["date"] == ["The board did not exist on this date."]
    response = as_worker.post(add, {"date": "2018-03-20", "children_present": "-1"})
    assert response.context["form"].errors["children_present"] == ["A number of people cannot be negative."]
    assert ChildrenBoardMeeting.objects.count() == 1


def test_active_children_per_year_once_per_year(as_worker, world):
    board = builders.board(world.plan_a)
    add = url("children_board_year_create", world.plan_a, board_pk=board.pk)
    assert as_worker.post(add, {"year": "2018", "active_children": "14"}).status_code == 302
    response = as_worker.post(add, {"year": "2018", "active_children": "15"})
    assert response.context["form"].errors["year"] == [
        "The board already has a figure for this year; edit it instead."
    ]
    response = as_worker.post(add, {"year": "2017", "active_children": "15"})
    assert response.context["form"].errors["year"] == ["The board did not exist in this year."]
    response = as_worker.post(add, {"year": "18", "active_children": "15"})
    assert response.context["form"].errors["year"] == ["Write the year with four digits, for example 2018."]
    assert list(ChildrenBoardYear.objects.values_list("year", "active_children")) == [(2018, 14)]


def test_the_survey_cannot_have_more_children_feeling_influence_than_asked(as_worker, world):
    board = builders.board(world.plan_a)
    add = url("children_board_survey_create", world.plan_a, board_pk=board.pk)
    response = as_worker.post(add, {"year": "2018", "children_asked": "12", "children_felt_influence": "13"})
    assert response.context["form"].errors["children_felt_influence"] == [
        "More children cannot have felt influence than were asked."
    ]
    assert not ChildrenBoardSurvey.objects.exists()
    assert (
        as_worker.post(
            add, {"year": "2018", "children_asked": "12", "children_felt_influence": "9"}
        ).status_code
        == 302
    )
    assert ChildrenBoardSurvey.objects.get().share_felt_influence == 0.75


def test_the_board_page_shows_years_surveys_and_meetings(as_worker, world):
    board = builders.board(world.plan_a)
    builders.board_meeting(board, D(2018, 2, 20), children=11)
    builders.board_year(board, 2018, 14)
    builders.survey(board, 2018, asked=12, felt=9)
    page = as_worker.get(board.get_absolute_url()).content.decode()
    assert "9 of 12" in page and "(75 %)" in page and ">14<" in page and "11 children" in page
