"""The tourism map in a real Chromium: markers of both municipalities with JavaScript, the same places without.

The machine has no internet, so tiles do not load; the markers and clusters do.
"""

import re

import pytest

MAP_URL = "/en/tourism/map/"


@pytest.fixture
def tourism_content(transactional_db, django_db_serialized_rollback):
    """The demo content: sights of Koprivshtitsa (at the town centre) and Niš, and the demo walk."""
    from django.core.management import call_command

    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from tourism.models import Sight

    return sorted(Sight.objects.published().values_list("name_en", flat=True))


@pytest.mark.browser
def test_the_map_shows_markers_of_both_municipalities(browser, live_server, tourism_content):
    page = browser.new_page()
    page.goto(live_server.url + MAP_URL)
    page.wait_for_selector("[data-map][data-loaded='true']")
    for municipality in ("koprivshtitsa", "medijana"):
        markers = page.locator(f".map-marker--{municipality}, .marker-cluster--{municipality}")
        markers.first.wait_for()
        assert markers.count() >= 1, municipality
    assert page.locator(".leaflet-container").count() == 1
    assert page.locator(".map__fallback").count() == 0
    assert page.locator("path.map-route").count() == 1  # the demo walk's line
    # The map is a named region; each cluster a button named by what it holds.
    assert page.get_by_role("region", name="Map of sights, routes and places to stay").count() == 1
    assert page.get_by_role("button", name=re.compile(r"^\d+ places?$")).count() >= 2
    # Zoomed in on Koprivshtitsa, the cluster opens into the sights' own markers.
    page.locator(".marker-cluster--koprivshtitsa").first.click()
    page.locator(".map-marker--koprivshtitsa").first.wait_for()


@pytest.mark.browser
def test_the_map_speaks_the_page_language_and_tells_kinds_apart_by_shape(browser, live_server, tourism_content):
    """Leaflet's own words and the clusters' names are translated; kinds differ in shape, with a legend."""
    page = browser.new_page()
    page.goto(live_server.url + "/bg/tourism/map/")
    page.wait_for_selector("[data-map][data-loaded='true']")
    named = "Карта на забележителностите, маршрутите и местата за настаняване"
    assert page.get_by_role("region", name=named).count() == 1
    assert page.get_by_role("button", name="Увеличаване").is_visible()
    assert page.get_by_role("button", name="Намаляване").is_visible()
    assert page.get_by_role("button", name=re.compile(r"^\d+ места?$")).count() >= 2
    assert page.get_by_role("button", name=re.compile("places|Zoom")).count() == 0
    legend = page.get_by_role("list", name="Легенда на картата")
    assert legend.get_by_role("listitem").count() == 6
    shapes = {
        kind: legend.locator(f".map-marker--{kind}").evaluate(
            "element => [getComputedStyle(element).clipPath, getComputedStyle(element).borderRadius].join()"
        )
        for kind in ("sight", "route", "stay", "eat")
    }
    assert len(set(shapes.values())) == 4, shapes
    page.goto(live_server.url + "/sr-latn/tourism/map/")
    page.wait_for_selector("[data-map][data-loaded='true']")
    assert page.get_by_role("button", name=re.compile(r"^\d+ mesta?$")).count() >= 2
    assert page.get_by_role("button", name="Uvećaj").is_visible()


@pytest.mark.browser
def test_without_javascript_the_map_page_lists_the_same_places(browser, live_server, tourism_content):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + MAP_URL)
    assert page.locator(".map__fallback").is_visible()
    assert page.locator(".leaflet-container").count() == 0
    listed = sorted(page.locator("li[data-place='sight'] > a").all_inner_texts())
    assert listed == tourism_content
    assert page.locator("li[data-place='sight'][data-municipality='koprivshtitsa']").count() == 14
    assert page.locator("li[data-place='sight'][data-municipality='medijana']").count() == 7
    assert page.locator("li[data-place='route']").count() == 1
