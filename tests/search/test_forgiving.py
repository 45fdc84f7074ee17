"""Typos, synonyms, "Did you mean", the query log with clicks, promoted results and their admin."""

import re

import pytest

from search.models import Promotion, QueryStatistic, SearchEntry, SearchWord, Synonym
from search.normalise import deletions, edit_distance, typo_distance
from tests.search.conftest import content_key

pytestmark = pytest.mark.django_db


def test_edits_forgiven_grow_with_the_length_of_a_word():
    assert [typo_distance(length) for length in (1, 3, 4, 7, 8, 20)] == [0, 0, 1, 1, 2, 2]
    assert deletions("nis") == {"nis"}
    assert deletions("oslek") >= {"oslek", "slek", "olek", "osek", "oslk", "osle"}
    assert edit_distance("oslekova", "olsekova") == 1  # neighbours swapped
    assert edit_distance("kableskov", "kabelskov") == 1
    assert edit_distance("medijana", "mediana") == 1
    assert edit_distance("nis", "pis") == 1


def test_indexing_remembers_the_title_words_and_a_full_rebuild_forgets_the_gone_ones(content):
    from search.services import index_rebuild

    assert SearchWord.objects.filter(word="oslekova", variant="olekova").exists()
    SearchWord.objects.create(word="zzzgone", variant="zzzgone")
    index_rebuild()
    assert not SearchWord.objects.filter(word="zzzgone").exists()
    assert SearchWord.objects.filter(word="kableskov").exists()


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Olsekova", "oslekov"), ("Оселкова", "oslekov"), ("Kabelshkov", "kableshkov"), ("Каблекшов", "kableshkov")],
)
def test_a_typo_in_either_script_finds_the_entry_first_as_a_close_match(content, query, expected):
    found = SearchEntry.objects.search(query)
    assert content_key(content)(found.entries[0]) == expected
    assert found.entries[0].close_match
    assert found.strict_total == 0 and found.suggestion


def test_short_words_forgive_nothing_and_exact_matches_are_never_pushed_down(content):
    assert SearchEntry.objects.results("Nix") == []  # three letters: no typo forgiven
    found = SearchEntry.objects.search("Oslekova")
    name = content_key(content)
    assert name(found.entries[0]) == "oslekov" and not found.entries[0].close_match
    assert not found.suggestion
    closes = [index for index, entry in enumerate(found.entries) if entry.close_match]
    exact = [index for index, entry in enumerate(found.entries) if not entry.close_match]
    assert not closes or max(exact) < min(closes)


def test_a_synonym_finds_its_kind_first_and_staff_can_add_one(content):
    name = content_key(content)
    assert name(SearchEntry.objects.results("muzej")[0]) == "kableshkov"  # the shipped synonyms
    assert SearchEntry.objects.results("сбирка") == [] or name(SearchEntry.objects.results("сбирка")[0]) == "kableshkov"
    assert SearchEntry.objects.results("papirologija") == []
    Synonym.objects.create(term="Папирология", kind="service")
    assert [name(entry) for entry in SearchEntry.objects.results("papirologija")] == ["certificate"]
    Synonym.objects.create(term="житие", words="birthplace")
    assert [name(entry) for entry in SearchEntry.objects.results("Житие")] == ["kableshkov"]


def test_the_results_page_offers_a_close_spelling_and_labels_close_matches(client, content):
    html = client.get("/en/search/", {"q": "Kabelshkov"}).content.decode()
    suggestion = re.search(r'class="search-suggestion">Did you mean: <a href="([^"]+)">([^<]+)</a>', html)
    assert suggestion and suggestion[2] == "kableshkov"
    assert "similar spelling" in html
    html = client.get("/en/search/", {"q": "Kableshkov"}).content.decode()
    assert "search-suggestion" not in html and "similar spelling" not in html


def test_searches_and_clicks_are_counted_without_anything_about_the_reader(client, content):
    client.get("/bg/search/", {"q": "  Kableshkov "})
    html = client.get("/bg/search/", {"q": "kableshkov"}).content.decode()
    client.get("/bg/search/", {"q": "xyzzy"})
    client.get("/bg/search/", {"q": "kableshkov", "page": "2"})  # later pages are not searches
    assert dict(QueryStatistic.objects.values_list("query", "searches")) == {"kableshkov": 2, "xyzzy": 1}
    assert QueryStatistic.objects.get(query="xyzzy").results == 0
    href, ping = re.search(r'<h3 class="search-result__title"><a href="([^"]+)" ping="([^"]+)"', html).groups()
    ping = ping.replace("&amp;", "&")
    assert href.startswith("/bg/") and "search" not in href  # the link is the entry's own address
    assert client.post(ping, HTTP_PING_TO=href).status_code == 204  # as a browser pings on a click
    response = client.get(ping)  # a browser without pings, or a copied address
    assert response.status_code == 302 and response["Location"] == href
    assert QueryStatistic.objects.get(query="kableshkov").clicks == 2
    columns = {field.name for field in QueryStatistic._meta.get_fields()}
    assert columns == {"id", "query", "searches", "results", "clicks", "last_searched"}
    assert client.get("/bg/search/result/999999/").status_code == 404


def test_a_promoted_result_comes_first_for_its_query_in_any_script(content):
    name = content_key(content)
    budget = next(entry for entry in SearchEntry.objects.all() if name(entry) == "budget")
    assert name(SearchEntry.objects.results("Копривщица")[0]) != "budget"
    Promotion.objects.create(query="Koprivshtitsa", entry=budget)
    found = SearchEntry.objects.search("Копривщица")
    assert name(found.entries[0]) == "budget" and found.entries[0].pinned
    assert name(SearchEntry.objects.results("Копривщица", kind="sight")[0]) != "budget"  # filters still apply


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-password-1"))
    return client


def test_staff_see_frequent_and_fruitless_queries_and_edit_synonyms(staff_client, content):
    QueryStatistic.objects.create(query="хотел", searches=9, results=4)
    QueryStatistic.objects.create(query="xyzzy", searches=3, results=0)
    html = staff_client.get("/admin/search/querystatistic/").content.decode()
    assert html.index("хотел") < html.index("xyzzy")
    html = staff_client.get("/admin/search/querystatistic/", {"found": "none"}).content.decode()
    assert "xyzzy" in html and "хотел" not in html
    response = staff_client.post("/admin/search/synonym/add/", {"term": "!!!", "words": "", "kind": ""})
    assert response.status_code == 200 and "Въведете дума: букви или цифри." in response.content.decode()
    response = staff_client.post("/admin/search/synonym/add/", {"term": "спа", "words": "", "kind": ""})
    assert "Посочете думи за търсене" in response.content.decode()
    response = staff_client.post("/admin/search/synonym/add/", {"term": "спа", "words": "wellness", "kind": "sight"})
    assert response.status_code == 302
    assert Synonym.objects.get(term="спа").canonical == "spa"
    budget = SearchEntry.objects.get(kind="document")
    response = staff_client.post("/admin/search/promotion/add/", {"query": "бюджет", "entry": budget.pk, "order": 0})
    assert response.status_code == 302 and Promotion.objects.get().canonical == "bjudzet"
