"""What the staff journeys in Chromium share: the centre's password and a logged-in admin tab."""

import re

from playwright.sync_api import expect

PASSWORD = "centre-password-2026"


def staff_page(browser, base, user, locale="en-GB"):
    """A new browser context logged in to the admin as ``user`` (whose password is ``PASSWORD``)."""
    page = browser.new_context(locale=locale).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile("/admin/$"))
    return page
