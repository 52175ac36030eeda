"""Every URL of the project × every persona, against the rule table.

A new URL without a rule fails `test_every_url_has_a_rule`; the rules live in
tests/<app>/rules.py next to each app's other tests.
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

import tests
from tests.conftest import client_for
from tests.rules import PERSONAS, ROLE_OF, PlanRule, SiteRule

RULE_MODULES = [
    importlib.import_module(f"tests.{info.name}.rules")
    for info in pkgutil.iter_modules(tests.__path__)
    if info.ispkg and importlib.util.find_spec(f"tests.{info.name}.rules")
]
RULES = {name: r for module in RULE_MODULES for name, r in module.RULES.items()}


def _url_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            if ns == "admin":
                continue  # the admin is Django's own; one rule covers its index
            names |= _url_names(entry, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_has_a_rule():
    names = _url_names(get_resolver())
    missing = sorted(names - set(RULES))
    stale = sorted(set(RULES) - names - {"admin:index"})
    assert not missing, f"URLs without an access rule: {missing}"
    assert not stale, f"Rules for URLs that no longer exist: {stale}"


@pytest.fixture
def populated(populated_once):
    """One object of every kind in plan A and plan B, written once for the whole matrix."""
    return populated_once


def expected_status(r, persona: str) -> int:
    if isinstance(r, SiteRule):
        return r.status_for(persona)
    if persona == "anonymous":
        return 302
    if persona not in ROLE_OF:  # not a member of plan A: plan A does not exist for them
        return 404
    return r.status if ROLE_OF[persona] in r.roles else 403


@pytest.mark.parametrize("persona", list(PERSONAS))
@pytest.mark.parametrize("name", sorted(RULES))
def test_matrix(populated, name, persona):
    r = RULES[name]
    w = populated
    user = getattr(w, PERSONAS[persona]) if PERSONAS[persona] else None
    url = reverse(name, kwargs=r.kwargs(w))
    if isinstance(r, PlanRule) and r.query:
        url += r.query
    response = client_for(user).get(url)
    expected = expected_status(r, persona)
    assert response.status_code == expected, (
        f"{persona} GET {url}: {response.status_code}, expected {expected}"
    )
    if expected == 302 and persona == "anonymous" and isinstance(r, PlanRule):
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", sorted(n for n, r in RULES.items() if isinstance(r, PlanRule) and r.foreign))
def test_other_plans_object_is_404(populated, name):
    """Plan A's URL with an object id of plan B is a 404 for an allowed role of plan A."""
    r = RULES[name]
    persona = (
        "leader_a"
        if ROLE_OF["leader_a"] in r.roles
        else next(p for p, role in ROLE_OF.items() if role in r.roles)
    )
    user = getattr(populated, persona)
    response = client_for(user).get(reverse(name, kwargs=r.foreign(populated)))
    assert response.status_code == 404


def test_plan_views_declare_their_roles(populated):
    """Every page under /plans/<plan_id>/ goes through the access layer with the rule's roles."""
    for name, r in RULES.items():
        if isinstance(r, PlanRule):
            view = resolve(reverse(name, kwargs=r.kwargs(populated))).func
            assert getattr(view, "plan_roles", None), f"{name} is not guarded by plan_view"
            assert set(view.plan_roles) == set(r.roles), (
                f"{name}: the view's roles differ from the rule table"
            )


def test_every_object_url_has_a_foreign_check(populated):
    for name, r in RULES.items():
        if isinstance(r, PlanRule) and set(r.kwargs(populated)) != {"plan_id"}:
            assert r.foreign is not None, f"{name} takes an object id but its rule has no foreign check"
