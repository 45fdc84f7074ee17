"""Owners who forgot their password ask for a link on the public site; staff use the admin's page."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail

from registrations.models import CompanyOwner
from tests.directory.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

RESET = "/{language}/account/password-reset/"


@pytest.fixture
def owner(staff):
    user = User.objects.create_user("ana@example.org", "ana@example.org", "old-password-123")
    CompanyOwner.objects.create(
        user=user,
        organisation=OrganisationFactory(municipality=staff.home),
        contact_name="Ana Petrova",
        contact_email="ana@example.org",
        language="bg",
    )
    return user


def reset_link(message) -> str:
    return re.search(r"https?://\S+/set-password/\S+/", message.body).group(0)


def test_an_owner_chooses_a_new_password_through_the_link(client, owner, committed):
    login = client.get("/bg/account/login/").content.decode()
    assert 'href="/bg/account/password-reset/"' in login
    with committed():
        response = client.post(RESET.format(language="bg"), {"email": "ANA@example.org", "fax": ""})
    assert response["Location"] == "/bg/account/password-reset/sent/"
    assert "Проверете пощата си" in client.get(response["Location"]).content.decode()
    (message,) = mail.outbox
    assert message.to == ["ana@example.org"] and message.subject == "Изберете нова парола за „Мост“"
    assert "ana@example.org" in message.body

    link = reset_link(message).split("testserver", 1)[1]
    form = client.get(link, follow=True)
    assert form.status_code == 200
    response = client.post(
        form.redirect_chain[-1][0], {"new_password1": "new-password-456", "new_password2": "new-password-456"}
    )
    assert response["Location"] == "/bg/account/"
    owner.refresh_from_db()
    assert owner.check_password("new-password-456")
    # The link works once.
    assert "This link is not valid" in client.get(link.replace("/bg/", "/en/"), follow=True).content.decode()


def test_an_owner_who_never_chose_a_password_gets_a_link_too(client, owner, committed):
    owner.set_unusable_password()
    owner.save()
    with committed():
        client.post(RESET.format(language="sr-latn"), {"email": "ana@example.org", "fax": ""})
    (message,) = mail.outbox
    assert "/sr-latn/account/set-password/" in message.body
    assert not re.search("[а-яА-Я]", message.body + message.subject)


def test_the_answer_does_not_tell_whether_the_address_is_known(client, owner, staff, committed):
    with committed():
        known = client.post(RESET.format(language="en"), {"email": "ana@example.org", "fax": ""})
        unknown = client.post(RESET.format(language="en"), {"email": "nobody@example.org", "fax": ""})
        staff_member = client.post(RESET.format(language="en"), {"email": staff.editor.email, "fax": ""})
    assert known["Location"] == unknown["Location"] == staff_member["Location"]
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]


def test_scripts_and_floods_are_held_back(client, owner, committed, settings):
    settings.PASSWORD_RESET_RATE_LIMIT = 2
    with committed():
        # A script fills the hidden field: thanked, nothing sent.
        client.post(RESET.format(language="en"), {"email": "ana@example.org", "fax": "x"})
        # One address gets at most the limit of messages, whoever asks.
        for number in range(3):
            client.post(
                RESET.format(language="en"), {"email": "ana@example.org", "fax": ""}, REMOTE_ADDR=f"203.0.113.{number}"
            )
    assert len(mail.outbox) == 2
    # One client gets a translated refusal after the limit.
    for _ in range(2):
        client.post(RESET.format(language="bg"), {"email": "x@example.org", "fax": ""}, REMOTE_ADDR="198.51.100.1")
    response = client.post(
        RESET.format(language="bg"), {"email": "x@example.org", "fax": ""}, REMOTE_ADDR="198.51.100.1"
    )
    assert response.status_code == 429
    assert "Опитайте отново по-късно" in response.content.decode()


def test_staff_reset_their_password_from_the_admin_log_in_page(client, staff, committed):
    staff.editor.set_password("old-password-123")
    staff.editor.save()
    assert 'href="/admin/password-reset/"' in client.get("/admin/login/").content.decode()
    with committed():
        response = client.post("/admin/password-reset/", {"email": staff.editor.email})
    assert response["Location"] == "/admin/password-reset/sent/"
    (message,) = mail.outbox
    link = re.search(r"https?://testserver(/admin/password-reset/\S+/)", message.body).group(1)
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": "new-password-456", "new_password2": "new-password-456"})
    staff.editor.refresh_from_db()
    assert staff.editor.check_password("new-password-456")


@pytest.mark.browser
def test_an_owner_who_forgot_the_password_gets_back_in_through_the_browser(browser, live_server, owner):
    from playwright.sync_api import expect

    from tests.quality.validators import axe_violations

    page = browser.new_context(base_url=live_server.url).new_page()
    page.goto("/sr-latn/account/login/")
    page.get_by_role("link", name="Zaboravili ste lozinku?").click()
    expect(page).to_have_url(re.compile("/sr-latn/account/password-reset/$"))
    page.get_by_role("button", name="Pošaljite mi link").click()
    expect(page.locator(".error-summary")).to_be_visible()  # nothing typed: the error is announced
    expect(page.locator(".error-summary")).to_be_focused()  # and read first (GOV.UK)
    assert page.get_attribute("#id_email", "aria-invalid") == "true"
    assert axe_violations(page) == []

    page.fill("#id_email", "ana@example.org")
    page.get_by_role("button", name="Pošaljite mi link").click()
    expect(page.locator("h1")).to_have_text("Proverite poštu")
    assert axe_violations(page) == []

    page.goto(reset_link(mail.outbox[-1]))
    page.fill("#id_new_password1", "koprivshtitsa-mill-2027")
    page.fill("#id_new_password2", "koprivshtitsa-mill-2027")
    page.get_by_role("button", name="Sačuvaj lozinku").click()
    expect(page).to_have_url(re.compile("/sr-latn/account/$"))
