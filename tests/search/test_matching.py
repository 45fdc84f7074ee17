"""What search finds: across scripts, languages, diacritics and word beginnings."""

import pytest

from search.models import SearchEntry
from tests.search.conftest import content_key, key

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


# Over real content of every kind (tests/search/conftest.py, ``content``).
KOPRIVSHTITSA_CONTENT = {"festival", "oslekov", "mill", "project", "route"}
NIS_CONTENT = {"bakery", "skull", "mediana", "album"}
MEDIJANA_CONTENT = {"mediana", "project"}

CONTENT_QUERIES = [
    # Koprivshtitsa: an event's title, a sight's summary, an organisation's settlement, a project, a route.
    ("Koprivshtitsa", KOPRIVSHTITSA_CONTENT),
    ("Koprivštica", KOPRIVSHTITSA_CONTENT),
    ("Копривщица", KOPRIVSHTITSA_CONTENT),
    ("Копривштица", KOPRIVSHTITSA_CONTENT),
    ("koprivstica", KOPRIVSHTITSA_CONTENT),
    ("KOPRIV", KOPRIVSHTITSA_CONTENT),
    # Niš: an organisation's settlement, a news lead, a sight's summary, an album (Нишу, Ниша, Нишава).
    ("Niš", NIS_CONTENT),
    ("Nis", NIS_CONTENT),
    ("Ниш", NIS_CONTENT),
    ("Nish", NIS_CONTENT),
    ("Медиана", MEDIJANA_CONTENT),
    ("Medijana", MEDIJANA_CONTENT),
    ("Медијана", MEDIJANA_CONTENT),
    ("Mediana", MEDIJANA_CONTENT),
    # A sight with a Bulgarian name only, from any script, by a word's beginning.
    ("Oslek", {"oslekov"}),
    ("Ослек", {"oslekov"}),
    ("oslekova kashta", {"oslekov"}),
    ("Oslekova kasta", {"oslekov"}),
    ("Каблешков", {"kableshkov"}),
    ("Kableskov", {"kableshkov"}),
    ("Kablešk", {"kableshkov"}),
    # News in three languages.
    ("Ćele kula", {"skull"}),
    ("Chele kula", {"skull"}),
    ("Челе", {"skull"}),
    ("skull tower", {"skull"}),
    # Organisations: names, identifiers and their beginnings.
    ("Нишава", {"bakery"}),
    ("nisava pek", {"bakery"}),
    ("101134702", {"bakery"}),
    ("10113", {"bakery"}),
    ("мелница жар", {"mill"}),
    ("Melnitsa zhar", {"mill"}),
    ("melnica", {"mill"}),
    ("201355508", {"mill"}),
    # An album titled in Serbian only: đ and ć, typed or not.
    ("Ђорђевићева", {"album"}),
    ("Djordjeviceva", {"album"}),
    ("dordevic", {"album"}),
    # A route's Bulgarian name and an event's English summary: й/j/y.
    ("Voyvodenets", {"route", "festival"}),
    ("Vojvodenec", {"route", "festival"}),
    ("Војводенец", {"route", "festival"}),
    # A service, a project, a document: in each of their languages.
    ("birth certificate", {"certificate"}),
    ("удостоверение", {"certificate"}),
    ("izvod rodjenih", {"certificate"}),
    ("CULTOUR", {"project"}),
    ("културни маршрути", {"project"}),
    ("бюджет", {"budget"}),
    ("budžet 2026", {"budget"}),
    ("folklore festival", {"festival"}),
    # Nothing.
    ("Koprivshtitsa Niš", set()),
    ("xyzzy", set()),
]


@pytest.mark.parametrize(("query", "expected"), CONTENT_QUERIES, ids=[query for query, _ in CONTENT_QUERIES])
def test_every_kind_of_content_is_found_whatever_the_script_language_or_diacritics(content, query, expected):
    name = content_key(content)
    # Exact and prefix matches; entries of a close spelling (close_match) follow them, tested in test_judged.py.
    found = SearchEntry.objects.results(query, limit=50)
    assert {name(entry) for entry in found if not entry.close_match} == expected


def test_the_content_table_covers_at_least_thirty_queries_over_every_kind_of_content(content):
    assert len(CONTENT_QUERIES) >= 30
    found_models = {type(content[key]) for _, expected in CONTENT_QUERIES for key in expected}
    assert len(found_models) == 9  # all but pages, covered in test_content.py


@pytest.mark.parametrize(
    ("query", "first"),
    [("Копривщица", "festival"), ("Koprivshtitsa", "festival"), ("Medijana", "mediana"), ("Voyvodenets", "route")],
)
def test_title_matches_rank_above_body_matches_across_kinds(content, query, first):
    name = content_key(content)
    assert name(SearchEntry.objects.results(query)[0]) == first


def test_the_directory_filter_finds_what_search_finds_of_the_directory(content):
    from directory.models import Organisation

    name = content_key(content)
    for query, expected in CONTENT_QUERIES:
        organisations = {key for key in expected if isinstance(content[key], Organisation)}
        found = {name(entry) for entry in SearchEntry.objects.results(query, kind="organisation", limit=50)}
        assert found == organisations, query
        assert set(Organisation.objects.matching(query)) == {content[key] for key in organisations}, query
