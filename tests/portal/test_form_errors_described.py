"""After an invalid post, every public form points each field to its error, and its summary to the fields.

The GOV.UK way: "Error:" starts the page title, the error summary is the first thing in <main> and
takes the focus when the page loads; a form with required fields says what "*" means.
"""

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.cooperation.factories import OpportunityFactory, owner_make
from tests.directory.factories import OrganisationFactory
from tests.markup import flat
from tests.portal.factories import InformationCentreFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()


def assert_errors_described(html: str) -> None:
    """Each aria-describedby and each error-summary link names an element of the page; errors are described."""
    html = flat(html)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "an id is used twice"
    described = [ref for value in re.findall(r'aria-describedby="([^"]*)"', html) for ref in value.split()]
    missing = [ref for ref in described if ref not in ids]
    assert not missing, f"aria-describedby names no element: {missing}"
    errors = re.findall(r'<p class="field-error" id="([^"]+)"', html)
    assert errors, "the invalid post shows no field error"
    assert set(errors) <= set(described), "a field error is not read with its field"
    for summary in re.findall(r'<div class="error-summary.*?</div>', html, re.S):
        targets = re.findall(r'href="#([^"]+)"', summary)
        assert set(targets) <= set(ids), f"the error summary links to no element: {set(targets) - set(ids)}"
    title = re.search(r"<title>(.*?)</title>", html, re.S)[1]
    assert title.startswith(ERROR_PREFIX[re.search(r'<html lang="([^"]+)"', html)[1]]), title
    main = re.search(r'<main id="main"[^>]*>\s*(<[^>]*>)', html)[1]
    assert main.startswith('<div class="error-summary') and " autofocus" in main, "the summary is not first in <main>"
    if 'class="required"' in html:
        assert 'class="form-note"' in html, "required fields are marked but never explained"


ERROR_PREFIX = {"en": "Error: ", "bg": "Грешка: ", "sr-Cyrl": "Грешка: ", "sr-Latn": "Greška: "}


def test_a_form_without_errors_has_no_error_in_its_title(client):
    InformationCentreFactory(municipality=MunicipalityFactory(slug="koprivshtitsa"))
    html = client.get("/bg/ask/koprivshtitsa/").content.decode()
    assert not re.search(r"<title>\s*Грешка", html) and "error-summary" not in html
    assert 'class="form-note"' in html


@pytest.fixture
def owner(staff):
    company = OrganisationFactory(slug="sredna-gora-mill", municipality=staff.home, email="mill@example.org")
    return owner_make(company, username="mill", password="correct-horse-battery")


@pytest.mark.parametrize("language", ["en", "sr-latn", "bg"])
def test_enquiry(client, language):
    InformationCentreFactory(municipality=MunicipalityFactory(slug="koprivshtitsa"))
    html = client.post(f"/{language}/ask/koprivshtitsa/", {"email": "not-an-address"}).content.decode()
    assert_errors_described(html)


def test_contact_a_company(client, owner):
    assert_errors_described(client.post("/en/companies/sredna-gora-mill/contact/", {"email": "x"}).content.decode())


def test_report_a_mistake(client, owner):
    url = f"/sr-latn/report/?entry=directory.organisation&id={owner.owned_companies.get().organisation_id}"
    assert_errors_described(client.post(url, {"email": "x"}).content.decode())


def test_registration(client, staff):
    html = client.post("/en/companies/register/", {"name": "Мелница", "contact_email": "x"}).content.decode()
    assert_errors_described(html)


def test_login(client, owner):
    assert_errors_described(client.post("/en/account/login/", {"username": "", "password": ""}).content.decode())


def test_password_reset(client, owner):
    assert_errors_described(client.post("/en/account/password-reset/", {"email": "x"}).content.decode())


def test_set_password(client, owner):
    uid = urlsafe_base64_encode(force_bytes(owner.pk))
    form = client.get(f"/en/account/set-password/{uid}/{default_token_generator.make_token(owner)}/", follow=True)
    html = client.post(form.redirect_chain[-1][0], {"new_password1": "a", "new_password2": "b"}).content.decode()
    assert_errors_described(html)


def test_owner_profile(client, owner):
    client.force_login(owner)
    html = client.post("/en/account/companies/sredna-gora-mill/edit/", {"website": "not a web address"}).content
    assert_errors_described(html.decode())


def test_erase_confirmation(client, owner):
    client.force_login(owner)
    assert_errors_described(client.post("/en/account/delete/", {}).content.decode())


def test_cooperation_interest(client, owner):
    opportunity = OpportunityFactory()
    client.force_login(owner)
    assert_errors_described(client.post(f"/en/cooperation/{opportunity.pk}/interest/", {}).content.decode())


def test_cooperation_opportunity(client, owner):
    client.force_login(owner)
    assert_errors_described(client.post("/en/account/cooperation/new/", {}).content.decode())
