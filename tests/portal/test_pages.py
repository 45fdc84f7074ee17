import re

import pytest
from django.urls import reverse
from django.utils import translation

from directory.models import Organisation
from tests.markup import flat
from tests.portal.factories import InformationCentreFactory, MunicipalityFactory

LANGUAGES = ["bg", "sr", "sr-latn", "en"]

pytestmark = pytest.mark.django_db


def page_urls():
    """Every page of the site core, in the active language."""
    return [
        reverse("portal:home"),
        reverse("portal:direction-detail", kwargs={"slug": "culture"}),
        reverse("portal:municipality-detail", kwargs={"slug": "koprivshtitsa"}),
        reverse("portal:municipality-detail", kwargs={"slug": "medijana"}),
        reverse("portal:information-centre-list"),
        reverse("portal:information-centre-detail", kwargs={"slug": "medijana"}),
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("bg", ["Община Копривщица", "Градска община Медиана", "Начало", "Към основното съдържание"]),
        ("sr", ["Општина Копривштица", "Градска општина Медијана", "Почетна", "Пређи на главни садржај"]),
        ("sr-latn", ["Opština Koprivštica", "Gradska opština Medijana", "Početna", "Pređi na glavni sadržaj"]),
        ("en", ["Koprivshtitsa Municipality", "City Municipality of Medijana", "Home", "Skip to main content"]),
    ],
)
def test_home_page_renders_both_municipalities_in_its_own_language(client, demo_content, language, expected):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html


@pytest.mark.parametrize(("language", "tag"), [("bg", "bg"), ("sr", "sr-Cyrl"), ("sr-latn", "sr-Latn"), ("en", "en")])
def test_html_lang_is_the_bcp47_tag_of_the_language(client, demo_content, language, tag):
    html = client.get(f"/{language}/").content.decode()
    assert f'<html lang="{tag}">' in html


def test_every_serbian_latin_page_is_free_of_cyrillic(client, demo_content, cyrillic_free):
    with translation.override("sr-latn"):
        urls = page_urls()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        cyrillic_free(response.content.decode(), url)


def test_serbian_latin_page_shows_transliterated_serbian_content(client, demo_content):
    html = client.get("/sr-latn/municipalities/medijana/").content.decode()
    assert "Ćele kulom" in html  # from the Cyrillic description "Ћеле кулом"
    assert "Brzi Brod" in html


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("sr-Latn,sr;q=0.9", "/sr-latn/"), ("sr", "/sr/"), ("en-GB,en;q=0.8", "/en/"), ("de-DE", "/bg/"), ("", "/bg/")],
)
def test_root_redirects_by_accept_language(client, db, accept_language, expected):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_language_switcher_keeps_the_page_and_the_query_string(client, demo_content):
    html = client.get("/en/municipalities/medijana/?tab=facts&page=2").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)
    for language in LANGUAGES:
        assert f'href="/{language}/municipalities/medijana/?tab=facts&amp;page=2"' in switcher
    # Every link of the switcher leads to a page that exists.
    for href in re.findall(r'href="([^"]+)"', switcher):
        assert client.get(href.replace("&amp;", "&")).status_code == 200


def test_every_page_has_canonical_and_hreflang_alternates_for_all_languages(client, demo_content):
    for language in LANGUAGES:
        with translation.override(language):
            urls = page_urls()
        for url in urls:
            html = flat(client.get(url).content.decode())
            canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
            assert canonical == [f"http://testserver{url}"], url
            hreflangs = re.findall(r'<link rel="alternate" hreflang="([^"]+)"', html)
            assert sorted(hreflangs) == ["bg", "en", "sr-Cyrl", "sr-Latn"], url
            assert len(re.findall(r"<h1[ >]", html)) == 1, url
            assert "<title>" in html


def test_pages_of_missing_objects_are_404(client, demo_content):
    assert client.get("/en/municipalities/atlantis/").status_code == 404
    assert client.get("/en/directions/nowhere/").status_code == 404


def test_sitemap_lists_every_page_with_language_alternates(sitemap, demo_content):
    xml = sitemap()
    for language in LANGUAGES:
        with translation.override(language):
            for url in page_urls():
                assert f"<loc>http://testserver{url}</loc>" in xml, url
    assert 'hreflang="sr-latn"' in xml
    assert 'hreflang="x-default"' in xml


def test_the_sitemap_is_an_index_of_paged_sections(client, demo_content, monkeypatch, django_assert_max_num_queries):
    """One file was 31 MB at 10,000 organisations: sections are paged, and the index lists each page."""
    from core.sitemaps import PortalSitemap

    monkeypatch.setattr(PortalSitemap, "limit", 8)  # two items in four languages a page
    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    assert "<loc>http://testserver/sitemap-organisations.xml</loc>" in index
    assert "<loc>http://testserver/sitemap-organisations.xml?p=2</loc>" in index
    pages = index.count("sitemap-organisations.xml")
    seen = []
    for number in range(1, pages + 1):
        with django_assert_max_num_queries(2) as queries:
            xml = client.get("/sitemap-organisations.xml", {"p": number}).content.decode()
        # Deep pages are found by key, not by reading every row before them.
        assert not any("OFFSET" in query["sql"] for query in queries.captured_queries), number
        entries = re.findall(r"<url><loc>([^<]+)</loc>", xml)
        assert len(entries) <= 8
        seen.extend(entries)
    assert len(seen) == len(set(seen)) == 4 * Organisation.objects.published().count()
    assert client.get("/sitemap-organisations.xml", {"p": pages + 1}).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_txt_points_to_the_sitemap(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 50])
def test_home_and_lists_use_a_fixed_number_of_queries(client, db, django_assert_max_num_queries, rows):
    """The number of queries does not grow with the number of municipalities."""
    for _ in range(rows):
        InformationCentreFactory()
    with django_assert_max_num_queries(12):  # the home page's sections: tests/portal/test_home.py
        assert client.get("/en/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get("/en/information-centres/").status_code == 200
    # The direction page also lists the latest directory entries (and counts them)
    # and the civic highlights: upcoming events and latest news.
    with django_assert_max_num_queries(8):
        assert client.get("/en/directions/culture/").status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_detail_pages_use_a_fixed_number_of_queries(client, db, django_assert_max_num_queries, rows):
    centres = [InformationCentreFactory() for _ in range(rows)]
    municipality = centres[-1].municipality
    with django_assert_max_num_queries(3):
        assert client.get(f"/en/municipalities/{municipality.slug}/").status_code == 200
    with django_assert_max_num_queries(3):
        assert client.get(f"/en/information-centres/{municipality.slug}/").status_code == 200


def test_a_municipality_without_information_centre_still_renders(client, db):
    municipality = MunicipalityFactory()
    response = client.get(f"/en/municipalities/{municipality.slug}/")
    assert response.status_code == 200
