"""What search finds: across scripts, languages, diacritics and word beginnings."""

import pytest

from search.models import SearchEntry
from tests.search.conftest import key

pytestmark = pytest.mark.django_db

KOPRIVSHTITSA = {"koprivshtitsa", "oslekova-kashta"}
NIS = {"medijana", "centre-medijana"}

QUERIES = [
    # Koprivshtitsa in both scripts, three romanisations, any case, or its beginning.
    ("Koprivshtitsa", KOPRIVSHTITSA),
    ("Koprivštica", KOPRIVSHTITSA),
    ("Копривщица", KOPRIVSHTITSA),
    ("Копривштица", KOPRIVSHTITSA),
    ("Koprivstica", KOPRIVSHTITSA),
    ("KOPRIVSHTITSA", KOPRIVSHTITSA),
    ("kopriv", KOPRIVSHTITSA),
    ("Копри", KOPRIVSHTITSA),
    ("Koprivsht", KOPRIVSHTITSA),
    # Niš, and Medijana in its Bulgarian, Serbian and English spellings.
    ("Nis", NIS),
    ("Niš", NIS),
    ("Ниш", NIS),
    ("NIŠ", NIS),
    ("Nish", NIS),
    ("Medijana", NIS),
    ("Медиана", NIS),
    ("Медијана", NIS),
    ("Mediana", NIS),
    ("Medij", NIS),
    ("Medijana Niš", NIS),
    ("municipality of Medijana", NIS),
    # A Bulgarian-only entry, found by a word's beginning, in any script.
    ("Oslek", {"oslekova-kashta"}),
    ("Ослек", {"oslekova-kashta"}),
    ("oslekova kashta", {"oslekova-kashta"}),
    ("Oslekova kasta", {"oslekova-kashta"}),
    ("къща-музей", {"oslekova-kashta"}),
    # Bulgarian я, й against Serbian ја, ј.
    ("Sofia", {"sofia"}),
    ("Софија", {"sofia"}),
    ("Sofiya", {"sofia"}),
    ("Voyvodenets", {"voyvodenets"}),
    ("Vojvodenec", {"voyvodenets"}),
    ("Војводенец", {"voyvodenets"}),
    # A Serbian-only entry: đ, ć and their ASCII stand-ins.
    ("Đorđevićeva", {"djordjevic"}),
    ("Djordjeviceva", {"djordjevic"}),
    ("Dordevic", {"djordjevic"}),
    ("Ђорђ", {"djordjevic"}),
    ("djordjevićeva kuća", {"djordjevic"}),
    # č and ш, typed with, without or as digraphs; Bulgarian чешма finds Serbian чесма.
    ("čaršija", {"bazaar"}),
    ("carsija", {"bazaar"}),
    ("charshiya", {"bazaar"}),
    ("чешма", {"bazaar"}),
    ("Cesma", {"bazaar"}),
    ("bazaar", {"bazaar"}),
    # A title in one entry, a body word in another.
    ("Ćele kula", {"skull-tower", "medijana"}),
    ("Chele", {"skull-tower", "medijana"}),
    ("Skull", {"skull-tower"}),
    ("tower skull", {"skull-tower"}),
    # Nothing, and nothing that could be read as query syntax.
    ("Information Koprivshtitsa", set()),
    ("xyzzy", set()),
    ("", set()),
    ("   !!! ", set()),
    ("kula'); DROP TABLE search_searchentry; --", set()),
    ("nis:* | sofia & !kula", set()),
    ("<script>", set()),
]


@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[query or "(empty)" for query, _ in QUERIES])
def test_search_finds_the_same_entries_whatever_the_script_language_or_diacritics(places, query, expected):
    assert {key(entry) for entry in SearchEntry.objects.results(query)} == expected


def test_the_table_covers_at_least_thirty_queries():
    assert len(QUERIES) >= 30


@pytest.mark.parametrize(
    ("query", "first"),
    [("Ćele kula", "skull-tower"), ("Koprivshtitsa", "koprivshtitsa"), ("Копривщица", "koprivshtitsa")],
)
def test_title_matches_rank_above_body_matches(places, query, first):
    ranked = [key(entry) for entry in SearchEntry.objects.results(query)]
    assert ranked[0] == first
    assert len(ranked) == 2


def test_the_list_filter_and_the_results_page_find_the_same_entries(places):
    for query, _ in QUERIES:
        assert set(SearchEntry.objects.matching(query)) == set(SearchEntry.objects.results(query))


def test_facets_count_hits_per_type_municipality_and_direction(places):
    medijana = places["medijana"]
    facets = SearchEntry.objects.facets("Niš")
    assert facets.total == 2
    assert facets.kinds == {"municipality": 1, "information-centre": 1}
    assert facets.municipalities == {medijana.pk: 2}
    assert facets.directions == {"administration-and-social-life": 2}


def test_each_facet_counts_what_the_other_filters_let_through(places):
    facets = SearchEntry.objects.facets("Niš", kind="information-centre")
    assert facets.total == 1
    # Choosing another type would still give its hits...
    assert facets.kinds == {"municipality": 1, "information-centre": 1}
    # ...while the other facets count within the chosen type.
    assert facets.municipalities == {places["medijana"].pk: 1}
