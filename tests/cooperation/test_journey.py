"""The board's whole journey in a real Chromium, across the border and through moderation."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from cooperation.models import Kind, Side
from core.models import Direction
from tests.cooperation.factories import OpportunityFactory, owner_make
from tests.directory.factories import OrganisationFactory

PASSWORD = "cross-border-2026"
OFFER_TITLE = "Ръжено брашно от Средна гора за пекарни в Ниш"
MESSAGE = "Печемо 2.000 векни дневно и тражимо сталног добављача ражаног брашна."


@pytest.fixture
def journey_setup(live_server, staff, settings):
    """Everything is loaded before Playwright starts: its event loop would make the ORM refuse to run."""
    settings.PORTAL_FORM_MIN_FILL_SECONDS = 0  # a script types faster than a person
    Direction.objects.get_or_create(slug=Direction.Key.BUSINESS, defaults={"name": "Business"})
    mill = OrganisationFactory(
        slug="sredna-gora-mill", municipality=staff.home, name_bg="Мелница „Средна гора“ ООД", nace_division="10"
    )
    bakery = OrganisationFactory(
        slug="nisava-bakery",
        municipality=staff.other,
        name_bg="",
        name_sr="Пекара „Нишава“ д.о.о.",
        name_en="Nišava Bakery",
        nace_division="10",
        languages=["sr", "bg"],
    )
    # The bakery already looks for flour across the border: the mill's offer will fit it.
    OpportunityFactory(
        organisation=bakery,
        kind=Kind.REQUEST,
        cooperation_type="buyer",
        title_bg="",
        title_sr="Купујемо ражано брашно из Бугарске",
        seeks=Side.BULGARIA,
        languages=["sr", "bg"],
    )
    owner_make(mill, username="mill", language="bg", password=PASSWORD)
    owner_make(bakery, username="bakery", language="sr", password=PASSWORD)
    staff.moderator.set_password("moderator-password-1")
    staff.moderator.save()
    mail.outbox.clear()
    return staff


def log_in(page, base, language, username, password=PASSWORD):
    page.goto(f"{base}/{language}/account/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(re.compile(f"/{language}/account/$"))


@pytest.mark.browser
def test_a_bulgarian_offer_is_moderated_found_across_the_border_and_answered(browser, live_server, journey_setup):
    base = live_server.url
    staff = journey_setup

    # A Bulgarian company posts an offer from "My company".
    poster = browser.new_context().new_page()
    log_in(poster, base, "bg", "mill")
    poster.get_by_role("link", name="Публикуване на оферта или търсене").first.click()
    poster.get_by_label("Оферта").check()
    poster.select_option("#id_cooperation_type", "supplier")
    poster.fill("#id_title_bg", OFFER_TITLE)
    poster.fill("#id_description_bg", "Мелим ръж от планинските ниви; доставяме всяка седмица по 2 тона.")
    expect(poster.locator("#id_nace_division")).to_have_value("10")  # from the company's profile
    poster.get_by_label("В Сърбия").check()
    poster.locator("button[name=send]").click()
    expect(poster).to_have_url(re.compile("/bg/account/cooperation/$"))
    expect(poster.locator("main")).to_contain_text(OFFER_TITLE)

    # Not on the board before the moderators decide.
    visitor = browser.new_context().new_page()
    visitor.goto(f"{base}/bg/cooperation/")
    expect(visitor.locator("main")).not_to_contain_text(OFFER_TITLE)

    # A moderator of Koprivshtitsa approves it in the admin.
    moderator = browser.new_context().new_page()
    moderator.goto(f"{base}/admin/login/")
    moderator.fill("#id_username", staff.moderator.username)
    moderator.fill("#id_password", "moderator-password-1")
    moderator.locator("input[type=submit]").click()
    expect(moderator).to_have_url(re.compile("/admin/$"))
    moderator.goto(f"{base}/admin/cooperation/opportunity/?waiting=yes")
    moderator.get_by_role("link", name=OFFER_TITLE).click()
    moderator.select_option("#id_decision", "approve")
    moderator.locator("input[name=_save]").click()
    expect(moderator.locator(".messagelist .success")).to_have_count(1)
    assert mail.outbox[-1].to == ["mill@private.example.org"]

    # A Serbian company finds it through the board's filters, in Serbian, and expresses interest.
    bakery = browser.new_context().new_page()
    log_in(bakery, base, "sr", "bakery")
    bakery.goto(f"{base}/sr/cooperation/")
    bakery.select_option("#id_kind", "offer")
    bakery.select_option("#id_side", "RS")
    bakery.select_option("#id_sector", "C")
    bakery.locator("form.filters button[type=submit]").click()
    expect(bakery).to_have_url(re.compile(r"/sr/cooperation/\?.*kind=offer"))
    expect(bakery.locator(".organisation-list > li")).to_have_count(1)
    bakery.get_by_role("link", name=OFFER_TITLE).click()
    assert "mill@private.example.org" not in bakery.content()
    bakery.fill("#interest_message", MESSAGE)
    bakery.locator("main form button[type=submit]").click()
    expect(bakery).to_have_url(re.compile(r"/sr/cooperation/\d+/interest/sent/$"))
    message = mail.outbox[-1]
    assert message.to == ["mill@private.example.org"] and message.reply_to == ["bakery@private.example.org"]

    # The poster sees the interest in the owner area, and the bakery's request among the suggested partners.
    poster.goto(f"{base}/bg/account/cooperation/")
    expect(poster.locator("main")).to_contain_text(MESSAGE)
    expect(poster.locator("main")).to_contain_text("Пекара „Нишава“ д.о.о.")
    poster.get_by_role("link", name="Предложени партньори").first.click()
    expect(poster).to_have_url(re.compile("/bg/account/cooperation/matches/$"))
    expect(poster.locator("main")).to_contain_text("Купујемо ражано брашно из Бугарске")
    expect(poster.get_by_role("heading", level=2)).to_contain_text([OFFER_TITLE])
