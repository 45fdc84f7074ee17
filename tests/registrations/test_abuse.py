"""Scripts are stopped by the honeypot, the minimum fill time and per-address limits; people get through."""

import pytest
from django.core import mail

from registrations.models import CompanyRegistration
from tests.registrations.factories import application, started, valid_eik

pytestmark = pytest.mark.django_db


def test_a_filled_honeypot_is_thanked_and_nothing_is_kept_or_sent(client, staff, committed):
    with committed():
        response = client.post("/en/companies/register/", application(staff.home, fax="+359 2 123"))
    assert response.status_code == 302
    assert not CompanyRegistration.objects.exists() and not mail.outbox


def test_a_form_sent_too_quickly_or_without_its_timestamp_is_refused_and_can_be_sent_again(client, staff, settings):
    settings.PORTAL_FORM_MIN_FILL_SECONDS = 3
    for stamp in (started(seconds_ago=0.5), "", "forged"):
        response = client.post("/en/companies/register/", application(staff.home, started=stamp))
        assert response.status_code == 200
        assert "sent too quickly" in response.content.decode()
    assert not CompanyRegistration.objects.exists()
    response = client.post("/en/companies/register/", application(staff.home, started=started(seconds_ago=20)))
    assert response.status_code == 302 and CompanyRegistration.objects.count() == 1


def test_registrations_are_limited_per_address_and_other_people_still_get_through(client, staff, settings):
    settings.REGISTRATIONS_RATE_LIMIT = 2
    for number in range(2):
        response = client.post(
            "/en/companies/register/",
            application(staff.home, eik=valid_eik(2000000 + number), contact_email=f"a{number}@example.org"),
            REMOTE_ADDR="203.0.113.7",
        )
        assert response.status_code == 302
    refused = client.post(
        "/en/companies/register/", application(staff.home, eik=valid_eik(2000010)), REMOTE_ADDR="203.0.113.7"
    )
    assert refused.status_code == 429 and "Try again later" in refused.content.decode()
    other = client.post(
        "/en/companies/register/", application(staff.home, eik=valid_eik(2000011)), REMOTE_ADDR="198.51.100.9"
    )
    assert other.status_code == 302
    assert CompanyRegistration.objects.count() == 3


def test_the_limit_is_counted_in_the_shared_cache(client, staff, settings):
    """Counts live in the configured cache (Redis in production), not in the worker's memory."""
    from django.core.cache import cache

    settings.REGISTRATIONS_RATE_LIMIT = 1
    client.post("/en/companies/register/", application(staff.home), REMOTE_ADDR="203.0.113.8")
    assert cache.get("rate:registrations:register:203.0.113.8") == 1


def test_owner_log_in_is_rate_limited_and_protected_by_axes(client, staff, settings, django_user_model):
    settings.REGISTRATIONS_LOGIN_RATE_LIMIT = 100
    django_user_model.objects.create_user("owner@example.org", "owner@example.org", "correct-horse-battery")
    for _attempt in range(4):
        response = client.post("/en/account/login/", {"username": "owner@example.org", "password": "wrong"})
        assert response.status_code == 200
    assert client.post("/en/account/login/", {"username": "owner@example.org", "password": "wrong"}).status_code == 429
    locked = client.post("/en/account/login/", {"username": "owner@example.org", "password": "correct-horse-battery"})
    assert locked.status_code == 429  # axes: locked out for this address even with the right password

    settings.REGISTRATIONS_LOGIN_RATE_LIMIT = 0
    refused = client.post(
        "/en/account/login/", {"username": "x@example.org", "password": "x"}, REMOTE_ADDR="198.51.100.20"
    )
    assert refused.status_code == 429


def test_a_person_logs_in(client, staff, django_user_model):
    django_user_model.objects.create_user("owner@example.org", "owner@example.org", "correct-horse-battery")
    response = client.post("/en/account/login/", {"username": "owner@example.org", "password": "correct-horse-battery"})
    assert response.status_code == 302 and response["Location"] == "/en/account/"


def test_a_filled_honeypot_on_the_log_in_form_logs_nobody_in(client, staff, django_user_model):
    django_user_model.objects.create_user("owner@example.org", "owner@example.org", "correct-horse-battery")
    response = client.post(
        "/en/account/login/",
        {"username": "owner@example.org", "password": "correct-horse-battery", "website": "x"},
    )
    assert response.status_code == 200
    assert client.get("/en/account/").status_code == 302
