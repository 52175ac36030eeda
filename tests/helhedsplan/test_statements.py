"""A queryset compiled once (`helhedsplan.statements`) gives on every run exactly what iterating the
queryset gives — model instances with their related objects, deferred fields and annotations, values,
tuples — from the data of that moment, on SQLite and PostgreSQL."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.db.models import Count, F, Window
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case, CaseType, Entry, Task
from cases.selectors import caseload_for
from cases.tasks import task_create, tasks_due
from helhedsplan.models import Plan, Role
from helhedsplan.statements import Statement, statement

from .. import factories
from ..cases import builders
from ..cases.builders import TODAY

pytestmark = pytest.mark.django_db


def _fields(obj) -> dict:
    """What an instance holds of its own columns (deferred ones left out, as the ORM leaves them)."""
    return {name: value for name, value in obj.__dict__.items() if not name.startswith("_")}


@pytest.fixture
def caseload(world):
    """A caretaker's cases of every urgency, one with a department, one with a bailiff's date."""
    plan, asta = world.plan_a, world.worker_a
    department = factories.make_department(plan)
    builders.make_case(plan, asta, department=department, next_follow_up=TODAY - datetime.timedelta(days=3))
    builders.make_case(
        plan,
        asta,
        case_type=CaseType.EVICTION_PREVENTION,
        eviction_scheduled_on=TODAY - datetime.timedelta(days=20),
        bailiff_date=TODAY + datetime.timedelta(days=4),
        arrears_dkk=12500,
    )
    builders.make_case(plan, asta, opened_on=datetime.date(2019, 1, 2), first_entry=False)  # stale
    builders.make_case(plan, asta, opened_on=TODAY)
    builders.make_case(world.plan_b, world.worker_b)  # another plan's
    return world


def test_model_instances_with_related_objects_and_annotations(caseload):
    queryset = caseload_for(caseload.worker_a, caseload.plan_a, TODAY)
    fast, orm = Statement(queryset).run(), list(queryset)
    assert len(orm) == 4
    assert [_fields(case) for case in fast] == [_fields(case) for case in orm]
    for mine, theirs in zip(fast, orm, strict=True):
        assert (mine.urgency, mine.days_to_bailiff, mine.follow_up_overdue, mine.is_stale) == (
            theirs.urgency,
            theirs.days_to_bailiff,
            theirs.follow_up_overdue,
            theirs.is_stale,
        )
        assert not mine._state.adding and mine._state.db == "default"
        if theirs.department is None:
            assert mine.department is None
        else:
            assert _fields(mine.department) == _fields(theirs.department)
            assert _fields(mine.department.housing_organisation) == _fields(
                theirs.department.housing_organisation
            )
    with CaptureQueriesContext(connection) as queries:
        [case.department and case.department.housing_organisation.short_name for case in fast]
    assert not queries.captured_queries  # the related objects came with the rows
    assert {case.urgency for case in fast} == {0, 1, 2, 3}


def test_deferred_fields_stay_deferred(caseload):
    case = Case.objects.filter(plan=caseload.plan_a).order_by("pk").first()
    task_create(
        case=case,
        user=caseload.worker_a,
        text="Ring igen",
        due_on=TODAY,
        assignee=caseload.worker_a,
        today=TODAY,
    )
    queryset = tasks_due(caseload.plan_a, TODAY, user=caseload.worker_a)
    fast, orm = Statement(queryset).run(), list(queryset)
    assert len(fast) == 1
    assert fast[0].get_deferred_fields() == orm[0].get_deferred_fields() != set()
    assert _fields(fast[0]) == _fields(orm[0])
    assert _fields(fast[0].case) == _fields(orm[0].case)
    assert _fields(fast[0].assignee) == _fields(orm[0].assignee)
    assert fast[0].days_to_bailiff == orm[0].days_to_bailiff


def test_values_tuples_and_flat_values(caseload):
    case = Case.objects.filter(plan=caseload.plan_a).order_by("pk").first()
    for day in (3, 4, 5):
        builders.log(case, caseload.worker_a, day=TODAY - datetime.timedelta(days=day), minutes=day * 10)
    entries = Entry.objects.filter(case=case).order_by("-occurred_at", "-pk")
    windows = entries.values("pk", "occurred_at", "minutes", author_name=F("author__first_name")).annotate(
        total=Window(Count("pk"))
    )
    for queryset in (
        windows,
        windows[1:3],
        entries.values_list("pk", "occurred_at", "note"),
        entries.values_list("occurred_at", flat=True),
        Plan.objects.order_by("name").values_list("name", "start_date"),
    ):
        assert Statement(queryset).run() == list(queryset)
    assert Statement(windows).run()[0]["total"] == 4
    assert isinstance(Statement(windows).run()[0]["occurred_at"], datetime.datetime)


def test_nothing_to_run_is_an_empty_list_without_a_query(world):
    empty = Statement(Case.objects.filter(pk__in=[]))
    with CaptureQueriesContext(connection) as queries:
        assert empty.run() == []
    assert not queries.captured_queries


def test_prefetching_is_refused(world):
    with pytest.raises(ValueError, match="prefetch"):
        Statement(Case.objects.prefetch_related("parties"))


def test_compiled_once_per_arguments_and_time_zone_and_run_on_every_call(caseload):
    built = []

    @statement(maxsize=8)
    def open_cases(plan_id: int, opened_before: datetime.date):
        built.append((plan_id, opened_before))
        return (
            Case.objects.filter(plan=plan_id, opened_on__lt=opened_before)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    plan = caseload.plan_a
    first = open_cases(plan.pk, TODAY)
    assert first == list(
        Case.objects.filter(plan=plan, opened_on__lt=TODAY).order_by("pk").values_list("pk", flat=True)
    )
    assert len(first) == 3
    # the data of that moment: a case opened since is there on the next call, with no new compiling
    builders.make_case(plan, caseload.worker_a, opened_on=datetime.date(2019, 2, 1))
    assert len(open_cases(plan.pk, TODAY)) == 4
    assert built == [(plan.pk, TODAY)]
    # new arguments, another time zone: compiled anew
    open_cases(plan.pk, TODAY + datetime.timedelta(days=1))
    with timezone.override(zoneinfo.ZoneInfo("America/Nuuk")):
        open_cases(plan.pk, TODAY)
    assert len(built) == 3
    open_cases.cache_clear()
    open_cases(plan.pk, TODAY)
    assert len(built) == 4


def test_the_caseload_page_reads_what_the_orm_reads(caseload):
    """The caseload's compiled first page and tasks are `caseload_for`'s and `tasks_due`'s."""
    from cases.selectors import caseload_head
    from cases.tasks import due_tasks

    plan, asta = caseload.plan_a, caseload.worker_a
    leif = factories.make_member(plan, Role.WORKER, "leif-kollega")
    builders.make_case(plan, leif)
    for case in Case.objects.filter(plan=plan):
        task_create(
            case=case, user=asta, text=f"Opfølgning {case.pk}", due_on=TODAY, assignee=asta, today=TODAY
        )
    for user_id in (asta.pk, None):
        head = caseload_head(plan.pk, user_id, TODAY, 3)
        orm = list(caseload_for(user_id, plan.pk, TODAY, everyone=user_id is None)[:3])
        assert [_fields(c) for c in head] == [_fields(c) for c in orm] and len(head) == 3
        tasks = due_tasks(plan.pk, TODAY, user_id, None)
        assert [_fields(t) for t in tasks] == [_fields(t) for t in tasks_due(plan.pk, TODAY, user=user_id)]
    assert len(due_tasks(plan.pk, TODAY, asta.pk, 2)) == 2
    assert Task.objects.filter(case__plan=plan).count() == 5


def test_the_least_recently_used_statement_is_forgotten_first(world):
    from helhedsplan.statements import Statements

    kept, built = Statements(maxsize=2), []

    def plans(name):
        def build():
            built.append(name)
            return Plan.objects.filter(name=name).values_list("pk", flat=True)

        return build

    for name in ("A", "B", "A", "C", "A", "B"):  # C pushes out B (A was used since); B comes back
        kept.run(name, plans(name))
    assert built == ["A", "B", "C", "B"]
    assert kept.run("Helhedsplan A", plans("Helhedsplan A")) == [world.plan_a.pk]


@pytest.mark.postgres
def test_on_postgresql_a_hot_statement_is_planned_once_per_connection(caseload):
    """Parameters are bound on the server, and a statement run five times on a connection is prepared:
    PostgreSQL plans it once (settings: PG_PREPARED_STATEMENTS)."""
    from cases.selectors import caseload_head

    assert connection.settings_dict["OPTIONS"]["server_side_binding"] is True
    for _ in range(6):
        assert len(caseload_head(caseload.plan_a.pk, caseload.worker_a.pk, TODAY, 3)) == 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "cases_case"' in sql and "LIMIT 3" in sql for sql in prepared), prepared


@pytest.mark.parametrize(("value", "expected"), [("", "True 5"), ("false", "None None")])
def test_prepared_statements_can_be_switched_off_for_a_pooler(value, expected):
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": "postgres://someone@db.invalid:5432/helhedsplan"}
    env.pop("PG_PREPARED_STATEMENTS", None)
    if value:
        env["PG_PREPARED_STATEMENTS"] = value
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "from helhedsplan import settings as s; o = s.DATABASES['default'].get('OPTIONS', {});"
            " print(o.get('server_side_binding'), o.get('prepare_threshold'))",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert shown.stdout.strip() == expected
