"""Administrators manage users and configuration, not case contents."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db

#: Apps whose records are residents' personal data (names, notes, consents).
PERSONAL_DATA_APPS = {"cases"}


def test_no_resident_case_entry_or_consent_in_the_admin():
    registered = {f"{m._meta.app_label}.{m.__name__}" for m in admin.site._registry}
    personal = {
        f"{m._meta.app_label}.{m.__name__}"
        for app in PERSONAL_DATA_APPS
        if apps.is_installed(app)
        for m in apps.get_app_config(app).get_models()
    }
    assert not registered & personal


def test_the_administrator_without_a_plan_role_cannot_open_case_pages(populated):
    """The cases app's pages (resident, case, list, export) are a 404 for the administrator."""
    from tests.privacy import walk

    admin_client = client_for(populated.admin)
    case_pages = [p for p in walk.pages(populated) if p.name.startswith("cases:")]
    for page in case_pages:
        assert admin_client.get(page.url).status_code == 404, page.url


def test_the_administrator_manages_users_and_reads_the_audit_log(world):
    admin_client = client_for(world.admin)
    assert admin_client.get(reverse("admin:auth_user_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:helhedsplan_auditevent_changelist")).status_code == 200


def test_course_graduates_names_are_not_in_the_admin(world):
    from activities.models import CourseCohort, CourseGraduate

    assert CourseGraduate not in admin.site._registry
    assert CourseCohort not in admin.site._registry  # its sessions' notes are free text
