"""Every page's queries, for every role that opens it, at two data sizes: at most 12, and not growing.

The walk takes its pages from the access matrix's rule table (tests/<app>/rules.py), so a new page is
measured here the day it gets its access rule. The data: every app's `populate` once (one object of
each kind in plan A and plan B), then once more (twice the data, where the app's uniqueness rules allow
a second set); a page that takes more queries the
second time has an N+1. Transaction control (BEGIN, COMMIT, savepoints) is not a query.
"""

import contextlib

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for
from tests.perf.benchmark.measure import MAX_QUERIES, real_queries
from tests.rules import PERSONAS, ROLE_OF, PlanRule
from tests.test_access_matrix import RULE_MODULES, RULES

PAGES = sorted(name for name, rule in RULES.items() if isinstance(rule, PlanRule) and rule.status == 200)
PERSONA_OF = {role: persona for persona, role in ROLE_OF.items()}


def _queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    return real_queries([q["sql"] for q in captured.captured_queries])


@pytest.mark.parametrize("name", PAGES)
def test_every_page_stays_within_its_query_budget_at_two_data_sizes(world, name):
    rule = RULES[name]
    for module in RULE_MODULES:
        module.populate(world)
    clients = {}
    for role in sorted(rule.roles):
        client = client_for(getattr(world, PERSONAS[PERSONA_OF[role]]))
        clients[role] = client
    url = reverse(name, kwargs=rule.kwargs(world)) + rule.query
    for client in clients.values():
        client.get(url)  # the first visit settles the session on the plan (one write, once per plan)
    first = {role: _queries(client, url) for role, client in clients.items()}

    for module in RULE_MODULES:
        # Twice the data; where a second set would break a uniqueness rule (a cohort's name in its plan),
        # that app's set is left out, in its own savepoint.
        with contextlib.suppress(IntegrityError), transaction.atomic():
            module.populate(world)
    second = {role: _queries(client, url) for role, client in clients.items()}

    for role in clients:
        assert len(first[role]) <= MAX_QUERIES, (
            f"{role} GET {url}: {len(first[role])} queries{_list(first[role])}"
        )
        assert len(second[role]) == len(first[role]), (
            f"{role} GET {url}: {len(first[role])} queries, then {len(second[role])} with twice the data"
            + _list(second[role])
        )


def _list(queries: list[str]) -> str:
    return "".join(f"\n  {sql[:160]}" for sql in queries)
