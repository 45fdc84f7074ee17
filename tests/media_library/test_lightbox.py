"""The album lightbox in a real Chromium, driven by the keyboard alone."""

import pytest

from tests.media_library.factories import AlbumFactory, photo_make


@pytest.fixture
def album_with_photos(transactional_db, django_db_serialized_rollback):
    album = AlbumFactory()
    for number in range(3):
        photo_make(album, caption={"en": f"Caption {number + 1}"})
    return album


@pytest.mark.browser
def test_lightbox_works_by_keyboard(browser, live_server, album_with_photos):
    # Content is created before Playwright starts: its event loop would make the ORM refuse to run.
    url = f"{live_server.url}/en/gallery/{album_with_photos.slug}/"
    page = browser.new_page()
    page.goto(url)
    links = page.locator(".gallery-grid__link")
    assert links.count() == 3
    dialog = page.locator("dialog.lightbox")
    assert not dialog.is_visible()

    links.nth(1).focus()
    page.keyboard.press("Enter")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('lightbox__close')")
    counter = page.locator(".lightbox__counter")
    assert counter.inner_text() == "Photo 2 of 3"
    assert "Caption 2" in page.locator(".lightbox__text").inner_text()
    assert page.locator(".lightbox__image").get_attribute("alt") == "A stone bridge over the river"

    page.keyboard.press("ArrowRight")
    assert counter.inner_text() == "Photo 3 of 3"
    page.keyboard.press("ArrowRight")
    assert counter.inner_text() == "Photo 1 of 3"  # wraps around
    page.keyboard.press("ArrowLeft")
    assert counter.inner_text() == "Photo 3 of 3"

    # Tab and Shift+Tab stay inside the dialog.
    inside = "document.querySelector('dialog.lightbox').contains(document.activeElement)"
    for _ in range(6):
        page.keyboard.press("Tab")
        assert page.evaluate(inside)
    for _ in range(6):
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(inside)

    # The next button works from the keyboard too.
    page.locator(".lightbox__next").focus()
    page.keyboard.press("Enter")
    assert counter.inner_text() == "Photo 1 of 3"

    # Escape closes and gives focus back to the thumbnail that opened the dialog.
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.evaluate("document.activeElement.href") == links.nth(1).evaluate("a => a.href")


@pytest.mark.browser
def test_without_javascript_thumbnails_are_plain_links_to_photo_pages(browser, live_server, album_with_photos):
    url = f"{live_server.url}/en/gallery/{album_with_photos.slug}/"
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(url)
    page.locator(".gallery-grid__link").nth(0).click()
    assert "/photos/" in page.url
    assert page.locator("h1").inner_text() == "Caption 1"
