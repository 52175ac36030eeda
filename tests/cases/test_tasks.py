"""Never miss a date: follow-up tasks on cases, what the case type proposes, and what is due."""

import datetime

import pytest
from django.urls import reverse

from cases.models import CaseType, Task, TaskKind
from cases.tasks import task_create
from tests import factories
from tests.cases.builders import consent, make_case, make_resident
from tests.conftest import client_for

TODAY = datetime.date.today()


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def url(name, world, **kwargs):
    return reverse(f"cases:{name}", kwargs={"plan_id": world.plan_a.pk, **kwargs})


@pytest.fixture
def eviction(world):
    resident = make_resident(world.plan_a, world.worker_a, name="Rosa Restance")
    return make_case(
        world.plan_a,
        world.worker_a,
        case_type=CaseType.EVICTION_PREVENTION,
        residents=[resident],
        opened_on=days(-2),
        today=TODAY,
        eviction_scheduled_on=days(-2),
        bailiff_date=days(21),
    )


def suggestions(client, case) -> list:
    return client.get(case.get_absolute_url()).context["suggestions"]


def test_a_bailiffs_date_proposes_three_tasks_and_only_accepted_ones_become_tasks(world, as_worker, eviction):
    proposed = suggestions(as_worker, eviction)
    assert [(s.kind, s.due_on) for s in proposed] == [
        (TaskKind.NOTIFY_HOUSING_ADVISERS, TODAY),
        (TaskKind.OUTREACH_VISIT, days(3)),
        (TaskKind.CHECK_OUTCOME, days(22)),
    ]
    assert not Task.objects.exists()  # proposals, not tasks

    for suggestion in proposed[:2]:
        response = as_worker.post(url("task_accept", world, pk=eviction.pk), {"suggestion": suggestion.key})
        assert response.status_code == 302
    tasks = list(Task.objects.order_by("due_on"))
    assert [(t.kind, t.due_on, t.assignee) for t in tasks] == [
        (TaskKind.NOTIFY_HOUSING_ADVISERS, TODAY, world.worker_a),
        (TaskKind.OUTREACH_VISIT, days(3), world.worker_a),
    ]
    assert [s.kind for s in suggestions(as_worker, eviction)] == [TaskKind.CHECK_OUTCOME]
    # Accepting the same suggestion twice adds nothing.
    as_worker.post(url("task_accept", world, pk=eviction.pk), {"suggestion": proposed[0].key})
    assert Task.objects.count() == 2


def test_housing_advisers_already_notified_are_not_proposed_again(world, as_worker, eviction):
    eviction.housing_advisers_notified_on = TODAY
    eviction.save()
    kinds = [s.kind for s in suggestions(as_worker, eviction)]
    assert TaskKind.NOTIFY_HOUSING_ADVISERS not in kinds and TaskKind.OUTREACH_VISIT in kinds


def test_a_consent_proposes_its_renewal_30_days_before_it_expires(world, as_worker, eviction):
    resident = eviction.parties.get().resident
    given = consent(
        resident,
        [factories.make_partner(world.plan_a)],
        given_on=days(-10),
        expires_on=days(100),
        today=TODAY,
    )
    renewal = [s for s in suggestions(as_worker, eviction) if s.kind == TaskKind.RENEW_CONSENT]
    assert [(s.due_on, s.consent_id) for s in renewal] == [(days(70), given.pk)]


def test_an_entry_with_a_task_adds_it_due_on_the_next_follow_up(world, as_worker, eviction):
    data = {
        "kind": "phone_call",
        "occurred_at": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "task": "Ring igen torsdag",
    }
    response = as_worker.post(url("entry_log", world, pk=eviction.pk), data)
    assert response.context["form"].errors["next_follow_up"] == ["Give the date the task is due."]
    assert not Task.objects.exists() and eviction.entries.count() == 1

    response = as_worker.post(url("entry_log", world, pk=eviction.pk), {**data, "next_follow_up": days(4)})
    assert response.status_code == 302
    task = Task.objects.get()
    assert (task.text, task.due_on, task.kind, task.assignee) == (
        "Ring igen torsdag",
        days(4),
        TaskKind.FROM_ENTRY,
        world.worker_a,
    )


def test_a_task_by_hand_goes_to_a_caretaker_of_the_plan_only(world, as_worker, eviction):
    colleague = factories.make_member(world.plan_a, "worker", "colleague_t", first_name="Karla")
    create = url("task_create", world, pk=eviction.pk)
    refused = as_worker.post(create, {"text": "Tjek post", "due_on": days(2), "assignee": world.worker_b.pk})
    assert "assignee" in refused.context["form"].errors
    past = as_worker.post(create, {"text": "Tjek post", "due_on": days(-1), "assignee": colleague.pk})
    assert past.context["form"].errors["due_on"] == ["The due date cannot be in the past."]
    assert (
        as_worker.post(create, {"text": "Tjek post", "due_on": days(2), "assignee": colleague.pk}).status_code
        == 302
    )
    assert Task.objects.get().assignee == colleague


def test_ticking_a_task_off_and_on_again(world, as_worker, eviction):
    task = task_create(case=eviction, user=world.worker_a, text="Opsøgende besøg", due_on=TODAY, today=TODAY)
    toggle = url("task_toggle", world, pk=eviction.pk, task_pk=task.pk)
    as_worker.post(toggle, {"done": "1"})
    task.refresh_from_db()
    assert task.done_on == TODAY
    as_worker.post(toggle, {"done": "0"})
    task.refresh_from_db()
    assert task.done_on is None


def test_another_plans_task_is_404(world, eviction):
    case_b = make_case(world.plan_b, world.worker_b, today=TODAY)
    task_b = task_create(case=case_b, user=world.worker_b, text="B", due_on=TODAY, today=TODAY)
    response = client_for(world.worker_a).post(
        url("task_toggle", world, pk=eviction.pk, task_pk=task_b.pk), {"done": "1"}
    )
    assert response.status_code == 404
    task_b.refresh_from_db()
    assert task_b.done_on is None


def test_my_tasks_overdue_today_and_this_week_in_urgency_order(world, eviction):
    other = make_case(world.plan_a, world.worker_a, opened_on=days(-30), today=TODAY)
    make = lambda case, text, due: Task.objects.create(  # noqa: E731
        case=case, text=text, due_on=due, assignee=world.worker_a, created_by=world.worker_a
    )
    make(other, "Later this week", days(5))
    make(other, "Next month", days(30))
    make(other, "Overdue", days(-2))
    make(other, "Today, no bailiff", TODAY)
    make(eviction, "Today, bailiff in 21 days", TODAY)
    Task.objects.create(case=other, text="Done already", due_on=TODAY, assignee=world.worker_a, done_on=TODAY)
    colleague = factories.make_member(world.plan_a, "worker", "colleague_m")
    Task.objects.create(case=other, text="A colleague's", due_on=TODAY, assignee=colleague)

    response = client_for(world.worker_a).get(url("caseload", world))
    groups = [(str(h), [t.text for t in tasks]) for h, tasks in response.context["task_groups"]]
    assert groups == [
        ("Overdue", ["Overdue"]),
        ("Today", ["Today, bailiff in 21 days", "Today, no bailiff"]),
        ("This week", ["Later this week"]),
    ]
    assert "21 days to the bailiff" in response.content.decode()

    # The project leader sees the team's, the colleague's included.
    team = client_for(world.leader_a).get(url("task_list", world)).context["groups"]
    assert "A colleague's" in [t.text for _, tasks in team for t in tasks]


@pytest.mark.parametrize("count", [5, 40])
def test_my_tasks_take_the_same_queries_for_5_and_40_tasks(world, django_assert_num_queries, count):
    cases = [make_case(world.plan_a, world.worker_a, today=TODAY) for _ in range(3)]
    Task.objects.bulk_create(
        Task(case=cases[i % 3], text=f"Opgave {i}", due_on=days(i % 7 - 2), assignee=world.worker_a)
        for i in range(count)
    )
    client = client_for(world.worker_a)
    client.get(url("task_list", world))  # the session settles on the plan
    # session, user, SAVEPOINT, memberships+plans, the tasks with their cases and caretakers,
    # RELEASE SAVEPOINT; the audit log: the cases' residents,
    # the audit event
    with django_assert_num_queries(8):
        response = client.get(url("task_list", world))
    assert response.status_code == 200
    assert sum(len(tasks) for _, tasks in response.context["groups"]) == count
