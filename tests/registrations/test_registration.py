"""Register your company: the form, its checks, and the confirmation of the email address."""

import re

import pytest
from django.core import mail

from registrations.models import CompanyOwner, CompanyRegistration
from tests.directory.factories import OrganisationFactory
from tests.registrations.factories import application, valid_eik

pytestmark = pytest.mark.django_db


def verify_link(message) -> str:
    return re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)


@pytest.mark.parametrize("language", ["bg", "sr", "sr-latn", "en"])
def test_the_form_is_offered_in_every_language(client, staff, language):
    response = client.get(f"/{language}/companies/register/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'name="fax"' in html and 'name="started"' in html


def test_a_wrong_identifier_is_refused_in_the_readers_language_and_the_form_keeps_what_was_typed(client, staff):
    data = application(staff.home, eik="123456789")
    response = client.post("/bg/companies/register/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Контролната цифра на този ЕИК/БУЛСТАТ" in html
    assert 'value="Мелница Тест ООД"' in html and 'value="ana@example.org"' in html
    assert 'aria-describedby="id_eik_error' in html
    assert not CompanyRegistration.objects.exists()


def test_serbian_identifiers_are_refused_for_a_bulgarian_municipality(client, staff):
    response = client.post("/en/companies/register/", application(staff.home, eik="", pib="101930462"))
    assert "Serbian identifiers" in response.content.decode() or "EIK/BULSTAT" in response.content.decode()
    assert not CompanyRegistration.objects.exists()


def test_an_identifier_already_in_the_directory_is_refused_without_showing_the_other_entry(client, staff):
    kept = OrganisationFactory(eik=valid_eik(1234567), municipality=staff.home, email="secret@example.org")
    # Kept by its company: nothing to claim (an unowned entry is offered for claiming, test_claims.py).
    CompanyOwner.objects.create(
        user=staff.outsider, organisation=kept, contact_name="O", contact_email="o@example.org", language="en"
    )
    response = client.post("/en/companies/register/", application(staff.home))
    html = response.content.decode()
    assert "already registered" in html and "information centre" in html
    assert "secret@example.org" not in html and "Sredna Gora Mill" not in html
    assert not CompanyRegistration.objects.exists()


def test_an_identifier_of_a_pending_application_is_refused_too(client, staff):
    client.post("/en/companies/register/", application(staff.home))
    CompanyRegistration.objects.update(status=CompanyRegistration.Status.PENDING)
    response = client.post("/en/companies/register/", application(staff.home, contact_email="other@example.org"))
    assert "already registered" in response.content.decode()
    assert CompanyRegistration.objects.count() == 1


def test_an_application_waits_for_the_email_to_be_confirmed(client, staff, committed):
    with committed():
        response = client.post("/en/companies/register/", application(staff.home))
    assert response.status_code == 302 and response["Location"] == "/en/companies/register/sent/"
    registration = CompanyRegistration.objects.get()
    assert registration.status == CompanyRegistration.Status.UNVERIFIED
    assert registration.language == "en" and registration.name == "Мелница Тест ООД"
    assert registration.company["description_en"] == "Мелим брашно." and registration.eik == valid_eik(1234567)
    (message,) = mail.outbox
    assert message.to == ["ana@example.org"] and "Confirm" in message.subject

    link = verify_link(message)
    assert client.get(link).status_code == 200  # a mail scanner following the link confirms nothing
    registration.refresh_from_db()
    assert registration.status == CompanyRegistration.Status.UNVERIFIED

    with committed():
        response = client.post(link)
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == CompanyRegistration.Status.PENDING and registration.verified_at
    assert client.post(link).status_code == 200  # a second click is harmless
    assert len(mail.outbox) == 2


def test_a_forged_or_tampered_link_confirms_nothing(client, staff, committed):
    with committed():
        client.post("/en/companies/register/", application(staff.home))
    link = verify_link(mail.outbox[0])
    assert client.post(link[:-3] + "xx/").status_code == 404
    assert CompanyRegistration.objects.get().status == CompanyRegistration.Status.UNVERIFIED


@pytest.mark.parametrize(
    ("language", "expected"),
    [("bg", "Потвърдете"), ("sr", "Потврдите"), ("sr-latn", "Potvrdite"), ("en", "Confirm")],
)
def test_emails_are_in_the_applicants_language_and_serbian_latin_is_latin(
    client, staff, committed, cyrillic_free, language, expected
):
    with committed():
        client.post(f"/{language}/companies/register/", application(staff.home))
    (message,) = mail.outbox
    assert expected in message.subject
    if language == "sr-latn":
        cyrillic_free(message.subject + message.body.replace("Мелница Тест ООД", ""), "in the email")
