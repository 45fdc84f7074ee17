"""The gates fail when their rule is broken.

Each gate's checker is run on a fixture page (``fixtures/page.html``) that
passes every gate, and on the same page broken in one way: a gate that
could not fail would prove nothing.
"""

from pathlib import Path

import pytest
from django.http import HttpResponse
from django.urls import path

from portal import urls as portal_urls
from tests.quality.crawler import Page, crawl
from tests.quality.keyboard import focus_problems, reflow_problems, tab_to
from tests.quality.rules import (
    broken_links,
    cyrillic_letters,
    english_leftovers,
    missing_assets,
    structure_problems,
)
from tests.quality.validators import axe_violations, html_errors

GOOD = (Path(__file__).parent / "fixtures" / "page.html").read_text()


def broken(old: str, new: str, html: str = GOOD) -> str:
    """The fixture page with one part replaced."""
    assert old in html
    return html.replace(old, new, 1)


def fixture_page(html: str = GOOD, url: str = "/en/fixture/") -> Page:
    return Page.from_html(url, html)


# --- Page skeleton


def test_the_fixture_page_has_a_sound_skeleton():
    assert structure_problems(fixture_page()) == []
    assert missing_assets(fixture_page()) == []


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("<title>A page that passes every gate</title>", "<title> </title>", "no title"),
        ("</h1>", "</h1><h1>A second heading</h1>", "2 h1 elements"),
        ("<h1>A page that passes every gate</h1>", "<h2>Only a subheading</h2>", "0 h1 elements"),
        ('<html lang="en">', '<html lang="sr">', '<html lang="sr">'),
        ('<link rel="canonical" href="http://testserver/en/fixture/">', "", "canonical links []"),
        (
            'href="http://testserver/en/fixture/">\n  <link rel="alt',
            'href="http://testserver/en/">\n  <link rel="alt',
            "canonical",
        ),
        (
            '<link rel="alternate" hreflang="sr-Latn" href="http://testserver/sr-latn/fixture/">',
            "",
            "hreflang alternates",
        ),
        ("http://testserver/sr/fixture/", "http://testserver/sr/", "hreflang sr-Cyrl points to"),
    ],
)
def test_the_structure_gate_fails_on_a_broken_skeleton(old, new, problem):
    problems = structure_problems(fixture_page(broken(old, new)))
    assert len(problems) == 1
    assert problem in problems[0]


def test_the_asset_gate_fails_on_a_missing_image_or_document():
    page = fixture_page(broken("<p>Niš", '<p><img src="/static/img/no-such-picture.png" alt="A picture">Niš'))
    assert missing_assets(page) == ["/en/fixture/: missing file /static/img/no-such-picture.png"]
    page = fixture_page(broken("<p>Niš", '<p><a href="/media/documents/no-such-plan.pdf">Plan</a> Niš'))
    assert missing_assets(page) == ["/en/fixture/: missing file /media/documents/no-such-plan.pdf"]


# --- Translations


def test_the_cyrillic_gate_fails_on_a_cyrillic_letter_in_serbian_latin():
    latin = broken('<html lang="en">', '<html lang="sr-Latn">')
    assert cyrillic_letters(fixture_page(latin, "/sr-latn/fixture/")) == []
    problems = cyrillic_letters(fixture_page(broken("Niš and", "Ниш and", latin), "/sr-latn/fixture/"))
    assert problems == ["/sr-latn/fixture/: Cyrillic on a Latin page: ['Ниш']"]
    # Markup counts too: an attribute is read out by screen readers.
    problems = cyrillic_letters(fixture_page(broken('aria-label="Main', 'aria-label="Главна', latin), "/sr-latn/"))
    assert problems


@pytest.mark.parametrize("language", ["bg", "sr", "sr-latn"])
def test_the_english_gate_fails_on_english_ui_text_that_has_a_translation(language):
    page = fixture_page(url=f"/{language}/fixture/")  # the fixture page is in English
    problems = english_leftovers(page)
    assert len(problems) == 1
    assert "'Skip to main content'" in problems[0]
    assert "'Main navigation'" in problems[0]
    # Short words are not looked for: they are also words of names and addresses.
    assert "'Home'" not in problems[0]


def test_the_english_gate_leaves_english_pages_alone():
    assert english_leftovers(fixture_page()) == []


# --- Links


def fixture_view(html):
    return lambda request: HttpResponse(html)


def failing_view(request):
    raise RuntimeError("the view is broken")


LINKS = """<a href="/en/fixture/other/">fine</a> <a href="/en/fixture/missing/">dead</a>
<a href="/en/fixture/error/#part">broken</a> <a href="https://example.org/">away</a> <a href="mailto:a@b.c">mail</a>"""

urlpatterns = [
    path("en/fixture/", fixture_view(broken("<p>Niš", f"<p>{LINKS}</p><p>Niš"))),
    path("en/fixture/other/", fixture_view(GOOD)),
    path("en/fixture/error/", failing_view),
    # The portal's own patterns too: its 404 page links to them.
    *portal_urls.urlpatterns,
]


@pytest.mark.urls(__name__)
def test_the_link_gate_fails_on_a_dead_link_and_a_server_error(db):
    site = crawl(start=["/en/fixture/"])
    assert sorted(site) == ["/en/fixture/", "/en/fixture/error/", "/en/fixture/missing/", "/en/fixture/other/"]
    assert sorted(broken_links(site)) == [
        "404 /en/fixture/missing/ (linked from /en/fixture/)",
        "500 /en/fixture/error/ (linked from /en/fixture/): RuntimeError: the view is broken",
    ]


# --- Valid HTML


def test_the_html_gate_fails_on_invalid_html():
    errors = html_errors(
        {
            "good": GOOD,
            "unclosed": broken("<p>Niš and Koprivshtitsa.</p>", "<div><p>Niš and Koprivshtitsa.</p>"),
            "misplaced": broken("<label for=", "<li>Not in a list</li><label for="),
        }
    )
    assert sorted(errors) == ["misplaced", "unclosed"]
    assert any("Unclosed element “div”" in error for error in errors["unclosed"])
    assert any("“li”" in error for error in errors["misplaced"])


# --- Accessibility (a real browser)


@pytest.fixture
def fixture_tab(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("old", "new", "rule"),
    [
        ('<label for="query">Search</label>', "", "label"),
        ("a { color: #0b4f8a; }", "a { color: #9ab; }", "color-contrast"),
        ('<html lang="en">', "<html>", "html-has-lang"),
        ('<button type="submit">Find</button>', '<button type="submit"></button>', "button-name"),
    ],
)
def test_the_accessibility_gate_fails_on_a_wcag_violation(fixture_tab, old, new, rule):
    fixture_tab.set_content(GOOD)
    assert axe_violations(fixture_tab) == []
    fixture_tab.set_content(broken(old, new))
    violations = axe_violations(fixture_tab)
    assert [violation.split(" ")[0] for violation in violations] == [rule]


@pytest.mark.browser
def test_the_keyboard_gate_fails_when_focus_is_invisible(fixture_tab):
    fixture_tab.set_content(GOOD)
    tab_to(fixture_tab, "button")
    fixture_tab.set_content(broken(":focus-visible { outline:", ":focus-visible { outline: none; x:"))
    fixture_tab.keyboard.press("Tab")
    assert focus_problems(fixture_tab) == [
        'the focused element has no visible focus indicator: <a class="skip-link" href="#main">Skip to main content</a>'
    ]
    with pytest.raises(AssertionError, match="no visible focus indicator"):
        tab_to(fixture_tab, "button")


@pytest.mark.browser
def test_the_reflow_gate_fails_when_a_phone_must_scroll_sideways(fixture_tab):
    fixture_tab.set_viewport_size({"width": 320, "height": 640})
    fixture_tab.set_content(GOOD)
    assert reflow_problems(fixture_tab) == []
    fixture_tab.set_content(broken("<form", '<div style="width: 40rem">A fixed-width box</div><form'))
    problems = reflow_problems(fixture_tab)
    assert len(problems) == 1
    assert "at a 320 px viewport" in problems[0]


@pytest.mark.browser
def test_the_keyboard_gate_fails_when_an_element_cannot_be_reached(fixture_tab):
    fixture_tab.set_content(broken('<button type="submit">', '<button type="submit" tabindex="-1">'))
    with pytest.raises(AssertionError, match="was not reached"):
        tab_to(fixture_tab, "button", max_presses=10)
