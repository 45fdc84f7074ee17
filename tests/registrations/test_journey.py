"""The whole journey in a real Chromium: register, confirm, approval, owner's edit, moderation, live."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from core.models import Direction
from tests.registrations.factories import image_bytes, valid_eik

OLD_TEXT = "Мелим брашно от 1923 година."
NEW_TEXT = "Мелим брашно и печем хляб."


@pytest.fixture
def journey_setup(live_server, staff, settings):
    """Everything is loaded before Playwright starts: its event loop would make the ORM refuse to run."""
    settings.PORTAL_FORM_MIN_FILL_SECONDS = 0  # a script types faster than a person
    Direction.objects.get_or_create(slug=Direction.Key.BUSINESS, defaults={"name": "Business"})
    staff.moderator.set_password("moderator-password-1")
    staff.moderator.save()
    mail.outbox.clear()
    return staff


def link(pattern: str) -> str:
    return re.search(pattern, mail.outbox[-1].body).group(0)


def admin_decide(page, base, model, row_text, decision):
    from playwright.sync_api import expect

    page.goto(f"{base}/admin/registrations/{model}/?status__exact=pending")
    page.get_by_role("link", name=row_text).first.click()
    page.select_option("#id_decision", decision)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)


@pytest.mark.browser
def test_the_whole_registration_journey(browser, live_server, journey_setup):
    base = live_server.url
    staff = journey_setup
    applicant = browser.new_context().new_page()
    applicant.goto(f"{base}/bg/companies/register/")
    applicant.fill("#id_name", "Мелница Браузър ООД")
    applicant.select_option("#id_municipality", str(staff.home.pk))
    applicant.fill("#id_eik", "123456789")  # a wrong check digit
    applicant.fill("#id_description", OLD_TEXT)
    applicant.fill("#id_contact_name", "Ана Петрова")
    applicant.fill("#id_contact_email", "ana@example.org")
    applicant.check("#id_consent")
    applicant.get_by_role("button", name="Изпращане на заявлението").click()

    expect(applicant.locator(".error-summary")).to_contain_text("Контролната цифра на този ЕИК/БУЛСТАТ не съвпада")
    assert applicant.input_value("#id_name") == "Мелница Браузър ООД"
    assert applicant.input_value("#id_description") == OLD_TEXT
    assert applicant.is_checked("#id_consent")
    assert applicant.get_attribute("#id_eik", "aria-invalid") == "true"

    applicant.fill("#id_eik", valid_eik(7654321))
    logo = {"name": "logo.png", "mimeType": "image/png", "buffer": image_bytes("PNG", (120, 60))}
    applicant.set_input_files("#id_logo", files=[logo])  # browsers forget chosen files on an error page
    applicant.get_by_role("button", name="Изпращане на заявлението").click()
    expect(applicant).to_have_url(re.compile("/bg/companies/register/sent/$"))
    expect(applicant.locator("main")).to_contain_text("ana@example.org")

    applicant.goto(link(r"https?://\S+/confirm/\S+/"))
    applicant.get_by_role("button", name="Потвърждавам имейл адреса си").click()
    expect(applicant.locator("h1")).to_have_text("Благодарим ви: адресът ви е потвърден")

    # Not public before the moderator decides.
    applicant.goto(f"{base}/bg/directory/?q=Мелница")
    expect(applicant.locator("main")).not_to_contain_text("Мелница Браузър")

    moderator = browser.new_context().new_page()
    moderator.goto(f"{base}/admin/login/")
    moderator.fill("#id_username", staff.moderator.username)
    moderator.fill("#id_password", "moderator-password-1")
    moderator.locator("input[type=submit]").click()
    expect(moderator).to_have_url(re.compile("/admin/$"))
    admin_decide(moderator, base, "companyregistration", "Мелница Браузър ООД", "approve")

    applicant.goto(f"{base}/bg/directory/?q=Мелница")
    applicant.get_by_role("link", name="Мелница Браузър ООД").first.click()
    expect(applicant.locator("main")).to_contain_text(OLD_TEXT)
    company_url = applicant.url
    assert "ana@example.org" not in applicant.content()
    emblem = applicant.locator("img.page-header__emblem")
    expect(emblem).to_have_attribute("src", re.compile(r"^/media/registrations/logos/\w+\.(jpg|png)$"))
    # The logo displays: a broken image is complete with naturalWidth 0, and this times out.
    applicant.wait_for_function(
        "() => { const image = document.querySelector('img.page-header__emblem');"
        " return image.complete && image.naturalWidth > 0; }"
    )

    # The owner sets a password from the approval email and edits the description.
    applicant.goto(link(r"https?://\S+/set-password/\S+/"))
    applicant.fill("#id_new_password1", "koprivshtitsa-mill-2026")
    applicant.fill("#id_new_password2", "koprivshtitsa-mill-2026")
    applicant.get_by_role("button", name="Запазване на паролата").click()
    expect(applicant).to_have_url(re.compile("/bg/account/$"))
    applicant.get_by_role("link", name="Редактиране на профила").click()
    applicant.fill("#id_description", NEW_TEXT)
    applicant.get_by_role("button", name="Изпращане на промените за модериране").click()
    expect(applicant).to_have_url(re.compile("/bg/account/$"))
    expect(applicant.locator("main")).to_contain_text("Очакват модериране")  # the owner sees the status
    # On a phone the table of what was sent scrolls inside its own region; the page never does.
    applicant.set_viewport_size({"width": 360, "height": 740})
    assert applicant.evaluate("document.documentElement.scrollWidth") <= 360
    applicant.set_viewport_size({"width": 1280, "height": 800})

    # The change waits; the published text stays.
    visitor = browser.new_context().new_page()
    visitor.goto(company_url)
    expect(visitor.locator("main")).to_contain_text(OLD_TEXT)
    expect(visitor.locator("main")).not_to_contain_text(NEW_TEXT)

    admin_decide(moderator, base, "proposedchange", "Мелница Браузър ООД", "accept")
    visitor.reload()
    expect(visitor.locator("main")).to_contain_text(NEW_TEXT)
    expect(visitor.locator("main")).not_to_contain_text(OLD_TEXT)
    applicant.goto(f"{base}/bg/account/")
    expect(applicant.locator("main")).to_contain_text("Прието")
