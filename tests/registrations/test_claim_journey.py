"""Claims in a real Chromium: by e-mail, by document decided by staff, and two claims of one entry."""

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import expect

from registrations.models import CompanyClaim, CompanyOwner
from tests.directory.factories import OrganisationFactory
from tests.quality.validators import axe_violations
from tests.registrations.factories import valid_eik
from tests.registrations.test_journey import journey_setup  # noqa: F401 (a fixture)

EIK = valid_eik(3141592)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def entry(journey_setup):  # noqa: F811
    """An imported mill of Koprivshtitsa that nobody keeps, with an address on record."""
    return OrganisationFactory(
        municipality=journey_setup.home, eik=EIK, email="office@mill.example.bg", name_bg="Мелница Стара Река"
    )


def mail_to(address: str):
    return next(message for message in reversed(mail.outbox) if address in message.to)


def link_in(message, pattern: str) -> str:
    return re.search(pattern, message.body).group(0)


def claim(page, base, entry, *, name: str, email: str, document: bool = False):
    page.goto(f"{base}/bg{entry.get_absolute_url()[3:]}")
    expect(page.locator("#claim-heading")).to_have_text("Това ваша фирма ли е?")
    page.get_by_role("link", name="Заявяване на записа").click()
    expect(page.locator("main")).to_contain_text("o•••@m•••.bg")
    assert axe_violations(page) == []
    expect(page.locator("main")).not_to_contain_text("office@mill")
    page.fill("#id_identifier", EIK)
    if document:
        page.get_by_label(re.compile("Изпращам удостоверяващ документ")).check()
        pdf = {"name": "извлечение.pdf", "mimeType": "application/pdf", "buffer": PDF}
        page.set_input_files("#id_document", files=[pdf])
    page.fill("#id_contact_name", name)
    page.fill("#id_contact_email", email)
    page.check("#id_consent")
    page.get_by_role("button", name="Изпращане на заявката").click()
    expect(page.locator("h1")).to_have_text("Заявката ви е получена")


def log_in(page, base, user):
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "moderator-password-1")
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile("/admin/$"))


@pytest.mark.browser
def test_a_claim_by_email_confirmed_from_the_address_on_record(browser, live_server, entry):
    base = live_server.url
    claimant = browser.new_context().new_page()
    claim(claimant, base, entry, name="Иван Иванов", email="ivan@example.org")

    holder = browser.new_context().new_page()  # whoever reads the address on record
    holder.goto(link_in(mail_to("office@mill.example.bg"), r"https?://\S+/claim/confirm/\S+/"))
    holder.get_by_role("button", name="Да, потвърждавам заявката").click()
    expect(holder.locator("h1")).to_have_text("Благодарим ви: заявката е потвърдена")

    assert CompanyOwner.objects.get(organisation=entry).contact_email == "ivan@example.org"
    claimant.goto(f"{base}/bg{entry.get_absolute_url()[3:]}")
    expect(claimant.locator("#claim-heading")).to_have_count(0)  # kept now: no more "Is this your company?"

    granted = mail_to("ivan@example.org")
    claimant.goto(link_in(granted, r"https?://\S+/set-password/\S+/"))
    claimant.fill("#id_new_password1", "stara-reka-mill-2026")
    claimant.fill("#id_new_password2", "stara-reka-mill-2026")
    claimant.get_by_role("button", name="Запазване на паролата").click()
    expect(claimant).to_have_url(re.compile("/bg/account/$"))
    expect(claimant.locator("main")).to_contain_text("Мелница Стара Река")


@pytest.mark.browser
def test_a_claim_by_document_decided_by_the_municipalitys_staff(browser, live_server, entry, journey_setup):  # noqa: F811
    base = live_server.url
    claimant = browser.new_context().new_page()
    claim(claimant, base, entry, name="Мария Петрова", email="maria@example.org", document=True)
    status_link = link_in(mail_to("maria@example.org"), r"https?://\S+/applications/\S+/")

    moderator = browser.new_context().new_page()
    log_in(moderator, base, journey_setup.moderator)
    expect(moderator.locator(".dashboard-claims")).to_contain_text("1")
    claim_row = CompanyClaim.objects.get()
    change_url = f"{base}/admin/registrations/companyclaim/{claim_row.pk}/change/"
    moderator.goto(change_url)
    with moderator.expect_download() as download:
        moderator.get_by_role("link", name=re.compile(r"\.pdf$")).click()
    assert Path(download.value.path()).read_bytes() == PDF
    moderator.select_option("#id_decision", "changes")
    moderator.fill("#id_message", "Изпратете и пълномощно, моля.")
    moderator.locator("input[name=_save]").click()
    expect(moderator.locator(".messagelist .success")).to_have_count(1)

    claimant.goto(status_link)
    expect(claimant.locator("main")).to_contain_text("Изпратете и пълномощно, моля.")
    assert axe_violations(claimant) == []
    expect(claimant.locator("main")).to_contain_text("Информационният център поиска още")
    claimant.fill("#id_text", "Прилагам пълномощното.")
    pdf = {"name": "пълномощно.pdf", "mimeType": "application/pdf", "buffer": PDF}
    claimant.set_input_files("#id_document", files=[pdf])
    claimant.get_by_role("button", name="Изпрати отговора").click()
    expect(claimant.locator("main")).to_contain_text("Отговорът ви е изпратен до информационния център.")
    expect(claimant.locator("main")).to_contain_text("Чака информационния център")

    moderator.goto(change_url)
    expect(moderator.locator("#content")).to_contain_text("Прилагам пълномощното.")
    moderator.select_option("#id_decision", "grant")
    moderator.locator("input[name=_save]").click()
    expect(moderator.locator(".messagelist .success")).to_have_count(1)

    claimant.goto(status_link)
    expect(claimant.locator(".application-state")).to_contain_text("Одобрена")
    assert CompanyOwner.objects.get(organisation=entry).user.email == "maria@example.org"


@pytest.mark.browser
def test_two_claims_of_one_entry_one_granted_the_other_told(browser, live_server, entry):
    base = live_server.url
    first, second = browser.new_context().new_page(), browser.new_context().new_page()
    claim(first, base, entry, name="Иван Иванов", email="ivan@example.org")
    claim(second, base, entry, name="Петър Петров", email="petar@example.org")
    links = [m.body for m in mail.outbox if m.to == ["office@mill.example.bg"]]
    first_link, second_link = (re.search(r"https?://\S+/claim/confirm/\S+/", body).group(0) for body in links)

    holder = browser.new_context().new_page()
    holder.goto(second_link)
    holder.get_by_role("button", name="Да, потвърждавам заявката").click()
    expect(holder.locator("h1")).to_have_text("Благодарим ви: заявката е потвърдена")
    holder.goto(first_link)  # the other claim's link, now void
    expect(holder.locator("h1")).to_have_text("По тази заявка вече е решено")

    told = mail_to("ivan@example.org")
    assert "Одобрена е друга заявка" in told.body
    first.goto(link_in(told, r"https?://\S+/applications/\S+/"))
    expect(first.locator(".application-state")).to_contain_text("Одобрена е друга заявка")
    expect(first.locator("#id_text")).to_have_count(0)  # decided: no more answers
    assert CompanyOwner.objects.get(organisation=entry).contact_email == "petar@example.org"
