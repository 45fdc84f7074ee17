"""The directory's text filter finds the same entries whatever the script, diacritics or case typed.

It is the site-wide search's matching, answered by its index (tests/search).
"""

import pytest

from core.models import Country, PublicationStatus
from directory.models import Organisation
from directory.services import organisation_update
from tests.directory.factories import OrganisationFactory
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

LIST = "/en/directory/"


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


@pytest.mark.parametrize(("query", "expected"), [("Nisava", "bakery"), ("Мелница", "mill"), ("201355508", "mill")])
def test_the_list_filters_by_the_same_matching(client, entries, query, expected):
    assert list(client.get(LIST, {"q": query}).context["organisations"]) == [entries[expected]]


def test_every_word_must_match(entries):
    assert not Organisation.objects.matching("nisava melnica").exists()


def test_an_empty_query_matches_everything(entries):
    assert Organisation.objects.matching("  -- ").count() == 2
    assert Organisation.objects.matching("").count() == 2


def test_an_archived_organisation_is_not_found_by_the_filter(client, entries):
    organisation_update(organisation=entries["mill"], status=PublicationStatus.ARCHIVED)
    assert not Organisation.objects.matching("Мелница").exists()
    assert client.get(LIST, {"q": "Мелница"}).context["result_count"] == 0
