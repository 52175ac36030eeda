"""Two-factor login with a TOTP app (django-otp): who needs it, enrolment, verification.

Backup codes (django-otp's static device) let a caretaker who lost the phone log in all the same:
ten one-time codes, shown once when the app is set up (and whenever the user makes new ones), each
usable once at the second-factor step. Making new codes voids the old ones.
"""

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
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Role

ENROL_KEY_SESSION = "_otp_enrol_key"
BACKUP_CODE_COUNT = 10
BACKUP_CODE_LENGTH = 10
# No 0/o, 1/l/i: a code is read off paper and typed on a phone.
BACKUP_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
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


def normalise_code(token: str) -> str:
    """What the user typed, without spaces and dashes, lower case (backup codes are shown as xxxxx-xxxxx)."""
    return "".join(ch for ch in token.lower() if ch not in " -\t")


def is_app_code(token: str) -> bool:
    return len(token) == 6 and token.isdigit()


def backup_codes_generate(user) -> list[str]:
    """Ten new one-time codes for `user`; the old ones stop working. Returned once, to be shown once."""
    codes = [
        "".join(secrets.choice(BACKUP_CODE_ALPHABET) for _ in range(BACKUP_CODE_LENGTH))
        for _ in range(BACKUP_CODE_COUNT)
    ]
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return [f"{code[:5]}-{code[5:]}" for code in codes]


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def verify_backup_code(request, token: str) -> bool:
    """Use one backup code: one DELETE decides, so a code works once even if sent twice at once."""
    device = StaticDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return False
    allowed, _ = device.verify_is_allowed()
    if not allowed:
        return False
    deleted, _ = StaticToken.objects.filter(device=device, token=normalise_code(token)).delete()
    if not deleted:
        device.throttle_increment()
        return False
    device.throttle_reset(commit=False)
    device.set_last_used_timestamp(commit=False)
    device.save()
    otp_login(request, device)
    return True
