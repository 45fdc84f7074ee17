"""A list's filters in a real Chromium, without JavaScript: behind a disclosure on a phone, shown on a wide screen."""

import pytest

from tests.portal.factories import MunicipalityFactory
from tests.tourism.factories import SightFactory

LIST_URL = "/en/tourism/sights/"


@pytest.fixture
def sights(transactional_db, django_db_serialized_rollback):
    municipality = MunicipalityFactory(slug="medijana")
    return SightFactory.create_batch(3, municipality=municipality)


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1280])
def test_on_a_phone_the_results_come_first_and_the_filters_wait_behind_a_disclosure(
    browser, live_server, sights, width
):
    phone = width < 800
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 740})
    try:
        page = context.new_page()
        page.goto(live_server.url + LIST_URL + "?municipality=medijana")
        field = page.locator("form.filters select[name='category']")
        summary = page.locator(".filters-disclosure__summary")
        assert field.is_visible() is not phone
        assert summary.is_visible() is phone
        if phone:
            assert " ".join(summary.inner_text().split()) == "Filters (1 active)"
            # Closed, the filters take one line: the results follow at once, not after a screen of fields.
            disclosure = page.locator(".filters-disclosure").bounding_box()
            assert disclosure["height"] < 60
            card = page.locator(".card-grid > li").first.bounding_box()
            assert 0 < card["y"] - (disclosure["y"] + disclosure["height"]) < 150
            summary.click()
            assert field.is_visible()
        chip = page.locator(".chips a")
        assert chip.count() == 1 and chip.is_visible()
        chip.click()
        assert page.locator(".chips").count() == 0
    finally:
        context.close()
