"""Never miss a date: the calendar feeds carry dates, case numbers and links, and nothing personal."""

import datetime

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from activities.models import (
    ChildrenBoard,
    ChildrenBoardMeeting,
    CourseCohort,
    CourseSession,
    Network,
    NetworkMeeting,
)
from cases.models import CaseType, Task
from reporting.agenda.models import CalendarFeed
from reporting.agenda.services import calendar_feed_create
from tests.cases.builders import make_case, make_resident
from tests.conftest import client_for

TODAY = datetime.date.today()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def events(response) -> dict[str, datetime.date]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["summary"]): e.decoded("dtstart") for e in calendar.walk("VEVENT")}


@pytest.fixture
def busy(world):
    """A caretaker's eviction case with a bailiff's date and a task; the plan's meetings."""
    resident = make_resident(
        world.plan_a, world.worker_a, name="Frida Fogedsen", address="Hemmelig Vej 3, 2. th."
    )
    case = make_case(
        world.plan_a,
        world.worker_a,
        case_type=CaseType.EVICTION_PREVENTION,
        residents=[resident],
        opened_on=days(-3),
        today=TODAY,
        eviction_scheduled_on=days(-3),
        bailiff_date=days(21),
    )
    Task.objects.create(case=case, text="Ring til Frida Fogedsen", due_on=days(2), assignee=world.worker_a)
    network = Network.objects.create(plan=world.plan_a, name="Netværk Udsatte", interval_weeks=8)
    NetworkMeeting.objects.create(network=network, date=days(-7))
    board = ChildrenBoard.objects.create(
        plan=world.plan_a, name="Børnebestyrelsen Nord", established_on=days(-400)
    )
    ChildrenBoardMeeting.objects.create(board=board, date=days(5), children_present=8)
    cohort = CourseCohort.objects.create(plan=world.plan_a, name="Naboskaber efterår", start_date=days(-10))
    CourseSession.objects.create(cohort=cohort, date=days(3), topic="Konflikter", attendees=9)
    return case


def test_the_personal_feed_has_bailiffs_dates_tasks_and_meetings_without_personal_data(world, busy):
    feed = calendar_feed_create(user=world.worker_a)
    response = Client().get(feed.get_absolute_url())  # a calendar client: no login, Danish by default
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    found = events(response)
    assert found == {
        f"Fogeddato – sag #{busy.pk}": days(21),
        f"Opgave – sag #{busy.pk}": days(2),
        "Netværksmøde: Netværk Udsatte": days(-7),
        "Netværksmøde forfalder: Netværk Udsatte": days(49),
        "Børnebestyrelsesmøde: Børnebestyrelsen Nord": days(5),
        "Kursusgang: Naboskaber efterår": days(3),
    }
    text = response.content.decode()
    for secret in ("Frida", "Fogedsen", "Hemmelig Vej", "Ring til"):
        assert secret not in text
    assert f"/plans/{world.plan_a.pk}/cases/{busy.pk}/" in text


def test_the_plan_feed_has_the_meetings_only(world, busy):
    feed = calendar_feed_create(user=world.board_a, plan=world.plan_a)
    found = events(Client().get(feed.get_absolute_url()))
    assert set(found) == {
        "Netværksmøde: Netværk Udsatte",
        "Netværksmøde forfalder: Netværk Udsatte",
        "Børnebestyrelsesmøde: Børnebestyrelsen Nord",
        "Kursusgang: Naboskaber efterår",
    }


def test_a_revoked_or_replaced_address_answers_404(world, busy):
    client = client_for(world.worker_a)
    page = reverse("agenda:calendar", kwargs={"plan_id": world.plan_a.pk})
    client.post(page, {"scope": "personal", "action": "create"})
    first = CalendarFeed.objects.get(user=world.worker_a)
    assert Client().get(first.get_absolute_url()).status_code == 200
    assert first.token in client.get(page).content.decode()

    client.post(page, {"scope": "personal", "action": "create"})  # a new address: the old one stops
    assert Client().get(first.get_absolute_url()).status_code == 404
    second = CalendarFeed.objects.get(user=world.worker_a, revoked_at__isnull=True)
    client.post(page, {"scope": "personal", "action": "revoke"})
    assert Client().get(second.get_absolute_url()).status_code == 404
    assert Client().get(reverse("calendar_feed") + "?key=guessed").status_code == 404


def test_a_former_member_loses_the_plan_feed(world, busy):
    feed = calendar_feed_create(user=world.worker_a, plan=world.plan_a)
    world.worker_a.memberships.all().delete()
    assert Client().get(feed.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_a_busy_caretakers_feed_takes_the_same_queries(world, busy, django_assert_num_queries, count):
    for i in range(count):
        case = make_case(
            world.plan_a,
            world.worker_a,
            case_type=CaseType.EVICTION_PREVENTION,
            opened_on=days(-3),
            today=TODAY,
            eviction_scheduled_on=days(-3),
            bailiff_date=days(10 + i),
        )
        Task.objects.create(case=case, text="Opgave", due_on=days(i % 9), assignee=world.worker_a)
    feed = calendar_feed_create(user=world.worker_a)
    # SAVEPOINT (the request's transaction), the feed with its user, the user's memberships, the
    # bailiff's dates, the tasks, network meetings, networks with their last meeting, children's board
    # meetings, course sessions, RELEASE SAVEPOINT
    with django_assert_num_queries(10):
        response = Client().get(feed.get_absolute_url())
    assert response.status_code == 200
    assert len(events(response)) == 2 * (count + 1) + 4
