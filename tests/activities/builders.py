"""Builders for logbook test data. Counts are the point; the few names are fictional."""

import datetime

from activities import services
from activities.models import (
    Activity,
    ActivityKind,
    ChildrenBoard,
    ChildrenBoardMeeting,
    ChildrenBoardSurvey,
    ChildrenBoardYear,
    CourseCohort,
    CourseGraduate,
    CourseSession,
    Idea,
    IdeaStatus,
    InitiatedBy,
    Network,
    NetworkMeeting,
    ResidentMeeting,
)
from tests import factories

D = datetime.date
# Default dates (module constants, so no call sits in an argument default).
MAY_2018 = D(2018, 5, 5)
FEB_2018 = D(2018, 2, 1)
MAY_1_2018 = D(2018, 5, 1)
JAN_2018 = D(2018, 1, 15)
SEP_2018 = D(2018, 9, 10)
JAN_9_2018 = D(2018, 1, 9)


def kind(plan, standard=ActivityKind.Standard.FLEA_MARKET) -> ActivityKind:
    services.activity_kinds_ensure_standard(plan=plan)
    return ActivityKind.objects.get(plan=plan, standard=standard)


def activity(
    plan,
    *,
    date=MAY_2018,
    residents=10,
    children=0,
    others=0,
    volunteers=0,
    initiated_by=InitiatedBy.RESIDENTS,
    title="Loppemarked",
    **fields,
) -> Activity:
    fields.setdefault("kind", kind(plan))
    return Activity.objects.create(
        plan=plan,
        title=title,
        date=date,
        initiated_by=initiated_by,
        participants_residents=residents,
        participants_children=children,
        participants_others=others,
        volunteers=volunteers,
        **fields,
    )


def cohort(plan, *, name="Naboskaber 2018", start=FEB_2018, end=MAY_1_2018, **fields) -> CourseCohort:
    return CourseCohort.objects.create(plan=plan, name=name, start_date=start, end_date=end, **fields)


def session(cohort, *, date=None, topic="Konflikter", attendees=8) -> CourseSession:
    return CourseSession.objects.create(
        cohort=cohort, date=date or cohort.start_date, topic=topic, attendees=attendees
    )


def graduate(cohort, name="Åse Prøvesen", completed_on=None) -> CourseGraduate:
    return CourseGraduate.objects.create(
        cohort=cohort, name=name, completed_on=completed_on or cohort.end_date
    )


def idea(plan, *, title="Højbede", status=IdeaStatus.IDEA, realised_on=None, **fields) -> Idea:
    if status == IdeaStatus.REALISED:
        fields.setdefault("support_given", "Hjælp til ansøgning")
    fields.setdefault("proposed_on", D(2017, 4, 1))
    return Idea.objects.create(plan=plan, title=title, status=status, realised_on=realised_on, **fields)


def board(
    plan, *, name="Børnebestyrelsen", established=JAN_2018, ended=None, departments=()
) -> ChildrenBoard:
    b = ChildrenBoard.objects.create(
        plan=plan, name=name, established_on=established, ended_on=ended, district_level=not departments
    )
    b.departments.set(departments)
    return b


def board_meeting(board, date=None, children=10) -> ChildrenBoardMeeting:
    return ChildrenBoardMeeting.objects.create(
        board=board, date=date or board.established_on, children_present=children
    )


def board_year(board, year=2018, active=12) -> ChildrenBoardYear:
    return ChildrenBoardYear.objects.create(board=board, year=year, active_children=active)


def survey(board, year=2018, asked=12, felt=9) -> ChildrenBoardSurvey:
    return ChildrenBoardSurvey.objects.create(
        board=board, year=year, children_asked=asked, children_felt_influence=felt
    )


def resident_meeting(plan, department=None, *, date=SEP_2018, attendance=30) -> ResidentMeeting:
    department = department or factories.make_department(plan)
    return ResidentMeeting.objects.create(plan=plan, department=department, date=date, attendance=attendance)


def network(plan, *, name="Praksisnetværk", interval_weeks=8, **fields) -> Network:
    return Network.objects.create(plan=plan, name=name, interval_weeks=interval_weeks, **fields)


def network_meeting(network, date=JAN_9_2018, partners=()) -> NetworkMeeting:
    m = NetworkMeeting.objects.create(network=network, date=date, agenda="1. Nyt")
    m.partners_present.set(partners)
    return m
