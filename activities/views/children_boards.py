"""Children's boards: the boards, their monthly meetings, active children and the yearly survey."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from helhedsplan.access import TEAM, get_in_plan, plan_view
from helhedsplan.views.editing import edit_page

from .. import selectors
from ..forms import BoardMeetingForm, BoardSurveyForm, BoardYearForm, ChildrenBoardForm
from ..models import ChildrenBoard, ChildrenBoardMeeting, ChildrenBoardSurvey, ChildrenBoardYear
from .editing import FORM_TEMPLATE

CONTEXT = {"active": "boards"}


@plan_view(*TEAM)
def children_board_list(request):
    boards = selectors.children_boards_overview(request.plan).order_by("ended_on", "established_on", "name")
    return render(request, "activities/children_board_list.html", {"boards": boards, **CONTEXT})


@plan_view(*TEAM)
def children_board_detail(request, pk):
    board = get_in_plan(
        request,
        ChildrenBoard.objects.select_related("initiative").prefetch_related(
            "departments__housing_organisation"
        ),
        pk=pk,
    )
    years = {row.year: {"year": row.year, "figure": row} for row in board.years.all()}
    for survey in board.surveys.all():
        years.setdefault(survey.year, {"year": survey.year})["survey"] = survey
    return render(
        request,
        "activities/children_board_detail.html",
        {
            "board": board,
            "meetings": board.meetings.order_by("-date"),
            "years": [years[y] for y in sorted(years, reverse=True)],
            **CONTEXT,
        },
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def children_board_edit(request, pk=None):
    board = get_in_plan(request, ChildrenBoard, pk=pk) if pk else None
    return edit_page(
        request,
        template=FORM_TEMPLATE,
        plan=request.plan,
        form_class=ChildrenBoardForm,
        instance=board,
        title=_("Edit children's board") if board else _("New children's board"),
        success_url=lambda obj: obj.get_absolute_url(),
        cancel_url=board.get_absolute_url()
        if board
        else reverse("activities:children_board_list", kwargs={"plan_id": request.plan.pk}),
        context=CONTEXT,
    )


def _children_board_part_page(request, board_pk, pk, *, model, form_class, titles, delete_type=None):
    board = get_in_plan(request, ChildrenBoard, pk=board_pk)
    obj = get_in_plan(request, model, "board__plan", pk=pk, board=board) if pk else model(board=board)
    return edit_page(
        request,
        template=FORM_TEMPLATE,
        plan=request.plan,
        form_class=form_class,
        instance=obj,
        title=titles[1] if pk else titles[0],
        success_url=board.get_absolute_url(),
        context={**CONTEXT, "parent": board, "delete_type": delete_type if pk else None, "entry": obj},
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def children_board_meeting_edit(request, board_pk, pk=None):
    return _children_board_part_page(
        request,
        board_pk,
        pk,
        model=ChildrenBoardMeeting,
        form_class=BoardMeetingForm,
        titles=(_("Log a board meeting"), _("Edit board meeting")),
        delete_type="board_meeting",
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def children_board_year_edit(request, board_pk, pk=None):
    return _children_board_part_page(
        request,
        board_pk,
        pk,
        model=ChildrenBoardYear,
        form_class=BoardYearForm,
        titles=(_("Active children in a year"), _("Edit active children")),
    )


@plan_view(*TEAM, methods=("GET", "POST"))
def children_board_survey_edit(request, board_pk, pk=None):
    return _children_board_part_page(
        request,
        board_pk,
        pk,
        model=ChildrenBoardSurvey,
        form_class=BoardSurveyForm,
        titles=(_("The year's survey"), _("Edit survey")),
    )
