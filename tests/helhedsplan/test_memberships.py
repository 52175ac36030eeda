"""A project leader manages memberships of their plan; a shared account is the administrator's.

The cast: Sara is a caretaker of plan A only; Nikolaj serves plans A and B (the Nørrebro case).
"""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from helhedsplan import services
from helhedsplan.models import AuditAction, AuditEvent, Membership, Role
from tests import factories
from tests.cases.builders import make_case
from tests.conftest import client_for

NEW_PASSWORD = "et-nyt-og-langt-kodeord-77"
NOTICE = "kan kun ændres af en administrator"


@pytest.fixture
def cast(world):
    world.sara = factories.make_member(
        world.plan_a, Role.WORKER, "sara", first_name="Sara", last_name="Opdigt", email="sara@example.org"
    )
    world.nikolaj = factories.make_member(
        world.plan_a,
        Role.WORKER,
        "nikolaj",
        first_name="Nikolaj",
        last_name="Opdigt",
        email="nik@example.org",
    )
    Membership.objects.create(user=world.nikolaj, plan=world.plan_b, role=Role.WORKER)
    return world


def staff_url(name, plan, **kwargs):
    return reverse(f"helhedsplan:{name}", kwargs={"plan_id": plan.pk, **kwargs})


def membership_of(user, plan):
    return Membership.objects.get(user=user, plan=plan)


def edit(client, user, plan, **data):
    membership = membership_of(user, plan)
    form = {"role": membership.role, "job_title": membership.job_title} | data
    return client.post(staff_url("staff_edit", plan, pk=membership.pk), form)


def account_form(user, **changes):
    data = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "new_password": "",
    }
    return data | changes


# --- A user of this plan alone: the leader changes the account ---------------------------------------


def test_leader_renames_and_remails_a_colleague_of_their_plan_alone(cast, as_leader):
    response = edit(
        as_leader, cast.sara, cast.plan_a, **account_form(cast.sara, last_name="Nyt", email="s@example.org")
    )
    assert response.status_code == 302
    cast.sara.refresh_from_db()
    assert (cast.sara.last_name, cast.sara.email) == ("Nyt", "s@example.org")


def test_leader_sets_a_new_password_for_a_colleague_of_their_plan_alone(cast, as_leader):
    edit(as_leader, cast.sara, cast.plan_a, **account_form(cast.sara, new_password=NEW_PASSWORD))
    assert client_for(None).login(username="sara", password=NEW_PASSWORD)


def test_a_weak_new_password_is_refused_next_to_the_field(cast, as_leader):
    response = edit(as_leader, cast.sara, cast.plan_a, **account_form(cast.sara, new_password="123"))
    assert response.status_code == 200
    assert "adgangskode er for kort" in response.content.decode()
    assert client_for(None).login(username="sara", password=factories.PASSWORD)


def test_leader_deactivates_a_colleague_of_their_plan_alone_who_then_cannot_log_in(cast, as_leader):
    edit(as_leader, cast.sara, cast.plan_a, **account_form(cast.sara, is_active=""))
    assert not client_for(None).login(username="sara", password=factories.PASSWORD)


def test_leader_cannot_deactivate_themselves(cast, as_leader):
    response = edit(as_leader, cast.leader_a, cast.plan_a, **account_form(cast.leader_a, is_active=""))
    assert "Du kan ikke deaktivere dig selv." in response.content.decode()
    cast.leader_a.refresh_from_db()
    assert cast.leader_a.is_active


# --- A user of two plans: the leaders of either plan change only the membership -------------------------


@pytest.mark.parametrize("leader, plan", [("leader_a", "plan_a"), ("leader_b", "plan_b")])
def test_leader_of_either_plan_sees_the_account_is_the_administrators(cast, leader, plan):
    client, plan = client_for(getattr(cast, leader)), getattr(cast, plan)
    page = client.get(staff_url("staff_edit", plan, pk=membership_of(cast.nikolaj, plan).pk)).content.decode()
    assert NOTICE in page
    assert 'name="email"' not in page and 'name="is_active"' not in page and 'name="new_password"' not in page


@pytest.mark.parametrize("leader, plan", [("leader_a", "plan_a"), ("leader_b", "plan_b")])
@pytest.mark.parametrize(
    "change",
    [
        {"first_name": "Omdøbt"},
        {"email": "kapret@example.org"},
        {"is_active": ""},
        {"new_password": NEW_PASSWORD},
    ],
    ids=["rename", "e-mail", "deactivate", "password"],
)
def test_leader_of_either_plan_cannot_change_a_shared_account(cast, leader, plan, change):
    client, plan = client_for(getattr(cast, leader)), getattr(cast, plan)
    response = edit(
        client,
        cast.nikolaj,
        plan,
        job_title="Boligsocial medarbejder",
        **account_form(cast.nikolaj, **change),
    )
    assert response.status_code == 302  # the membership part is saved ...
    assert membership_of(cast.nikolaj, plan).job_title == "Boligsocial medarbejder"
    cast.nikolaj.refresh_from_db()  # ... the account is not touched
    assert (cast.nikolaj.first_name, cast.nikolaj.email, cast.nikolaj.is_active) == (
        "Nikolaj",
        "nik@example.org",
        True,
    )
    assert client_for(None).login(username="nikolaj", password=factories.PASSWORD)


def test_leader_of_b_changes_the_role_in_b_only(cast):
    edit(client_for(cast.leader_b), cast.nikolaj, cast.plan_b, role=Role.BOARD)
    assert membership_of(cast.nikolaj, cast.plan_b).role == Role.BOARD
    assert membership_of(cast.nikolaj, cast.plan_a).role == Role.WORKER


def test_leader_of_b_cannot_reach_a_colleague_of_plan_a_alone(cast):
    response = client_for(cast.leader_b).get(
        staff_url("staff_edit", cast.plan_b, pk=membership_of(cast.sara, cast.plan_a).pk)
    )
    assert response.status_code == 404


def test_the_service_refuses_a_shared_account_whatever_the_form_sends(cast):
    with pytest.raises(services.AccountNotEditable):
        services.account_update(
            membership=membership_of(cast.nikolaj, cast.plan_b),
            by=cast.leader_b,
            first_name="X",
            last_name="Y",
            email="",
            is_active=False,
        )


def test_an_administrators_account_is_never_edited_from_a_plan(cast, as_leader):
    Membership.objects.create(user=cast.admin, plan=cast.plan_a, role=Role.BOARD)
    page = as_leader.get(staff_url("staff_edit", cast.plan_a, pk=membership_of(cast.admin, cast.plan_a).pk))
    assert NOTICE in page.content.decode()


def test_administrator_changes_a_shared_account_in_the_admin(cast):
    admin = client_for(cast.admin)
    url = reverse("admin:auth_user_change", args=[cast.nikolaj.pk])
    assert admin.get(url).status_code == 200
    response = admin.post(
        url,
        {
            "username": "nikolaj",
            "first_name": "Nikolaj",
            "last_name": "Opdigt",
            "email": "ny@example.org",
            "is_active": "on",
            "date_joined_0": "2019-01-01",
            "date_joined_1": "10:00:00",
        },
    )
    assert response.status_code == 302
    cast.nikolaj.refresh_from_db()
    assert cast.nikolaj.email == "ny@example.org"


def test_staff_list_marks_colleagues_who_are_also_in_another_plan(cast, as_leader, django_assert_num_queries):
    as_leader.get(staff_url("staff_list", cast.plan_a))  # the first visit also remembers the plan
    # savepoint + release (ATOMIC_REQUESTS), session, user, memberships (access layer and plan switcher),
    # the memberships with their users and a count of their other plans
    with django_assert_num_queries(6):
        response = as_leader.get(staff_url("staff_list", cast.plan_a))
    assert response.status_code == 200
    rows = {row.split("</td>")[0]: row for row in response.content.decode().split("<tr><td>")[1:]}
    assert "også i en anden plan" in rows["Nikolaj Opdigt"]
    assert "også i en anden plan" not in rows["Sara Opdigt"]
    for i in range(5):
        user = factories.make_member(cast.plan_a, Role.WORKER, f"ekstra{i}")
        Membership.objects.create(user=user, plan=cast.plan_b, role=Role.BOARD)
    with django_assert_num_queries(6):
        assert as_leader.get(staff_url("staff_list", cast.plan_a)).status_code == 200


# --- Adding an existing colleague --------------------------------------------------------------------


@pytest.mark.parametrize("identifier", ["SARA", "Sara@Example.org"], ids=["username", "e-mail"])
def test_leader_of_b_adds_an_existing_colleague_by_username_or_email(cast, identifier):
    response = client_for(cast.leader_b).post(
        staff_url("staff_add_existing", cast.plan_b),
        {"identifier": identifier, "role": Role.WORKER, "job_title": "Social vicevært"},
    )
    assert response.status_code == 302
    assert membership_of(cast.sara, cast.plan_b).job_title == "Social vicevært"
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE, object_type="membership", plan=cast.plan_b, user=cast.leader_b
    ).exists()
    # She now serves two plans, so her account has become the administrator's.
    page = client_for(cast.leader_a).get(
        staff_url("staff_edit", cast.plan_a, pk=membership_of(cast.sara, cast.plan_a).pk)
    )
    assert NOTICE in page.content.decode()
    # The caretaker logs in once and reaches both plans.
    sara = client_for(cast.sara)
    for plan in (cast.plan_a, cast.plan_b):
        assert sara.get(reverse("cases:caseload", kwargs={"plan_id": plan.pk})).status_code == 200


def test_new_staff_member_with_a_taken_username_points_to_adding_the_colleague(cast):
    response = client_for(cast.leader_b).post(
        staff_url("staff_create", cast.plan_b),
        {
            "username": "sara",
            "first_name": "S",
            "last_name": "O",
            "role": Role.WORKER,
            "password": NEW_PASSWORD,
        },
    )
    assert "Tilføj en eksisterende kollega" in response.content.decode()
    assert not Membership.objects.filter(user=cast.sara, plan=cast.plan_b).exists()


@pytest.mark.parametrize("who", ["unknown", "inactive", "administrator", "shared e-mail"])
def test_adding_finds_nobody_but_one_active_colleague_and_says_the_same_each_time(cast, who):
    User = get_user_model()
    identifier = {
        "unknown": "findes-ikke",
        "inactive": "sara",
        "administrator": "admin_user",
        "shared e-mail": "faelles@example.org",
    }[who]
    if who == "inactive":
        User.objects.filter(pk=cast.sara.pk).update(is_active=False)
    if who == "shared e-mail":
        User.objects.filter(pk__in=[cast.sara.pk, cast.nikolaj.pk]).update(email="faelles@example.org")
    response = client_for(cast.leader_b).post(
        staff_url("staff_add_existing", cast.plan_b), {"identifier": identifier, "role": Role.WORKER}
    )
    assert response.status_code == 200
    assert (
        "Ingen aktiv kollega har præcis dette brugernavn eller denne e-mailadresse."
        in response.content.decode()
    )
    assert cast.plan_b.memberships.count() == 3  # caretaker_b, leader_b, Nikolaj


def test_adding_a_colleague_already_on_the_staff_is_refused(cast):
    response = client_for(cast.leader_b).post(
        staff_url("staff_add_existing", cast.plan_b), {"identifier": "nikolaj", "role": Role.BOARD}
    )
    assert "Kollegaen er allerede i planens medarbejderliste." in response.content.decode()
    assert membership_of(cast.nikolaj, cast.plan_b).role == Role.WORKER


# --- Ending a membership -----------------------------------------------------------------------------


def test_ending_a_membership_in_b_leaves_the_colleague_working_in_a(cast):
    response = client_for(cast.leader_b).post(
        staff_url("staff_end", cast.plan_b, pk=membership_of(cast.nikolaj, cast.plan_b).pk)
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(user=cast.nikolaj, plan=cast.plan_b).exists()
    cast.nikolaj.refresh_from_db()
    assert cast.nikolaj.is_active
    caseload_a = reverse("cases:caseload", kwargs={"plan_id": cast.plan_a.pk})
    assert client_for(cast.nikolaj).get(caseload_a).status_code == 200
    assert AuditEvent.objects.filter(
        action=AuditAction.DELETE, object_type="membership", plan=cast.plan_b
    ).exists()


def test_ending_the_only_membership_deactivates_the_account(cast, as_leader):
    as_leader.post(staff_url("staff_end", cast.plan_a, pk=membership_of(cast.sara, cast.plan_a).pk))
    cast.sara.refresh_from_db()
    assert not cast.sara.is_active


def test_a_colleague_with_open_cases_keeps_the_membership_until_they_are_handed_over(cast, as_leader):
    make_case(cast.plan_a, cast.sara)
    response = as_leader.post(
        staff_url("staff_end", cast.plan_a, pk=membership_of(cast.sara, cast.plan_a).pk)
    )
    assert response.status_code == 200
    assert "er ansvarlig for 1 åben sag" in response.content.decode()
    assert Membership.objects.filter(user=cast.sara, plan=cast.plan_a).exists()


def test_leader_cannot_end_their_own_membership(cast, as_leader):
    response = as_leader.post(
        staff_url("staff_end", cast.plan_a, pk=membership_of(cast.leader_a, cast.plan_a).pk)
    )
    assert "Du kan ikke afslutte dit eget medlemskab." in response.content.decode()
    assert Membership.objects.filter(user=cast.leader_a, plan=cast.plan_a).exists()
