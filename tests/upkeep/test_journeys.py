"""Keeping entries true in a real Chromium: a report fixed, the yearly link, a stale entry marked."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from directory.models import Organisation
from registrations.models import CompanyOwner
from tests.directory.factories import OrganisationFactory

PASSWORD = "moderator-password-1"


@pytest.fixture
def journey(live_server, staff, settings, django_user_model):
    """Rows are written before the browser runs; the moderator can log in; forms may be sent at once."""
    settings.PORTAL_FORM_MIN_FILL_SECONDS = 0  # a script types faster than a person
    settings.PORTAL_SITE_URL = live_server.url
    staff.moderator.set_password(PASSWORD)
    staff.moderator.save()
    mail.outbox.clear()
    return staff


def log_in(browser, base, user):
    page = browser.new_context().new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.locator("input[type=submit]").click()
    expect(page).to_have_url(re.compile("/admin/$"))
    return page


def run_action(page, label: str) -> None:
    page.locator("input[name=_selected_action]").first.check()
    page.select_option("select[name=action]", label=label)
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist li")).to_have_count(1)
    expect(page.locator(".messagelist li")).to_contain_text(re.compile("^1 "))


def ago(days: int):
    return timezone.now() - timedelta(days=days)


@pytest.mark.browser
def test_a_reader_reports_a_mistake_staff_fix_it_and_the_reader_hears(browser, live_server, journey):
    organisation = OrganisationFactory(municipality=journey.home, name_bg="Музей Ослекова къща")
    base = live_server.url
    reader = browser.new_context().new_page()
    reader.goto(f"{base}/bg/directory/{organisation.slug}/")
    reader.get_by_role("link", name="Докладвайте грешка").click()
    expect(reader.locator("h1")).to_have_text("Докладвайте грешка")
    reader.fill("#id_message", "Работното време е сменено: затворено в понеделник.")
    reader.fill("#id_email", "reader@example.org")
    reader.get_by_role("button", name="Изпращане на доклада").click()
    expect(reader.locator("h1")).to_have_text("Благодарим ви за доклада")
    assert mail.outbox == []  # no owner, no mail yet

    moderator = log_in(browser, base, journey.moderator)
    expect(moderator.locator("#content")).to_contain_text("Mistake reports")  # the admin speaks English here
    moderator.get_by_role("link", name=re.compile("Mistake reports")).first.click()
    expect(moderator.locator("#result_list")).to_contain_text("Работното време е сменено")
    run_action(moderator, "Mark as fixed (the reporter is told)")

    assert [message.to for message in mail.outbox] == [["reader@example.org"]]
    assert "Грешката, която докладвахте, е поправена" in mail.outbox[0].subject
    assert f"{base}/bg/directory/{organisation.slug}/" in mail.outbox[0].body
    moderator.goto(f"{base}/admin/directory/organisation/{organisation.pk}/history/")
    expect(moderator.locator("#content")).to_contain_text("fixed: Работното време е сменено")


@pytest.mark.browser
def test_the_yearly_link_confirms_an_entry(browser, live_server, journey, django_user_model):
    organisation = OrganisationFactory(municipality=journey.home, name_bg="Хлебарница Балкан")
    user = django_user_model.objects.create_user("owner@example.org", "owner@example.org")
    CompanyOwner.objects.create(
        user=user, organisation=organisation, contact_name="Ана", contact_email="owner@example.org", language="bg"
    )
    Organisation.objects.filter(pk=organisation.pk).update(created_at=ago(400))
    CompanyOwner.objects.filter(pk=organisation.owner.pk).update(created_at=ago(400))
    call_command("directory_upkeep", "--skip-links", stdout=StringIO())
    call_command("directory_upkeep", "--skip-links", stdout=StringIO())
    assert len(mail.outbox) == 1  # run twice, asked once
    link = re.search(r"https?://\S+/confirm-entry/\S+/", mail.outbox[0].body).group(0)

    owner = browser.new_context().new_page()
    owner.goto(link)
    expect(owner.locator("h1")).to_have_text("Вярен ли е още вашият запис?")
    owner.get_by_role("button", name="Да, записът е още верен").click()
    expect(owner.locator("h1")).to_have_text("Благодарим ви: записът ви е потвърден")
    owner.get_by_role("link", name="Хлебарница Балкан").click()
    expect(owner.locator(".freshness")).to_contain_text("Последно потвърдено на")
    assert Organisation.objects.get(pk=organisation.pk).confirmed_at is not None


@pytest.mark.browser
def test_a_stale_entry_is_marked_and_staff_confirm_it(browser, live_server, journey):
    organisation = OrganisationFactory(
        municipality=journey.home, name_bg="Читалище Стара ракла", name_en="Stara Rakla Community Centre"
    )
    Organisation.objects.filter(pk=organisation.pk).update(created_at=ago(600))
    base = live_server.url
    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/bg/directory/{organisation.slug}/")
    expect(visitor.locator(".freshness")).to_contain_text("все още не е потвърдено от фирмата")
    expect(visitor.locator(".freshness")).not_to_contain_text("може да е остарял")

    call_command("directory_upkeep", "--skip-links", stdout=StringIO())
    visitor.reload()
    expect(visitor.locator(".freshness")).to_contain_text("Този запис може да е остарял.")

    moderator = log_in(browser, base, journey.moderator)
    moderator.get_by_role("link", name=re.compile("Entries that may be out of date")).first.click()
    expect(moderator.locator("#result_list")).to_contain_text("Stara Rakla Community Centre")
    run_action(moderator, "Mark as confirmed: staff checked the entry")
    visitor.reload()
    expect(visitor.locator(".freshness")).to_contain_text("Последно потвърдено на")
    expect(visitor.locator(".freshness")).not_to_contain_text("може да е остарял")
