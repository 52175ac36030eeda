"""Partners and their contact persons; staff and their roles."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from helhedsplan.models import ContactPerson, Membership, PartnerOrganisation, Role
from tests import factories
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(f"helhedsplan:{name}", kwargs={"plan_id": world.plan_a.pk, **kwargs})


def test_caretaker_reads_partners_and_contacts_but_cannot_edit(world, as_worker):
    partner = factories.make_partner(world.plan_a, "KAB Gældsrådgivning")
    factories.make_contact(partner, "Maja Mønster")
    factories.make_partner(world.plan_b, "Nørrebro-partner")

    listing = as_worker.get(url("partner_list", world)).content.decode()
    detail = as_worker.get(url("partner_detail", world, pk=partner.pk)).content.decode()

    assert "KAB Gældsrådgivning" in listing
    assert "Nørrebro-partner" not in listing
    assert "Maja Mønster" in detail
    assert "Ny kontaktperson" not in detail  # no edit buttons for caretakers
    assert as_worker.get(url("partner_edit", world, pk=partner.pk)).status_code == 403
    assert (
        as_worker.post(url("contact_create", world, partner_pk=partner.pk), {"name": "X"}).status_code == 403
    )
    assert ContactPerson.objects.count() == 1


def test_partner_list_filters_by_kind(world, as_worker):
    factories.make_partner(world.plan_a, "Lokalpolitiet", kind="police")
    factories.make_partner(world.plan_a, "Café Rose", kind="drop_in")
    page = as_worker.get(url("partner_list", world) + "?kind=police").content.decode()
    assert "Lokalpolitiet" in page and "Café Rose" not in page
    # an unknown kind is ignored rather than an error
    assert as_worker.get(url("partner_list", world) + "?kind=<script>").status_code == 200


def test_leader_adds_partner_unit_and_contact(world, as_leader):
    parent = factories.make_partner(world.plan_a, "SOF Borgercenter Voksne", kind="municipal")
    response = as_leader.post(
        url("partner_create", world),
        {"name": "Boligrådgiverne", "kind": "municipal", "parent": parent.pk, "description": ""},
    )
    assert response.status_code == 302
    unit = PartnerOrganisation.objects.get(name="Boligrådgiverne")
    assert unit.parent == parent

    response = as_leader.post(
        url("contact_create", world, partner_pk=unit.pk),
        {"name": "Birthe Eksempel", "role": "Boligrådgiver", "email": "ikke-en-mail", "phone": ""},
    )
    assert "Indtast en gyldig e-mail-adresse." in response.content.decode()
    response = as_leader.post(
        url("contact_create", world, partner_pk=unit.pk),
        {
            "name": "Birthe Eksempel",
            "role": "Boligrådgiver",
            "email": "birthe@example.org",
            "phone": "+45 00 00 00 00",
        },
    )
    assert response.status_code == 302
    assert unit.contacts.get().email == "birthe@example.org"


def test_partner_cannot_be_part_of_itself(world, as_leader):
    parent = factories.make_partner(world.plan_a, "Distriktspsykiatrien", kind="health")
    child = factories.make_partner(world.plan_a, "OP-team", kind="health")
    child.parent = parent
    child.save()
    response = as_leader.post(
        url("partner_edit", world, pk=parent.pk),
        {"name": "Distriktspsykiatrien", "kind": "health", "parent": child.pk},
    )
    assert "En organisation kan ikke være en del af sig selv." in response.content.decode()


def test_leader_adds_staff_member_who_can_then_log_in(world, as_leader):
    response = as_leader.post(
        url("staff_create", world),
        {
            "username": "ny-vicevaert",
            "first_name": "Nina",
            "last_name": "Fiktiv",
            "email": "nina@example.org",
            "role": Role.WORKER,
            "job_title": "Social vicevært",
            "password": "en-lang-og-sikker-kode-42",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="ny-vicevaert")
    assert membership.plan == world.plan_a and membership.role == Role.WORKER
    assert client_for(None).login(username="ny-vicevaert", password="en-lang-og-sikker-kode-42")


def test_staff_password_is_validated(world, as_leader):
    response = as_leader.post(
        url("staff_create", world),
        {"username": "svag", "first_name": "S", "last_name": "V", "role": Role.WORKER, "password": "123"},
    )
    assert response.status_code == 200
    assert not get_user_model().objects.filter(username="svag").exists()


def test_leader_cannot_demote_themselves(world, as_leader):
    membership = world.leader_a.memberships.get()
    response = as_leader.post(
        url("staff_edit", world, pk=membership.pk),
        {
            "first_name": "Leif",
            "last_name": "Fiktiv",
            "role": Role.WORKER,
            "job_title": "",
            "is_active": "on",
        },
    )
    assert "Du kan ikke ændre din egen rolle." in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.PROJECT_LEADER


def test_staff_list_shows_only_this_plans_staff(world, as_leader):
    page = as_leader.get(url("staff_list", world)).content.decode()
    assert "Asta Fiktiv" in page
    assert "Bent Fiktiv" not in page  # plan B's caretaker
