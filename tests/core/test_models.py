import pytest
from django.core.exceptions import ValidationError

from core.models import Country, InformationCentre, Municipality, normalise_phone
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("country", "code", "valid"),
    [
        ("BG", "2077", True),
        ("BG", "20777", False),
        ("RS", "18000", True),
        ("RS", "1800", False),
        ("RS", "18a00", False),
    ],
)
def test_postal_code_length_is_checked_per_country(country, code, valid):
    municipality = MunicipalityFactory.build(country=country, postal_code=code)
    if valid:
        municipality.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            municipality.full_clean()
        assert "postal_code" in error.value.message_dict


def test_time_zone_and_currency_follow_the_country():
    assert Municipality(country=Country.BULGARIA).time_zone == "Europe/Sofia"
    assert Municipality(country=Country.BULGARIA).currency == "EUR"
    assert Municipality(country=Country.SERBIA).time_zone == "Europe/Belgrade"
    assert Municipality(country=Country.SERBIA).currency == "RSD"


@pytest.mark.parametrize(
    ("raw", "country", "international"),
    [
        ("07184 2191", "BG", "+35971842191"),
        ("018 4504 500", "RS", "+381184504500"),
        ("+381 64 123 4567", "BG", "+381641234567"),
    ],
)
def test_phone_numbers_are_stored_in_international_form(raw, country, international):
    assert normalise_phone(raw, country) == international


def test_an_invalid_phone_number_is_refused_with_a_message():
    municipality = MunicipalityFactory(country="RS")
    centre = InformationCentre(municipality=municipality, name_bg="Ц", name_sr="Ц", name_en="C", phone="12")
    with pytest.raises(ValidationError) as error:
        centre.full_clean()
    assert "phone" in error.value.message_dict


def test_database_refuses_an_unknown_country():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        MunicipalityFactory(country="XX")


def test_choice_labels_are_shown_in_the_active_language_and_unknown_values_as_they_are():
    from django.utils import translation

    from directory.models import Kind, Organisation

    museum = Organisation(kind=Kind.MUSEUM)
    labels = {}
    for language in ("en", "bg", "sr", "en"):  # the labels are collected once, translated at each call
        with translation.override(language):
            labels[language] = museum.get_kind_display()
    assert labels["en"] == "Museum"
    assert labels["bg"] == "Музей"
    assert labels["sr"] == "Музеј"
    municipality = Municipality(country=Country.SERBIA)
    with translation.override("en"):
        assert municipality.get_country_display() == "Serbia"
    museum.kind = "not-a-kind"
    assert museum.get_kind_display() == "not-a-kind"


def test_every_web_address_form_field_reads_a_bare_domain_as_https():
    """Staff and companies type "koprivshtitsa-bg.com": every form built from a model reads it as https.

    The admin, its inlines, the public company form and the list of social links all build
    their fields from the model, so none of them needs to be told (or warns before Django 6).
    """
    import warnings

    from django.apps import apps
    from django.contrib.postgres.fields import ArrayField
    from django.db.models import URLField

    url_fields = [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, URLField) or (isinstance(field, ArrayField) and isinstance(field.base_field, URLField))
    ]
    assert len(url_fields) >= 5
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for field in url_fields:
            form_field = field.formfield()
            form_field = getattr(form_field, "base_field", form_field)
            assert form_field.clean("koprivshtitsa-bg.com") == "https://koprivshtitsa-bg.com", field
