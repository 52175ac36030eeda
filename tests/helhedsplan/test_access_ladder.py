"""The access ladder on one page of each kind, and plan switching."""

import pytest
from django.urls import reverse

from helhedsplan.models import Membership, Role
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_ladder_on_the_housing_page(world):
    url = reverse("helhedsplan:housing", kwargs={"plan_id": world.plan_a.pk})
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")
    assert client_for(world.worker_a).get(url).status_code == 403  # wrong role
    assert client_for(world.board_a).get(url).status_code == 403
    assert client_for(world.worker_b).get(url).status_code == 404  # other plan
    assert client_for(world.leader_a).get(url).status_code == 200
    assert client_for(world.leader_a).delete(url).status_code == 405


def test_another_plans_partner_is_404_even_for_its_own_leader_role(world):
    foreign = factories.make_partner(world.plan_b)
    url = reverse("helhedsplan:partner_detail", kwargs={"plan_id": world.plan_a.pk, "pk": foreign.pk})
    assert client_for(world.leader_a).get(url).status_code == 404


def test_a_deactivated_user_is_logged_out_of_the_plan(world):
    client = client_for(world.leader_a)
    world.leader_a.is_active = False
    world.leader_a.save()
    url = reverse("helhedsplan:plan_detail", kwargs={"plan_id": world.plan_a.pk})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_each_role_lands_on_its_start_page(world):
    assert client_for(world.leader_a).get("/", follow=True).request["PATH_INFO"] == reverse(
        "helhedsplan:plan_detail", kwargs={"plan_id": world.plan_a.pk}
    )
    assert client_for(world.board_a).get("/", follow=True).request["PATH_INFO"] == reverse(
        "notes:list", kwargs={"plan_id": world.plan_a.pk}
    )
    worker_page = client_for(world.worker_a).get("/", follow=True)
    assert worker_page.status_code == 200
    assert str(world.plan_a.pk) in worker_page.request["PATH_INFO"]


def test_board_member_sees_no_plan_data_pages(world):
    board = client_for(world.board_a)
    for name in ["plan_detail", "housing", "partner_list", "staff_list"]:
        assert (
            board.get(reverse(f"helhedsplan:{name}", kwargs={"plan_id": world.plan_a.pk})).status_code == 403
        )


def test_user_with_two_plans_switches_and_sees_only_that_plans_data(world):
    Membership.objects.create(user=world.leader_a, plan=world.plan_b, role=Role.WORKER)
    factories.make_partner(world.plan_a, "Kun i plan A")
    factories.make_partner(world.plan_b, "Kun i plan B")
    client = client_for(world.leader_a)

    start_b = client.get(reverse("helhedsplan:plan_start", kwargs={"plan_id": world.plan_b.pk}), follow=True)
    assert start_b.status_code == 200
    partners_b = client.get(
        reverse("helhedsplan:partner_list", kwargs={"plan_id": world.plan_b.pk})
    ).content.decode()
    assert "Kun i plan B" in partners_b and "Kun i plan A" not in partners_b
    # Plan B is remembered as the current plan for the next visit to "/".
    assert client.get("/")["Location"].startswith(f"/plans/{world.plan_b.pk}/")
    # The switcher lists both plans.
    assert "Skift plan" in partners_b
    # In plan B the user is a worker: the leader's pages are closed there.
    assert client.get(reverse("helhedsplan:housing", kwargs={"plan_id": world.plan_b.pk})).status_code == 403


def test_user_without_a_plan_is_told_so(db):
    user = factories.make_user("ingen-plan")
    response = client_for(user).get("/")
    assert response.status_code == 200
    assert "Du er ikke medlem af nogen plan" in response.content.decode()


def test_administrator_without_plan_goes_to_the_installation_pages(world):
    response = client_for(world.admin).get("/")
    assert response["Location"] == reverse("installation:plan_list")
    assert client_for(world.admin).get(reverse("admin:index")).status_code == 200
