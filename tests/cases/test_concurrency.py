"""Two people saving the same case at the same moment, on real concurrent PostgreSQL connections.

The optimistic lock is a conditional UPDATE (`version = n` -> `n + 1`). On
PostgreSQL the first writer's row lock makes the second wait; when the first
commits, the second's WHERE no longer matches, so it is refused instead of
silently overwriting the first.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from cases import services
from cases.models import Case
from tests.cases.builders import TODAY, make_case

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _save(pk: int, user, summary: str, results: dict, *, saved=None, hold: float = 0.0, start=None):
    try:
        if start is not None:
            start.wait()
        with transaction.atomic():
            case = Case.objects.get(pk=pk)
            services.case_update(case=case, user=user, version=1, summary=summary, today=TODAY)
            if saved is not None:
                saved.set()
            time.sleep(hold)  # keep the transaction (and the row lock) open a little
        results[summary] = "saved"
    except services.CaseConflictError:
        results[summary] = "conflict"
    finally:
        connection.close()


def test_the_second_of_two_concurrent_saves_is_refused(world):
    assert connection.vendor == "postgresql"
    case = make_case(world.plan_a, world.worker_a)
    results: dict = {}
    saved = threading.Event()
    first = threading.Thread(
        target=_save, args=(case.pk, world.worker_a, "Anna", results), kwargs={"saved": saved, "hold": 0.5}
    )
    first.start()
    assert saved.wait(10)  # Anna's update is done but not yet committed
    began = time.monotonic()
    second = threading.Thread(target=_save, args=(case.pk, world.leader_a, "Leif", results))
    second.start()
    first.join(10)
    second.join(10)
    assert results == {"Anna": "saved", "Leif": "conflict"}
    assert time.monotonic() - began >= 0.3  # Leif's save waited for Anna's transaction to end
    case.refresh_from_db()
    assert (case.summary, case.version) == ("Anna", 2)
    assert case.history.filter(summary="Leif").count() == 0


def test_of_many_simultaneous_saves_exactly_one_wins(world):
    case = make_case(world.plan_a, world.worker_a)
    results: dict = {}
    start = threading.Barrier(5)
    threads = [
        threading.Thread(
            target=_save, args=(case.pk, world.worker_a, f"save {n}", results), kwargs={"start": start}
        )
        for n in range(5)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(results.values()) == ["conflict"] * 4 + ["saved"]
    winner = next(summary for summary, result in results.items() if result == "saved")
    case.refresh_from_db()
    assert (case.summary, case.version) == (winner, 2)
