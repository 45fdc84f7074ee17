"""Content in another language than the page's is marked with ``lang`` (WCAG 3.1.2), and keeps its script.

A page falls back to another language's text when its own is empty (modeltranslation); a company
writes its cooperation offer in its own language. Such text carries ``lang``, and on a Serbian
Latin page a Bulgarian text stays Cyrillic instead of being romanised into neither language.
"""

import re

import pytest

from tests.civic.factories import PageFactory
from tests.cooperation.factories import OpportunityFactory
from tests.languages import in_page_language
from tests.markup import flat

pytestmark = pytest.mark.django_db

BULGARIAN_TITLE = "Онлайн резервации на къщи за гости"


@pytest.fixture
def bulgarian_only_page():
    """A page staff wrote in Bulgarian only: every other language falls back to it."""
    return PageFactory(
        title_bg=BULGARIAN_TITLE,
        title_sr="",
        title_en="",
        body_bg="<p>Запазете стая в Копривщица.</p>",
        body_sr="",
        body_en="",
    )


def h1(html: str) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)[1]


@pytest.mark.parametrize("language", ["en", "sr"])
def test_a_fallback_title_and_body_are_marked_as_bulgarian(client, bulgarian_only_page, language):
    html = client.get(f"/{language}/pages/{bulgarian_only_page.slug}/").content.decode()
    assert h1(html) == f'<span lang="bg">{BULGARIAN_TITLE}</span>'
    assert '<div class="prose" lang="bg"><p>Запазете стая в Копривщица.</p></div>' in html


def test_a_serbian_latin_page_keeps_bulgarian_text_in_cyrillic_and_marked(client, bulgarian_only_page, cyrillic_free):
    html = client.get(f"/sr-latn/pages/{bulgarian_only_page.slug}/").content.decode()
    assert h1(html) == f'<span lang="bg">{BULGARIAN_TITLE}</span>'
    # <title> and meta descriptions cannot mark a part's language: only there is it romanised.
    assert "Onlayn" not in html.split("<main", 1)[1]
    # Everything else on the page is Latin.
    cyrillic_free(html, "outside the text marked as Bulgarian")
    assert BULGARIAN_TITLE not in in_page_language(html)


def test_text_in_the_page_language_is_not_marked(client, bulgarian_only_page):
    translated = PageFactory(title_en="Online bookings", body_en="<p>Book a room.</p>")
    html = client.get(f"/en/pages/{translated.slug}/").content.decode()
    assert h1(html) == "Online bookings"
    assert '<div class="prose"><p>Book a room.</p></div>' in html
    html = client.get(f"/bg/pages/{bulgarian_only_page.slug}/").content.decode()
    assert h1(html) == BULGARIAN_TITLE


def test_a_serbian_offer_on_a_bulgarian_page_is_marked_as_serbian(client):
    offer = OpportunityFactory(
        title_bg="",
        title_en="",
        title_sr="Хлеб из пекаре на Нишави",
        description_bg="",
        description_en="",
        description_sr="Свеж хлеб сваког јутра.",
        language="sr",
    )
    html = client.get(f"/bg{offer.get_absolute_url()[3:]}").content.decode()
    assert h1(html) == '<span lang="sr-Cyrl">Хлеб из пекаре на Нишави</span>'
    assert re.search(r'<div class="prose" lang="sr-Cyrl"><p>Свеж хлеб сваког јутра.</p></div>', html)
    latin = client.get(f"/sr-latn{offer.get_absolute_url()[3:]}").content.decode()
    assert h1(latin) == "Hleb iz pekare na Nišavi"


@pytest.mark.parametrize("language", ["bg", "sr", "sr-latn", "en"])
def test_the_language_switcher_names_each_language_in_its_own_script(client, language):
    html = flat(client.get(f"/{language}/pages/").content.decode())
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)[0]
    names = re.findall(r'hreflang="([^"]+)" lang="\1"[^>]*>([^<]+)</a>', switcher)
    assert names == [("bg", "Български"), ("sr-Cyrl", "Српски"), ("sr-Latn", "Srpski"), ("en", "English")]


def test_an_event_card_marks_its_fallback_title_and_venue(client):
    from tests.civic.factories import EventFactory

    EventFactory(title_en="", title_bg="Празник на Копривщица", venue_name_bg="Площад 20 април")
    html = client.get("/en/events/").content.decode()
    assert '<span lang="bg">Празник на Копривщица</span></a>' in html
    assert '<span lang="bg">Площад 20 април</span>' in html
    latin = client.get("/sr-latn/events/").content.decode()
    assert '<span lang="bg">Празник на Копривщица</span></a>' not in latin  # the Serbian title is there


def test_a_search_result_marks_its_fallback_title_summary_and_municipality(client):
    from tests.directory.factories import OrganisationFactory
    from tests.portal.factories import MunicipalityFactory

    municipality = MunicipalityFactory(name_bg="Община Копривщица", name_sr="", name_en="")
    OrganisationFactory(
        municipality=municipality,
        name_bg="Онлайн резервации ООД",
        name_sr="",
        name_en="",
        description_bg="Резервации на къщи за гости.",
        description_en="",
    )
    html = client.get("/en/search/", {"q": "Онлайн"}).content.decode()
    result = re.search(r'<li class="search-result">.*?</li>', html, re.S)[0]
    assert '<span lang="bg"><mark>Онлайн</mark> резервации ООД</span></a>' in result
    assert '<span lang="bg">Община Копривщица</span>' in result
    assert re.search(r'<p class="search-result__summary" lang="bg">[^<]*Резервации на къщи', result)
    latin = client.get("/sr-latn/search/", {"q": "Onlajn"}).content.decode()
    result = re.search(r'<li class="search-result">.*?</li>', latin, re.S)[0]
    assert '<span lang="bg"><mark>Онлайн</mark> резервации ООД</span>' in result
    assert "Onlayn" not in result


def test_a_result_in_the_page_language_is_not_marked(client, bulgarian_only_page):
    html = client.get("/bg/search/", {"q": "Онлайн"}).content.decode()
    assert '<li class="search-result">' in html
    result = re.search(r'<li class="search-result">.*?</li>', html, re.S)[0]
    assert "lang=" not in result


def test_the_home_page_marks_names_and_places_shown_in_another_language(client):
    from tests.directory.factories import OrganisationFactory
    from tests.portal.factories import MunicipalityFactory
    from tests.tourism.factories import SightFactory

    municipality = MunicipalityFactory(name_bg="Община Копривщица", name_en="", seat_bg="Копривщица", seat_en="")
    OrganisationFactory(
        municipality=municipality, name_en="", name_sr="", name_bg="Мелница ООД", settlement_bg="Копривщица"
    )
    SightFactory(municipality=municipality, name_en="", summary_en="", summary_bg="Къща от Възраждането.")
    html = client.get("/en/").content.decode()
    main = html.split("<main", 1)[1]
    assert '<a href="/en/directory/' in main
    card = re.search(r'<li class="organisation-card">.*?</li>', main, re.S)[0]
    assert '<span lang="bg">Мелница ООД</span>' in card
    assert '<span lang="bg">Копривщица</span>, <span lang="bg">Община Копривщица</span>' in card
    sight = re.search(r'<li class="card sight-card.*?</li>', main, re.S)[0]
    assert '<span lang="bg">Къща-музей' in sight
    assert '<span lang="bg">Община Копривщица</span>' in sight
    assert '<span lang="bg">Къща от Възраждането.</span>' in sight
    assert '<span lang="bg">Копривщица</span>, ' in main  # the municipality card's seat
    assert "Община Копривщица</span>" in html.split('id="municipalities-heading"', 1)[1]
