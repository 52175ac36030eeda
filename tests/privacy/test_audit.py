"""The audit log: denied attempts are traced, the log cannot be changed, old events are pruned."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from helhedsplan.audit import audit_log
from helhedsplan.models import AuditAction, AuditEvent, AuditLogIsAppendOnly
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def denied_events():
    return list(AuditEvent.objects.filter(action=AuditAction.DENIED))


def test_a_member_of_another_plan_is_refused_and_the_attempt_is_logged(world):
    url = reverse("helhedsplan:partner_list", kwargs={"plan_id": world.plan_a.pk})
    assert client_for(world.worker_b).get(url + "?q=Hansen").status_code == 404
    [event] = denied_events()
    assert event.user_id == world.worker_b.pk and event.username == "caretaker_b"
    assert event.plan_id == world.plan_a.pk and not event.allowed
    assert event.reason == "not a member of the plan"
    assert event.path == url  # the path only: the query string can hold a resident's name
    assert event.ip_address == "127.0.0.1"


def test_a_wrong_role_is_refused_and_logged(world):
    url = reverse("helhedsplan:staff_list", kwargs={"plan_id": world.plan_a.pk})
    assert client_for(world.board_a).get(url).status_code == 403
    [event] = denied_events()
    assert (event.username, event.reason, event.plan_id) == ("board_a", "role not allowed", world.plan_a.pk)


def test_another_plans_record_is_refused_and_logged_with_its_id(world):
    foreign = factories.make_partner(world.plan_b)
    url = reverse("helhedsplan:partner_detail", kwargs={"plan_id": world.plan_a.pk, "pk": foreign.pk})
    assert client_for(world.leader_a).get(url).status_code == 404
    [event] = denied_events()
    assert event.object_type == "partnerorganisation" and event.object_ids == [foreign.pk]
    assert event.reason == "not found in the plan"


def test_a_plan_that_does_not_exist_is_logged_too(world):
    assert client_for(world.leader_a).get("/plans/987654/").status_code == 404
    [event] = denied_events()
    assert event.plan_id == 987654


def test_allowed_pages_of_plan_data_write_no_denied_events(world):
    client_for(world.leader_a).get(reverse("helhedsplan:partner_list", kwargs={"plan_id": world.plan_a.pk}))
    assert denied_events() == []


def test_failed_logins_are_logged_without_the_password(world, client):
    client.post(reverse("login"), {"username": "caretaker_a", "password": "wrong-secret"})
    [event] = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED)
    assert event.username == "caretaker_a" and not event.allowed
    assert "wrong-secret" not in str(AuditEvent.objects.values_list())


def test_a_successful_login_is_logged(world, client):
    response = client.post(reverse("login"), {"username": "caretaker_a", "password": factories.PASSWORD})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, user=world.worker_a).count() == 1


def test_audit_events_cannot_be_changed_or_deleted(world):
    event = audit_log(action=AuditAction.VIEW, user=world.leader_a, object_type="resident", object_ids=[3])
    event.action = AuditAction.DELETE
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action=AuditAction.DELETE)
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.VIEW


def test_deleting_a_user_leaves_the_log_as_it_was(world):
    audit_log(
        action=AuditAction.VIEW, user=world.worker_b, plan=world.plan_b, object_type="case", object_ids=[1]
    )
    user_id = world.worker_b.pk
    world.worker_b.delete()
    event = AuditEvent.objects.get(username="caretaker_b", action=AuditAction.VIEW)
    assert event.user_id == user_id and event.plan_id == world.plan_b.pk


def test_events_are_found_by_resident(world):
    audit_log(action=AuditAction.LIST, user=world.worker_a, object_type="resident", resident_ids=[7, 17, 170])
    audit_log(action=AuditAction.VIEW, user=world.worker_a, object_type="resident", resident_ids=[71])
    assert AuditEvent.objects.for_resident(17).count() == 1
    assert AuditEvent.objects.for_resident(7).count() == 1
    assert AuditEvent.objects.for_resident(1).count() == 0


def test_prune_audit_removes_only_events_older_than_the_period(world, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    old = audit_log(action=AuditAction.VIEW, user=world.worker_a)
    recent = audit_log(action=AuditAction.VIEW, user=world.worker_a)
    backdate(old, days=31)

    call_command("prune_audit", "--dry-run", stdout=StringIO())
    assert AuditEvent.objects.filter(pk=old.pk).exists()

    call_command("prune_audit", stdout=StringIO())
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
    assert AuditEvent.objects.filter(action=AuditAction.PRUNE, reason="1 removed").count() == 1


def test_prune_audit_takes_the_period_as_an_option(world):
    old = audit_log(action=AuditAction.VIEW, user=world.worker_a)
    backdate(old, days=10)
    call_command("prune_audit", "--days", "11", stdout=StringIO())
    assert AuditEvent.objects.filter(pk=old.pk).exists()
    call_command("prune_audit", "--days", "9", stdout=StringIO())
    assert not AuditEvent.objects.filter(pk=old.pk).exists()


def backdate(event, *, days):
    # The app cannot change an event; a test may, through the database.
    from django.db.models import QuerySet

    QuerySet.update(AuditEvent.objects.filter(pk=event.pk), at=timezone.now() - datetime.timedelta(days=days))


class TestAdmin:
    def test_the_administrator_reads_the_log_but_cannot_change_it(self, world):
        event = audit_log(
            action=AuditAction.VIEW, user=world.worker_a, object_type="resident", resident_ids=[5]
        )
        admin = client_for(world.admin)
        assert admin.get(reverse("admin:helhedsplan_auditevent_changelist")).status_code == 200
        assert admin.get(reverse("admin:helhedsplan_auditevent_change", args=[event.pk])).status_code == 200
        assert admin.get(reverse("admin:helhedsplan_auditevent_add")).status_code == 403
        assert admin.post(reverse("admin:helhedsplan_auditevent_delete", args=[event.pk])).status_code == 403
        admin.post(reverse("admin:helhedsplan_auditevent_change", args=[event.pk]), {"action": "delete"})
        assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.VIEW

    def test_search_by_user_resident_and_period(self, world):
        a = audit_log(action=AuditAction.VIEW, user=world.worker_a, object_type="resident", resident_ids=[5])
        b = audit_log(action=AuditAction.VIEW, user=world.leader_a, object_type="resident", resident_ids=[6])
        c = audit_log(action=AuditAction.VIEW, user=world.leader_a, object_type="resident", resident_ids=[5])
        backdate(c, days=40)
        admin = client_for(world.admin)
        url = reverse("admin:helhedsplan_auditevent_changelist")

        def shown(query):
            return {e.pk for e in admin.get(url, query).context["cl"].result_list}

        assert shown({"q": "caretaker_a"}) == {a.pk}
        assert shown({"q": "resident:5"}) == {a.pk, c.pk}
        assert shown({"q": "6"}) == {b.pk}
        assert shown({"period": "30"}) >= {a.pk, b.pk} and c.pk not in shown({"period": "30"})
        assert shown({"q": "5", "period": "30"}) == {a.pk}
