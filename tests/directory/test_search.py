"""The text filter finds the same entries whatever the script, diacritics or case typed."""

import pytest

from directory.models import Organisation
from directory.search import normalise, prefix_query
from portal.models import Country
from tests.directory.factories import OrganisationFactory
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("text", "expected"), [("Ниш", "nis"), ("Niš", "nis"), ("NIS", "nis"), ("Ђорђе", "djordje"),
                                                ("Копривщица", "koprivshtitsa"), ("d.o.o.", "d o o")])  # fmt: skip
def test_normalise_writes_latin_without_diacritics(text, expected):
    assert normalise(text) == expected


def test_query_words_become_prefix_terms_and_punctuation_is_dropped():
    assert prefix_query("Пекара & Niš!") == "pekara:* & nis:*"
    assert prefix_query(" '()' ") == ""


@pytest.fixture
def entries():
    serbian = MunicipalityFactory(country=Country.SERBIA)
    return {
        "bakery": OrganisationFactory(
            municipality=serbian,
            name_bg="",
            name_sr="Пекара „Нишава“ д.о.о.",
            name_en="",
            settlement_sr="Ниш",
            pib="101134702",
        ),
        "mill": OrganisationFactory(name_bg="Мелница „Жар“ ООД", name_sr="", name_en="", eik="201355508"),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("нишава", "bakery"),
        ("Nisava", "bakery"),
        ("NIŠAVA pek", "bakery"),
        ("niš", "bakery"),
        ("1011347", "bakery"),
        ("мелница жар", "mill"),
        ("melnica zhar", "mill"),
        ("Melnitsa", "mill"),
        ("201355508", "mill"),
    ],
)
def test_matching_is_blind_to_script_diacritics_and_case(entries, query, expected):
    assert list(Organisation.objects.matching(query)) == [entries[expected]]


def test_every_word_must_match(entries):
    assert not Organisation.objects.matching("nisava melnica").exists()


def test_an_empty_query_matches_everything(entries):
    assert Organisation.objects.matching("  -- ").count() == 2
