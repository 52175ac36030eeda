"""The caretaker's Monday morning: my open cases, the most urgent first."""

import datetime

import pytest
from django.db.models import Count, Q
from django.urls import reverse

from cases import services
from cases.models import CaseType, Outcome
from cases.selectors import Urgency, caseload_for
from tests import factories
from tests.cases.builders import TODAY, bulk_cases, log, make_case, make_resident
from tests.conftest import client_for
from tests.markup import squeezed

pytestmark = pytest.mark.django_db


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def eviction(world, bailiff_in: int, **fields):
    return make_case(
        world.plan_a,
        world.worker_a,
        case_type=CaseType.EVICTION_PREVENTION,
        opened_on=days(-10),
        eviction_scheduled_on=days(-12),
        bailiff_date=days(bailiff_in),
        **fields,
    )


@pytest.fixture
def monday(world):
    """Six open cases of caretaker A, one of each urgency, created in a shuffled order."""
    c = {}
    c["fresh"] = make_case(world.plan_a, world.worker_a, opened_on=days(-3), next_follow_up=days(4))
    c["bailiff_in_20"] = eviction(world, 20)
    c["stale"] = make_case(world.plan_a, world.worker_a, opened_on=days(-60))  # its only entry is 60 days old
    c["bailiff_in_3"] = eviction(world, 3)
    c["follow_up_overdue"] = make_case(
        world.plan_a, world.worker_a, opened_on=days(-5), next_follow_up=days(-2)
    )
    c["bailiff_passed"] = eviction(world, -1)
    c["follow_up_long_overdue"] = make_case(
        world.plan_a, world.worker_a, opened_on=days(-20), next_follow_up=days(-9)
    )
    return c


def test_the_most_urgent_comes_first(world, monday):
    order = [case.pk for case in caseload_for(world.worker_a, world.plan_a, TODAY)]
    expected = [
        "bailiff_passed",
        "bailiff_in_3",
        "bailiff_in_20",  # bailiff's dates, closest first
        "follow_up_long_overdue",
        "follow_up_overdue",  # overdue follow-ups, oldest first
        "stale",  # no entry for 30 days
        "fresh",
    ]
    assert order == [monday[name].pk for name in expected]


def test_urgency_is_annotated_in_the_database(world, monday):
    cases = {c.pk: c for c in caseload_for(world.worker_a, world.plan_a, TODAY)}
    soon = cases[monday["bailiff_in_3"].pk]
    assert (soon.urgency, soon.days_to_bailiff.days) == (Urgency.BAILIFF, 3)
    assert cases[monday["bailiff_passed"].pk].days_to_bailiff.days == -1
    assert cases[monday["follow_up_overdue"].pk].follow_up_overdue
    assert cases[monday["stale"].pk].is_stale and cases[monday["stale"].pk].urgency == Urgency.STALE
    fresh = cases[monday["fresh"].pk]
    assert (fresh.urgency, fresh.is_stale, fresh.follow_up_overdue) == (Urgency.NONE, False, False)


def test_a_new_entry_makes_a_stale_case_fresh(world, monday):
    log(monday["stale"], world.worker_a, day=days(-1))
    stale = next(c for c in caseload_for(world.worker_a, world.plan_a, TODAY) if c.pk == monday["stale"].pk)
    assert not stale.is_stale and stale.urgency == Urgency.NONE


def test_only_my_open_cases_unless_i_ask_for_everyones(world, monday):
    colleague = factories.make_member(world.plan_a, "worker", "colleague", first_name="Carla")
    theirs = make_case(world.plan_a, colleague)
    services.case_close(
        case=monday["fresh"], user=world.worker_a, outcome=Outcome.WITHDRAWN, closed_on=TODAY, today=TODAY
    )
    mine = set(caseload_for(world.worker_a, world.plan_a, TODAY).values_list("pk", flat=True))
    assert theirs.pk not in mine and monday["fresh"].pk not in mine and len(mine) == 6
    everyone = set(
        caseload_for(world.worker_a, world.plan_a, TODAY, everyone=True).values_list("pk", flat=True)
    )
    assert theirs.pk in everyone and len(everyone) == 7
    make_case(world.plan_b, world.worker_b)  # another plan's case never shows
    assert caseload_for(world.worker_a, world.plan_a, TODAY, everyone=True).count() == 7


def test_the_page_flags_bailiff_dates_follow_ups_and_stale_cases(world, as_worker):
    # Real dates on the page: the view uses today's date.
    today = datetime.date.today()
    resident = make_resident(world.plan_a, name="Ingrid Udsat")
    make_case(
        world.plan_a,
        world.worker_a,
        case_type=CaseType.EVICTION_PREVENTION,
        residents=[resident],
        opened_on=today - datetime.timedelta(days=40),
        eviction_scheduled_on=today - datetime.timedelta(days=40),
        bailiff_date=today + datetime.timedelta(days=4),
        next_follow_up=today - datetime.timedelta(days=1),
        today=today,
    )
    response = as_worker.get(reverse("cases:caseload", kwargs={"plan_id": world.plan_a.pk}))
    html = response.content.decode()
    assert "Ingrid Udsat" in html
    assert "text-bg-danger" in html and "4 days to the bailiff" in html  # red under 7 days
    assert "Follow-up overdue" in html
    assert "No entry for 30 days" in html  # the only entry is 40 days old
    assert response.context["summary"] == {"total": 1, "bailiff_soon": 1, "overdue": 1, "stale": 1}


#: The caseload's cards as the template wrote them before `case_cards` wrote them in Python.
CARDS_AS_TEMPLATE = """{% load i18n %}{% for case in page %}
<li class="list-group-item case-card">
  <div class="d-flex flex-wrap justify-content-between align-items-start gap-1">
    <a class="fw-semibold" href="{{ case.url }}">{{ case.get_case_type_display }} {{ case.number }}</a>
    <div class="d-flex flex-wrap gap-1">{% include "cases/includes/_urgency.html" %}</div>
  </div>
  <div>{% for name, role in case.party_names %}{{ name }} \
<span class="text-body-secondary small">({{ role }})</span>{% if not forloop.last %}, {% endif %}\
{% empty %}<span class="badge text-bg-warning">\
{% translate "No resident on the case (erased on request)" %}</span>{% endfor %}</div>
  <div class="small text-body-secondary">
    {% if case.department %}{{ case.department.housing_organisation.short_name }} \
{{ case.department.name }}{% endif %}
    {% if case.summary %} · {{ case.summary }}{% endif %}
  </div>
  <div class="d-flex flex-wrap justify-content-between align-items-center gap-2 mt-1">
    <div class="small">
      {% if case.bailiff_date %}{% translate "Bailiff" %}: {{ case.bailiff_on }} · {% endif %}
      {% if case.next_follow_up %}{% translate "Follow-up" %}: {{ case.follow_up_on }} · {% endif %}
      {% translate "Last entry" %}: \
{% if case.last_entry_at %}{{ case.last_entry_on }}{% else %}{% translate "none" %}{% endif %}
      {% if everyone %} · {{ case.responsible_names|join:", " }}{% endif %}
    </div>
    <a class="btn btn-sm btn-outline-primary" href="{{ case.url }}entries/new/">{% translate "Log entry" %}\
<span class="visually-hidden"> {{ case.number }}</span></a>
  </div>
</li>{% endfor %}"""


@pytest.mark.parametrize("language", ["en", "da"])
def test_the_cards_read_as_the_card_template_wrote_them(world, as_worker, language):
    import re

    from django.template import Context, Template
    from django.utils import translation

    today = datetime.date.today()
    department = factories.make_department(world.plan_a, org="AKB", code="1201")
    colleague = factories.make_member(world.plan_a, "worker", "kollega", first_name="Åse", last_name="<Ø>")
    make_case(
        world.plan_a,
        world.worker_a,
        case_type=CaseType.EVICTION_PREVENTION,
        residents=[make_resident(world.plan_a, name="Ingrid <Udsat> & co")],
        department=department,
        summary='Husleje & "rykker"',
        opened_on=today - datetime.timedelta(days=40),
        eviction_scheduled_on=today - datetime.timedelta(days=40),
        bailiff_date=today - datetime.timedelta(days=2),
        next_follow_up=today - datetime.timedelta(days=1),
        responsible=[world.worker_a, colleague],
        today=today,
    )
    make_case(
        world.plan_a,
        world.worker_a,
        residents=[make_resident(world.plan_a, name="Knud"), make_resident(world.plan_a, name="Nina")],
        roles=["complainant", "complained_about"],
        opened_on=today,
        first_entry=False,
        today=today,
    )
    eviction_soon = make_case(
        world.plan_a,
        world.worker_a,
        case_type=CaseType.EVICTION_PREVENTION,
        opened_on=today - datetime.timedelta(days=3),
        eviction_scheduled_on=today - datetime.timedelta(days=3),
        bailiff_date=today + datetime.timedelta(days=12),
        today=today,
    )
    eviction_soon.parties.all().delete()  # erased on request: no resident
    url = reverse("cases:caseload", kwargs={"plan_id": world.plan_a.pk})

    for query in ({}, {"show": "all"}):
        response = as_worker.get(url, query, HTTP_ACCEPT_LANGUAGE=language)
        html = response.content.decode()
        cards = re.search(r'<ol class="list-group mb-3">(.*?)</ol>', html, re.S).group(1)
        with translation.override(language):
            expected = Template(CARDS_AS_TEMPLATE).render(
                Context({"page": response.context["page"], "everyone": response.context["everyone"]})
            )
        assert cards.count("case-card") == 3
        assert squeezed(cards) == squeezed(expected)


def test_the_caretakers_start_page_is_the_caseload(world):
    response = client_for(world.worker_a).get("/", follow=True)
    assert response.request["PATH_INFO"] == reverse("cases:caseload", kwargs={"plan_id": world.plan_a.pk})


@pytest.mark.parametrize(("count", "queries"), [(10, 9), (500, 10)])
def test_the_caseload_takes_the_same_queries_for_10_and_500_cases(
    world, django_assert_num_queries, count, queries
):
    colleague = factories.make_member(world.plan_a, "worker", "colleague", first_name="Carla")
    bulk_cases(world.plan_a, world.worker_a, count, today=datetime.date.today(), colleague=colleague)
    client = client_for(world.worker_a)
    url = reverse("cases:caseload", kwargs={"plan_id": world.plan_a.pk})
    client.get(url)  # the session settles on the plan
    # session, user, SAVEPOINT (the request's transaction), memberships+plans, the first page of cases and one
    # more (a caseload that fits on it is counted from it; a longer one by a summary aggregate, which also
    # gives the pager its count), the tasks due this week (none here), the residents and caretakers of
    # the cases and the tasks (one query), RELEASE SAVEPOINT, the audit event (middleware)
    with django_assert_num_queries(queries):
        response = client.get(url + "?show=all")
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count, 50)
    assert response.context["summary"]["total"] == count
    assert response.context["page"].paginator.num_pages == (count + 49) // 50
    # the caretaker's own cases: no caretakers' names on the cards (they are not read), the same queries
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
    # a later page is counted by the database
    if count > 50:
        with django_assert_num_queries(queries):
            later = client.get(url + "?show=all&page=3")
        assert later.context["page"].number == 3 and len(later.context["page"].object_list) == 50


def test_the_caseload_counts_a_short_and_a_long_caseload_alike(world):
    """The counts worked out from a caseload that fits on one page are the database's counts."""
    from cases.views.lists import _caseload_summary

    bulk_cases(world.plan_a, world.worker_a, 40, today=TODAY)
    soon = TODAY + datetime.timedelta(days=7)
    cases = caseload_for(world.worker_a, world.plan_a, TODAY)
    counted = cases.order_by().aggregate(
        total=Count("pk"),
        bailiff_soon=Count("pk", filter=Q(urgency=Urgency.BAILIFF, bailiff_date__lte=soon)),
        overdue=Count("pk", filter=Q(follow_up_overdue=True)),
        stale=Count("pk", filter=Q(is_stale=True)),
    )
    assert _caseload_summary(list(cases), soon) == counted
    assert all(counted.values())  # every kind of urgency is among them


def test_an_entry_today_keeps_the_case_fresh_for_30_days(world):
    case = make_case(world.plan_a, world.worker_a, opened_on=days(-40))
    log(case, world.worker_a, day=days(-30))
    row = caseload_for(world.worker_a, world.plan_a, TODAY).get(pk=case.pk)
    assert not row.is_stale  # 30 days is the limit; day 31 is stale
    row = caseload_for(world.worker_a, world.plan_a, days(1)).get(pk=case.pk)
    assert row.is_stale
