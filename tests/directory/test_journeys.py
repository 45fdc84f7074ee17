"""Resident journeys through the directory and the search box, in a real browser."""

import pytest

pytestmark = pytest.mark.browser


def test_a_resident_goes_from_home_to_an_organisation_through_the_filtered_directory(page):
    page.goto("/en/")
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Culture").click()
    page.wait_for_url("**/en/directions/culture/")

    page.goto("/en/directory/")
    filters = page.locator("form.filters")
    filters.get_by_label("Name or identifier").fill("Koprivshtitsa")
    filters.get_by_label("Kind").select_option("museum")
    filters.get_by_role("button", name="Show results").click()
    page.wait_for_url("**/en/directory/?*kind=museum*")
    # The filter state is in the address, so the search can be shared.
    assert "q=Koprivshtitsa" in page.url

    page.get_by_role("main").get_by_role("link", name="Directorate of Museums, Koprivshtitsa").click()
    page.wait_for_url("**/en/directory/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Directorate of Museums, Koprivshtitsa"


@pytest.mark.parametrize("typed", ["Копривщица", "Koprivštica", "koprivstica"])
def test_the_search_box_finds_the_same_municipality_whatever_the_script(page, typed):
    page.goto("/en/")
    search = page.get_by_role("search").filter(has=page.locator("#site-search-q"))
    search.get_by_label("Search the portal").fill(typed)
    search.get_by_label("Search the portal").press("Enter")
    page.wait_for_url("**/en/search/?*")
    results = page.locator(".search-results")
    assert results.get_by_role("link", name="Koprivshtitsa Municipality", exact=True).is_visible()
