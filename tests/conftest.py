"""The fixed, fictional cast of the tests.

Plan A (Sjælør-like) has a caretaker, a project leader and a board member;
plan B has its own caretaker; the administrator holds no plan role. Both plans
belong to one district, whose coordinator holds no plan role either.
"""

import pytest
from django.db import connection, transaction
from django.test import Client
from django.utils import translation

from helhedsplan.models import Role

from . import factories


class World:
    """Everything the access tests need: two plans, the cast, an object of each kind per plan."""


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Hashing the cast's passwords properly would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_preparations():
    """No test sees another's prepared criteria or compiled statements (helhedsplan.statements keeps
    them per process): a test may patch a counting rule or a setting, which a preparation made before it
    would not follow."""
    from helhedsplan import statements

    statements.clear_all()


@pytest.fixture(autouse=True)
def postgres_only(request):
    """Tests marked `postgres` prove database behaviour SQLite does not have; skip them elsewhere."""
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture
def english(settings):
    """Pages and messages in English (the source language), whatever the catalogue holds.

    Pages without an Accept-Language header are English; a test may still ask for Danish.
    """
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def make_world() -> World:
    w = World()
    w.plan_a = factories.make_plan("Helhedsplan A")
    w.plan_b = factories.make_plan("Helhedsplan B")
    w.worker_a = factories.make_member(
        w.plan_a, Role.WORKER, "caretaker_a", first_name="Asta", last_name="Fiktiv"
    )
    w.leader_a = factories.make_member(
        w.plan_a, Role.PROJECT_LEADER, "leader_a", first_name="Leif", last_name="Fiktiv"
    )
    w.board_a = factories.make_member(w.plan_a, Role.BOARD, "board_a", first_name="Bodil", last_name="Fiktiv")
    w.worker_b = factories.make_member(
        w.plan_b, Role.WORKER, "caretaker_b", first_name="Bent", last_name="Fiktiv"
    )
    w.leader_b = factories.make_member(w.plan_b, Role.PROJECT_LEADER, "leader_b")
    w.admin = factories.make_user("admin_user", is_staff=True, is_superuser=True)
    w.district = factories.make_district(w.plan_a, w.plan_b)
    w.coordinator = factories.make_coordinator(
        w.district, "coordinator", first_name="Kaja", last_name="Fiktiv"
    )
    return w


@pytest.fixture
def world(db):
    return make_world()


def rows_for_module(django_db_blocker, write):
    """For a module-scoped fixture (`yield from rows_for_module(django_db_blocker, write)`): rows that
    all of a module's tests read, written once by `write()` in a transaction that is rolled back after
    the module's last test — what Django's `TestCase.setUpTestData` does for a class. Each test still
    runs in a savepoint of its own (the `db` fixture), so what one test writes is gone before the next."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # as TestCase marks its own: a durable block inside is still allowed
        outer.__enter__()
        try:
            written = write()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield written
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def make_populated_world() -> World:
    """The world with one object of every kind in plan A and plan B (each rules module's `populate`)."""
    from tests.test_access_matrix import RULE_MODULES

    w = make_world()
    for module in RULE_MODULES:
        module.populate(w)
    return w


@pytest.fixture(scope="module")
def _populated_for_module(django_db_setup, django_db_blocker):
    yield from rows_for_module(django_db_blocker, make_populated_world)


@pytest.fixture
def populated_once(_populated_for_module, db):
    """`populated` for a module whose tests only read the populated world (or write inside their own
    savepoint): the rows are written once per module, not once per test."""
    return _populated_for_module


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def as_worker(world):
    return client_for(world.worker_a)


@pytest.fixture
def as_leader(world):
    return client_for(world.leader_a)


@pytest.fixture
def as_board(world):
    return client_for(world.board_a)
