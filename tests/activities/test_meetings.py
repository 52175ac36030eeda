"""Resident meetings and the networks with partners: when is the next meeting due?"""

import datetime

import pytest
from django.utils import timezone

from activities import selectors
from activities.models import Network, NetworkMeeting, ResidentMeeting
from tests import factories

from . import builders
from .conftest import url

pytestmark = pytest.mark.usefixtures("english")
D = datetime.date
WEEK = datetime.timedelta(weeks=1)


def test_a_resident_meeting_is_logged_with_its_attendance(as_worker, world, department_a):
    add = url("resident_meeting_create", world.plan_a)
    response = as_worker.post(add, {"department": department_a.pk, "date": "2018-09-10", "attendance": "29"})
    assert response.status_code == 302
    assert ResidentMeeting.objects.get().attendance == 29
    response = as_worker.post(add, {"department": department_a.pk, "date": "2018-09-10", "attendance": "29"})
    assert response.context["form"].errors["date"] == [
        "This department already has a resident meeting on this date."
    ]
    response = as_worker.post(
        add, {"department": department_a.pk, "date": "2018-09-11", "attendance": "mange"}
    )
    assert response.context["form"].errors["attendance"] == ["Write a whole number, for example 12."]
    assert ResidentMeeting.objects.count() == 1


def test_the_resident_meetings_page_averages_per_department_and_year(as_worker, world, department_a):
    builders.resident_meeting(world.plan_a, department_a, date=D(2018, 3, 1), attendance=25)
    builders.resident_meeting(world.plan_a, department_a, date=D(2018, 9, 1), attendance=30)
    builders.board(world.plan_a, departments=[department_a])
    response = as_worker.get(url("resident_meeting_list", world.plan_a))
    (row,) = response.context["averages"]
    assert (row["year"], row["meetings"], float(row["average"])) == (2018, 2, 27.5)  # (25 + 30) / 2
    assert (
        "children&#x27;s board" in response.content.decode()
        or "children's board" in response.content.decode()
    )


def test_a_network_with_partners_and_its_meetings(as_worker, world):
    sof = factories.make_partner(world.plan_a, name="SOF Borgercenter Voksne")
    police = factories.make_partner(world.plan_a, name="Lokalpolitiet")
    guest = factories.make_partner(world.plan_a, name="Café Rose")
    response = as_worker.post(
        url("network_create", world.plan_a),
        {"name": "Praksisnetværk", "interval_weeks": "8", "partners": [sof.pk, police.pk], "is_active": "on"},
    )
    network = Network.objects.get()
    assert response["Location"] == network.get_absolute_url()
    # The network's own partners are offered first when a meeting is logged.
    form = as_worker.get(url("network_meeting_create", world.plan_a, network_pk=network.pk)).context["form"]
    assert list(form.fields["partners_present"].queryset)[:2] == [police, sof]
    assert list(form.fields["partners_present"].queryset)[2] == guest
    response = as_worker.post(
        url("network_meeting_create", world.plan_a, network_pk=network.pk),
        {
            "date": "2018-01-09",
            "partners_present": [sof.pk, guest.pk],
            "agenda": "1. Nyt",
            "minutes": "Referat",
        },
    )
    meeting = NetworkMeeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    assert set(meeting.partners_present.all()) == {sof, guest}
    page = as_worker.get(meeting.get_absolute_url()).content.decode()
    assert "Referat" in page and "Café Rose" in page


@pytest.mark.parametrize(
    ("weeks", "message"), [("0", "at most once a week"), ("105", "at most 104"), ("otte", "whole number")]
)
def test_the_interval_must_be_sensible(as_worker, world, weeks, message):
    response = as_worker.post(url("network_create", world.plan_a), {"name": "N", "interval_weeks": weeks})
    assert message in response.context["form"].errors["interval_weeks"][0]


def test_the_next_meeting_is_due_one_interval_after_the_last():
    network = Network(interval_weeks=8, is_active=True)
    last = D(2019, 11, 5)
    assert network.next_due(last) == D(2019, 12, 31)  # 5 November + 56 days
    assert not network.is_overdue(last, today=D(2019, 12, 31))
    assert network.is_overdue(last, today=D(2020, 1, 1))
    assert network.next_due(None) is None and not network.is_overdue(None, today=D(2020, 1, 1))
    network.is_active = False
    assert not network.is_overdue(last, today=D(2020, 1, 1))


def test_the_network_pages_flag_an_overdue_meeting(as_worker, world):
    today = timezone.localdate()
    overdue = builders.network(world.plan_a, name="Praksisnetværk", interval_weeks=8)
    builders.network_meeting(overdue, today - 9 * WEEK)
    on_time = builders.network(world.plan_a, name="Sundhedssamarbejde", interval_weeks=26)
    builders.network_meeting(on_time, today - 4 * WEEK)
    response = as_worker.get(url("network_list", world.plan_a))
    flags = {n.name: (n.due, n.overdue) for n in response.context["networks"]}
    assert flags == {
        "Praksisnetværk": (today - 1 * WEEK, True),
        "Sundhedssamarbejde": (today + 22 * WEEK, False),
    }
    page = as_worker.get(overdue.get_absolute_url()).content.decode()
    assert "Overdue: the next meeting was due" in page
    assert "Overdue" not in as_worker.get(on_time.get_absolute_url()).content.decode()


def test_a_missed_meeting_shows_as_a_long_gap(world):
    network = builders.network(world.plan_a, interval_weeks=8)
    for day in (D(2018, 1, 9), D(2018, 3, 6), D(2018, 6, 26)):  # 8 weeks, then 16 weeks
        builders.network_meeting(network, day)
    meetings = selectors.network_meetings_with_gaps(network)
    assert [(m.date, m.weeks_since_previous, m.late) for m in meetings] == [
        (D(2018, 6, 26), 16.0, True),
        (D(2018, 3, 6), 8.0, False),
        (D(2018, 1, 9), None, False),
    ]
