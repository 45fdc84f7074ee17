"""Forged Host headers: refused with 400, and never the host of a link in a password-reset mail.

Both password resets are covered: the admin's (staff) and the company
owners' on the public site. Their links are built from the request's host,
which is safe only because Django checks it against ALLOWED_HOSTS and never
trusts X-Forwarded-Host (USE_X_FORWARDED_HOST stays off).
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client

from registrations.models import CompanyOwner
from tests.directory.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HOST = "most.example.org"
EVIL = "evil.example.com"
FORGED_HOSTS = [
    EVIL,
    f"{EVIL}:443",
    f"{HOST}@{EVIL}",
    f"{HOST}.{EVIL}",
    f"{EVIL}#{HOST}",
    f"{HOST} {EVIL}",
    f"{HOST}\r\nX-Injected: 1",
    "127.0.0.1",
    "",
]
# Headers some proxies and frameworks read as the "real" host; the portal reads none of them.
FORWARDED_HEADERS = {
    "x-forwarded-host": EVIL,
    "x-forwarded-server": EVIL,
    "x-host": EVIL,
    "x-original-host": EVIL,
    "forwarded": f"host={EVIL};proto=https",
}


@pytest.fixture(autouse=True)
def production_hosts(settings):
    settings.ALLOWED_HOSTS = [HOST]
    cache.clear()  # the reset forms' rate limits
    yield
    cache.clear()


@pytest.fixture
def accounts(db):
    """A staff member and a company owner, each with an address to reset."""
    User = get_user_model()
    staff = User.objects.create_user("editor", "editor@example.org", "correct-horse-battery", is_staff=True)
    owner = User.objects.create_user("owner@example.org", "owner@example.org", "correct-horse-battery")
    CompanyOwner.objects.create(
        user=owner,
        organisation=OrganisationFactory(),
        contact_name="Ана",
        contact_email="owner@example.org",
        language="bg",
    )
    return staff, owner


RESETS = [("/admin/password-reset/", "editor@example.org"), ("/en/account/password-reset/", "owner@example.org")]


def link_hosts(text: str) -> set[str]:
    return {match.group(1) for match in re.finditer(r"https?://([^/\s]+)", text)}


@pytest.mark.parametrize("forged", FORGED_HOSTS)
@pytest.mark.parametrize("url", ["/bg/", "/en/companies/register/", "/admin/login/", *(url for url, _ in RESETS)])
def test_a_forged_host_header_is_refused(forged, url):
    client = Client(raise_request_exception=False)
    assert client.get(url, headers={"host": forged}).status_code == 400


@pytest.mark.parametrize(("url", "email"), RESETS)
@pytest.mark.parametrize("forged", FORGED_HOSTS)
def test_a_reset_request_with_a_forged_host_sends_no_mail(
    accounts, django_capture_on_commit_callbacks, url, email, forged
):
    client = Client(raise_request_exception=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": email}, headers={"host": forged})
    assert response.status_code == 400
    assert mail.outbox == []


@pytest.mark.parametrize(("url", "email"), RESETS)
@pytest.mark.parametrize("secure", [False, True], ids=["http", "https-behind-proxy"])
def test_reset_mails_link_only_to_the_configured_host(
    accounts, django_capture_on_commit_callbacks, settings, url, email, secure
):
    """Forwarded-host headers of every kind are ignored; the mail links to the host the request was checked for."""
    if secure:
        settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    headers = {"host": HOST, **FORWARDED_HEADERS, "x-forwarded-proto": "https" if secure else "http"}
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": email}, headers=headers)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [email]
    alternatives = getattr(message, "alternatives", [])
    text = message.subject + message.body + "".join(str(content) for content, _type in alternatives)
    assert link_hosts(text) == {HOST}
    assert EVIL not in text
    scheme = "https" if secure else "http"
    assert re.search(rf"{scheme}://{re.escape(HOST)}/\S*password\S*/", message.body)


def test_each_reset_page_resets_only_its_own_kind_of_account(accounts, django_capture_on_commit_callbacks):
    """Staff use the admin's page, owners the public one: neither page sends a link for the other's account."""
    client = Client(headers={"host": HOST})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/admin/password-reset/", {"email": "owner@example.org"}).status_code == 302
        assert client.post("/en/account/password-reset/", {"email": "editor@example.org"}).status_code == 302
    assert mail.outbox == []
