"""Two-factor login with a TOTP app (django-otp): who needs it, enrolment, verification."""

import base64
import secrets
from binascii import unhexlify
from urllib.parse import quote, urlencode

import segno
from django.conf import settings
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Role

ENROL_KEY_SESSION = "_otp_enrol_key"
#: Roles whose members see residents' personal data.
PERSONAL_DATA_ROLES = (Role.WORKER, Role.PROJECT_LEADER)


def needs_second_factor(user) -> bool:
    """Administrators and everyone who can see personal data; board members see aggregates only."""
    if user.is_staff or user.is_superuser:
        return True
    return user.memberships.filter(role__in=PERSONAL_DATA_ROLES).exists()


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def enrolment_key(session) -> str:
    """The hex secret of the device being set up; kept in the session until it is confirmed."""
    key = session.get(ENROL_KEY_SESSION)
    if not key:
        key = session[ENROL_KEY_SESSION] = secrets.token_hex(20)
    return key


def base32_secret(hex_key: str) -> str:
    return base64.b32encode(unhexlify(hex_key)).decode().rstrip("=")


def config_url(user, hex_key: str) -> str:
    issuer = settings.OTP_TOTP_ISSUER.replace(":", "")
    label = quote(f"{issuer}:{user.get_username()}")
    query = urlencode({"secret": base32_secret(hex_key), "issuer": issuer, "digits": 6, "period": 30})
    return f"otpauth://totp/{label}?{query}"


def qr_svg(data: str) -> str:
    """The QR code as inline SVG: no inline style, no data: URI, so it shows under the strict CSP."""
    return mark_safe(segno.make(data, error="m").svg_inline(scale=5, border=2))  # noqa: S308 - segno's own markup


def enrol(request, token: str) -> TOTPDevice | None:
    """Confirm the app with its first code; on success the device is saved and this session verified."""
    hex_key = request.session.get(ENROL_KEY_SESSION)
    if not hex_key or not token.isdigit():
        return None
    if not TOTP(unhexlify(hex_key)).verify(int(token), tolerance=1):
        return None
    with transaction.atomic():
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator", key=hex_key, confirmed=True
        )
        device.verify_token(token)  # records the code's time step so it cannot be replayed
    del request.session[ENROL_KEY_SESSION]
    otp_login(request, device)
    return device


def verify(request, device: TOTPDevice, token: str) -> bool:
    """Check a code against the user's device (throttled by django-otp after failures)."""
    verified = verify_token(request.user, device.persistent_id, token.strip())
    if verified is None:
        return False
    otp_login(request, verified)
    return True
