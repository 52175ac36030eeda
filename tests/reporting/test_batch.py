"""The batch that takes the figures of every criterion in one query."""

import pytest
from django.db.models import Count, Q, Sum

from cases.models import Case
from helhedsplan.metrics import Batch

pytestmark = pytest.mark.django_db


def test_figures_among_no_rows_are_those_of_an_empty_aggregate(world, django_assert_num_queries):
    batch = Batch(world.plan_a)
    none = batch.ask(Case.objects.filter(pk__in=[]), {"count": Count("pk"), "sum": Sum("pk")}, key="none")
    cases = batch.ask(
        Case.objects.filter(plan=world.plan_a),
        {"among_no_outcomes": Count("pk", filter=Q(outcome__in=[])), "all": Count("pk")},
    )
    everyone = Case.objects.filter(plan=world.plan_a).count()
    with django_assert_num_queries(1):
        assert none() == {"count": 0, "sum": None}
        assert cases() == {"among_no_outcomes": 0, "all": everyone}
