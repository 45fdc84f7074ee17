"""Contact a company through the portal; mail that fails never loses an application."""

import re
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.management import call_command

from notifications.models import OutgoingEmail
from registrations.models import CompanyOwner, CompanyRegistration
from tests.directory.factories import OrganisationFactory
from tests.registrations.factories import application, started

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(staff, django_user_model):
    organisation = OrganisationFactory(municipality=staff.home, email="")
    user = django_user_model.objects.create_user("owner@example.org", "owner@example.org")
    CompanyOwner.objects.create(
        user=user,
        organisation=organisation,
        contact_name="Owner",
        contact_email="hidden-owner@example.org",
        language="bg",
    )
    return organisation


def message(**overrides):
    return {
        "name": "Marko",
        "email": "marko@example.org",
        "subject": "Partnership",
        "message": "Shall we work together?",
        "fax": "",
        "started": started(),
        **overrides,
    }


def test_the_company_page_links_to_the_form_without_the_address(client, company, django_assert_max_num_queries):
    """The form lives on a page of its own: the company page, without a CSRF token, stays cacheable."""
    with django_assert_max_num_queries(8):
        page = client.get(f"/en/directory/{company.slug}/")
    html = page.content.decode()
    assert f'href="/en/companies/{company.slug}/contact/"' in html and "hidden-owner@example.org" not in html
    assert "csrfmiddlewaretoken" not in html
    form = client.get(f"/en/companies/{company.slug}/contact/").content.decode()
    assert 'id="contact_name"' in form and "hidden-owner@example.org" not in form


def test_a_message_is_relayed_and_the_sender_gets_a_copy(client, company, committed):
    with committed():
        response = client.post(f"/en/companies/{company.slug}/contact/", message())
    assert response.status_code == 302
    relayed, copy = mail.outbox
    assert relayed.to == ["hidden-owner@example.org"] and relayed.reply_to == ["marko@example.org"]
    assert "Shall we work together?" in relayed.body and "Partnership" in relayed.subject
    assert "Съобщение" in relayed.subject  # in the owner's language (bg)
    assert copy.to == ["marko@example.org"] and "hidden-owner@example.org" not in copy.body + str(copy.cc)
    assert not OutgoingEmail.objects.exists()


def test_header_injection_is_refused(client, company, committed):
    with committed():
        response = client.post(
            f"/en/companies/{company.slug}/contact/",
            message(subject="Hi\r\nBcc: victim@example.org", email="a@example.org\r\nBcc: v@example.org"),
        )
    assert response.status_code == 200 and not mail.outbox


def test_contact_is_rate_limited_and_honeypot_ignored(client, company, settings, committed):
    settings.REGISTRATIONS_CONTACT_RATE_LIMIT = 1
    with committed():
        assert client.post(f"/en/companies/{company.slug}/contact/", message(fax="x")).status_code == 302
    assert not mail.outbox
    with committed():
        assert client.post(f"/en/companies/{company.slug}/contact/", message()).status_code == 302
        assert client.post(f"/en/companies/{company.slug}/contact/", message()).status_code == 429
    assert len(mail.outbox) == 2


def test_unpublished_companies_cannot_be_contacted(client, company):
    company.status = "draft"
    company.save()
    assert client.get(f"/en/companies/{company.slug}/contact/").status_code == 404
    assert client.post(f"/en/companies/{company.slug}/contact/", message()).status_code == 404


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise SMTPException("Connection refused")


def test_a_mail_server_down_loses_no_application_and_the_mail_goes_out_later(client, staff, settings, committed):
    settings.EMAIL_BACKEND = "tests.registrations.test_contact_and_mail.BrokenBackend"
    with committed():
        response = client.post("/en/companies/register/", application(staff.home))
    assert response.status_code == 302
    registration = CompanyRegistration.objects.get()
    kept = OutgoingEmail.objects.get()
    assert kept.to == ["ana@example.org"] and kept.attempts == 1 and "Connection refused" in kept.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_pending_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not OutgoingEmail.objects.exists()
    (sent,) = mail.outbox
    link = re.search(r"https?://\S+/confirm/\S+/", sent.body).group(0)
    with committed():
        client.post(link)
    registration.refresh_from_db()
    assert registration.status == CompanyRegistration.Status.PENDING
