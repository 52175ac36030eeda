"""The session, the user, the memberships and the audit event of every request, read and written
without the ORM's query building, are exactly what the ORM reads and writes (SQLite and PostgreSQL)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from helhedsplan import hotpath
from helhedsplan.audit import PENDING_ATTRIBUTE, audit_log, flush_pending
from helhedsplan.models import AuditAction, AuditEvent, Membership, Role
from helhedsplan.sessions import SessionStore

from .. import factories

pytestmark = pytest.mark.django_db


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_the_user_is_the_one_the_orm_reads():
    user = factories.make_user("rita-caretaker", first_name="Rita", last_name="Æbelø", email="r@example.org")
    user.last_login = timezone.now()
    user.save()
    fast = hotpath.get_by_pk(get_user_model(), user.pk)
    assert _fields(fast) == _fields(get_user_model().objects.get(pk=user.pk))
    assert isinstance(fast.date_joined, datetime.datetime) and timezone.is_aware(fast.date_joined)
    assert not fast._state.adding and fast._state.db == "default"
    assert hotpath.get_by_pk(get_user_model(), user.pk + 1000) is None


def test_memberships_with_their_plans_in_the_orms_order():
    user = factories.make_user("anna-both")
    zulu = factories.make_plan("Zulu-planen")
    alfa = factories.make_plan("Alfa-planen", start_date=datetime.date(2019, 1, 1))
    factories.make_plan("Bravo-planen")  # not a member
    Membership.objects.create(user=user, plan=zulu, role=Role.WORKER, job_title="Social vicevært")
    Membership.objects.create(user=user, plan=alfa, role=Role.PROJECT_LEADER, last_used_at=timezone.now())

    fast = hotpath.memberships(user.pk)
    orm = list(Membership.objects.select_related("plan").filter(user=user).order_by("plan__name", "pk"))
    assert [_fields(m) for m in fast] == [_fields(m) for m in orm]
    assert [_fields(m.plan) for m in fast] == [_fields(m.plan) for m in orm]
    assert [m.plan.name for m in fast] == ["Alfa-planen", "Zulu-planen"]
    with CaptureQueriesContext(connection) as queries:
        assert fast[0].plan.start_date == datetime.date(2019, 1, 1)  # the plan came with the row
    assert not queries.captured_queries
    assert hotpath.memberships(user.pk + 1000) == []


def test_a_session_loads_until_it_expires():
    store = SessionStore()
    store["answer"] = 42
    store.set_expiry(60)
    store.save()
    assert SessionStore(store.session_key).load() == db.SessionStore(store.session_key).load()
    assert SessionStore(store.session_key).load()["answer"] == 42

    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None  # a new key when it is saved, as Django's own store does
    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None


def test_an_audit_event_is_written_as_save_writes_it(rf):
    user = factories.make_user("per-leader")
    plan = factories.make_plan()
    request = rf.get("/plans/1/cases/?q=hansen", REMOTE_ADDR="10.0.0.7")
    request.user = user
    setattr(request, PENDING_ATTRIBUTE, [])
    before = timezone.now()
    audit_log(
        request,
        action=AuditAction.VIEW,
        object_type="case",
        object_ids=[3, 1, 2],
        resident_ids=[7],
        search_terms="hansen",
        plan=plan,
    )
    flush_pending(request)
    fast = AuditEvent.objects.get()
    saved = AuditEvent(
        user_id=user.pk,
        username=user.username,
        plan_id=plan.pk,
        action=AuditAction.VIEW,
        object_type="case",
        object_ids=[1, 2, 3],
        resident_ids=",7,",
        search_terms="hansen",
        path="/plans/1/cases/",
        method="GET",
        ip_address="10.0.0.7",
    )
    saved.save()
    saved.refresh_from_db()
    assert {**_fields(fast), "id": None, "at": None} == {**_fields(saved), "id": None, "at": None}
    assert before <= fast.at <= timezone.now()


def test_a_signed_in_page_reads_each_once(client, world):
    client.force_login(world.worker_a)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("cases:caseload", kwargs={"plan_id": world.plan_a.pk}))
    assert response.status_code == 200
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum('FROM "django_session"' in s for s in sql) == 1
    assert sum('FROM "auth_user" WHERE' in s for s in sql) == 1
    assert sum('FROM "helhedsplan_membership"' in s for s in sql) == 1
    page = AuditEvent.objects.filter(path=response.wsgi_request.path)
    assert page.count() == 1 and page.get().user == world.worker_a
