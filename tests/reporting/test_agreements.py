"""Start from an agreement: a new plan copies focus areas, initiatives and criteria (no figures),
with the years moved to its own period."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from helhedsplan.models import FocusArea, Initiative
from reporting.agreements import agreement_from_plan, builtin_agreements, plan_agreement_copy
from reporting.models import CriterionVersion, District, HousingStatistic, SuccessCriterion
from tests import factories
from tests.reporting import builders

pytestmark = pytest.mark.django_db

SEED_CODES = ["F1", "F2", "F3", "A1", "A2", "A3", "B1", "B2", "C1", "C2", "C3", "D1", "D2", "D3", "D4"]


def new_plan():
    return factories.make_plan(
        "Helhedsplanen for Tingbjerg Øst",
        start_date=datetime.date(2027, 1, 1),
        end_date=datetime.date(2030, 12, 31),
    )


def test_the_built_in_seed_agreement_has_the_15_criteria():
    agreement = builtin_agreements()["tryghed-og-trivsel"]
    assert [c["code"] for c in agreement["criteria"]] == SEED_CODES
    assert [i["number"] for i in agreement["focus_areas"][0]["initiatives"]] == [1, 2, 3, 4]


def test_copying_the_template_into_a_new_plan_moves_the_years(world):
    plan = new_plan()
    factories.make_department(plan, org="AKB", code="1")
    result = plan_agreement_copy(
        plan=plan, agreement=builtin_agreements()["tryghed-og-trivsel"], user=world.admin
    )
    assert (result.criteria, result.focus_areas, result.initiatives) == (15, 1, 4)
    assert list(SuccessCriterion.objects.filter(plan=plan).values_list("code", flat=True)) == SEED_CODES
    f1 = CriterionVersion.objects.get(criterion__plan=plan, criterion__code="F1")
    # The seed ran 2017–2020 with a 2015 baseline and a 2020 target; this plan runs 2027–2030.
    assert (f1.first_year, f1.last_year, f1.baseline_year, f1.target_year) == (2027, 2030, 2025, 2030)
    assert f1.baseline_value == Decimal("4.6") and f1.target_value == 2
    assert f1.reference_district.name == "København" and f1.reference_district.is_municipality
    a3 = CriterionVersion.objects.get(criterion__plan=plan, criterion__code="A3")
    assert a3.target_date == datetime.date(2027, 12, 31)
    assert SuccessCriterion.objects.get(plan=plan, code="A1").initiative.number == 1
    # F2 names AAB and VIBO, which this plan lacks: said, and only AKB is kept.
    f2 = CriterionVersion.objects.get(criterion__plan=plan, criterion__code="F2")
    assert len(f2.params["housing_organisations"]) == 1
    assert any("F2" in note and "AAB" in note for note in result.notes)
    assert set(District.objects.filter(plan=plan).values_list("name", flat=True)) == {
        "København",
        "Valby",
        "Kgs. Enghave",
    }
    assert not HousingStatistic.objects.filter(plan=plan).exists()


def test_copying_another_plan_takes_names_not_ids_and_no_figures(seed_plan):
    source = seed_plan.plan
    builders.make_criterion(source, "F1")
    HousingStatistic.objects.create(
        plan=source,
        year=2018,
        housing_organisation=seed_plan.orgs["AKB"],
        neighbourhood=seed_plan.areas["Kgs. Enghave"],
        measure="evictions",
        value=3,
    )
    agreement = agreement_from_plan(source)
    plan = new_plan()
    plan_agreement_copy(plan=plan, agreement=agreement)
    copied = SuccessCriterion.objects.get(plan=plan, code="F1")
    assert copied.focus_area.plan == plan and FocusArea.objects.filter(plan=plan).count() == 1
    assert not HousingStatistic.objects.filter(plan=plan).exists()


def test_a_plan_with_criteria_is_not_copied_into(world):
    builders.make_criterion(world.plan_a, "F1")
    with pytest.raises(Exception, match="already has success criteria"):
        plan_agreement_copy(plan=world.plan_a, agreement=builtin_agreements()["tryghed-og-trivsel"])


class TestPage:
    def url(self, plan):
        return reverse("reporting:agreement_copy", kwargs={"plan_id": plan.pk})

    def test_the_leader_copies_the_template_and_sees_the_criteria(self, world, as_leader):
        page = as_leader.get(self.url(world.plan_a), HTTP_ACCEPT_LANGUAGE="da")
        assert page.status_code == 200 and "Tryghed og trivsel" in page.content.decode()
        response = as_leader.post(self.url(world.plan_a), {"source": "template:tryghed-og-trivsel"})
        assert response.status_code == 302
        assert SuccessCriterion.objects.filter(plan=world.plan_a).count() == 15
        assert Initiative.objects.filter(focus_area__plan=world.plan_a).count() >= 4

    def test_another_plan_of_the_installation_is_offered(self, world, as_leader):
        builders.make_criterion(world.plan_b, "X9")
        page = as_leader.get(self.url(world.plan_a))
        assert world.plan_b.name in page.content.decode()
        response = as_leader.post(self.url(world.plan_a), {"source": f"plan:{world.plan_b.pk}"})
        assert response.status_code == 302
        assert list(SuccessCriterion.objects.filter(plan=world.plan_a).values_list("code", flat=True)) == [
            "X9"
        ]

    def test_an_unknown_source_is_a_message_at_the_field(self, world, as_leader):
        response = as_leader.post(self.url(world.plan_a), {"source": "plan:999999"})
        assert response.status_code == 400 and response.context["form"].errors["source"]
        assert not SuccessCriterion.objects.filter(plan=world.plan_a).exists()

    def test_a_plan_that_has_criteria_is_told_so_and_nothing_is_copied(self, world, as_leader):
        builders.make_criterion(world.plan_a, "F1")
        response = as_leader.post(self.url(world.plan_a), {"source": "template:tryghed-og-trivsel"})
        assert response.status_code == 400
        assert SuccessCriterion.objects.filter(plan=world.plan_a).count() == 1
