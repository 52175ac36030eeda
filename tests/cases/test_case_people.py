"""The residents and caretakers on the cards and rows of every list of cases (`case_people`) are the ones
the ORM reads, in its order, on SQLite and PostgreSQL."""

import pytest

from cases.models import Case, CaseParty, PartyRole
from cases.selectors import case_people
from helhedsplan.models import Role

from .. import factories
from . import builders

pytestmark = pytest.mark.django_db


def _orm_people(ids):
    residents = {pk: [] for pk in ids}
    for case_id, resident_id, name, role in (
        CaseParty.objects.filter(case_id__in=ids)
        .order_by("role", "resident__name")
        .values_list("case_id", "resident_id", "resident__name", "role")
    ):
        residents[case_id].append((resident_id, name, role))
    staff = {pk: [] for pk in ids}
    for case_id, first, last, username in (
        Case.responsible.through.objects.filter(case_id__in=ids)
        .order_by("user__first_name", "user__last_name", "user__username")
        .values_list("case_id", "user__first_name", "user__last_name", "user__username")
    ):
        staff[case_id].append((first, last, username))
    return residents, staff


def test_residents_and_caretakers_as_the_orm_reads_them(world):
    plan = world.plan_a
    carla = factories.make_member(plan, Role.WORKER, "carla", first_name="Carla", last_name="Åberg")
    bo = factories.make_member(plan, Role.WORKER, "bo")  # no name: the username shows
    names = ["Ærø Hansen", "Øster Jensen", "Aage Andersen", "Åse Bech", "Zakarias Ørum", "Anna Østergård"]
    people = [builders.make_resident(plan, world.worker_a, name=name) for name in names]
    cases = [
        builders.make_case(
            plan,
            world.worker_a,
            residents=people[:3],
            roles=[PartyRole.COMPLAINED_ABOUT, PartyRole.COMPLAINANT, PartyRole.COMPLAINANT],
            responsible=[world.worker_a, carla, bo],
        ),
        builders.make_case(plan, world.worker_a, residents=people[3:], responsible=[carla]),
        builders.make_case(plan, world.worker_a, residents=[people[0]]),
    ]
    ids = [case.pk for case in cases]
    other_plan_case = builders.make_case(world.plan_b, world.worker_b)

    assert case_people(ids) == _orm_people(ids)
    residents, staff = case_people(ids)
    # by role (the complainants before the one complained about), then by name
    assert [(name, role) for _id, name, role in residents[cases[0].pk]] == [
        ("Aage Andersen", PartyRole.COMPLAINANT),
        ("Øster Jensen", PartyRole.COMPLAINANT),
        ("Ærø Hansen", PartyRole.COMPLAINED_ABOUT),
    ]
    assert len(staff[cases[0].pk]) == 3
    assert other_plan_case.pk not in residents

    # without the caretakers, the residents alone; one case; none
    assert case_people(ids, caretakers=False) == (_orm_people(ids)[0], {pk: [] for pk in ids})
    assert case_people([cases[1].pk]) == _orm_people([cases[1].pk])
    assert case_people([]) == ({}, {})


def test_one_query_for_any_number_of_cases(world, django_assert_num_queries):
    cases = [builders.make_case(world.plan_a, world.worker_a) for _ in range(12)]
    with django_assert_num_queries(1):
        residents, _staff = case_people([case.pk for case in cases])
    assert sum(len(people) for people in residents.values()) == 12
