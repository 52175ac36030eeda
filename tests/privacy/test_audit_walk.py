"""Every page of personal data writes exactly one audit event per request; refusals are logged too."""

import pytest
from django.urls import reverse

from helhedsplan.models import AuditAction, AuditEvent
from tests.conftest import client_for
from tests.privacy import walk
from tests.rules import BOARD, PlanRule
from tests.test_access_matrix import RULES


@pytest.fixture
def populated(populated_once):
    """The populated world, written once for this module (each test writes in a savepoint of its own)."""
    return populated_once


pytestmark = pytest.mark.django_db

#: URL namespaces whose pages show residents' data.
PERSONAL_DATA = ("cases:", "privacy:")
#: Pages elsewhere that show residents: course graduates (names, certificates) and the drill-downs
#: behind the case criteria, which list cases and entries.
PERSONAL_PAGES = {
    "activities:cohort_detail",
    "activities:graduate_edit",
    "activities:graduate_certificate",
    "activities:cohort_certificates",
    "reporting:drilldown",
}
PAGES = sorted(
    n
    for n, r in RULES.items()
    if (n.startswith(PERSONAL_DATA) or n in PERSONAL_PAGES) and isinstance(r, PlanRule)
)


def _graduate_is_a_resident(world):
    type(world.logbook_graduate_a).objects.filter(pk=world.logbook_graduate_a.pk).update(
        resident=world.resident_a
    )


def _drilldown_lists_entries(world):
    """Plan A's criterion counts case entries (like A2), and plan A's entry falls in the year shown."""
    from cases.models import Entry
    from tests.reporting.rules import YEAR

    world.criterion_version_a.__class__.objects.filter(pk=world.criterion_version_a.pk).update(
        metric="case_entries", params={}
    )
    entry = world.entry_a
    Entry.objects.filter(pk=entry.pk).update(occurred_at=entry.occurred_at.replace(year=YEAR))


#: Data a page needs to show what it shows in real use.
PREPARE = {
    "activities:cohort_detail": _graduate_is_a_resident,
    "activities:graduate_edit": _graduate_is_a_resident,
    "activities:graduate_certificate": _graduate_is_a_resident,
    "activities:cohort_certificates": _graduate_is_a_resident,
    "reporting:drilldown": _drilldown_lists_entries,
}
#: Pages a GET opens (POST-only views answer a GET with 405 and show nothing).
OPENED = [n for n in PAGES if RULES[n].status != 405]
#: Pages that list or search: the event names the records shown.
LISTS = {
    "cases:caseload": AuditAction.LIST,
    "cases:case_list": AuditAction.LIST,
    "cases:case_export": AuditAction.EXPORT,
    "cases:resident_list": AuditAction.LIST,
    "cases:resident_search": AuditAction.SEARCH,
}


def new_events(since: int):
    return list(AuditEvent.objects.filter(pk__gt=since).order_by("pk"))


def last_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


@pytest.mark.parametrize("name", OPENED)
def test_one_event_per_request_for_the_user_allowed(populated, name):
    PREPARE.get(name, lambda world: None)(populated)
    page = walk.page_named(populated, name)
    user = walk.user_of(populated, page.persona)
    client = client_for(user)
    since = last_id()
    response = client.get(page.url)
    assert response.status_code == page.status
    events = new_events(since)
    assert len(events) == 1, f"{page.url}: {[(e.action, e.object_type) for e in events]}"
    [event] = events
    assert event.allowed and event.user_id == user.pk and event.plan_id == populated.plan_a.pk
    assert event.path == page.url.split("?")[0]
    if name in LISTS:
        assert event.action == LISTS[name], name
        assert event.object_ids or name == "cases:caseload", name  # the leader's own caseload is empty
    elif set(RULES[name].kwargs(populated)) != {"plan_id"}:  # a page of one record
        assert event.object_ids, f"{name}: the event names no record"
        assert event.resident_ids, f"{name}: the event names no resident"


@pytest.mark.parametrize("name", PAGES)
def test_refused_attempts_write_one_denied_event(populated, name):
    r = RULES[name]
    url = reverse(name, kwargs=r.kwargs(populated)) + (r.query or "")
    outsider = populated.worker_b  # not a member of plan A: 404
    refused = [outsider] + ([populated.board_a] if BOARD not in r.roles else [])  # wrong role: 403
    for user in refused:
        client = client_for(user)  # (logging in is an event of its own)
        since = last_id()
        assert client.get(url).status_code in (403, 404)
        events = new_events(since)
        assert len(events) == 1, [(e.action, e.username, e.reason) for e in events]
        [event] = events
        assert event.action == AuditAction.DENIED and not event.allowed and event.user_id == user.pk


@pytest.mark.parametrize("name", sorted(n for n in PAGES if RULES[n].foreign))
def test_another_plans_record_is_a_denied_event(populated, name):
    r = RULES[name]
    client = client_for(populated.leader_a)
    since = last_id()
    assert client.get(reverse(name, kwargs=r.foreign(populated))).status_code == 404
    [event] = new_events(since)
    assert event.action == AuditAction.DENIED and event.reason == "not found in the plan"


def test_a_search_logs_its_terms_and_the_residents_found(populated):
    url = reverse("cases:resident_list", kwargs={"plan_id": populated.plan_a.pk})
    client_for(populated.worker_a).get(url, {"q": "Rita"})
    event = AuditEvent.objects.filter(action=AuditAction.SEARCH).get()
    assert event.search_terms == "Rita"
    assert event.object_ids == [populated.resident_a.pk]
    assert AuditEvent.objects.for_resident(populated.resident_a.pk).filter(pk=event.pk).exists()


def test_changes_are_audited_with_the_new_record(populated):
    url = reverse("cases:resident_create", kwargs={"plan_id": populated.plan_a.pk})
    response = client_for(populated.worker_a).post(url, {"name": "Ny Beboer Fiktiv", "address": "Nyvej 1"})
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action=AuditAction.CREATE).get()
    from cases.models import Resident

    assert event.object_type == "resident"
    assert event.object_ids == [Resident.objects.get(name="Ny Beboer Fiktiv").pk]


def test_a_new_course_graduate_is_audited_by_id(populated):
    cohort = populated.logbook_cohort_a
    url = reverse(
        "activities:graduate_create", kwargs={"plan_id": populated.plan_a.pk, "cohort_pk": cohort.pk}
    )
    client = client_for(populated.worker_a)  # (logging in is an event of its own)
    since = last_id()
    response = client.post(url, {"name": "Ny Dimittend Fiktiv", "completed_on": "2018-06-01"})
    assert response.status_code == 302
    [event] = new_events(since)
    graduate = cohort.graduates.get(name="Ny Dimittend Fiktiv")
    assert (event.action, event.object_type, event.object_ids) == (
        AuditAction.CREATE,
        "course_graduate",
        [graduate.pk],
    )


def test_opening_a_case_for_a_resident_logs_the_resident(populated):
    resident = populated.resident_a
    url = reverse("cases:case_open", kwargs={"plan_id": populated.plan_a.pk}) + f"?resident={resident.pk}"
    client = client_for(populated.worker_a)  # (logging in is an event of its own)
    since = last_id()
    assert client.get(url).status_code == 200
    [event] = new_events(since)
    assert event.resident_id_list == [resident.pk] and event.object_ids == [resident.pk]


def test_an_entry_page_names_the_entry(populated):
    entry = populated.entry_a
    url = reverse(
        "cases:entry_correct",
        kwargs={"plan_id": populated.plan_a.pk, "pk": entry.case_id, "entry_pk": entry.pk},
    )
    client = client_for(populated.worker_a)  # (logging in is an event of its own)
    since = last_id()
    assert client.get(url).status_code == 200
    [event] = new_events(since)
    assert (event.object_type, event.object_ids) == ("entry", [entry.pk])
    assert set(event.resident_id_list) == {populated.resident_a.pk, populated.party_a.resident_id}


def test_removing_a_resident_from_a_case_names_the_removed_resident(populated):
    party = populated.party_a
    url = reverse(
        "cases:party_remove",
        kwargs={"plan_id": populated.plan_a.pk, "pk": party.case_id, "party_pk": party.pk},
    )
    client = client_for(populated.worker_a)  # (logging in is an event of its own)
    since = last_id()
    assert client.post(url).status_code == 302
    [event] = new_events(since)
    assert event.action == AuditAction.UPDATE and event.object_ids == [party.case_id]
    assert party.resident_id in event.resident_id_list


def test_asking_to_delete_a_course_graduate_and_deleting_are_audited(populated):
    _graduate_is_a_resident(populated)
    graduate = populated.logbook_graduate_a
    url = reverse(
        "activities:entry_delete",
        kwargs={"plan_id": populated.plan_a.pk, "entry_type": "graduate", "pk": graduate.pk},
    )
    client = client_for(populated.leader_a)
    for method, action, status in (("get", AuditAction.VIEW, 200), ("post", AuditAction.DELETE, 302)):
        since = last_id()
        assert getattr(client, method)(url).status_code == status
        [event] = new_events(since)
        assert (event.action, event.object_ids, event.resident_id_list) == (
            action,
            [graduate.pk],
            [populated.resident_a.pk],
        )
