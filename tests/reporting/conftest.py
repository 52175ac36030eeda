import datetime
from types import SimpleNamespace

import pytest

from helhedsplan.demo import SEED_DEPARTMENTS
from helhedsplan.models import Department, HousingOrganisation, Neighbourhood
from tests import factories

DISTRICTS = {"Sjælør Boulevard": "Valby", "Kgs. Enghave": "Kgs. Enghave"}


@pytest.fixture(autouse=True)
def in_english(english):
    """Figures and messages come in English (tests/conftest.py); a page may ask for Danish."""


@pytest.fixture
def seed_plan(world):
    """Plan A with the seed's 4 organisations, 2 neighbourhoods and 22 departments (3,900 homes)."""
    plan = world.plan_a
    orgs = {
        short: HousingOrganisation.objects.create(plan=plan, short_name=short, name=short)
        for short in ("AKB", "AAB", "VIBO", "3B")
    }
    areas = {
        name: Neighbourhood.objects.create(plan=plan, name=name, district=district)
        for name, district in DISTRICTS.items()
    }
    departments = {
        code: Department.objects.create(
            plan=plan,
            housing_organisation=orgs[org],
            neighbourhood=areas[area],
            code=code,
            name=name,
            homes=homes,
        )
        for org, area, code, name, homes in SEED_DEPARTMENTS
    }
    focus_area = factories.make_focus_area(plan)
    return SimpleNamespace(
        plan=plan,
        orgs=orgs,
        areas=areas,
        departments=departments,
        focus_area=focus_area,
        area=lambda org, area: (orgs[org], areas[area]),
    )


@pytest.fixture
def after_2020():
    return datetime.date(2021, 3, 1)
