"""The project leader keeps the plan's own data: the plan, focus areas, budget, initiatives."""

import datetime

import pytest
from django.urls import reverse

from helhedsplan.models import BudgetLine, FocusArea, Initiative, Plan
from tests import factories

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"helhedsplan:{name}", kwargs={"plan_id": world.plan_a.pk, **kwargs})


def test_leader_sees_plan_with_focus_areas_budget_and_initiatives(world, as_leader):
    area = factories.make_focus_area(world.plan_a)
    BudgetLine.objects.create(focus_area=area, source="Landsbyggefonden", amount_dkk=3_871_000)
    BudgetLine.objects.create(focus_area=area, source="Lokal medfinansiering", amount_dkk=900_000)
    factories.make_initiative(area, 1, "Børnebestyrelser")

    response = as_leader.get(url("plan_detail", world))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tryghed og trivsel" in page
    assert "Børnebestyrelser" in page
    # 3,871,000 + 900,000 = 4,771,000, grouped the Danish way
    assert "4.771.000" in page


def test_plan_page_in_english(world, as_leader):
    factories.make_focus_area(world.plan_a)
    as_leader.cookies["django_language"] = "en"
    page = as_leader.get(url("plan_detail", world)).content.decode()
    assert 'lang="en"' in page
    assert "Initiatives" in page and "Focus areas" in page
    assert "Indsatsområder" not in page


def test_plan_page_in_danish_by_default(world, as_leader):
    response = as_leader.get(url("plan_detail", world))
    page = response.content.decode()
    assert 'lang="da"' in page
    assert "Indsatsområde" in page or "indsatsområde" in page


def test_edit_plan_period_must_be_in_order(world, as_leader):
    response = as_leader.post(
        url("plan_edit", world),
        {"name": "Helhedsplan A", "start_date": "2020-01-01", "end_date": "2017-12-31", "description": ""},
    )
    assert response.status_code == 200
    assert "Perioden kan ikke slutte, før den begynder." in response.content.decode()
    world.plan_a.refresh_from_db()
    assert world.plan_a.start_date == datetime.date(2017, 1, 1)


def test_leader_adds_focus_area_with_budget_line_and_initiative(world, as_leader):
    response = as_leader.post(
        url("focus_area_create", world),
        {"name": "Udsatte grupper", "agreement_title": "Kontrakt", "valid_from": "2017-01-01"},
    )
    assert response.status_code == 302
    area = FocusArea.objects.get(plan=world.plan_a, name="Udsatte grupper")

    response = as_leader.post(
        url("budget_line_create", world, focus_area_pk=area.pk),
        {"source": "Landsbyggefonden", "amount_dkk": "250000"},
    )
    assert response.status_code == 302
    assert area.budget_lines.get().amount_dkk == 250_000

    response = as_leader.post(
        url("initiative_create", world),
        {"focus_area": area.pk, "number": 1, "name": "Praksisnetværk", "purpose": "", "target_groups": ""},
    )
    assert response.status_code == 302
    assert Initiative.objects.get(focus_area=area).name == "Praksisnetværk"


def test_budget_amount_cannot_be_negative(world, as_leader):
    area = factories.make_focus_area(world.plan_a)
    response = as_leader.post(
        url("budget_line_create", world, focus_area_pk=area.pk), {"source": "LBF", "amount_dkk": "-5"}
    )
    assert response.status_code == 200
    assert not BudgetLine.objects.exists()
    assert "Beløbet skal være et helt antal kroner, 0 eller mere." in response.content.decode()


def test_focus_area_name_is_unique_within_the_plan(world, as_leader):
    factories.make_focus_area(world.plan_a, "Tryghed og trivsel")
    factories.make_focus_area(world.plan_b, "Udsatte grupper")
    response = as_leader.post(
        url("focus_area_create", world), {"name": "tryghed og trivsel", "valid_from": "2017-01-01"}
    )
    assert "Planen har allerede et indsatsområde med dette navn." in response.content.decode()
    # The same name in another plan is no clash.
    response = as_leader.post(
        url("focus_area_create", world), {"name": "Udsatte grupper", "valid_from": "2017-01-01"}
    )
    assert response.status_code == 302


def test_initiative_cannot_be_put_under_another_plans_focus_area(world, as_leader):
    foreign_area = factories.make_focus_area(world.plan_b)
    response = as_leader.post(
        url("initiative_create", world), {"focus_area": foreign_area.pk, "number": 1, "name": "Snyd"}
    )
    assert response.status_code == 200
    assert not Initiative.objects.exists()


def test_editing_does_not_create_a_plan(world, as_leader):
    before = Plan.objects.count()
    as_leader.post(
        url("plan_edit", world), {"name": "Nyt navn", "start_date": "2017-01-01", "end_date": "2020-12-31"}
    )
    assert Plan.objects.count() == before
    world.plan_a.refresh_from_db()
    assert world.plan_a.name == "Nyt navn"
