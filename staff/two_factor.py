"""Two-factor log-in (docs/STAFF.md, "Two-factor log-in"): an authenticator app (TOTP), passkeys
(WebAuthn) and recovery codes, on django-otp and django-otp-webauthn.

A log-in always starts with the password (guarded by axes); the second factor is asked for on
the next page, so nobody without the password can make it refuse anyone. Staff must pass it
when ``STAFF_TWO_FACTOR_REQUIRED`` is on (production's default); anyone who has set a second
factor up, staff or company owner, is asked for it either way.
"""

import secrets
from base64 import b32encode
from urllib.parse import urlsplit

import segno
from django.conf import settings
from django.db import transaction
from django.db.models import Value
from django.utils.html import escape
from django.utils.translation import gettext as _
from django_otp import device_classes, devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from staff.audit import audit_event_record
from staff.models import AuditAction

RECOVERY_CODE_COUNT = 10
RECOVERY_DEVICE_NAME = "recovery codes"
TOTP_DEVICE_NAME = "authenticator app"


def relying_party_id(request) -> str:
    """Passkeys belong to the host name the page was served from (Django checked it against ALLOWED_HOSTS)."""
    return urlsplit(f"//{request.get_host()}").hostname or ""


class PasskeyHelper(WebAuthnHelper):
    """The configured origins (https), and the development server's http://localhost:<port>."""

    def get_allowed_origins(self) -> list[str]:
        origins = list(super().get_allowed_origins())
        if relying_party_id(self.request) == "localhost":  # browsers let passkeys work over http only there
            origins.append(f"{self.request.scheme}://{self.request.get_host()}")
        return origins


def has_second_factor(user) -> bool:
    """Whether ``user`` has set up any second factor (a confirmed device of any kind); asked once per request."""
    if not user.is_authenticated:
        return False
    known = getattr(user, "_has_second_factor", None)
    if known is None:
        # One query over every kind of device (app, recovery codes, passkey), not one per kind.
        kinds = [kind.objects.devices_for_user(user, confirmed=True).values_list(Value(1)) for kind in device_classes()]
        known = user._has_second_factor = kinds[0].union(*kinds[1:], all=True).exists()
    return known


def second_factor_required(user) -> bool:
    """Whether ``user`` must pass a second factor before the admin opens."""
    return bool(user.is_staff and settings.STAFF_TWO_FACTOR_REQUIRED) or has_second_factor(user)


def second_factor_passed(request) -> bool:
    """Whether the session may go on: verified, or nobody asks this user for a second factor."""
    user = request.user
    if not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return True
    return not second_factor_required(user)


def totp_device_pending(user) -> TOTPDevice:
    """The authenticator-app secret being set up: one unconfirmed device, made once and shown until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)


def base32_groups(key: bytes) -> str:
    """The key as an authenticator app asks for it when typed: base 32, in groups of four."""
    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[index : index + 4] for index in range(0, len(text), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    """The ``otpauth://`` address of ``device`` as an inline SVG QR code (no image request, no script)."""
    svg = segno.make(device.config_url, error="m").svg_inline(scale=5, border=2)
    label = escape(_("QR code of the key for your authenticator app"))
    return svg.replace("<svg ", '<svg role="img" aria-label="' + label + '" ', 1)


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str, request) -> bool:
    """Confirm a new authenticator app with its first code; the audit log records it."""
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()  # one app at a time
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    device.user._has_second_factor = True
    audit_event_record(
        action=AuditAction.SECOND_FACTOR_ADDED, actor=device.user, message=_("authenticator app"), request=request
    )
    return True


@transaction.atomic
def recovery_codes_generate(*, user, request=None) -> list[str]:
    """New recovery codes for ``user`` (the old ones stop working); shown once, stored as django-otp static tokens."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**10):010d}" for _index in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    audit_event_record(action=AuditAction.SECOND_FACTOR_ADDED, actor=user, message=_("recovery codes"), request=request)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__name=RECOVERY_DEVICE_NAME).count()


def passkeys_of(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at")


@transaction.atomic
def second_factor_reset(*, user, by, request=None) -> None:
    """Remove every second factor of ``user`` (a lost phone): they set one up again at their next log-in."""
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
    audit_event_record(action=AuditAction.SECOND_FACTOR_RESET, actor=by, obj=user, request=request)
