"""Logging in: the second factor, throttled failures, and how long a session lives."""

import time
from binascii import unhexlify

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from helhedsplan.middleware import SESSION_LAST_SEEN, SESSION_LOGIN_AT
from helhedsplan.models import AuditAction, AuditEvent
from helhedsplan.two_factor import ENROL_KEY_SESSION
from tests import factories
from tests.conftest import client_for
from tests.privacy.test_pages import inline_code

pytestmark = pytest.mark.django_db


def log_in(username: str, address: str = "192.0.2.10", password: str = factories.PASSWORD) -> tuple:
    client = Client(REMOTE_ADDR=address)
    response = client.post(reverse("login"), {"username": username, "password": password})
    return client, response


def code(hex_key: str, steps_ahead: int = 0) -> str:
    totp = TOTP(unhexlify(hex_key))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


class TestTwoFactor:
    @pytest.fixture(autouse=True)
    def required(self, settings):
        settings.OTP_REQUIRED = True

    def test_a_caretaker_enrols_by_qr_code_then_reaches_the_cases(self, world):
        client, response = log_in("caretaker_a")
        home = reverse("helhedsplan:partner_list", kwargs={"plan_id": world.plan_a.pk})
        first = client.get(home)
        assert first.status_code == 302 and first["Location"].startswith(reverse("two_factor"))

        page = client.get(first["Location"])
        assert page.status_code == 200
        assert b"<svg" in page.content  # the QR code, inline SVG (allowed by the strict CSP)
        assert inline_code(page.content.decode()) == []
        key = client.session[ENROL_KEY_SESSION]
        assert not TOTPDevice.objects.filter(user=world.worker_a).exists()  # nothing saved on GET

        wrong = client.post(first["Location"], {"token": "000000" if code(key) != "000000" else "111111"})
        assert wrong.status_code == 200 and wrong.context["form"].errors
        done = client.post(first["Location"], {"token": code(key), "next": home})
        assert done.status_code == 200 and len(done.context["codes"]) == 10  # backup codes, shown once
        assert f'href="{home}"' in done.content.decode()
        assert client.get(home).status_code == 200
        assert TOTPDevice.objects.get(user=world.worker_a).confirmed
        assert AuditEvent.objects.filter(action=AuditAction.OTP_ENROLLED, user=world.worker_a).count() == 1
        assert AuditEvent.objects.filter(action=AuditAction.OTP_FAILED, user=world.worker_a).count() == 1

    def test_next_login_asks_for_the_code_and_refuses_a_wrong_one(self, world, settings):
        settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp otherwise makes a retry wait a second
        device = TOTPDevice.objects.create(user=world.leader_a, name="phone", confirmed=True)
        client, _ = log_in("leader_a")
        plan_page = reverse("helhedsplan:plan_detail", kwargs={"plan_id": world.plan_a.pk})
        assert client.get(plan_page)["Location"].startswith(reverse("two_factor"))
        page = client.get(reverse("two_factor"))
        assert b"<svg" not in page.content  # verifying, not enrolling
        wrong = str((int(code(device.key)) + 1) % 1_000_000).zfill(6)
        assert client.post(reverse("two_factor"), {"token": wrong}).status_code == 200
        assert client.get(plan_page).status_code == 302
        response = client.post(reverse("two_factor"), {"token": code(device.key), "next": plan_page})
        assert response["Location"] == plan_page
        assert client.get(plan_page).status_code == 200

    def test_after_a_wrong_code_even_the_right_one_must_wait(self, world):
        device = TOTPDevice.objects.create(user=world.leader_a, name="phone", confirmed=True)
        client, _ = log_in("leader_a")
        wrong = str((int(code(device.key)) + 1) % 1_000_000).zfill(6)
        client.post(reverse("two_factor"), {"token": wrong})
        assert client.post(reverse("two_factor"), {"token": code(device.key)}).status_code == 200

    def test_a_used_code_cannot_be_replayed(self, world):
        device = TOTPDevice.objects.create(user=world.leader_a, name="phone", confirmed=True)
        token = code(device.key)
        first, _ = log_in("leader_a")
        assert first.post(reverse("two_factor"), {"token": token}).status_code == 302
        second, _ = log_in("leader_a", address="192.0.2.11")
        assert second.post(reverse("two_factor"), {"token": token}).status_code == 200

    def test_the_administrator_needs_it_for_the_admin(self, world):
        client, _ = log_in("admin_user")
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor"))

    def test_a_board_member_sees_no_personal_data_and_is_not_asked(self, world):
        client, _ = log_in("board_a")
        response = client.get(reverse("helhedsplan:plan_start", kwargs={"plan_id": world.plan_a.pk}))
        assert response.status_code == 302 and not response["Location"].startswith(reverse("two_factor"))

    def test_logging_out_is_always_possible(self, world):
        client, _ = log_in("caretaker_a")
        assert client.post(reverse("logout")).status_code == 302

    def test_off_when_the_settings_say_so(self, world, settings):
        settings.OTP_REQUIRED = False
        client, _ = log_in("caretaker_a")
        home = reverse("helhedsplan:partner_list", kwargs={"plan_id": world.plan_a.pk})
        assert client.get(home).status_code == 200


class TestLockout:
    def fail(self, username, address, times=1):
        for _ in range(times):
            log_in(username, address, password="not-the-password")

    def test_five_failures_lock_that_username_from_that_address(self, world):
        self.fail("caretaker_a", "192.0.2.20", times=5)
        _, response = log_in("caretaker_a", "192.0.2.20")  # even the right password
        assert response.status_code == 429
        assert "_auth_user_id" not in response.client.session
        assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, username="caretaker_a").count() >= 5

    def test_four_failures_do_not_lock(self, world):
        self.fail("caretaker_a", "192.0.2.21", times=4)
        _, response = log_in("caretaker_a", "192.0.2.21")
        assert response.status_code == 302

    def test_one_person_cannot_lock_out_a_colleague_elsewhere_or_the_office(self, world):
        self.fail("caretaker_a", "192.0.2.22", times=6)
        _, same_user_elsewhere = log_in("caretaker_a", "192.0.2.23")
        _, colleague_same_address = log_in("leader_a", "192.0.2.22")
        assert same_user_elsewhere.status_code == 302
        assert colleague_same_address.status_code == 302

    def test_the_test_client_login_still_works(self, world):
        client = Client()
        assert client.login(username="caretaker_a", password=factories.PASSWORD)


class TestSessions:
    def home(self, world):
        return reverse("helhedsplan:partner_list", kwargs={"plan_id": world.plan_a.pk})

    def shift_clock(self, client, **seconds_ago):
        session = client.session
        now = time.time()
        for key, ago in seconds_ago.items():
            session[key] = now - ago
        session.save()

    def test_half_an_hour_idle_ends_the_session(self, world, settings):
        assert settings.SESSION_COOKIE_AGE == 30 * 60  # the stored session expires as well
        client = client_for(world.worker_a)
        self.shift_clock(client, **{SESSION_LAST_SEEN: 31 * 60})
        response = client.get(self.home(world))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
        assert client.get(self.home(world)).status_code == 302  # and it stays ended

    def test_twenty_nine_minutes_idle_does_not(self, world):
        client = client_for(world.worker_a)
        self.shift_clock(client, **{SESSION_LAST_SEEN: 29 * 60})
        assert client.get(self.home(world)).status_code == 200
        assert time.time() - client.session[SESSION_LAST_SEEN] < 5  # activity moves the idle clock

    def test_twelve_hours_in_all_ends_the_session_even_when_active(self, world):
        client = client_for(world.worker_a)
        self.shift_clock(client, **{SESSION_LOGIN_AT: 12 * 3600 + 60, SESSION_LAST_SEEN: 10})
        response = client.get(self.home(world))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))

    def test_an_expired_stored_session_is_not_accepted(self, world):
        client = client_for(world.worker_a)
        from django.utils import timezone

        Session.objects.update(expire_date=timezone.now())
        assert client.get(self.home(world)).status_code == 302

    def test_a_password_change_ends_the_users_other_sessions(self, world):
        office, phone = client_for(world.worker_a), client_for(world.worker_a)
        response = office.post(
            reverse("password_change"),
            {
                "old_password": factories.PASSWORD,
                "new_password1": "a-new-long-passphrase-42",
                "new_password2": "a-new-long-passphrase-42",
            },
        )
        assert response.status_code == 302
        assert office.get(self.home(world)).status_code == 200  # this session goes on
        assert phone.get(self.home(world)).status_code == 302  # the other one has ended
