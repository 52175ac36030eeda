"""Who reaches casework: the access ladder on the case and resident pages, and the decisions behind it.

* Caretakers may open any case of their plan (they cover for each other); their start page lists
  their own. The project leader sees, filters and exports all of them.
* Board members never reach a case, an entry or a resident (403); another plan's case is a 404.
"""

import pytest
from django.urls import reverse

from tests import factories
from tests.cases.builders import make_case, make_resident
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["case_detail", "entry_log", "case_history", "resident_detail"])
def test_the_ladder(world, page):
    resident = make_resident(world.plan_a)
    case = make_case(world.plan_a, world.worker_a, residents=[resident])
    pk = resident.pk if page.startswith("resident") else case.pk
    url = reverse(f"cases:{page}", kwargs={"plan_id": world.plan_a.pk, "pk": pk})
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    assert client_for(world.board_a).get(url).status_code == 403
    assert client_for(world.worker_b).get(url).status_code == 404
    assert client_for(world.worker_a).get(url).status_code == 200
    assert client_for(world.leader_a).get(url).status_code == 200
    assert client_for(world.worker_a).delete(url).status_code == 405


def test_a_caretaker_opens_a_colleagues_case(world):
    colleague = factories.make_member(world.plan_a, "worker", "colleague_a")
    case = make_case(world.plan_a, colleague)
    assert client_for(world.worker_a).get(case.get_absolute_url()).status_code == 200


def test_another_plans_case_is_404_inside_my_plan(world):
    foreign = make_case(world.plan_b, world.worker_b)
    url = reverse("cases:case_detail", kwargs={"plan_id": world.plan_a.pk, "pk": foreign.pk})
    assert client_for(world.leader_a).get(url).status_code == 404


def test_board_members_see_no_resident_anywhere_in_cases(world):
    make_case(world.plan_a, world.worker_a, residents=[make_resident(world.plan_a, name="Birte Beskyttet")])
    client = client_for(world.board_a)
    for name in ("caseload", "case_list", "case_export", "resident_list", "case_open"):
        response = client.get(reverse(f"cases:{name}", kwargs={"plan_id": world.plan_a.pk}))
        assert response.status_code == 403
        assert "Birte" not in response.content.decode()
