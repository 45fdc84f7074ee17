"""Gates over every crawled page: links, page skeleton and translations.

The crawl starts at each language's home page and the sitemap and follows
every internal link, so a page type that lands later is held to these
rules without being listed here.
"""

import pytest

from tests.quality.rules import (
    broken_links,
    cyrillic_letters,
    english_leftovers,
    missing_assets,
    structure_problems,
)

# Database tests, so that pytest-django runs them (and builds the shared crawl)
# before the transactional tests, whose flushes empty the database.
pytestmark = pytest.mark.django_db


def html_pages(site, language=None):
    return [page for page in site.values() if page.is_html and (language is None or page.language == language)]


def test_the_crawl_reaches_every_page_type_in_every_language(crawled_site):
    """A guard for the other gates: they check what the crawl found, so it must find the site."""
    types = {(page.language, page.page_type) for page in html_pages(crawled_site)}
    for language in ["bg", "sr", "sr-latn", "en"]:
        for page_type in [
            "portal:home",
            "portal:direction-detail",
            "portal:municipality-detail",
            "portal:information-centre-list",
            "portal:information-centre-detail",
            "registrations:login",
            "registrations:password-reset",
        ]:
            assert (language, page_type) in types


def test_no_internal_link_leads_to_an_error(crawled_site):
    assert broken_links(crawled_site) == []


def test_no_page_points_to_a_missing_image_style_or_script(crawled_site, crawl_media_root, settings):
    settings.MEDIA_ROOT = crawl_media_root / "media"  # where the crawled demo content put its uploads
    assert [problem for page in html_pages(crawled_site) for problem in missing_assets(page)] == []


def test_every_page_has_title_one_h1_language_canonical_and_hreflang_alternates(crawled_site):
    assert [problem for page in html_pages(crawled_site) for problem in structure_problems(page)] == []


def test_no_serbian_latin_page_shows_a_cyrillic_letter(crawled_site):
    pages = html_pages(crawled_site, "sr-latn")
    assert pages
    assert [problem for page in pages for problem in cyrillic_letters(page)] == []


def test_no_page_shows_english_ui_text_that_its_language_translates(crawled_site):
    pages = [page for language in ["bg", "sr", "sr-latn"] for page in html_pages(crawled_site, language)]
    assert [problem for page in pages for problem in english_leftovers(page)] == []
