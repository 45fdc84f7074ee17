"""Resident journeys through the site core, in a real browser.

Each app adds its own journeys beside its tests (``tests/<app>/test_journeys.py``)
with the same ``page`` fixture: a Chromium tab on the live portal with the
demo content loaded.
"""

import re

import pytest

from core.transliteration import contains_cyrillic

pytestmark = pytest.mark.browser


def test_a_resident_finds_an_information_centre_from_the_home_page(page):
    page.goto("/en/")
    assert page.title().startswith("Home")
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name="Administration and social life"
    ).click()
    page.wait_for_url("**/en/directions/administration-and-social-life/")
    assert page.get_by_role("heading", level=1).inner_text() == "Administration and social life"

    page.get_by_role("main").get_by_role("link", name="Koprivshtitsa Municipality", exact=True).click()
    page.wait_for_url("**/en/municipalities/koprivshtitsa/")
    assert page.get_by_role("heading", level=1).inner_text() == "Koprivshtitsa Municipality"
    assert page.get_by_role("complementary").get_by_text("Sofia time").is_visible()

    page.get_by_role("complementary").get_by_role("link", name=re.compile("Information Centre")).click()
    page.wait_for_url("**/en/information-centres/koprivshtitsa/")
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    assert breadcrumb.get_by_role("link", name="Information centres").is_visible()


def test_the_language_switcher_keeps_the_page_and_the_query(page):
    page.goto("/en/municipalities/medijana/?x=1")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Srpski").click()
    page.wait_for_url("**/sr-latn/municipalities/medijana/?x=1")
    assert page.locator("html").get_attribute("lang") == "sr-Latn"
    assert page.get_by_role("heading", level=1).inner_text() == "Gradska opština Medijana"
    # Only the other languages' own names in the switcher, marked with their lang, keep Cyrillic.
    text_in_page_language = page.evaluate(
        """() => { const body = document.body.cloneNode(true);
        body.querySelectorAll('[lang]:not([lang="sr-Latn"])').forEach((other) => other.remove());
        return body.textContent; }"""
    )
    assert not contains_cyrillic(text_in_page_language)

    page.get_by_role("navigation", name="Jezik").get_by_role("link", name="Српски").click()
    page.wait_for_url("**/sr/municipalities/medijana/?x=1")
    assert page.get_by_role("heading", level=1).inner_text() == "Градска општина Медијана"

    page.get_by_role("navigation", name="Језик").get_by_role("link", name="Български").click()
    page.wait_for_url("**/bg/municipalities/medijana/?x=1")
    assert page.get_by_role("heading", level=1).inner_text() == "Градска община Медиана"
