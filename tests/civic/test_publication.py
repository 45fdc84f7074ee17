"""Drafts and scheduled items never appear early anywhere."""

from datetime import timedelta

import feedparser
import icalendar
import pytest
from django.utils import timezone

from core.models import PublicationStatus
from tests.civic.factories import (
    DocumentFactory,
    EventFactory,
    MunicipalServiceFactory,
    NewsArticleFactory,
    PageFactory,
    ProjectFactory,
    direction,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    "event": (EventFactory, "/en/events/", "/en/events/{slug}/"),
    "news": (NewsArticleFactory, "/en/news/", "/en/news/{slug}/"),
    "service": (MunicipalServiceFactory, "/en/services/", "/en/services/{slug}/"),
    "document": (DocumentFactory, "/en/documents/", "/en/documents/{slug}/"),
    "project": (ProjectFactory, "/en/eu-projects/", "/en/eu-projects/{slug}/"),
    "page": (PageFactory, "/en/pages/", "/en/pages/{slug}/"),
}
HIDDEN = {
    "draft": {"status": PublicationStatus.DRAFT},
    "scheduled": {"published_at": timezone.now() + timedelta(days=1)},
}


def hidden_item(kind: str, state: str):
    factory = FACTORIES[kind][0]
    values = {"status": PublicationStatus.PUBLISHED, "published_at": timezone.now() - timedelta(days=1)}
    values.update(HIDDEN[state])
    if state == "scheduled":
        values["published_at"] = timezone.now() + timedelta(hours=1)
    return factory(title_en=f"Hidden {kind} {state}", **values)


@pytest.mark.parametrize("state", ["draft", "scheduled"])
@pytest.mark.parametrize("kind", list(FACTORIES))
def test_hidden_items_are_not_listed_and_their_pages_are_404(client, sitemap, kind, state):
    item = hidden_item(kind, state)
    _, list_url, detail_url = FACTORIES[kind]
    assert item.title_en not in client.get(list_url).content.decode()
    assert client.get(detail_url.format(slug=item.slug)).status_code == 404
    assert item.slug not in sitemap()


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_hidden_items_stay_out_of_feeds_ical_calendar_and_direction_pages(client, state):
    event = hidden_item("event", state)
    article = hidden_item("news", state)
    for path in ("/en/news/rss/", "/en/news/atom/"):
        assert feedparser.parse(client.get(path).content).entries == []
    assert icalendar.Calendar.from_ical(client.get("/en/events/calendar.ics").content).walk("VEVENT") == []
    assert client.get(f"/en/events/{event.slug}.ics").status_code == 404
    month = timezone.localtime(event.starts_at).strftime("%Y-%m")
    assert event.title_en not in client.get(f"/en/events/calendar/?month={month}").content.decode()
    landing = client.get("/en/directions/culture/").content.decode()
    assert event.title_en not in landing and article.title_en not in landing


def test_a_scheduled_item_appears_once_its_time_has_come(client):
    article = NewsArticleFactory(published_at=timezone.now() + timedelta(minutes=5))
    assert client.get(f"/en/news/{article.slug}/").status_code == 404
    article.published_at = timezone.now() - timedelta(seconds=1)
    article.save()
    assert client.get(f"/en/news/{article.slug}/").status_code == 200


def test_the_direction_page_shows_the_latest_and_upcoming_items(client):
    event = EventFactory(title_en="Summer concert", direction=direction("culture"))
    article = NewsArticleFactory(title_en="Museum reopens", direction=direction("culture"))
    service = MunicipalServiceFactory(title_en="Address registration")
    culture = client.get("/en/directions/culture/").content.decode()
    assert event.title_en in culture and article.title_en in culture
    assert service.title_en not in culture
    administration = client.get("/en/directions/administration-and-social-life/").content.decode()
    assert service.title_en in administration and event.title_en not in administration
