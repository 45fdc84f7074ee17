"""Two-factor log-in of staff through the admin's own pages (docs/STAFF.md, "Two-factor log-in")."""

import base64
import re
import time

import pyotp
import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staff.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-staff-password-1"


@pytest.fixture
def required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # wrong codes in a row are part of the tests


@pytest.fixture
def editor(staff):
    staff.editor.set_password(PASSWORD)
    staff.editor.save()
    return staff.editor


def log_in(client, user, next_url="/admin/"):
    return client.post(
        f"{reverse('admin:login')}?next={next_url}",
        {"username": user.username, "password": PASSWORD, "next": next_url},
    )


def totp_now(device: TOTPDevice) -> str:
    """The code an authenticator app shows now, computed by pyotp (not by django-otp)."""
    return pyotp.TOTP(base64.b32encode(device.bin_key).decode()).now()


def enrol(client, user) -> tuple[TOTPDevice, list[str]]:
    """Set an authenticator app up through the page; the recovery codes shown come back."""
    client.get(reverse("admin:two-factor"))
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("admin:two-factor"), {"action": "authenticator", "token": totp_now(device)})
    assert response.status_code == 302
    page = client.get(reverse("admin:two-factor")).content.decode()
    codes = re.findall(r"<code>(\d{10})</code>", page)
    device.refresh_from_db()
    return device, codes


def test_a_password_alone_does_not_open_the_admin_when_two_factor_is_required(client, editor, required):
    """Staff without a second factor are sent to set one up; the admin stays shut until they do."""
    response = log_in(client, editor)
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:two-factor"))
    assert client.get("/admin/").status_code == 302
    assert client.get(reverse("admin:civic_event_changelist")).status_code == 302
    page = client.get(response.url)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()  # the QR code, drawn on the server


def test_enrolling_an_app_opens_the_admin_and_shows_recovery_codes_once(client, editor, required):
    log_in(client, editor)
    device, codes = enrol(client, editor)
    assert device.confirmed
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200
    # Shown once: the next visit only counts them.
    assert not re.findall(r"<code>(\d{10})</code>", client.get(reverse("admin:two-factor")).content.decode())
    assert AuditEvent.objects.filter(actor=editor, action=AuditAction.SECOND_FACTOR_ADDED).count() == 2


def test_the_next_log_in_asks_for_the_code_and_refuses_a_wrong_one(client, editor, required):
    log_in(client, editor)
    device, _codes = enrol(client, editor)
    client.logout()
    response = log_in(client, editor, next_url=reverse("admin:civic_event_changelist"))
    assert response.url.startswith(reverse("admin:second-factor"))
    wrong = client.post(response.url, {"token": "000000", "next": reverse("admin:civic_event_changelist")})
    assert wrong.status_code == 200
    assert "errornote" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    assert AuditEvent.objects.filter(actor=editor, action=AuditAction.SECOND_FACTOR_FAILED).exists()
    device.refresh_from_db()
    device.last_t = -1  # the code of this 30-second step was used by the enrolment
    device.save()
    right = client.post(response.url, {"token": totp_now(device), "next": reverse("admin:civic_event_changelist")})
    assert right.status_code == 302
    assert right.url == reverse("admin:civic_event_changelist")
    assert client.get(right.url).status_code == 200
    assert AuditEvent.objects.filter(actor=editor, action=AuditAction.SECOND_FACTOR_PASSED).exists()


def test_a_recovery_code_logs_in_once(client, editor, required):
    log_in(client, editor)
    _device, codes = enrol(client, editor)
    client.logout()
    log_in(client, editor)
    response = client.post(reverse("admin:second-factor"), {"token": codes[0], "next": "/admin/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    assert "9" in str(next(iter(response.context["messages"])))
    assert StaticToken.objects.filter(device__user=editor).count() == 9
    client.logout()
    log_in(client, editor)
    again = client.post(reverse("admin:second-factor"), {"token": codes[0], "next": "/admin/"})
    assert again.status_code == 200  # used up
    assert client.get("/admin/").status_code == 302


def test_the_password_alone_cannot_add_a_second_factor_to_an_enrolled_account(client, editor, required):
    """Someone who knows only the password is sent to the second step, never to the set-up page."""
    log_in(client, editor)
    enrol(client, editor)
    client.logout()
    log_in(client, editor)
    response = client.get(reverse("admin:two-factor"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:second-factor"))
    begin = client.post(reverse("otp_webauthn:credential-registration-begin"), content_type="application/json")
    assert begin.status_code == 403


def test_a_person_who_set_up_a_second_factor_is_asked_for_it_even_when_not_required(client, editor, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    log_in(client, editor)
    assert client.get("/admin/").status_code == 200  # not required, none set up
    enrol(client, editor)
    client.logout()
    response = log_in(client, editor)
    assert response.url.startswith(reverse("admin:second-factor"))


def test_cancel_ends_the_half_finished_log_in(client, editor, required):
    log_in(client, editor)
    response = client.post(reverse("admin:second-factor-cancel"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_administrator_resets_a_lost_second_factor(client, editor, staff, required):
    """The user list's action removes every second factor; the person sets one up again at the next log-in."""
    log_in(client, editor)
    enrol(client, editor)
    client.logout()
    administrator = staff.superuser
    admin_client = type(client)()
    admin_client.force_login(administrator)
    session = admin_client.session
    session["otp_device_id"] = ""  # a forced log-in has no device: let the administrator in without one
    session.save()
    settings_off = {"STAFF_TWO_FACTOR_REQUIRED": False}
    from django.test import override_settings

    with override_settings(**settings_off):
        response = admin_client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "reset_second_factor", "_selected_action": [editor.pk]},
        )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert not StaticToken.objects.filter(device__user=editor).exists()
    event = AuditEvent.objects.get(action=AuditAction.SECOND_FACTOR_RESET)
    assert event.actor == administrator
    assert event.object_id == str(editor.pk)
    response = log_in(client, editor)
    assert response.url.startswith(reverse("admin:two-factor"))


def test_an_idle_staff_session_ends(client, editor, settings):
    """After STAFF_SESSION_IDLE_SECONDS without a request, the next one is sent to the log-in page."""
    settings.STAFF_SESSION_IDLE_SECONDS = 600
    log_in(client, editor)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session["staff_seen"] = time.time() - 601
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(pk=editor.pk).exists()


@pytest.mark.parametrize("language", ["bg", "sr"])
def test_the_passkey_scripts_speak_the_staff_language(client, staff, language):
    """Every message django-otp-webauthn's scripts show is in the catalogue they load (its own has no bg or sr)."""
    import json
    from pathlib import Path

    import django_otp_webauthn

    static = Path(django_otp_webauthn.__file__).parent / "static" / "django_otp_webauthn"
    messages = set()
    for script in static.glob("*.js"):
        messages |= set(re.findall(r'gettext\("([^"]+)"\)', script.read_text()))
    assert "Register a Passkey" in messages
    script = client.get(reverse("otp_webauthn:js-i18n-catalog"), headers={"accept-language": language})
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script.content.decode(), re.S).group(1))
    assert sorted(messages - set(catalogue)) == []


def test_whether_someone_has_a_second_factor_is_one_query_over_every_kind_of_device(editor, django_assert_num_queries):
    from django_otp import device_classes
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp_webauthn.models import WebAuthnCredential

    from staff.two_factor import has_second_factor

    def fresh():
        return User.objects.get(pk=editor.pk)

    with django_assert_num_queries(1):
        assert has_second_factor(editor) is False
        assert has_second_factor(editor) is False  # asked again: remembered for the request
    TOTPDevice.objects.create(user=editor, name="unconfirmed", confirmed=False)
    assert has_second_factor(fresh()) is False
    for kind in (TOTPDevice, StaticDevice):
        device = kind.objects.create(user=editor, name=kind.__name__, confirmed=True)
        person = fresh()
        with django_assert_num_queries(1):
            assert has_second_factor(person) is True
        device.delete()
    assert WebAuthnCredential in set(device_classes())  # passkeys are asked in the same query
