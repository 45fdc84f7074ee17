"""Rejected and expired applications free their identifiers; unconfirmed ones are purged after a while."""

import io
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from registrations.models import CompanyPhoto, CompanyRegistration
from tests.markup import flat
from tests.registrations.factories import application, image_bytes, valid_eik

pytestmark = pytest.mark.django_db

DUPLICATE = {
    "en": "A company with this identifier is already registered on the portal.",
    "bg": "Фирма с този идентификатор вече е регистрирана в портала.",
}


def first_application(client, staff, **overrides) -> CompanyRegistration:
    assert client.post("/en/companies/register/", application(staff.home, **overrides)).status_code == 302
    return CompanyRegistration.objects.get()


def age(registration, days):
    CompanyRegistration.objects.filter(pk=registration.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_a_rejected_applicant_can_apply_again_with_the_same_identifier(client, staff):
    registration = first_application(client, staff)
    CompanyRegistration.objects.filter(pk=registration.pk).update(status=CompanyRegistration.Status.REJECTED)
    response = client.post("/en/companies/register/", application(staff.home))
    assert response.status_code == 302
    assert CompanyRegistration.objects.filter(eik=valid_eik(1234567)).count() == 2


def test_an_expired_unconfirmed_application_gives_way_to_a_new_one(client, staff, settings):
    registration = first_application(client, staff)
    age(registration, settings.REGISTRATIONS_CONFIRMATION_DAYS + 1)
    response = client.post("/en/companies/register/", application(staff.home, contact_email="new@example.org"))
    assert response.status_code == 302
    assert list(CompanyRegistration.objects.values_list("contact_email", flat=True)) == ["new@example.org"]


@pytest.mark.parametrize("status", ["unverified", "pending", "changes-requested"])
@pytest.mark.parametrize("language", ["en", "bg"])
def test_an_application_still_alive_keeps_its_identifier(client, staff, settings, status, language):
    registration = first_application(client, staff)
    CompanyRegistration.objects.filter(pk=registration.pk).update(status=status)
    age(registration, settings.REGISTRATIONS_CONFIRMATION_DAYS - 1)
    response = client.post(f"/{language}/companies/register/", application(staff.home))
    assert response.status_code == 200
    html = flat(response.content.decode())
    assert f'<p class="field-error" id="id_eik_error">{DUPLICATE[language]}' in html
    assert CompanyRegistration.objects.count() == 1


def test_the_purge_removes_expired_unconfirmed_applications_and_their_files(client, staff, settings, committed):
    expired = first_application(client, staff, logo=ContentFile(image_bytes(), name="logo.png"))
    photo = CompanyPhoto(registration=expired, width=40, height=30)
    photo.image.save("photo.jpg", ContentFile(image_bytes("JPEG")))
    files = [expired.logo.name, photo.image.name]
    assert all(default_storage.exists(name) for name in files) and expired.logo.name
    age(expired, settings.REGISTRATIONS_CONFIRMATION_DAYS + 1)
    fresh = first_application_other(client, staff)
    confirmed = first_application_other(client, staff, number=7654322, email="c@example.org")
    CompanyRegistration.objects.filter(pk=confirmed.pk).update(status=CompanyRegistration.Status.PENDING)
    age(confirmed, 30)

    with committed():
        call_command("purge_expired_registrations", stdout=io.StringIO())
    assert set(CompanyRegistration.objects.values_list("pk", flat=True)) == {fresh.pk, confirmed.pk}
    assert not CompanyPhoto.objects.exists()
    assert not any(default_storage.exists(name) for name in files)


def first_application_other(client, staff, number=7654321, email="b@example.org") -> CompanyRegistration:
    response = client.post(
        "/en/companies/register/", application(staff.home, eik=valid_eik(number), contact_email=email)
    )
    assert response.status_code == 302
    return CompanyRegistration.objects.get(contact_email=email)


def test_the_confirmation_link_lasts_as_long_as_an_unconfirmed_application(settings):
    from registrations import services

    assert services.VERIFY_MAX_AGE == settings.REGISTRATIONS_CONFIRMATION_DAYS * 24 * 60 * 60
