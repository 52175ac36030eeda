"""Backup codes: a caretaker who lost the phone still gets in on Monday morning, once per code."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from helhedsplan import two_factor
from helhedsplan.models import AuditAction, AuditEvent
from tests.privacy.test_login import code, log_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def required(settings):
    settings.OTP_REQUIRED = True
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # django-otp otherwise makes a retry wait a second


@pytest.fixture
def phone(world):
    return TOTPDevice.objects.create(user=world.worker_a, name="phone", confirmed=True)


def caseload(world):
    return reverse("cases:caseload", kwargs={"plan_id": world.plan_a.pk})


def second_step(client, token, next_url=""):
    return client.post(reverse("two_factor"), {"token": token, "next": next_url})


def test_enrolment_shows_ten_codes_once_and_the_next_page_does_not(world):
    client, _ = log_in("caretaker_a")
    client.get(reverse("two_factor"))
    key = client.session[two_factor.ENROL_KEY_SESSION]
    shown = second_step(client, code(key))
    codes = shown.context["codes"]
    assert len(set(codes)) == 10 and all(c in shown.content.decode() for c in codes)
    assert "no-store" in shown["Cache-Control"]
    page = client.get(reverse("backup_codes")).content.decode()
    assert "10 ubrugte reservekoder" in page
    assert not any(c in page for c in codes)
    assert AuditEvent.objects.filter(action=AuditAction.OTP_BACKUP_CODES, user=world.worker_a).count() == 1


def test_a_lost_phone_is_replaced_by_a_backup_code_that_works_once(world, phone):
    first, *_ = two_factor.backup_codes_generate(world.worker_a)
    client, _ = log_in("caretaker_a")
    response = second_step(client, first.upper().replace("-", " "), caseload(world))  # as typed off paper
    assert response.status_code == 302 and response["Location"] == caseload(world)
    assert client.get(caseload(world)).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.OTP_BACKUP_USED, user=world.worker_a).count() == 1

    again, _ = log_in("caretaker_a")
    refused = second_step(again, first, caseload(world))
    assert refused.status_code == 200
    assert "ubrugt reservekode" in refused.content.decode()
    assert again.get(caseload(world)).status_code == 302  # still at the second step
    assert AuditEvent.objects.filter(action=AuditAction.OTP_FAILED, user=world.worker_a).count() == 1
    assert two_factor.backup_codes_left(world.worker_a) == 9


def test_the_message_after_a_backup_code_counts_what_is_left(world, phone):
    codes = two_factor.backup_codes_generate(world.worker_a)
    client, _ = log_in("caretaker_a")
    response = client.post(reverse("two_factor"), {"token": codes[3], "next": caseload(world)}, follow=True)
    assert "Du har 9 reservekoder tilbage." in response.content.decode()


def test_new_codes_void_the_old_ones(world, phone):
    old = two_factor.backup_codes_generate(world.worker_a)
    client, _ = log_in("caretaker_a")
    second_step(client, code(phone.key))
    page = client.post(reverse("backup_codes"))
    new = page.context["codes"]
    assert not set(new) & set(old)
    other, _ = log_in("caretaker_a")
    assert second_step(other, old[0]).status_code == 200
    assert second_step(other, new[0]).status_code == 302


def test_another_users_code_does_not_work(world, phone):
    TOTPDevice.objects.create(user=world.leader_a, name="phone", confirmed=True)
    codes = two_factor.backup_codes_generate(world.leader_a)
    client, _ = log_in("caretaker_a")
    assert second_step(client, codes[0]).status_code == 200
    assert two_factor.backup_codes_left(world.leader_a) == 10


def test_making_codes_needs_the_second_factor_first(world, phone):
    client, _ = log_in("caretaker_a")
    response = client.post(reverse("backup_codes"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor"))
    assert two_factor.backup_codes_left(world.worker_a) == 0


def test_a_board_member_without_an_app_is_told_there_are_no_codes(world):
    client, _ = log_in("board_a")
    page = client.post(reverse("backup_codes"))
    assert page.status_code == 200 and "codes" not in page.context
