"""The case pages and the success-criterion metrics count with the same rules of `cases.models`.

Each test changes one rule and shows that the metric (dashboard) and the case
pages' own figures both follow it.
"""

import datetime

import pytest
from django.db.models import Q

from cases import selectors
from cases.models import Case, CaseQuerySet, CaseType, Entry, EntryKind, EntryQuerySet, Outcome
from cases.services import case_close
from helhedsplan.metrics import Window, catalogue
from tests.patching import patched_rule

from . import builders as cb

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2019, 6, 3)


def metric(plan, key, **params):
    return catalogue[key].values(Window(plan=plan, params=params, years=[2018], as_of=AS_OF))[2018]


def test_an_entry_counts_until_it_is_corrected(world):
    plan = world.plan_a
    case = cb.make_case(plan, opened_on=D(2018, 3, 1))
    cb.log(case, day=D(2018, 3, 2), kind=EntryKind.PHONE_CALL)
    corrected = cb.log(case, day=D(2018, 3, 3), kind=EntryKind.PHONE_CALL)
    on_the_page = lambda: selectors.case_detail(plan, case.pk, AS_OF).get().current_entries  # noqa: E731
    counted = lambda: metric(plan, "case_entries", kinds=[EntryKind.PHONE_CALL])  # noqa: E731
    every = (on_the_page(), counted())
    assert every[0] == every[1] >= 2
    # A corrected entry is kept, superseded: one fewer on the case page and on the dashboard.
    Entry.objects.filter(pk=corrected.pk).update(superseded=True)
    assert (on_the_page(), counted()) == (every[0] - 1, every[1] - 1)
    # Change the rule (every entry counts) and both follow it.
    with patched_rule(EntryQuerySet, "current_q", return_value=Q()):
        assert (on_the_page(), counted()) == every


def test_a_neighbour_conflict_is_resolved_when_closed_with_a_resolving_outcome(world):
    plan = world.plan_a
    for outcome in (Outcome.RESOLVED_MEDIATION, Outcome.HOUSE_RULES_CASE):
        case = cb.make_case(plan, case_type=CaseType.NEIGHBOUR_CONFLICT, opened_on=D(2018, 2, 1))
        case_close(case=case, user=cb.staff_of(plan), outcome=outcome, closed_on=D(2018, 5, 1), today=AS_OF)
    params = {"case_type": CaseType.NEIGHBOUR_CONFLICT, "outcomes": [Outcome.RESOLVED_MEDIATION]}
    resolved = lambda: Case.objects.filter(plan=plan).resolved().count()  # noqa: E731
    assert (resolved(), metric(plan, "cases_closed_with_outcome", **params)) == (1, 1)
    closed = Q(status="closed")
    with patched_rule(CaseQuerySet, "closed_with_q", return_value=closed):
        assert (resolved(), metric(plan, "cases_closed_with_outcome", **params)) == (2, 2)
