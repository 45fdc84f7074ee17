"""Demo content: real institutions from the facts file and synthetic SMEs at scale."""

import io

import pytest
from django.core.management import call_command

from core.models import Country, normalise_phone
from demo.content.cooperation import COMPANIES
from demo.content.directory import REAL_ORGANISATIONS
from directory import identifiers
from directory.models import Organisation

pytestmark = pytest.mark.django_db


def load(smes: int) -> None:
    call_command("load_demo_content", smes=smes, stdout=io.StringIO())


def synthetic_smes():
    """The demo's synthetic SMEs: demo organisations but the cooperation board's few made-up companies."""
    return Organisation.objects.filter(is_demo=True).exclude(slug__in=[company["slug"] for company in COMPANIES])


def test_real_institutions_are_loaded_as_real_published_entries(demo_content):
    real = Organisation.objects.filter(is_demo=False)
    assert real.count() == len(REAL_ORGANISATIONS)
    assert set(real.values_list("status", flat=True)) == {"published"}
    theatre = real.get(slug="national-theatre-nis")
    assert (theatre.name_sr, theatre.founded_year, theatre.municipality.slug) == (
        "Народно позориште у Нишу",
        1887,
        "medijana",
    )
    # Facts the sources do not give stay empty.
    assert not theatre.phones and not theatre.email


def test_synthetic_smes_are_flagged_spread_over_both_municipalities_and_valid():
    load(smes=40)
    demo = synthetic_smes().select_related("municipality").prefetch_related("directions")
    assert demo.count() == 40
    countries = {organisation.municipality.country for organisation in demo}
    assert countries == {Country.BULGARIA, Country.SERBIA}
    for organisation in demo:
        if organisation.municipality.country == Country.BULGARIA:
            assert identifiers.is_valid_eik(organisation.eik)
            assert not organisation.vat_number or organisation.vat_number == "BG" + organisation.eik
        else:
            assert identifiers.validate_pib(organisation.pib)
            assert identifiers.mb_checksum_matches(organisation.mb)
        for phone in organisation.phones:
            assert normalise_phone(phone, organisation.municipality.country) == phone
        assert organisation.nace_section and organisation.nace_division
        assert "business" in [direction.slug for direction in organisation.directions.all()]
    for organisation in demo[:5]:
        organisation.full_clean()  # every rule holds, as if entered by hand


def test_loading_again_replaces_the_synthetic_smes_instead_of_adding_more():
    load(smes=30)
    load(smes=20)
    assert synthetic_smes().count() == 20
    assert Organisation.objects.filter(is_demo=False).count() == len(REAL_ORGANISATIONS)


def test_synthetic_smes_can_be_found_in_either_script():
    load(smes=40)
    sample = Organisation.objects.filter(is_demo=True, municipality__country=Country.SERBIA).first()
    word = sample.name_sr.split()[0]
    assert sample in Organisation.objects.matching(word)
    assert sample in Organisation.objects.matching(sample.name_en.split()[0])
