"""`seed_demo` loads the seed agreement's world, and running it twice changes nothing."""

import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Sum

from helhedsplan.demo import SEED_PLAN_SLUG
from helhedsplan.models import BudgetLine, Department, Initiative, Plan

pytestmark = pytest.mark.django_db


def snapshot():
    """Row counts of every model of the project's apps."""
    return {
        model._meta.label: model.objects.count()
        for app in ("helhedsplan", "cases", "activities", "reporting")
        for model in apps.get_app_config(app).get_models()
    }


def test_seed_demo_twice_gives_the_same_data():
    call_command("seed_demo", verbosity=0, today="2026-11-23", force=True)
    first = snapshot()
    call_command("seed_demo", verbosity=0, today="2026-11-23", force=True)
    assert snapshot() == first


def test_seed_plan_reproduces_the_agreement():
    out = io.StringIO()
    call_command("seed_demo", stdout=out, today="2026-11-23", force=True)
    plan = Plan.objects.get(slug=SEED_PLAN_SLUG)

    assert plan.name == "Helhedsplanen for Sjælør og Kgs. Enghave"
    assert (plan.start_date.year, plan.end_date.year) == (2017, 2020)
    departments = Department.objects.filter(plan=plan)
    assert departments.count() == 22
    homes = departments.aggregate(total=Sum("homes"))["total"]
    assert homes == 3900
    # 18 evictions in 2015 per 1,000 homes: 18 / 3900 * 1000 = 4.615... -> 4.6
    assert round(18 / homes * 1000, 1) == 4.6
    budget = BudgetLine.objects.filter(focus_area__plan=plan)
    assert sorted(budget.values_list("amount_dkk", flat=True)) == [900_000, 3_871_000]
    assert Initiative.objects.filter(focus_area__plan=plan).count() == 4
    assert set(departments.values_list("housing_organisation__short_name", flat=True)) == {
        "AKB",
        "AAB",
        "VIBO",
        "3B",
    }
    # Both neighbourhoods of the seed's tables
    assert set(departments.values_list("neighbourhood__name", flat=True)) == {
        "Sjælør Boulevard",
        "Kgs. Enghave",
    }
    printed = out.getvalue()
    assert "vicevaert" in printed and "projektleder" in printed and "bestyrelse" in printed


def test_a_second_plan_keeps_its_own_departments():
    call_command("seed_demo", verbosity=0, force=True)
    plans = Plan.objects.all()
    # The two plans of the plan core, and the Nørrebro district's other five (districts.demo).
    assert plans.count() == 7
    for plan in plans:
        assert Department.objects.filter(plan=plan).exclude(housing_organisation__plan=plan).count() == 0


def test_seed_demo_refuses_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", verbosity=0)
