"""A resident's target group is kept in one place: on the resident, and the case page shows it from there."""

import pytest
from django.urls import reverse

from cases.forms import CaseEditForm, CaseOpenForm
from cases.models import CaseType, PartyRole
from tests.cases.builders import make_case, make_resident
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_case_page_shows_the_target_group_set_on_the_resident(world):
    tenant = make_resident(world.plan_a, name="Vera Opdigtet", target_group_vulnerable=True)
    case = make_case(
        world.plan_a,
        world.worker_a,
        case_type=CaseType.EVICTION_PREVENTION,
        residents=[tenant],
        roles=[PartyRole.RESIDENT],
    )
    page = client_for(world.worker_a).get(
        reverse("cases:case_detail", kwargs={"plan_id": world.plan_a.pk, "pk": case.pk}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Vera Opdigtet: Target group 2" in html
    assert "Target group 1" not in html

    # Changed on the resident, the case follows: there is no second field to disagree.
    tenant.target_group_economy, tenant.target_group_vulnerable = True, False
    tenant.save()
    html = client_for(world.worker_a).get(page.wsgi_request.path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Vera Opdigtet: Target group 1" in html
    assert "Target group 2" not in html


def test_the_case_form_has_no_target_group_of_its_own():
    for form in (CaseOpenForm, CaseEditForm):
        assert "target_group" not in form.base_fields
