"""A form sent back with errors opens with a summary that names each wrong field and links to it.

It lives in base.html, so every form of the app gets it; these tests try two of them.
"""

import re

from django.urls import reverse


def summary_links(page: str) -> list[tuple[str, str]]:
    """(anchor, text) of each link of the page's error summary."""
    match = re.search(
        r'<div class="alert alert-danger" role="alert"[^>]*aria-labelledby="error-summary-title">(.*?)</div>',
        page,
        re.S,
    )
    if not match:
        return []
    return [
        (a, re.sub(r"\s+", " ", t).strip())
        for a, t in re.findall(r'href="#([^"]+)">(.*?)</a>', match.group(1), re.S)
    ]


def test_a_staff_form_with_errors_gets_the_summary_too(world, as_leader):
    url = reverse("helhedsplan:housing_organisation_create", kwargs={"plan_id": world.plan_a.pk})
    response = as_leader.post(url, {})
    assert response.status_code == 200
    links = summary_links(response.content.decode())
    assert links and all(re.search(rf'id="{a}"', response.content.decode()) for a, _t in links)


def test_a_page_without_errors_has_no_summary(world, as_leader):
    url = reverse("helhedsplan:housing_organisation_create", kwargs={"plan_id": world.plan_a.pk})
    assert 'id="error-summary-title"' not in as_leader.get(url).content.decode()


def test_a_failed_case_opening_starts_with_a_summary_linking_to_each_field(world, as_worker):
    url = reverse("cases:case_open", kwargs={"plan_id": world.plan_a.pk})
    page = as_worker.post(url, {"case_type": "", "summary": ""}).content.decode()
    links = summary_links(page)
    assert links, "no error summary"
    # The summary comes before the form, and every link leads to a field of the page.
    assert page.index('id="error-summary-title"') < page.index("<form", page.index('id="main"'))
    for anchor, _text in links:
        assert re.search(rf'id="{re.escape(anchor)}"', page), (
            f"the summary links to #{anchor}, which is not there"
        )
    assert any("Sagstype" in text or "Type" in text for _anchor, text in links), links
