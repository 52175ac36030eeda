"""The fixed, fictional cast of the tests.

Plan A (Sjælør-like) has a caretaker, a project leader and a board member;
plan B has its own caretaker; the administrator holds no plan role. Both plans
belong to one district, whose coordinator holds no plan role either.
"""

import pytest
from django.db import connection
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


@pytest.fixture
def world(db):
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
