"""`{% url %}` keeps what it reversed (helhedsplan/templatetags/kept_urls.py, a template builtin) and
still gives exactly what Django's `reverse` gives: for every page of the project, under another URL
configuration, under a script prefix, in both languages, and with Django's errors."""

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from helhedsplan.templatetags import kept_urls
from tests.test_access_matrix import RULES


@pytest.fixture(autouse=True)
def nothing_kept():
    kept_urls.clear()
    yield
    kept_urls.clear()


def url_tag(name: str, kwargs: dict) -> str:
    """`{% url %}` for `name` with `kwargs` as template variables (their own types: ints, strings)."""
    arguments = " ".join(f"{key}=v{i}" for i, key in enumerate(kwargs))
    context = Context({f"v{i}": value for i, value in enumerate(kwargs.values())})
    return Template(f"{{% url '{name}' {arguments} %}}").render(context)


def test_every_page_of_the_project_reverses_as_django_does(populated_once):
    assert len(RULES) > 150
    for name, rule in sorted(RULES.items()):
        kwargs = rule.kwargs(populated_once)
        expected = reverse(name, kwargs=kwargs)
        assert url_tag(name, kwargs) == expected, name
        assert url_tag(name, kwargs) == expected, f"{name}, the second time (kept)"
    assert kept_urls._reversed.cache_info().hits >= len(RULES)


def test_the_same_name_and_arguments_for_another_plan_give_that_plans_url():
    assert url_tag("cases:caseload", {"plan_id": 1}) == "/plans/1/cases/"
    assert url_tag("cases:caseload", {"plan_id": 2}) == "/plans/2/cases/"
    assert url_tag("cases:caseload", {"plan_id": "3"}) == "/plans/3/cases/"


def test_another_url_configuration_reverses_anew():
    assert url_tag("login", {}) == "/login/"
    with override_settings(ROOT_URLCONF="tests.helhedsplan.urls_elsewhere"):
        assert url_tag("login", {}) == "/anderswo/login/"
    assert url_tag("login", {}) == "/login/"


def test_a_script_prefix_is_part_of_the_url():
    assert url_tag("login", {}) == "/login/"
    set_script_prefix("/helhedsplan/")
    try:
        assert url_tag("login", {}) == "/helhedsplan/login/"
    finally:
        set_script_prefix("/")
    assert url_tag("login", {}) == "/login/"


@pytest.mark.parametrize("language", ["da", "en"])
def test_in_both_languages(language):
    with translation.override(language):
        assert url_tag("cases:caseload", {"plan_id": 7}) == reverse("cases:caseload", kwargs={"plan_id": 7})


def test_as_a_variable_and_the_errors_are_djangos():
    rendered = Template("{% url 'cases:caseload' plan_id=5 as link %}[{{ link }}]").render(Context())
    assert rendered == "[/plans/5/cases/]"
    assert Template("{% url 'no-such-page' as link %}[{{ link }}]").render(Context()) == "[]"
    with pytest.raises(NoReverseMatch):
        Template("{% url 'no-such-page' %}").render(Context())
    with pytest.raises(NoReverseMatch):
        url_tag("cases:caseload", {"plan_id": "not a number"})
    assert kept_urls._reversed.cache_info().currsize == 1  # what did not reverse is not kept


class Numbered:
    """An argument that is not a plain string or number: it reverses by its str(), which changes."""

    def __init__(self, n):
        self.n = n

    def __str__(self):
        return str(self.n)


def test_an_argument_that_is_not_a_plain_value_is_reversed_every_time():
    argument = Numbered(5)
    template = Template("{% url 'cases:caseload' plan_id=argument %}")
    assert template.render(Context({"argument": argument})) == "/plans/5/cases/"
    argument.n = 6  # a kept URL would still say 5
    assert template.render(Context({"argument": argument})) == "/plans/6/cases/"
    assert kept_urls._reversed.cache_info().currsize == 0


def test_true_is_not_taken_for_1():
    assert url_tag("cases:caseload", {"plan_id": 1}) == "/plans/1/cases/"
    with pytest.raises(NoReverseMatch):  # as Django's tag: "True" is not a plan id
        url_tag("cases:caseload", {"plan_id": True})


def test_the_current_application_is_read_as_djangos_tag_reads_it():
    from types import SimpleNamespace

    def context(request):
        c = Context()
        if request is not None:
            c.request = request
        return c

    in_namespace = SimpleNamespace(resolver_match=SimpleNamespace(namespace="cases"))
    assert kept_urls._current_app(context(in_namespace)) == "cases"
    # The request's own, even when it is None, before the namespace it was resolved in.
    set_to_none = SimpleNamespace(current_app=None, resolver_match=SimpleNamespace(namespace="cases"))
    assert kept_urls._current_app(context(set_to_none)) is None
    assert kept_urls._current_app(context(SimpleNamespace(current_app="admin"))) == "admin"
    assert kept_urls._current_app(context(SimpleNamespace())) is None
    assert kept_urls._current_app(context(None)) is None
