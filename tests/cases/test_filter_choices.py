"""The case list's filter options, read in a statement compiled once for every plan, are the options of
the querysets its filters validate with, plan by plan."""

import pytest

from cases.selectors import departments_of, filter_choices, organisations_of, staff_choices
from helhedsplan.models import Role

from .. import factories

pytestmark = pytest.mark.django_db


def _from_querysets(plan):
    return (
        [(d.pk, d.housing_organisation.short_name, d.code, d.name) for d in departments_of(plan)],
        [(o.pk, o.short_name) for o in organisations_of(plan).order_by("short_name")],
        [(u.pk, u.first_name, u.last_name, u.username) for u in staff_choices(plan)],
    )


def test_each_plan_gets_its_own_options(world, django_assert_num_queries):
    factories.make_department(world.plan_a, org="AKB", code="4711")
    factories.make_department(world.plan_a, org="FSB", code="12")
    factories.make_department(world.plan_b, org="KAB", code="1")
    factories.make_member(world.plan_a, Role.WORKER, "ulla", first_name="Ulla", last_name="Ærø")
    factories.make_member(world.plan_a, Role.BOARD, "bente")  # a board member is no caretaker
    gone = factories.make_member(world.plan_a, Role.WORKER, "gone")
    gone.is_active = False
    gone.save()

    for plan in (world.plan_a, world.plan_b):
        with django_assert_num_queries(1):
            choices = filter_choices(plan)
        assert choices == _from_querysets(plan)
    departments, organisations, staff = filter_choices(world.plan_a)
    assert [d[1] for d in departments] == ["AKB", "FSB"] and len(organisations) == 2
    assert "ulla" in [s[3] for s in staff] and "bente" not in [s[3] for s in staff]
    assert "gone" not in [s[3] for s in staff]
    assert [o[1] for o in filter_choices(world.plan_b)[1]] == ["KAB"]
