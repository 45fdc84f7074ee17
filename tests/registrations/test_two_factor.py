"""Company owners may turn two-factor log-in on (docs/REGISTRATION.md, "Owner accounts")."""

import base64
import re

import pyotp
import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "an-owner-password-1"


@pytest.fixture
def owner(settings):
    settings.PORTAL_FORM_MIN_FILL_SECONDS = 0
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    return User.objects.create_user("owner@example.org", "owner@example.org", PASSWORD)


def log_in(client):
    return client.post(reverse("registrations:login"), {"username": "owner@example.org", "password": PASSWORD})


def code(device: TOTPDevice, ahead: int = 0) -> str:
    import time

    return pyotp.TOTP(base64.b32encode(device.bin_key).decode()).at(time.time() + ahead)


def turn_on(client, user) -> tuple[TOTPDevice, list[str]]:
    page = client.get(reverse("registrations:two-factor"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("registrations:two-factor"), {"action": "on", "token": code(device)})
    assert response.status_code == 302
    codes = re.findall(r"<code>(\d{10})</code>", client.get(reverse("registrations:two-factor")).content.decode())
    return device, codes


def test_without_two_factor_the_password_logs_an_owner_in(client, owner):
    assert log_in(client).status_code == 302
    assert client.get(reverse("registrations:account")).status_code == 200


def test_an_owner_who_turned_it_on_is_logged_in_only_after_the_code(client, owner):
    log_in(client)
    device, codes = turn_on(client, owner)
    assert len(codes) == 10
    client.logout()

    response = log_in(client)
    assert response.url == reverse("registrations:second-factor")
    # The password alone opened nothing: the owner's pages still ask for a log-in.
    assert client.get(reverse("registrations:account")).status_code == 302
    wrong = client.post(reverse("registrations:second-factor"), {"token": "000000"})
    assert wrong.status_code == 200
    assert AuditEvent.objects.filter(actor=owner, action=AuditAction.SECOND_FACTOR_FAILED).exists()
    right = client.post(reverse("registrations:second-factor"), {"token": code(device, ahead=30)})
    assert right.url == reverse("registrations:account")
    assert client.get(reverse("registrations:account")).status_code == 200


def test_a_recovery_code_logs_an_owner_in_and_it_can_be_turned_off(client, owner):
    log_in(client)
    _device, codes = turn_on(client, owner)
    client.logout()
    log_in(client)
    client.post(reverse("registrations:second-factor"), {"token": codes[0]})
    assert client.get(reverse("registrations:account")).status_code == 200
    client.post(reverse("registrations:two-factor"), {"action": "off"})
    assert not TOTPDevice.objects.filter(user=owner).exists()
    client.logout()
    assert log_in(client).url == reverse("registrations:account")


def test_the_second_step_expires_and_cannot_be_reached_without_the_password(client, owner):
    assert client.get(reverse("registrations:second-factor")).status_code == 302
    log_in(client)
    turn_on(client, owner)
    client.logout()
    log_in(client)
    session = client.session
    pending = session["registrations_pending_owner"]
    pending["since"] -= 301
    session["registrations_pending_owner"] = pending
    session.save()
    assert client.get(reverse("registrations:second-factor")).url == reverse("registrations:login")


def test_erasing_the_account_erases_its_audit_events(client, owner):
    """Log-ins and second steps name the owner (their e-mail address is the user name): erasure takes them too."""
    from registrations.services import owner_erase

    log_in(client)
    turn_on(client, owner)
    assert AuditEvent.objects.filter(actor_name=owner.username).exists()
    owner_erase(user=owner)
    assert not AuditEvent.objects.filter(actor_name="owner@example.org").exists()
