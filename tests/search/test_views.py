import re

import pytest
from django.db import connection
from django.utils import translation

from core.models import InformationCentre, Municipality
from search.filters import SearchTextFilter, filter_matching
from search.models import SearchEntry
from search.services import index_rebuild
from tests.markup import flat
from tests.portal.admin_forms import change_form_data
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def results(html: str) -> list[str]:
    """The titles listed on a results page, without highlighting or the ``<span lang>`` of a fallback."""
    titles = re.findall(r'<h3 class="search-result__title"><a href="[^"]+"[^>]*>(.*?)</a>', html)
    return [re.sub(r"</?mark>|<span lang=\"[^\"]+\">|</span>", "", title) for title in titles]


# A page of each app, its own list and a missing page.
PAGES = [
    "",
    "directory/",
    "tourism/sights/",
    "tourism/routes/",
    "events/",
    "news/",
    "documents/",
    "gallery/",
    "search/",
    "no-such-page/",
]


@pytest.mark.parametrize("language", ["bg", "sr", "sr-latn", "en"])
def test_every_page_has_a_labelled_search_box_that_searches_in_the_page_language(client, demo_content, language):
    for page in PAGES:
        html = flat(client.get(f"/{language}/{page}").content.decode())
        form = re.search(r'<form class="site-search" role="search" method="get" action="([^"]+)">', html)
        assert form and form.group(1) == f"/{language}/search/", page
        assert '<label class="visually-hidden" for="site-search-q">' in html, page
        assert 'id="site-search-q" name="q"' in html, page


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("bg", "Ослекова къща"),
        ("sr", "Ослекова къща"),  # Bulgarian only: shown as it is
        ("sr-latn", "Ослекова къща"),  # Bulgarian text keeps its script, marked lang="bg"
        ("en", "Ослекова къща"),
    ],
)
def test_a_bulgarian_only_entry_is_found_from_every_language(client, places, language, title):
    response = client.get(f"/{language}/search/", {"q": "Oslek"})
    assert response.status_code == 200
    assert results(response.content.decode()) == [title]


@pytest.mark.parametrize(
    ("language", "title", "link"),
    [
        ("bg", "Градска община Медиана", "/bg/municipalities/medijana/"),
        ("sr", "Градска општина Медијана", "/sr/municipalities/medijana/"),
        ("sr-latn", "Gradska opština Medijana", "/sr-latn/municipalities/medijana/"),
        ("en", "City Municipality of Medijana", "/en/municipalities/medijana/"),
    ],
)
def test_results_are_titled_and_linked_in_the_page_language(client, places, language, title, link):
    html = client.get(f"/{language}/search/", {"q": "Ниш", "kind": "municipality"}).content.decode()
    assert results(html) == [title]
    assert f'href="{link}"' in html


def test_serbian_latin_results_are_in_latin(client, places, cyrillic_free):
    html = client.get("/sr-latn/search/", {"q": "Koprivshtitsa"}).content.decode()
    cyrillic_free(html, "search results")
    # The Bulgarian-only sight keeps its script, marked lang="bg": not romanised into neither language.
    assert results(html) == ["Opština Koprivštica", "Ослекова къща"]
    assert "Oslekova kashta" not in "".join(re.findall(r'<h3 class="search-result__title">.*?</h3>', html, re.S))


def test_matched_words_are_highlighted_in_the_displayed_script(client, places):
    html = client.get("/sr/search/", {"q": "Medij"}).content.decode()
    assert "<mark>Медијана</mark>" in html
    html = client.get("/en/search/", {"q": "Копривщ"}).content.decode()
    assert "<mark>Koprivshtitsa</mark> Municipality" in html


def test_highlighting_escapes_the_text_it_marks(places):
    from search.templatetags.search_tags import highlight

    assert highlight("<b>Niš</b> & Ниш", ["nis"]) == "&lt;b&gt;<mark>Niš</mark>&lt;/b&gt; &amp; <mark>Ниш</mark>"


def test_filters_narrow_the_results_and_show_counts(client, places):
    medijana = places["medijana"]
    html = client.get("/en/search/", {"q": "Medijana"}).content.decode()
    assert "2 results" in html
    assert re.search(r"Information centres <span class=\"search-facet__count\">\(1\)</span>", html)
    html = client.get("/en/search/", {"q": "Medijana", "kind": "information-centre"}).content.decode()
    assert results(html) == ["Medijana Information Centre"]
    html = client.get("/en/search/", {"q": "Medijana", "municipality": medijana.pk, "direction": "tourism"}).content
    assert results(html.decode()) == []


def test_no_results_page_helps_the_reader(client, places):
    html = client.get("/en/search/", {"q": "xyzzy", "kind": "municipality"}).content.decode()
    assert "0 results" in html
    assert "search without the filters" in html


def test_the_help_list_ends_where_its_items_end(client, places):
    """Without filters there are two suggestions: the second closes the list with a full stop."""
    html = client.get("/bg/search/", {"q": "xyzzy"}).content.decode()
    items = re.findall(r"<li>([^<]*)</li>", html.split('class="search-help"')[1].split("</ul>")[0])
    assert len(items) == 2
    assert items[0].endswith(";") and items[1].endswith(".")


def test_invalid_filters_are_ignored(client, places):
    response = client.get("/en/search/", {"q": "Nis", "kind": "nonsense", "municipality": "x", "direction": "?"})
    assert response.status_code == 200
    assert len(results(response.content.decode())) == 2


def test_results_are_paginated(client):
    MunicipalityFactory.create_batch(25, name_en="Bridge")
    index_rebuild()
    first = client.get("/en/search/", {"q": "bridge"}).content.decode()
    second = client.get("/en/search/", {"q": "bridge", "page": 2}).content.decode()
    assert len(results(first)) == 20
    assert len(results(second)) == 5
    assert "Page 2 of 2" in second
    # The one pagination partial of every list: its links keep the query.
    assert '<a href="?q=bridge&amp;page=2"\n             rel="next">Next page</a>' in first
    assert '<a href="?q=bridge&amp;page=1"\n               rel="prev">Previous page</a>' in second
    assert 'rel="next"' not in second
    assert client.get("/en/search/", {"q": "bridge", "page": 3}).status_code == 404


def test_past_the_candidates_the_pages_go_on_without_a_total(client, monkeypatch):
    monkeypatch.setattr("search.models.CANDIDATES", 5)
    monkeypatch.setattr("search.views.CANDIDATES", 5)
    monkeypatch.setattr("search.views.PAGE_SIZE", 2)
    MunicipalityFactory.create_batch(8, name_en="Bridge")
    index_rebuild()
    html = client.get("/en/search/", {"q": "bridge", "page": 2}).content.decode()
    assert len(results(html)) == 2
    assert re.search(r'<li aria-current="page">\s*Page 2\s*</li>', html)
    assert 'href="?q=bridge&amp;page=3"' in html and 'href="?q=bridge&amp;page=1"' in html


@pytest.mark.parametrize("hits", [1, 200])
def test_a_search_runs_the_same_number_of_queries_for_1_and_200_hits(client, django_assert_num_queries, hits):
    MunicipalityFactory.create_batch(hits, name_en="Bridge")
    index_rebuild()
    # Navigation, synonyms, candidates (facets and ranking), promoted results, the page's entries,
    # municipality and direction names, the query log's count; with fewer than three hits, the known
    # words close to the query's (none here: "bridge" is a known word, so no close spelling is searched).
    with django_assert_num_queries(8 if hits > 2 else 9):
        response = client.get("/en/search/", {"q": "bridge"})
    assert len(results(response.content.decode())) == min(hits, 20)


def test_the_search_page_without_a_query_runs_no_search(client, django_assert_num_queries):
    with django_assert_num_queries(1):  # the navigation
        assert client.get("/en/search/").status_code == 200


def test_a_text_filter_matches_as_search_does(places):
    municipalities = filter_matching(Municipality.objects.all(), "Koprivštica")
    assert {municipality.slug for municipality in municipalities} == {"koprivshtitsa", "oslekova-kashta"}
    text_filter = SearchTextFilter()
    assert text_filter.filter(Municipality.objects.all(), "  ").count() == Municipality.objects.count()
    assert [centre.name_en for centre in text_filter.filter(InformationCentre.objects.all(), "Ниш")] == [
        "Medijana Information Centre"
    ]


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-password-1"))
    return client


def test_admin_saves_and_deletes_keep_the_index_current(staff_client, places):
    municipality = places["sofia"]
    url = f"/admin/core/municipality/{municipality.pk}/change/"
    # The form as staff see it (with its conflict token), renamed, with a new centre inline.
    data = change_form_data(
        staff_client.get(url),
        name_en="Plovdiv",
        name_bg="Пловдив",
        name_sr="Пловдив",
        seat_bg="Пловдив",
        seat_sr="Пловдив",
        seat_en="Plovdiv",
        **{
            "information_centre-TOTAL_FORMS": "1",
            "information_centre-0-name_bg": "Център Пловдив",
            "information_centre-0-name_sr": "Центар Пловдив",
            "information_centre-0-name_en": "Plovdiv centre",
        },
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302
    assert {entry.kind for entry in SearchEntry.objects.matching("Пловдив")} == {"municipality", "information-centre"}
    assert not SearchEntry.objects.matching("Sofia").exists()
    staff_client.post(f"/admin/core/municipality/{municipality.pk}/delete/", {"post": "yes"})
    assert not SearchEntry.objects.matching("Plovdiv").exists()


def test_admin_bulk_delete_removes_from_the_index(staff_client, places):
    pks = [places["sofia"].pk, places["voyvodenets"].pk]
    response = staff_client.post(
        "/admin/core/municipality/", {"action": "delete_selected", "_selected_action": pks, "post": "yes"}
    )
    assert response.status_code == 302
    assert not SearchEntry.objects.filter(object_id__in=pks, kind="municipality").exists()


def test_search_entries_render_in_the_reader_language():
    entry = SearchEntry(title_bg="Ослекова къща", title_en="Oslekov House", path="/bg/municipalities/x/")
    with translation.override("sr"):
        assert entry.title == "Ослекова къща"
    with translation.override("en"):
        assert entry.title == "Oslekov House"
        assert entry.get_absolute_url() == "/en/municipalities/x/"


def test_a_very_common_word_reads_a_bounded_number_of_entries(client, monkeypatch, django_assert_num_queries):
    """Past CANDIDATES hits: "more than", every filter offered with a lower bound, and titles ranked first."""
    monkeypatch.setattr("search.models.CANDIDATES", 5)
    monkeypatch.setattr("search.views.CANDIDATES", 5)
    MunicipalityFactory.create_batch(8, name_en="Town", description_en="A bridge over the river.")
    MunicipalityFactory(slug="the-bridge", name_en="The Bridge")
    index_rebuild()
    with django_assert_num_queries(8):
        html = client.get("/en/search/", {"q": "bridge"}).content.decode()
    assert "More than 5 results" in html
    assert results(html)[0] == "The Bridge"
    assert "The numbers count only the first 5 results: each filter gives at least as many." in html
    assert re.search(
        r'kind=municipality"[^>]*>Municipalities <span class="search-facet__count">\(5 or more\)</span>', html
    )
    assert re.search(r'kind=information-centre"[^>]*>Information centres</a>', html)  # none among the five: no count


COUNT = re.compile(
    r'href="\?q=[^"]*?&amp;(kind|municipality|direction)=([^"&]+)"[^>]*>[^<]*'
    r'<span class="search-facet__count">\((\d+)( or more)?\)</span>'
)


def facet_counts(html: str) -> dict[tuple[str, str], tuple[int, bool]]:
    """The counted options of a results page's facet menus: (filter, value) → (count, whether a lower bound)."""
    return {(name, value): (int(count), bool(more)) for name, value, count, more in COUNT.findall(html)}


def heading(html: str) -> str:
    return flat(re.search(r'<h2 id="search-results-heading">(.*?)</h2>', html, re.S).group(1)).strip()


def many_nis_hits(content, extra: int) -> None:
    """``extra`` organisations and a sixth as many sights, events and news holding "Niš", in both municipalities."""
    from core.models import Direction
    from tests.civic.factories import EventFactory, NewsArticleFactory
    from tests.directory.factories import create_many
    from tests.tourism.factories import SightFactory

    medijana = content["bakery"].municipality
    koprivshtitsa = content["mill"].municipality
    create_many(extra // 2, municipality=medijana, name_en="Niš trading")
    create_many(extra - extra // 2, directions=(Direction.Key.BUSINESS, Direction.Key.TOURISM),
                municipality=koprivshtitsa, name_en="Trading with Niš")  # fmt: skip
    for number in range(extra // 6):
        SightFactory(name_en=f"Niš view {number}")
        EventFactory(title_en=f"Niš fair {number}")
        NewsArticleFactory(title_en=f"Niš news {number}")


def direct_count(name: str, value: str) -> int:
    matching = SearchEntry.objects.matching("Niš")
    return {
        "kind": lambda: matching.filter(kind=value),
        "municipality": lambda: matching.filter(municipality_id=int(value)),
        "direction": lambda: matching.filter(directions__contains=[value]),
    }[name]().count()


def test_past_the_candidates_facets_give_honest_lower_bounds_and_their_links_filter(client, content, monkeypatch):
    """A query with more hits than the candidates labels every facet count as a lower bound, never above the truth.

    Compared with direct counts of the matching entries. Following an option's link lists that
    option's results, with their exact number when the filter leaves no more than the bound.
    """
    monkeypatch.setattr("search.models.CANDIDATES", 10)
    monkeypatch.setattr("search.views.CANDIDATES", 10)
    many_nis_hits(content, 24)
    assert SearchEntry.objects.matching("Niš").count() > 10 * 2
    html = client.get("/en/search/", {"q": "Ниш"}).content.decode()
    assert heading(html) == "More than 10 results for “Ниш”"
    counts = facet_counts(html)
    assert {name for name, _value in counts} == {"kind", "municipality", "direction"}
    assert sum(count for (name, _value), (count, _plus) in counts.items() if name == "kind") == 10  # the first ten
    for (name, value), (count, at_least) in counts.items():
        assert at_least, (name, value)
        assert 0 < count <= direct_count(name, value), (name, value)
    # Every option's link filters: the exact number when the filter leaves ten or fewer, else "more than".
    options = re.findall(r'href="\?q=%D0%9D%D0%B8%D1%88&amp;(kind|municipality|direction)=([^"&]+)"', html)
    assert ("kind", "sight") in options and ("kind", "route") in options  # every type, counted or not
    for name, value in options:
        filtered = client.get("/en/search/", {"q": "Ниш", name: value}).content.decode()
        expected = direct_count(name, value)
        if expected > 10:
            assert heading(filtered) == "More than 10 results for “Ниш”", (name, value)
        else:
            assert heading(filtered) == f"{expected} result{'s' if expected != 1 else ''} for “Ниш”", (name, value)
            titles = results(filtered)
            assert len(titles) == expected, (name, value)


@pytest.mark.parametrize("extra", [12, 120])
def test_past_the_candidates_a_search_takes_the_same_number_of_queries_as_hits_grow(
    client, content, monkeypatch, django_assert_num_queries, extra
):
    monkeypatch.setattr("search.models.CANDIDATES", 5)
    monkeypatch.setattr("search.views.CANDIDATES", 5)
    many_nis_hits(content, extra)
    with django_assert_num_queries(8):
        html = client.get("/en/search/", {"q": "Niš"}).content.decode()
    assert heading(html) == "More than 5 results for “Niš”"
    with django_assert_num_queries(7):  # filtered: not logged
        client.get("/en/search/", {"q": "Niš", "kind": "organisation", "direction": "business"})


def test_staff_can_read_the_index_but_not_edit_it(staff_client, places):
    response = staff_client.get("/admin/search/searchentry/", {"q": "Медиана"})
    assert response.status_code == 200
    assert "Градска община Медиана" in response.content.decode()
    entry = SearchEntry.objects.filter(kind="municipality").first()
    assert staff_client.get(f"/admin/search/searchentry/{entry.pk}/change/").status_code == 200
    assert staff_client.get("/admin/search/searchentry/add/").status_code == 403


def test_results_of_every_kind_are_listed_together_with_counts_per_type(client, content):
    html = client.get("/en/search/", {"q": "Ниш"}).content.decode()
    assert "4 results" in html
    for label in ("Organisations", "Sights", "News", "Albums"):
        assert re.search(rf"{label} <span class=\"search-facet__count\">\(1\)</span>", html), label
    assert "<mark>Niš</mark>" in html  # the organisation's settlement, in the news lead
    html = client.get("/en/search/", {"q": "Ниш", "kind": "news"}).content.decode()
    assert results(html) == ["Skull Tower reopens"]


def test_results_filter_by_municipality_and_direction(client, content):
    koprivshtitsa = content["mill"].municipality
    html = client.get("/en/search/", {"q": "Koprivshtitsa", "municipality": koprivshtitsa.pk}).content.decode()
    assert set(results(html)) == {
        "Koprivshtitsa National Folklore Festival",
        "Ослекова къща",
        "Пътека към Войводенец",
        "Мелница „Жар“ ООД",
    }  # not the project of both municipalities
    html = client.get("/en/search/", {"q": "Koprivshtitsa", "direction": "tourism"}).content.decode()
    assert set(results(html)) == {"Ослекова къща", "Пътека към Войводенец"}
    html = client.get("/en/search/", {"q": "Koprivshtitsa", "direction": "business"}).content.decode()
    assert results(html) == ["Мелница „Жар“ ООД"]


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("bg", ["Ослекова къща"]),
        ("sr", ["Ослекова къща"]),  # Bulgarian only: shown as it is
        ("sr-latn", ["Ослекова къща"]),  # Bulgarian text keeps its script, marked lang="bg"
        ("en", ["Ослекова къща"]),
    ],
)
def test_a_bulgarian_only_sight_is_found_from_every_language(client, content, language, titles):
    assert results(client.get(f"/{language}/search/", {"q": "Oslek"}).content.decode()) == titles


def test_serbian_latin_results_of_every_kind_are_in_latin(client, content, cyrillic_free):
    html = client.get("/sr-latn/search/", {"q": "Niš"}).content.decode()
    cyrillic_free(html, "search results")
    assert set(results(html)) == {
        "Pekara „Nišava“",
        "Ćele kula ponovo otvorena",
        "Arheološki park Medijana",
        "Đorđevićeva kuća",
    }
    assert "/sr-latn/news/skull-tower/" in html


@pytest.mark.parametrize("extra", [0, 60])
def test_a_search_over_every_kind_runs_the_same_number_of_queries_for_few_and_many_hits(
    client, content, django_assert_num_queries, extra
):
    from tests.civic.factories import EventFactory, NewsArticleFactory
    from tests.directory.factories import create_many
    from tests.tourism.factories import SightFactory

    create_many(extra, municipality=content["bakery"].municipality, name_en="Niš trading")
    for number in range(extra // 6):
        SightFactory(name_en=f"Niš view {number}")
        EventFactory(title_en=f"Niš fair {number}")
        NewsArticleFactory(title_en=f"Niš news {number}")
    with django_assert_num_queries(8):
        response = client.get("/en/search/", {"q": "Niš"})
    assert len(results(response.content.decode())) == min(4 + extra + 3 * (extra // 6), 20)
    with django_assert_num_queries(7):  # no query log: a filtered search is not counted again
        client.get("/en/search/", {"q": "Niš", "kind": "organisation", "direction": "business", "page": 1})


def test_searches_read_the_index_from_its_start_each_time():
    """A very common word's candidates are the first matches in the table's order, the same for every page.

    PostgreSQL's synchronised scans would start a read of a large table where
    another read happened to be; the portal's connections turn them off.
    """
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronize_seqscans")
        assert cursor.fetchone() == ("off",)
