"""Whatever an applicant or owner types, the form answers with translated messages on the fields, never a 500."""

import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from directory.models import Kind, Organisation
from registrations.models import CompanyOwner, CompanyRegistration, ProposedChange
from tests.directory.factories import OrganisationFactory
from tests.markup import flat
from tests.registrations.factories import application, valid_eik, valid_pib

pytestmark = pytest.mark.django_db

REQUIRED = {
    "bg": "Това поле е задължително.",
    "sr": "Ово поље се мора попунити.",
    "sr-latn": "Ovo polje se mora popuniti.",
}


def field_error(html: str, field: str) -> str:
    """The text of a field's error element, or "" when it has none."""
    found = re.search(rf'<p class="field-error" id="id_{field}_error">(.*?)</p>', flat(html), re.S)
    return found.group(1) if found else ""


@pytest.mark.parametrize("language", ["bg", "sr", "sr-latn", "en"])
@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_company_name_is_required_on_its_field_and_the_rest_is_kept(client, staff, language, name):
    # Latin text: the sr-latn page transliterates whatever Cyrillic it shows.
    data = application(staff.home, name=name, description="Melimo brasno od 1923.")
    response = client.post(f"/{language}/companies/register/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert field_error(html, "name") == REQUIRED.get(language, "This field is required.")
    assert 'value="ana@example.org"' in html and "Melimo brasno od 1923." in html and 'value="2077"' in html
    assert not CompanyRegistration.objects.exists()


CONSTRAINT_CASES = {
    # constraint: (field, overrides of the application, expected message)
    "organisation_founded_year_plausible": (
        "founded_year",
        {"founded_year": "5"},
        "Give a year between 800 and 2100.",
    ),
    "organisation_postal_code_format": (
        "postal_code",
        {"municipality": "", "postal_code": "12ab"},
        "A postal code has 4 or 5 digits.",
    ),
    "organisation_one_country_ids": (
        "eik",
        {"municipality": "", "pib": valid_pib(1234567)},
        "Give Bulgarian (EIK, VAT number) or Serbian (PIB, MB) identifiers, not both.",
    ),
    # In the directory already, as an entry nobody can claim (a school): the applicant is told whom to
    # ask. An unowned company is offered for claiming instead (tests/registrations/test_claims.py).
    "organisation_eik_unique": ("eik", {}, "If it is yours, please contact the information centre"),
}


@pytest.mark.parametrize("constraint", CONSTRAINT_CASES)
def test_each_constraint_the_registration_can_break_is_a_translated_error_on_its_field(client, staff, constraint):
    field, overrides, message = CONSTRAINT_CASES[constraint]
    if constraint == "organisation_eik_unique":
        OrganisationFactory(eik=valid_eik(1234567), municipality=staff.home, kind=Kind.SCHOOL)
    response = client.post("/en/companies/register/", {**application(staff.home), **overrides})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in field_error(html, field)
    assert "Constraint" not in html and constraint not in html
    assert not CompanyRegistration.objects.exists()


def test_constraint_messages_are_translated(client, staff):
    response = client.post("/bg/companies/register/", application(staff.home, founded_year="5"))
    assert field_error(response.content.decode(), "founded_year") == "Въведете година между 800 и 2100."


def test_a_founding_year_still_to_come_is_refused_on_its_field(client, staff):
    next_year = timezone.localdate().year + 1
    response = client.post("/bg/companies/register/", application(staff.home, founded_year=str(next_year)))
    assert response.status_code == 200
    assert field_error(response.content.decode(), "founded_year") == "Годината на основаване не може да е бъдеща."
    assert f'value="{next_year}"' in response.content.decode()
    assert not CompanyRegistration.objects.exists()


def test_the_owner_form_refuses_a_founding_year_still_to_come(owner_client):
    client, organisation = owner_client
    url = f"/en/account/companies/{organisation.slug}/edit/"
    next_year = timezone.localdate().year + 1
    response = client.post(url, owner_data(organisation, founded_year=str(next_year)))
    assert field_error(response.content.decode(), "founded_year") == "A year still to come cannot be the founding year."
    assert not ProposedChange.objects.exists()


def test_every_organisation_constraint_carries_a_translated_message_of_its_own():
    for constraint in Organisation._meta.constraints:
        assert "Constraint" not in str(constraint.get_violation_error_message()), constraint.name
    for model in (CompanyRegistration, ProposedChange):
        for constraint in model._meta.constraints:
            assert "Constraint" not in str(constraint.get_violation_error_message()), constraint.name


@pytest.fixture
def owner_client(client, staff):
    organisation = OrganisationFactory(municipality=staff.home, eik="", postal_code="2077", founded_year=1999)
    user = User.objects.create_user("ana@example.org", "ana@example.org", "correct-horse-battery")
    CompanyOwner.objects.create(
        user=user, organisation=organisation, contact_name="Ana", contact_email="ana@example.org", language="en"
    )
    client.force_login(user)
    return client, organisation


def owner_data(organisation, **overrides):
    data = {
        "name": organisation.name,
        "legal_form": "",
        "description": "Мелим брашно.",
        "nace_division": "",
        "size_class": "",
        "founded_year": "1999",
        "street_address": "",
        "settlement": "",
        "postal_code": "2077",
        "phones": "",
        "website": "",
        "cooperation_offers": "",
        "cooperation_seeks": "",
    }
    return {**data, **overrides}


def test_the_owner_form_shows_a_broken_constraint_on_its_field_and_keeps_the_text(owner_client):
    client, organisation = owner_client
    url = f"/en/account/companies/{organisation.slug}/edit/"
    response = client.post(url, owner_data(organisation, founded_year="5", description="Печем хляб."))
    assert response.status_code == 200
    html = response.content.decode()
    assert field_error(html, "founded_year") == "Give a year between 800 and 2100."
    assert "Печем хляб." in html and "Constraint" not in html
    assert not ProposedChange.objects.exists()


def test_the_owner_form_requires_a_name(owner_client):
    client, organisation = owner_client
    response = client.post(f"/en/account/companies/{organisation.slug}/edit/", owner_data(organisation, name=" "))
    assert response.status_code == 200
    assert field_error(response.content.decode(), "name") == "This field is required."
    assert not ProposedChange.objects.exists()


def test_the_error_summary_links_each_error_to_its_field_without_a_doubled_stop(client, staff):
    """A consent label is a sentence: the summary reads "…profile: This field is required.", not "…profile.: …"."""
    data = application(staff.home)
    del data["consent"]
    html = flat(client.post("/en/companies/register/", data).content.decode())
    summary = re.search(r'<div class="error-summary.*?</div>', html, re.S).group(0)
    assert '<a href="#id_consent">' in summary
    assert "profile: This field is required." in summary
    assert ".:" not in summary


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("bg", "Стойност 1 от списъка не е правилна:"),
        ("sr-latn", "Vrednost 1 sa spiska nije ispravna:"),
        ("en", "Entry 1 of the list is not valid:"),
    ],
)
def test_a_bad_phone_number_in_the_list_is_named_in_plain_words(client, staff, language, expected):
    """Not Django's "element of the array does not validate" (bg) or "Stavka 1u nizu" (sr-latn)."""
    response = client.post(f"/{language}/companies/register/", application(staff.home, phones="1" * 30))
    assert field_error(response.content.decode(), "phones").startswith(expected)
