"""Creating and changing organisations through the services: every rule is checked on the way in."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from core.models import Country, PublicationStatus
from directory.models import Organisation
from directory.services import organisation_create, organisation_update
from tests.directory.factories import OrganisationFactory
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def bulgarian():
    return MunicipalityFactory(country=Country.BULGARIA)


@pytest.fixture
def serbian():
    return MunicipalityFactory(country=Country.SERBIA)


def create(municipality, **fields):
    defaults = {"name_bg": "Пекарна „Тополница“ ООД", "name_en": "Topolnitsa Bakery OOD", "kind": "company"}
    return organisation_create(municipality=municipality, directions=["business"], **{**defaults, **fields})


def test_bulgarian_company_is_stored_with_normalised_identifiers_phones_and_slug(bulgarian):
    organisation = create(
        bulgarian, eik="201 355 508", vat_number="bg201355508", phones=["07184 2345"], postal_code="2077"
    )
    organisation.refresh_from_db()
    assert organisation.eik == "201355508"
    assert organisation.vat_number == "BG201355508"
    assert organisation.phones == ["+35971842345"]
    assert organisation.slug == "topolnitsa-bakery-ood"
    assert list(organisation.directions.values_list("slug", flat=True)) == ["business"]


def test_serbian_company_with_valid_pib_and_mb(serbian):
    organisation = create(serbian, pib="101134702", mb="66143627", phones=["018 523 456"], postal_code="18000")
    assert (organisation.pib, organisation.mb, organisation.mb_checksum_mismatch) == ("101134702", "66143627", False)
    assert organisation.phones == ["+38118523456"]


def test_mb_failing_the_unofficial_check_digit_is_saved_and_flagged(serbian):
    organisation = create(serbian, mb="66143628")
    assert organisation.pk and organisation.mb_checksum_mismatch


@pytest.mark.parametrize(
    ("field", "value"),
    [("eik", "123456789"), ("vat_number", "BG123456789"), ("postal_code", "18000"), ("phones", ["12"])],
)
def test_invalid_bulgarian_details_are_refused(bulgarian, field, value):
    with pytest.raises(ValidationError) as error:
        create(bulgarian, **{field: value})
    assert field in error.value.message_dict
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(("field", "value"), [("pib", "101134703"), ("postal_code", "2077"), ("mb", "6614362")])
def test_invalid_serbian_details_are_refused(serbian, field, value):
    with pytest.raises(ValidationError) as error:
        create(serbian, **{field: value})
    assert field in error.value.message_dict


def test_identifiers_of_the_other_country_are_refused(bulgarian, serbian):
    with pytest.raises(ValidationError) as error:
        create(bulgarian, pib="101134702")
    assert "pib" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        create(serbian, eik="201355508")
    assert "eik" in error.value.message_dict


def test_vat_number_of_a_legal_entity_must_be_its_eik(bulgarian):
    with pytest.raises(ValidationError) as error:
        create(bulgarian, eik="201355508", vat_number="BG175074752")
    assert "vat_number" in error.value.message_dict


def test_legal_form_of_the_other_country_is_refused(serbian):
    with pytest.raises(ValidationError) as error:
        create(serbian, legal_form="bg-ood")
    assert "legal_form" in error.value.message_dict


def test_identifiers_are_unique(bulgarian):
    create(bulgarian, eik="201355508")
    with pytest.raises(ValidationError) as error:
        create(bulgarian, eik="201355508", name_en="Another", slug="another")
    assert error.value.messages == ["Another organisation already has this EIK/BULSTAT."]


def test_nace_section_follows_from_the_division_of_its_revision(bulgarian):
    assert create(bulgarian, nace_division="62").nace_section == "J"
    assert create(bulgarian, nace_division="62", nace_revision="2.1", name_en="Other").nace_section == "K"


@pytest.mark.parametrize(("fields", "error"), [({"nace_division": "04"}, "nace_division"),
                                               ({"nace_division": "10", "nace_section": "A"}, "nace_section"),
                                               ({"nace_section": "V"}, "nace_section")])  # fmt: skip
def test_impossible_nace_codes_are_refused(bulgarian, fields, error):
    with pytest.raises(ValidationError) as raised:
        create(bulgarian, **fields)
    assert error in raised.value.message_dict


def test_update_rebuilds_the_search_text(bulgarian):
    organisation = create(bulgarian)
    organisation_update(organisation=organisation, name_en="Renamed Bakery", status=PublicationStatus.PUBLISHED)
    assert Organisation.objects.matching("renamed").get() == organisation


def image_file(name, image_format, size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_logo_must_be_a_real_image(bulgarian, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert create(bulgarian, logo=image_file("logo.png", "PNG")).logo
    with pytest.raises(ValidationError) as error:
        create(bulgarian, name_en="Fake", logo=SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>"))
    assert "logo" in error.value.message_dict


def test_organisation_factory_rows_can_be_searched():
    organisation = OrganisationFactory(name_en="Nišava Bakery")
    assert Organisation.objects.matching("nisava").get() == organisation
