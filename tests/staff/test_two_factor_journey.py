"""Staff log in with a second factor in a real Chromium: an authenticator app (codes computed by pyotp)
and a passkey on Chromium's virtual WebAuthn authenticator (DevTools protocol)."""

import re
import time

import pyotp
import pytest
from playwright.sync_api import expect

PASSWORD = "a-long-staff-password-1"


@pytest.fixture
def moderator(live_server, staff, settings):
    """Loaded before Playwright starts: its event loop would make the ORM refuse to run."""
    settings.STAFF_TWO_FACTOR_REQUIRED = True
    staff.moderator.set_password(PASSWORD)
    staff.moderator.save()
    return staff.moderator


def password_step(page, base, user):
    page.goto(f"{base}/admin/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()


def log_out(page):
    page.locator("#logout-form button").click()


@pytest.mark.browser
def test_a_staff_log_in_with_an_authenticator_app_and_a_recovery_code(browser, live_server, moderator):
    base = live_server.url
    page = browser.new_context().new_page()
    password_step(page, base, moderator)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/"))
    expect(page.locator(".totp-qr svg")).to_be_visible()

    secret = pyotp.TOTP(page.locator(".totp-key").inner_text().replace(" ", ""))
    page.fill("#id_token", secret.now())
    page.locator(".two-factor input[type=submit]").click()
    codes = page.locator(".recovery-code-list code").all_inner_texts()
    assert len(codes) == 10
    page.locator('a[href="/admin/"]').last.click()
    expect(page.locator("#content-main")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    log_out(page)
    password_step(page, base, moderator)
    expect(page).to_have_url(re.compile(r"/admin/second-factor/"))
    page.fill("#id_token", "123456")
    page.locator(".second-factor input[type=submit]").click()
    expect(page.locator(".errornote")).to_be_visible()
    # django-otp makes a device wait after a wrong code (1 s, then 2, 4…): a person takes that long anyway.
    page.wait_for_timeout(1100)
    # The code of the next 30 seconds: within the tolerance, and not the one the set-up used.
    page.fill("#id_token", secret.at(time.time() + 30))
    page.locator(".second-factor input[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    log_out(page)
    password_step(page, base, moderator)
    page.fill("#id_token", codes[0])
    page.locator(".second-factor input[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator(".messagelist .warning")).to_contain_text("9")
    page.context.close()


@pytest.mark.browser
def test_a_staff_log_in_with_a_passkey_on_a_virtual_authenticator(browser, live_server, moderator):
    base = live_server.url
    context = browser.new_context()
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    password_step(page, base, moderator)
    expect(page).to_have_url(re.compile(r"/admin/two-factor/"))
    page.locator("#passkey-register-button").click()
    # The page comes back with the passkey listed and, as the first second factor, the recovery codes.
    expect(page.locator(".passkey-list li")).to_have_count(1)
    expect(page.locator(".recovery-code-list code")).to_have_count(10)

    page.goto(f"{base}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    log_out(page)
    password_step(page, base, moderator)
    expect(page).to_have_url(re.compile(r"/admin/second-factor/"))
    page.locator("#passkey-verification-button").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.locator("#content-main")).to_be_visible()
    context.close()
