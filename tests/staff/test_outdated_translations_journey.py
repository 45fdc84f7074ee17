"""An outdated translation flagged and cleared, in a real Chromium (issue 23)."""

import re

import pytest
from playwright.sync_api import expect

from core.models import Direction, PublicationStatus
from tests.civic.factories import NewsArticleFactory
from tests.staff.journeys import PASSWORD, staff_page

pytestmark = pytest.mark.browser

OLD_SOURCE = "Панаир на занаятите в стария град"
NEW_SOURCE = "Панаир на занаятите и на хляба в стария град"


@pytest.fixture
def centre(live_server, staff):
    """Everything is loaded before Playwright starts: its event loop would make the ORM refuse to run."""
    Direction.objects.get_or_create(slug=Direction.Key.CULTURE, defaults={"name": "Culture"})
    staff.editor.set_password(PASSWORD)
    staff.editor.save()
    staff.article = NewsArticleFactory(
        municipality=staff.home,
        status=PublicationStatus.DRAFT,
        title_bg=OLD_SOURCE,
        title_sr="Сајам заната у старом граду",
        title_en="Crafts fair in the old town",
        slug="crafts-fair",
    )
    return staff


def open_tab(page, field_id: str) -> None:
    """Open the language tab of a translated field (modeltranslation's tabs, named by the language code)."""
    page.locator(f'a.ui-tabs-anchor[href="#tab_{field_id}"]').click()


def fill_translation(page, field_id: str, value: str) -> None:
    open_tab(page, field_id)
    page.fill(f"#{field_id}", value)


def test_an_outdated_translation_is_flagged_with_its_sources_and_cleared_when_updated(browser, live_server, centre):
    base = live_server.url
    change = f"{base}/admin/civic/newsarticle/{centre.article.pk}/change/"
    editor = staff_page(browser, base, centre.editor)
    expect(editor.locator("#content-main")).to_contain_text("Every translation is up to date.")

    # The editor changes the Bulgarian source; the English and Serbian titles were made from the old one.
    editor.goto(change)
    fill_translation(editor, "id_title_bg", NEW_SOURCE)
    editor.locator("input[name=_continue]").click()
    expect(editor.locator(".messagelist .success")).to_have_count(1)

    panel = editor.locator(".outdated-translations")
    expect(panel.get_by_role("heading", name="Outdated translations")).to_be_visible()
    english = panel.locator("tr", has_text="English")
    expect(english.locator("del")).to_have_text(OLD_SOURCE)
    expect(english.locator("ins")).to_have_text(NEW_SOURCE)
    expect(panel.locator("tbody tr")).to_have_count(2)  # the English and the Serbian title
    open_tab(editor, "id_title_en")
    expect(editor.locator("#id_title_en")).to_have_class(re.compile("outdated-translation"))
    expect(editor.locator("#content-main")).to_contain_text("Outdated: the Bulgarian text changed")

    # The dashboard counts it and links to the entries.
    editor.goto(f"{base}/admin/")
    outdated = editor.locator(".dashboard-outdated-translations li")
    expect(outdated).to_have_count(2)
    expect(outdated.filter(has_text="· en")).to_contain_text("1")
    outdated.filter(has_text="· en").get_by_role("link").click()
    expect(editor).to_have_url(re.compile(r"outdated_translation=en"))
    editor.get_by_role("link", name="Crafts fair in the old town").click()

    # The editor updates the English title and confirms that the Serbian one is still right.
    fill_translation(editor, "id_title_en", "Crafts and bread fair in the old town")
    editor.get_by_label("The Serbian (Cyrillic) translation of “title” is still correct").check()
    editor.locator("input[name=_continue]").click()
    expect(editor.locator(".messagelist .success")).to_have_count(1)
    expect(editor.locator(".outdated-translations")).to_have_count(0)

    editor.goto(f"{base}/admin/")
    expect(editor.locator(".dashboard-outdated-translations")).to_have_count(0)
    expect(editor.locator("#content-main")).to_contain_text("Every translation is up to date.")
