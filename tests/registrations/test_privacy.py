"""An owner downloads everything held about them, and deletion removes it from every table, history and file."""

import json
import re

import pytest
import reversion
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from reversion.models import Version

from directory.models import Organisation
from notifications.models import OutgoingEmail
from registrations.models import CompanyOwner, CompanyPhoto, CompanyRegistration, ProposedChange
from search.models import SearchEntry
from staff.history import recorded_changes
from tests.directory.factories import OrganisationFactory
from tests.markup import flat
from tests.registrations.factories import image_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(staff):
    organisation = OrganisationFactory(municipality=staff.home, eik="")
    organisation.logo.save("logo.png", ContentFile(image_bytes()))
    photo = CompanyPhoto(organisation=organisation, width=40, height=30)
    photo.image.save("photo.jpg", ContentFile(image_bytes("JPEG")))
    user = User.objects.create_user("ana@example.org", "ana@example.org", "correct-horse-battery")
    CompanyOwner.objects.create(
        user=user, organisation=organisation, contact_name="Ana Petrova", contact_email="ana@example.org", language="en"
    )
    CompanyRegistration.objects.create(
        municipality=staff.home,
        name=organisation.name,
        company={"name_bg": organisation.name_bg},
        contact_name="Ana Petrova",
        contact_email="ana@example.org",
        language="en",
        consented_at=timezone.now(),
        status="approved",
        organisation=organisation,
        owner=user,
    )
    ProposedChange.objects.create(organisation=organisation, proposed_by=user, data={"description_en": "Secret plan"})
    OutgoingEmail.objects.create(to=["ana@example.org"], subject="Pending", body="Dear Ana")
    if reversion.is_registered(Organisation):
        with recorded_changes(user=staff.moderator, comment="test"):
            organisation.save()
    return user


def test_the_company_page_shows_its_public_address_never_the_owners_private_one(client, owner):
    """``Organisation.email`` is the company's public contact address (docs/DIRECTORY.md, "Public and
    private addresses"); the owner's contact address is private: messages reach it through the form."""
    organisation = Organisation.objects.get(owner__user=owner)
    Organisation.objects.filter(pk=organisation.pk).update(email="office@mill.example.bg")
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert 'href="mailto:office@mill.example.bg"' in page
    assert "ana@example.org" not in page


def test_the_owner_downloads_everything_held_about_them(client, owner):
    client.force_login(owner)
    response = client.get("/en/account/my-data.json")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == "ana@example.org"
    (company,) = data["companies"]
    assert company["contact_name"] == "Ana Petrova" and company["organisation"]["photos"]
    assert data["registrations"][0]["contact_email"] == "ana@example.org"
    assert data["proposed_changes"][0]["data"] == {"description_en": "Secret plan"}


def test_only_the_owner_gets_their_data(client, owner, staff):
    assert client.get("/en/account/my-data.json").status_code == 302
    client.force_login(staff.outsider)
    assert json.loads(client.get("/en/account/my-data.json").content)["companies"] == []


def test_deletion_removes_personal_data_from_every_table_history_and_file(client, owner, committed):
    organisation = owner.owned_companies.get().organisation
    files = [organisation.logo.name, CompanyPhoto.objects.get().image.name]
    assert all(default_storage.exists(name) for name in files)
    assert SearchEntry.objects.filter(kind="organisation", object_id=organisation.pk).exists()
    client.force_login(owner)
    assert client.post("/en/account/delete/", {}).status_code == 400  # not confirmed: nothing happens
    assert User.objects.filter(pk=owner.pk).exists()
    with committed():
        response = client.post("/en/account/delete/", {"confirm": "yes", "password": "correct-horse-battery"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()
    for model in (
        Organisation, CompanyOwner, CompanyRegistration, ProposedChange, CompanyPhoto, OutgoingEmail, SearchEntry,
    ):  # fmt: skip
        assert not model.objects.exists(), model
    assert not Version.objects.filter(object_id=str(organisation.pk)).exists()
    assert not any(default_storage.exists(name) for name in files)
    assert client.get("/en/account/").status_code == 302  # logged out


def erase_error(html: str, field: str) -> str:
    found = re.search(rf'<p class="field-error" id="id_{field}_error">(.*?)</p>', flat(html), re.S)
    return found.group(1) if found else ""


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This is not your password."),
        ("bg", "Това не е вашата парола."),
        ("sr", "Ово није ваша лозинка."),
        ("sr-latn", "Ovo nije vaša lozinka."),
    ],
)
def test_deletion_asks_for_the_password_again(client, owner, language, message):
    client.force_login(owner)
    for password in ("", "wrong-password"):
        response = client.post(f"/{language}/account/delete/", {"confirm": "yes", "password": password})
        assert response.status_code == 400
        html = response.content.decode()
        assert erase_error(html, "password"), html
        assert "checked" in html  # the ticked box stays ticked
    assert erase_error(html, "password") == message
    assert User.objects.filter(pk=owner.pk).exists() and Organisation.objects.exists()


def test_wrong_passwords_at_deletion_never_lock_the_owner_out_of_logging_in(client, owner, settings):
    from django.test import Client

    client.force_login(owner)
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        client.post("/en/account/delete/", {"confirm": "yes", "password": "wrong-password"})
    assert User.objects.filter(pk=owner.pk).exists()
    other = Client()
    response = other.post("/en/account/login/", {"username": owner.username, "password": "correct-horse-battery"})
    assert response.status_code == 302


def test_guessing_the_password_at_deletion_is_limited(client, owner, settings):
    settings.REGISTRATIONS_ERASE_RATE_LIMIT = 3
    client.force_login(owner)
    for _ in range(3):
        client.post("/en/account/delete/", {"confirm": "yes", "password": "wrong-password"})
    response = client.post("/en/account/delete/", {"confirm": "yes", "password": "correct-horse-battery"})
    assert response.status_code == 429
    assert User.objects.filter(pk=owner.pk).exists()
