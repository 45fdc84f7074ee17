"""Expiry: an item leaves every public surface the day after its date, and its owner is reminded once before."""

from datetime import timedelta

import feedparser
import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cooperation.matching import suggestions_for
from cooperation.models import Kind, Opportunity
from search.models import SearchEntry
from search.services import index_update
from tests.cooperation.factories import OpportunityFactory, expired

pytestmark = pytest.mark.django_db

LANGUAGES = ("bg", "sr", "sr-latn", "en")
PUBLIC_PAGES = [
    "/{language}/cooperation/",
    "/{language}/cooperation/?kind=offer&sector=C&side=RS",
    "/{language}/cooperation/export.json",
    "/{language}/directions/business/",
]
FEEDS = ["/{language}/cooperation/feed/rss/", "/{language}/cooperation/feed/atom/"]


@pytest.fixture
def items(board):
    live = OpportunityFactory(organisation=board.mill, title_en="Live rye flour", title_bg="Живо брашно")
    gone = expired(organisation=board.mill, title_en="Expired barley", title_bg="Изтекъл ечемик")
    last_day = OpportunityFactory(
        organisation=board.mill, title_en="Last day oats", title_bg="Последен ден овес", expires_on=timezone.localdate()
    )
    return live, gone, last_day


def test_an_expired_item_is_in_no_list_export_feed_or_sitemap(client, sitemap, items):
    live, gone, last_day = items
    xml = sitemap()
    assert f"/en/cooperation/{live.pk}/</loc>" in xml and f"/en/cooperation/{last_day.pk}/</loc>" in xml
    assert f"/cooperation/{gone.pk}/" not in xml
    for language in LANGUAGES:
        for page in PUBLIC_PAGES:
            content = client.get(page.format(language=language)).content.decode()
            assert f"/cooperation/{gone.pk}/" not in content, page
            assert "barley" not in content and "ечемик" not in content and "ecemik" not in content, page
        for feed in FEEDS:
            entries = feedparser.parse(client.get(feed.format(language=language)).content).entries
            links = {entry.link for entry in entries}
            assert any(link.endswith(f"/cooperation/{live.pk}/") for link in links), feed
            assert any(link.endswith(f"/cooperation/{last_day.pk}/") for link in links), feed
            assert not any(link.endswith(f"/cooperation/{gone.pk}/") for link in links), feed
    results = client.get("/en/cooperation/export.json").json()
    assert {result["id"] for result in results["results"]} == {live.pk, last_day.pk}
    assert results["count"] == 2


def test_an_expired_items_page_is_not_found_and_cannot_be_answered(client, items, board):
    live, gone, last_day = items
    assert client.get(f"/en/cooperation/{live.pk}/").status_code == 200
    assert client.get(f"/en/cooperation/{last_day.pk}/").status_code == 200  # shown through its date
    assert client.get(f"/en/cooperation/{gone.pk}/").status_code == 404
    owner = Client()
    owner.force_login(board.bakery_owner)
    assert owner.get(f"/en/cooperation/{gone.pk}/interest/").status_code == 404
    assert owner.post(f"/en/cooperation/{gone.pk}/interest/", {"message": "Hello"}).status_code == 404


def test_an_expired_item_is_never_matched(board):
    offer = OpportunityFactory(organisation=board.mill)
    expired_request = expired(organisation=board.bakery, kind=Kind.REQUEST, cooperation_type="buyer")
    (found,) = suggestions_for([offer])
    assert expired_request not in [match.candidate for match in found.opportunities]
    # An expired item of the owner's own gets no suggestions either (only public items are matched).
    owner = Client()
    owner.force_login(board.bakery_owner)
    assert owner.get("/en/account/cooperation/matches/").context["suggestions"] == []


def test_the_daily_command_takes_expired_items_out_of_search(client, board, settings):
    settings.PORTAL_SITE_URL = "https://most.example.org"
    item = OpportunityFactory(organisation=board.mill, title_en="Wholemeal spelt", title_bg="Пълнозърнест лимец")
    index_update(item)
    assert f"/en/cooperation/{item.pk}/" in client.get("/en/search/?q=spelt").content.decode()
    Opportunity.objects.filter(pk=item.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    call_command("send_cooperation_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not SearchEntry.objects.filter(object_id=item.pk, kind="cooperation").exists()
    assert f"/en/cooperation/{item.pk}/" not in client.get("/en/search/?q=spelt").content.decode()


def test_owners_are_reminded_once_before_expiry(board, settings, django_capture_on_commit_callbacks):
    settings.PORTAL_SITE_URL = "https://most.example.org"
    today = timezone.localdate()
    soon = OpportunityFactory(organisation=board.mill, title_bg="Скоро изтича", expires_on=today + timedelta(days=5))
    OpportunityFactory(organisation=board.mill, expires_on=today + timedelta(days=60))  # not yet
    expired(organisation=board.mill)  # too late: already gone
    mail.outbox.clear()
    for _run in range(2):  # idempotent: the second run sends nothing
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_cooperation_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mill@private.example.org"]
    assert "Скоро изтича" in message.subject
    assert "https://most.example.org/bg/account/cooperation/" in message.body
    soon.refresh_from_db()
    assert soon.reminded_at is not None
    # Renewing clears the mark: the next expiry is reminded again.
    from cooperation import services

    services.opportunity_renew(opportunity=soon, by=board.mill_owner)
    soon.refresh_from_db()
    assert soon.reminded_at is None


def test_the_commands_need_the_site_address_in_production(settings):
    from django.core.management.base import CommandError

    settings.PORTAL_SITE_URL = ""
    for command in ("send_cooperation_reminders", "send_cooperation_digest"):
        with pytest.raises(CommandError, match="PORTAL_SITE_URL"):
            call_command(command)
