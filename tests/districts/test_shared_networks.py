"""Shared networks: one series of meetings several plans attend, seen and logged from each plan's logbook.

A caretaker of plan A sees and logs the district's shared meetings and still sees nothing of
plan B's own cases, residents or logbook; the coordinator sees the district and nothing of
any plan. A shared meeting counts once for each plan that came, with that plan's own people.
"""

import datetime

import pytest
from django.urls import reverse

from activities.selectors import yearly_totals
from helhedsplan.models import AuditEvent
from reporting.districts.models import SharedMeeting
from reporting.districts.selectors import plan_shared_meetings
from tests.activities import builders as lb
from tests.cases import builders as cb
from tests.conftest import client_for

from . import builders

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def network(world):
    n = builders.network(world.district, name="Praksisnetværk på Nørrebro", interval_weeks=8)
    sck = builders.party(builders.contract(world.district, {world.plan_a: 100, world.plan_b: 0}))
    n.contract = sck.contract
    n.save()
    builders.meeting(
        n,
        D(2018, 1, 9),
        plans={world.plan_a: 2, world.plan_b: 1},
        partners={sck: 2},
        minutes="Fælles referat",
    )
    builders.meeting(n, D(2018, 3, 6), plans={world.plan_a: 0, world.plan_b: 1})
    n.sck = sck
    return n


def test_a_caretaker_of_plan_a_sees_the_shared_meetings_from_the_logbook(world, network):
    client = client_for(world.worker_a)
    logbook = client.get(reverse("activities:logbook", kwargs={"plan_id": world.plan_a.pk}))
    shared_url = reverse("shared:network_list", kwargs={"plan_id": world.plan_a.pk})
    assert shared_url in logbook.content.decode()
    page = client.get(reverse("shared:network_detail", kwargs={"plan_id": world.plan_a.pk, "pk": network.pk}))
    assert page.status_code == 200
    html = page.content.decode()
    # Both meetings of the one series, with plan B's attendance too (it is the shared meeting's).
    assert "9. januar 2018" in html or "9 January 2018" in html
    assert world.plan_b.name in html
    meeting = network.meetings.get(date=D(2018, 1, 9))
    detail = client.get(meeting.url_in_plan(world.plan_a.pk))
    assert detail.status_code == 200 and "Fælles referat" in detail.content.decode()


def test_the_caretaker_still_sees_nothing_of_plan_bs_own_data(world, network):
    case_b = cb.make_case(world.plan_b, world.worker_b)
    activity_b = lb.activity(world.plan_b)
    client = client_for(world.worker_a)
    for url in (
        reverse("cases:case_detail", kwargs={"plan_id": world.plan_b.pk, "pk": case_b.pk}),
        reverse("cases:case_detail", kwargs={"plan_id": world.plan_a.pk, "pk": case_b.pk}),
        reverse("activities:activity_detail", kwargs={"plan_id": world.plan_a.pk, "pk": activity_b.pk}),
        reverse("activities:logbook", kwargs={"plan_id": world.plan_b.pk}),
    ):
        assert client.get(url).status_code == 404, url


def test_the_coordinator_reaches_no_case_resident_entry_or_logbook_of_any_plan(world, network):
    case = cb.make_case(world.plan_a, world.worker_a)
    resident = case.parties.first().resident
    activity = lb.activity(world.plan_a)
    client = client_for(world.coordinator)
    urls = [
        reverse("cases:case_list", kwargs={"plan_id": world.plan_a.pk}),
        reverse("cases:case_detail", kwargs={"plan_id": world.plan_a.pk, "pk": case.pk}),
        reverse("cases:resident_detail", kwargs={"plan_id": world.plan_a.pk, "pk": resident.pk}),
        reverse("cases:entry_log", kwargs={"plan_id": world.plan_a.pk, "pk": case.pk}),
        reverse("activities:logbook", kwargs={"plan_id": world.plan_b.pk}),
        reverse("activities:activity_detail", kwargs={"plan_id": world.plan_a.pk, "pk": activity.pk}),
        reverse("shared:network_detail", kwargs={"plan_id": world.plan_a.pk, "pk": network.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    denied = AuditEvent.objects.filter(user_id=world.coordinator.pk, action="denied", allowed=False)
    assert denied.count() == len(urls)
    overview = client.get(reverse("districts:overview", kwargs={"district_id": world.district.pk}))
    assert case.number not in overview.content.decode()


def test_the_coordinator_lands_on_the_district_overview(world):
    response = client_for(world.coordinator).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("districts:overview", kwargs={"district_id": world.district.pk})


def test_the_coordinators_network_page_shows_the_series_and_the_missed_meeting(world, network):
    builders.meeting(network, D(2018, 6, 26), plans={world.plan_a: 1})  # 1 May was missed
    response = client_for(world.coordinator).get(
        reverse("districts:network_detail", kwargs={"district_id": world.district.pk, "pk": network.pk})
    )
    assert response.status_code == 200
    late = [m.date for m in response.context["meetings"] if m.late]
    assert late == [D(2018, 6, 26)]
    assert response.context["network"].overdue
    assert "Fælles referat" not in response.content.decode()  # the minutes stay with the plans


def log_meeting(client, world, network, **data):
    url = reverse("shared:meeting_create", kwargs={"plan_id": world.plan_a.pk, "network_pk": network.pk})
    a, b = world.plan_a.pk, world.plan_b.pk
    post = {
        "date": "2018-05-01",
        "convener": "SCK",
        f"plan_{a}_invited": "on",
        f"plan_{a}_attendees": "2",
        f"plan_{a}_points": "Fogedsager i kalenderen",
        f"plan_{b}_invited": "on",
        f"plan_{b}_attendees": "",
        f"party_{network.sck.pk}": "1",
        "agenda": "",
        "minutes": "",
    }
    post.update(data)
    return client.post(url, post)


def test_a_caretaker_logs_a_shared_meeting_with_each_plans_attendance(world, network):
    response = log_meeting(client_for(world.worker_a), world, network)
    assert response.status_code == 302
    meeting = SharedMeeting.objects.get(network=network, date=D(2018, 5, 1))
    rows = {r.plan_id: (r.invited, r.attendees, r.agenda_points) for r in meeting.plan_rows.all()}
    assert rows == {world.plan_a.pk: (True, 2, "Fogedsager i kalenderen"), world.plan_b.pk: (True, 0, "")}
    assert [(r.party_id, r.attendees) for r in meeting.partner_rows.all()] == [(network.sck.pk, 1)]
    # Plan B's caretaker sees the same meeting, not a copy.
    page = client_for(world.worker_b).get(meeting.url_in_plan(world.plan_b.pk))
    assert page.status_code == 200 and "Fogedsager i kalenderen" in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date", "2018-01-09", "already has a meeting"),
        ("attendees_a", "-3", "negative"),
        ("attendees_a", "mange", "whole number"),
        ("attendees_a", "", "at least one plan"),
    ],
)
def test_bad_input_gets_a_message_not_a_500(world, network, english, field, value, message):
    if field == "attendees_a":
        field = f"plan_{world.plan_a.pk}_attendees"
    response = log_meeting(client_for(world.worker_a), world, network, **{field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SharedMeeting.objects.filter(network=network, date=D(2018, 5, 1)).exists()


def test_a_shared_meeting_counts_once_per_plan_that_came_and_never_in_the_plans_own_networks(world, network):
    # Plan A: invited to 2 meetings in 2018, came to 1 with 2 people. Plan B: came to both, 1 each.
    assert plan_shared_meetings(world.plan_a, 2018) == {"invited": 2, "attended": 1, "people": 2}
    assert plan_shared_meetings(world.plan_b, 2018) == {"invited": 2, "attended": 2, "people": 2}
    # The district counts each meeting once, however many plans came.
    assert network.meetings.filter(date__year=2018).count() == 2
    # The plan's own logbook figure counts its own networks' meetings only.
    assert yearly_totals(world.plan_a, 2018).network_meetings == 0
