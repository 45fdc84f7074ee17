"""Company identifiers, postal codes and phone numbers of both countries."""

import pytest
from django.core.exceptions import ValidationError

from core.models import Country, normalise_phone
from directory import identifiers


@pytest.mark.parametrize("eik", ["020469788", "201355508", "201968703", "1213961230342", "131272009", "175074752"])
def test_valid_eik_is_accepted(eik):
    assert identifiers.validate_eik(eik) == eik


def test_eik_is_stored_without_separators():
    assert identifiers.validate_eik(" 201 355 508 ") == "201355508"


@pytest.mark.parametrize("eik", ["123456789", "1234567891234", "20135550", "2013555080", "20135550A", "1213961230343"])
def test_invalid_eik_is_refused(eik):
    with pytest.raises(ValidationError):
        identifiers.validate_eik(eik)


@pytest.mark.parametrize(
    "vat",
    ["103873594", "131272009", "175074752", "000565359", "831919536", "7501020018", "7111042925", "7153849522"],
)
def test_valid_bulgarian_vat_numbers_from_the_rules_are_accepted_and_stored_with_bg(vat):
    assert identifiers.validate_bg_vat(vat) == f"BG{vat}"
    assert identifiers.validate_bg_vat(f"BG {vat}") == f"BG{vat}"


@pytest.mark.parametrize("vat", ["BG123456789", "BG175074753", "BG12345678", "RS101134702", "BG12345678901"])
def test_invalid_bulgarian_vat_number_is_refused(vat):
    with pytest.raises(ValidationError):
        identifiers.validate_bg_vat(vat)


@pytest.mark.parametrize("pib", ["101134702", "100000303", "100081000", "104111220"])
def test_valid_pib_is_accepted(pib):
    assert identifiers.validate_pib(pib) == pib
    assert identifiers.pib_check_digit(pib[:8]) == int(pib[8])


@pytest.mark.parametrize("pib", ["101134703", "10113470", "1011347021", "10113470X"])
def test_invalid_pib_is_refused(pib):
    with pytest.raises(ValidationError):
        identifiers.validate_pib(pib)


@pytest.mark.parametrize("mb", ["66143627", "66841251", "61629190"])
def test_mb_examples_match_the_community_check_digit(mb):
    assert identifiers.validate_mb(mb) == mb
    assert identifiers.mb_checksum_matches(mb)


def test_mb_with_another_check_digit_is_accepted_but_does_not_match():
    """The MB rule is unofficial: a mismatch is a warning for staff, not a refusal."""
    assert identifiers.validate_mb("66143628") == "66143628"
    assert not identifiers.mb_checksum_matches("66143628")


@pytest.mark.parametrize("mb", ["6614362", "661436270", "6614362A"])
def test_mb_of_the_wrong_shape_is_refused(mb):
    with pytest.raises(ValidationError):
        identifiers.validate_mb(mb)


@pytest.mark.parametrize(("code", "country"), [("2077", Country.BULGARIA), ("18000", Country.SERBIA)])
def test_postal_codes_of_each_country(code, country):
    assert identifiers.validate_postal_code(code, country) == code


@pytest.mark.parametrize(
    ("code", "country"),
    [("18000", Country.BULGARIA), ("207", Country.BULGARIA), ("2077", Country.SERBIA), ("1800A", Country.SERBIA)],
)
def test_postal_code_of_the_wrong_length_for_the_country_is_refused(code, country):
    with pytest.raises(ValidationError):
        identifiers.validate_postal_code(code, country)


@pytest.mark.parametrize(
    ("typed", "country", "stored"),
    [
        ("07184 2345", Country.BULGARIA, "+35971842345"),
        ("0888 123 456", Country.BULGARIA, "+359888123456"),
        ("018 523 456", Country.SERBIA, "+38118523456"),
        ("064 123 4567", Country.SERBIA, "+381641234567"),
        ("+359 7184 2345", Country.SERBIA, "+35971842345"),
    ],
)
def test_phone_numbers_are_stored_in_international_form(typed, country, stored):
    assert normalise_phone(typed, country) == stored


@pytest.mark.parametrize(("typed", "country"), [("123", Country.BULGARIA), ("018 52", Country.SERBIA), ("phone", "RS")])
def test_invalid_phone_numbers_are_refused(typed, country):
    with pytest.raises(ValidationError):
        normalise_phone(typed, country)
