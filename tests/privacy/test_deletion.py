"""Deleting never silently changes what was signed or logged, and the admin shows no personal data.

Per case: a partner on signed consents, a contact person on entries, a user responsible for cases, an
initiative with activities and a course cohort with graduates are all refused (PROTECT) with a message
that says what stands in the way, as counts. Accounts are archived instead (deactivated, kept).
"""

import pytest
from django.contrib import admin
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from activities.models import Activity, CourseGraduate
from cases.models import CaseParty, Entry, EntryKind, PartyRole
from helhedsplan.admin import CountsOnlyDeleteMixin
from helhedsplan.models import Initiative, PartnerOrganisation
from tests import factories
from tests.activities import builders as logbook
from tests.cases.builders import consent, log, make_case, make_resident
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

RESIDENT = "Rigmor Opdigtsen"
OTHER_PARTY = "Torben Påfundsen"
GRADUATE = "Gunnhild Kursistsen"


@pytest.fixture
def records(world):
    """Plan A: a signed consent, a case with two parties, a contact on an entry, a course, activities."""
    w = world
    w.partner = factories.make_partner(w.plan_a, "Gældsrådgivningen")
    w.contact = factories.make_contact(w.partner, "Kontakt Opdigt")
    w.resident = make_resident(w.plan_a, name=RESIDENT)
    w.consent = consent(w.resident, [w.partner])
    other = make_resident(w.plan_a, name=OTHER_PARTY)
    w.case = make_case(
        w.plan_a,
        w.worker_a,
        residents=[w.resident, other],
        roles=[PartyRole.COMPLAINANT, PartyRole.COMPLAINED_ABOUT],
    )
    w.entry = log(w.case, w.worker_a, kind=EntryKind.MEETING, partner=w.partner, contact=w.contact)
    w.initiative = factories.make_initiative(factories.make_focus_area(w.plan_a))
    logbook.activity(w.plan_a, initiative=w.initiative)
    logbook.activity(w.plan_a, initiative=w.initiative, title="Fællesspisning")
    w.cohort = logbook.cohort(w.plan_a)
    logbook.graduate(w.cohort, GRADUATE)
    return w


def admin_delete_page(world, obj):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete", args=[obj.pk])
    return client_for(world.admin).get(url)


def assert_no_personal_data(page: str):
    for name in (RESIDENT, OTHER_PARTY, GRADUATE, "Klager", "Indklaget"):
        assert name not in page


def test_a_partner_on_a_signed_consent_cannot_be_deleted(records):
    police = factories.make_partner(records.plan_a, "Lokalpolitiet")  # on the consent, on no entry
    signed = consent(records.resident, [police])
    with pytest.raises(ProtectedError), transaction.atomic():
        police.delete()
    assert list(signed.partners.all()) == [police]
    page = admin_delete_page(records, police)
    assert page.status_code == 200
    text = page.content.decode()
    assert "underskrevne samtykker: 1" in text
    assert_no_personal_data(text)
    client_for(records.admin).post(page.wsgi_request.path, {"post": "yes"})
    assert PartnerOrganisation.objects.filter(pk=police.pk).exists()


def test_a_contact_person_named_on_an_entry_cannot_be_deleted(records):
    with pytest.raises(ProtectedError):
        records.contact.delete()
    assert Entry.objects.get(pk=records.entry.pk).contact == records.contact


def test_a_user_responsible_for_cases_is_deactivated_not_deleted(records):
    user = factories.make_member(records.plan_a, "worker", "kun_ansvarlig")
    records.case.responsible.add(user)
    with pytest.raises(ProtectedError, match="deaktiv"), transaction.atomic():
        user.delete()
    assert user in records.case.responsible.all()
    page = admin_delete_page(records, user).content.decode()
    assert "sager, brugeren er ansvarlig for (deaktivér kontoen i stedet): 1" in page
    assert_no_personal_data(page)


def test_an_initiative_with_activities_cannot_be_deleted_and_the_totals_stay(records):
    page = admin_delete_page(records, records.initiative).content.decode()
    assert "aktiviteter: 2" in page
    client_for(records.admin).post(
        reverse("admin:helhedsplan_initiative_delete", args=[records.initiative.pk]), {"post": "yes"}
    )
    assert Initiative.objects.filter(pk=records.initiative.pk).exists()
    assert Activity.objects.filter(initiative=records.initiative).count() == 2


def test_a_course_cohort_with_graduates_cannot_be_deleted(records):
    with pytest.raises(ProtectedError):
        records.cohort.delete()
    assert CourseGraduate.objects.filter(cohort=records.cohort, name=GRADUATE).exists()


def test_the_admins_delete_pages_count_and_never_name(records):
    # The plan's delete page would reach every resident, party, entry and graduate of the plan.
    for obj in (records.plan_a, records.worker_a, records.partner, records.initiative.focus_area):
        response = admin_delete_page(records, obj)
        assert response.status_code == 200
        assert_no_personal_data(response.content.decode())
    assert CaseParty.objects.filter(case=records.case).count() == 2  # nothing was deleted by looking


def test_every_admin_page_counts_instead_of_naming(records):
    third_party = {"otp_totp", "otp_static", "axes"}  # their records point at nothing of ours
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in third_party:
            continue
        assert isinstance(model_admin, CountsOnlyDeleteMixin), model


def test_only_configuration_is_registered(records):
    registered = {f"{m._meta.app_label}.{m.__name__}" for m in admin.site._registry}
    assert {
        "activities.Activity",
        "activities.CourseCohort",
        "activities.Idea",
        "activities.ChildrenBoard",
        "activities.ResidentMeeting",
        "activities.Network",
    }.isdisjoint(registered)
    admin_client = client_for(records.admin)
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        page = admin_client.get(url)
        assert page.status_code == 200, url
        assert_no_personal_data(page.content.decode())
