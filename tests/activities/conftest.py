import pytest
from django.urls import reverse

from tests import factories

from . import builders


@pytest.fixture
def plan_a(world):
    return world.plan_a


@pytest.fixture
def department_a(world):
    return factories.make_department(world.plan_a, org="3B", code="3301")


@pytest.fixture
def flea_market(world):
    return builders.kind(world.plan_a)


def url(name, plan, **kwargs):
    return reverse(f"activities:{name}", kwargs={"plan_id": plan.pk, **kwargs})
