"""A visitor mistypes a name, in each script, and still finds it first, in a real browser."""

import pytest

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("typed", ["Каблешов", "Kabelshkov"])
def test_a_typo_in_either_script_finds_the_house_museum_first(page, typed):
    page.goto("/en/")
    search = page.get_by_role("search").filter(has=page.locator("#site-search-q"))
    search.get_by_label("Search the portal").fill(typed)
    search.get_by_label("Search the portal").press("Enter")
    page.wait_for_url("**/en/search/?*")
    first = page.locator(".search-results__list > li").first
    assert "Kableshkov" in first.locator("h3").inner_text()
    assert page.locator(".search-suggestion").get_by_role("link").inner_text().lower().startswith("kableshkov")
    first.locator("h3 a").click()
    page.wait_for_url("**/en/tourism/**")
    assert "Kableshkov" in page.get_by_role("heading", level=1).inner_text()
