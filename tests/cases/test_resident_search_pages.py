"""The resident search shows a few residents at a time, with a way to the next ones."""

import re

from django.urls import reverse

from tests.cases.builders import make_resident


def test_twenty_matches_come_eight_at_a_time_with_a_link_to_the_next(world, as_worker):
    for n in range(20):
        make_resident(world.plan_a, name=f"Søren Opdigtet {n:02d}")
    url = reverse("cases:resident_search", kwargs={"plan_id": world.plan_a.pk})
    first = as_worker.get(url, {"q": "opdigtet"}, HTTP_HX_REQUEST="true").content.decode()
    assert first.count('<li class="list-group-item') == 8
    assert re.search(r"1–8 \w+ 20", first) and "page=2" in first
    assert 'data-hx-target="#resident-results"' in first  # the next eight replace these in place
    last = as_worker.get(url, {"q": "opdigtet", "page": 3}, HTTP_HX_REQUEST="true").content.decode()
    assert last.count('<li class="list-group-item') == 4 and re.search(r"17–20 \w+ 20", last)


def test_without_javascript_the_search_is_a_whole_page(world, as_worker):
    make_resident(world.plan_a, name="Søren Opdigtet")
    url = reverse("cases:resident_search", kwargs={"plan_id": world.plan_a.pk})
    page = as_worker.get(url, {"q": "opdigtet"}).content.decode()
    assert page.lstrip().lower().startswith("<!doctype html>") and "<title>" in page
    assert "Søren Opdigtet" in page
