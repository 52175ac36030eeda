"""Rows written once for a whole module (`tests.conftest.rows_for_module`, behind `populated_once`):
every test starts from them, and what a test writes is rolled back before the next one."""

import pytest

from helhedsplan.models import Plan

from . import factories


@pytest.fixture
def populated(populated_once):
    return populated_once


@pytest.mark.parametrize("turn", [1, 2, 3])
def test_each_test_starts_from_the_rows_written_once(populated, turn):
    names = set(Plan.objects.values_list("name", flat=True))
    assert {populated.plan_a.name, populated.plan_b.name} <= names
    assert not any(name.startswith("Written by turn") for name in names), (
        "an earlier test's plan is still here"
    )
    factories.make_plan(f"Written by turn {turn}")
    assert Plan.objects.filter(name__startswith="Written by turn").count() == 1


def test_the_shared_rows_are_the_populated_world(populated):
    assert populated.plan_a.cases.exists() and populated.plan_b.cases.exists()
