"""Housing organisations, neighbourhoods and departments with their number of homes."""

import pytest
from django.urls import reverse

from helhedsplan.models import Department, HousingOrganisation
from tests import factories

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"helhedsplan:{name}", kwargs={"plan_id": world.plan_a.pk, **kwargs})


def department_data(world, **overrides):
    org = HousingOrganisation.objects.get_or_create(
        plan=world.plan_a, short_name="3B", defaults={"name": "3B"}
    )[0]
    area = factories.make_department(world.plan_a, org="3B", area="Kgs. Enghave").neighbourhood
    data = {
        "housing_organisation": org.pk,
        "neighbourhood": area.pk,
        "code": "3399",
        "name": "Händelsvej",
        "homes": "120",
    }
    data.update(overrides)
    return data


def test_housing_page_shows_homes_per_organisation_and_in_all(world, as_leader):
    factories.make_department(world.plan_a, homes=210, org="AKB")
    factories.make_department(world.plan_a, homes=185, org="AKB")
    factories.make_department(world.plan_a, homes=None, org="AAB")
    factories.make_department(world.plan_b, homes=999, org="AKB")  # another plan's homes never count

    response = as_leader.get(url("housing", world))

    page = response.content.decode()
    assert response.context["totals"] == {"homes": 395, "departments": 3}  # 210 + 185; unknown left out
    assert "3 afdelinger med 395 boliger i alt." in page
    assert "1 afdeling har intet antal boliger" in page


@pytest.mark.parametrize("homes", ["0", "-3", "12.5", "mange"])
def test_homes_must_be_a_positive_whole_number(world, as_leader, homes):
    response = as_leader.post(url("department_create", world), department_data(world, homes=homes))
    assert response.status_code == 200
    assert "Antallet af boliger skal være et positivt helt tal." in response.content.decode()
    assert not Department.objects.filter(code="3399").exists()


def test_homes_may_be_left_unknown(world, as_leader):
    response = as_leader.post(url("department_create", world), department_data(world, homes=""))
    assert response.status_code == 302
    assert Department.objects.get(code="3399").homes is None


def test_department_number_unique_per_organisation(world, as_leader):
    as_leader.post(url("department_create", world), department_data(world))
    response = as_leader.post(url("department_create", world), department_data(world, name="Kopi"))
    assert "Boligselskabet har allerede en afdeling med dette nummer." in response.content.decode()
    assert Department.objects.filter(code="3399").count() == 1


def test_department_cannot_use_another_plans_organisation(world, as_leader):
    foreign = factories.make_department(world.plan_b, org="VIBO")
    data = department_data(world, housing_organisation=foreign.housing_organisation.pk)
    response = as_leader.post(url("department_create", world), data)
    assert response.status_code == 200
    assert not Department.objects.filter(code="3399").exists()


def test_edit_department_homes(world, as_leader):
    department = factories.make_department(world.plan_a, homes=100)
    data = {
        "housing_organisation": department.housing_organisation_id,
        "neighbourhood": department.neighbourhood_id,
        "code": department.code,
        "name": department.name,
        "homes": "140",
    }
    response = as_leader.post(url("department_edit", world, pk=department.pk), data)
    assert response.status_code == 302
    department.refresh_from_db()
    assert department.homes == 140


def test_housing_organisation_short_name_unique_in_plan(world, as_leader):
    HousingOrganisation.objects.create(plan=world.plan_a, short_name="AKB", name="AKB")
    response = as_leader.post(
        url("housing_organisation_create", world), {"short_name": "akb", "name": "Igen"}
    )
    assert "Planen har allerede et boligselskab med dette korte navn." in response.content.decode()


def test_housing_page_query_count_does_not_grow(world, as_leader, django_assert_num_queries):
    for _ in range(3):
        factories.make_department(world.plan_a)
    as_leader.get(url("housing", world))  # the first visit also remembers the plan in the session
    # savepoint + release (ATOMIC_REQUESTS), session, user, memberships (access layer
    # and plan switcher), totals, unknown homes count, neighbourhoods with sums,
    # organisations with sums, their departments (one prefetch)
    with django_assert_num_queries(10):
        response = as_leader.get(url("housing", world))
    assert response.status_code == 200
    for i in range(30):
        factories.make_department(world.plan_a, org=f"ORG{i % 5}", area=f"Område {i % 3}")
    with django_assert_num_queries(10):
        response = as_leader.get(url("housing", world))
    assert response.status_code == 200
