"""Every case page renders in Danish and in English, for the roles that may open it."""

import pytest
from django.urls import reverse

from tests.cases import rules
from tests.conftest import client_for
from tests.rules import LEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def casework(world):
    rules.populate(world)
    return world


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("name", sorted(rules.RULES))
def test_page_renders(casework, name, language):
    r = rules.RULES[name]
    if r.status in (302, 405):
        pytest.skip("POST only (a GET leads elsewhere)")
    user = casework.leader_a if LEADER in r.roles else casework.worker_a
    client = client_for(user)
    client.cookies["django_language"] = language
    url = reverse(name, kwargs=r.kwargs(casework)) + r.query
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content[:500]
    if response["Content-Type"].startswith("text/html") and name != "cases:resident_search":
        html = response.content.decode()
        assert f'<html lang="{language}">' in html


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("da", ["Mine sager", "Opret sag", "Registrér henvendelse"]),
        ("en", ["My cases", "Open a case", "Log entry"]),
    ],
)
def test_the_caseload_speaks_the_users_language(casework, language, words):
    client = client_for(casework.worker_a)
    client.cookies["django_language"] = language
    html = client.get(reverse("cases:caseload", kwargs={"plan_id": casework.plan_a.pk})).content.decode()
    for word in words:
        assert word in html
