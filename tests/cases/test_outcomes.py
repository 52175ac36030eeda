"""One repayment outcome: "Afdragsordning" and "Udsættelse afværget: afdragsordning" are one, old cases
are mapped (history included), and the figures do not change."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import translation

from cases.models import Case, CaseType, Outcome, outcome_choices_for
from cases.services import case_close
from tests.cases import builders

pytestmark = pytest.mark.django_db


def test_the_eviction_outcomes_offer_one_repayment_agreement():
    with translation.override("da"):
        labels = [str(label) for _code, label in outcome_choices_for(CaseType.EVICTION_PREVENTION)]
    assert [label for label in labels if "afdragsordning" in label.lower()] == [
        "Udsættelse afværget: afdragsordning"
    ]


def test_old_cases_closed_as_repayment_agreement_are_mapped_with_their_history(world):
    case = builders.make_case(world.plan_a, world.worker_a, case_type=CaseType.EVICTION_PREVENTION)
    case_close(
        case=case,
        user=world.worker_a,
        outcome=Outcome.AVERTED_PAID,
        closed_on=datetime.date(2019, 6, 1),
        version=case.version,
        today=datetime.date(2019, 6, 1),
    )
    Case.objects.filter(pk=case.pk).update(outcome="repayment_agreement")
    case.history.update(outcome="repayment_agreement")
    migration = importlib.import_module("cases.migrations.0004_map_repayment_agreement_outcome")
    migration.forwards(apps, None)
    case.refresh_from_db()
    assert case.outcome == Outcome.AVERTED_REPAYMENT
    assert set(case.history.exclude(outcome="").values_list("outcome", flat=True)) == {"averted_repayment"}


def test_a_criterion_counting_the_old_outcome_counts_the_merged_one(world):
    from tests.reporting import builders as reporting_builders

    criterion = reporting_builders.make_criterion(
        world.plan_a,
        "X1",
        metric="cases_closed_with_outcome",
        params={"case_type": "eviction_prevention", "outcomes": ["averted_paid", "repayment_agreement"]},
        target_value=5,
    )
    migration = importlib.import_module("reporting.migrations.0003_map_repayment_agreement_outcome")
    migration.forwards(apps, None)
    assert criterion.versions.get().params["outcomes"] == ["averted_paid", "averted_repayment"]
