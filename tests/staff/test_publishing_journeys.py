"""A day at the information centre in a real Chromium: preview a draft, share it, and take it through review."""

import re
import time

import pytest
from playwright.sync_api import expect

from core.models import Direction, PublicationStatus
from tests.civic.factories import NewsArticleFactory
from tests.staff.journeys import PASSWORD, staff_page

pytestmark = pytest.mark.browser

TITLE = "Crafts fair in the old town"


@pytest.fixture
def centre(live_server, staff):
    """Everything is loaded before Playwright starts: its event loop would make the ORM refuse to run."""
    Direction.objects.get_or_create(slug=Direction.Key.CULTURE, defaults={"name": "Culture"})
    for user in (staff.editor, staff.moderator):
        user.set_password(PASSWORD)
        user.save()
    staff.draft = NewsArticleFactory(
        municipality=staff.home,
        status=PublicationStatus.DRAFT,
        title_en=TITLE,
        title_bg="Панаир на занаятите в стария град",
        slug="crafts-fair",
    )
    return staff


def test_staff_preview_a_draft_and_share_it_with_a_reviewer_until_revoked_or_expired(
    browser, live_server, centre, settings
):
    base = live_server.url
    draft = centre.draft
    change = f"{base}/admin/civic/newsarticle/{draft.pk}/change/"
    editor = staff_page(browser, base, centre.editor)

    # "View on site" opens the draft on the site, marked as a preview, in each language.
    editor.goto(change)
    editor.get_by_role("link", name="View on site").click()
    expect(editor).to_have_url(re.compile(rf"/en/preview/\d+/{draft.pk}/$"))
    expect(editor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(editor.locator(".preview-banner")).to_contain_text("Not public: Draft.")
    editor.goto(change)
    # The language links open a tab of their own; follow one here.
    editor.goto(base + editor.locator(".publishing-panel").get_by_role("link", name="български").get_attribute("href"))
    expect(editor).to_have_url(re.compile(rf"/bg/preview/\d+/{draft.pk}/$"))
    expect(editor.locator(".preview-banner")).to_contain_text("Предварителен преглед")
    expect(editor.get_by_role("heading", level=1)).to_have_text("Панаир на занаятите в стария град")

    # A share link opens it for a reviewer without an account; the public address stays closed.
    editor.goto(change)
    editor.get_by_role("link", name="Share a preview").click()
    editor.get_by_role("button", name="Create share link").click()
    links = editor.locator("a.share-link")
    expect(links).to_have_count(4)
    english = links.nth(3).get_attribute("href")
    assert "/en/preview/shared/" in english
    reviewer = browser.new_context().new_page()
    reviewer.goto(english)
    expect(reviewer.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reviewer.locator(".preview-banner")).to_contain_text("shared with you for review")
    assert reviewer.request.get(f"{base}/en/news/crafts-fair/").status == 404

    # Revoked: the link opens nothing any more.
    editor.get_by_role("button", name="Revoke every share link").click()
    expect(editor.locator(".messagelist .success")).to_have_count(1)
    response = reviewer.goto(english)
    assert response.status == 404

    # Expired: a link made for one second no longer opens after it.
    settings.PREVIEW_LINK_SECONDS = 1
    editor.get_by_role("button", name="Create share link").click()
    short = editor.locator("a.share-link").nth(3).get_attribute("href")
    time.sleep(2.5)
    assert reviewer.goto(short).status == 404


def test_a_draft_goes_through_review_sent_back_resubmitted_and_published(browser, live_server, centre):
    base = live_server.url
    draft = centre.draft
    centre.home.review_required = True
    centre.home.save()
    change = f"{base}/admin/civic/newsarticle/{draft.pk}/change/"

    # The editor cannot publish: the form says why; they submit the draft for review.
    editor = staff_page(browser, base, centre.editor)
    editor.goto(change)
    editor.select_option("#id_status", "published")
    editor.locator("input[name=_continue]").click()
    expect(editor.locator(".errornote, .errorlist").first).to_be_visible()
    expect(editor.locator("#content")).to_contain_text("Your municipality publishes after a review")
    editor.goto(change)
    editor.locator("#content").get_by_role("link", name="Review", exact=True).click()
    editor.get_by_role("button", name="Submit for review").click()
    expect(editor.locator(".messagelist .success")).to_have_count(1)

    # The moderator finds it under "Waiting for me" and sends it back with a comment.
    moderator = staff_page(browser, base, centre.moderator)
    moderator.locator(".dashboard-waiting-for-me").get_by_role("link").click()
    moderator.get_by_role("link", name=TITLE).click()
    moderator.locator("#content").get_by_role("link", name="Review", exact=True).click()
    moderator.get_by_label("What should change").fill("Add the opening hours of the fair.")
    moderator.get_by_role("button", name="Send back with this comment").click()
    expect(moderator.locator(".messagelist .success")).to_have_count(1)

    # The editor sees it waiting for them, with the comment, and submits it again.
    editor.goto(f"{base}/admin/")
    editor.locator(".dashboard-waiting-for-me").get_by_role("link").click()
    editor.get_by_role("link", name=TITLE).click()
    expect(editor.locator(".publishing-panel")).to_contain_text("Add the opening hours of the fair.")
    editor.locator("#content").get_by_role("link", name="Review", exact=True).click()
    editor.get_by_role("button", name="Submit for review").click()

    # The moderator publishes it; readers see it; the history tells who did what.
    moderator.goto(f"{base}/admin/civic/newsarticle/{draft.pk}/review/")
    moderator.get_by_role("button", name="Publish").click()
    expect(moderator.locator(".messagelist .success")).to_contain_text("Published.")
    reader = browser.new_context().new_page()
    reader.goto(f"{base}/en/news/crafts-fair/")
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reader.locator(".preview-banner")).to_have_count(0)
    moderator.goto(f"{base}/admin/civic/newsarticle/{draft.pk}/history/")
    history = moderator.locator("#content")
    expect(history).to_contain_text("Published after review.")
    expect(history).to_contain_text("Sent back for changes: Add the opening hours of the fair.")
    expect(history).to_contain_text(centre.editor.username)
