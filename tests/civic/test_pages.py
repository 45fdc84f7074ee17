import re
from collections import Counter

import pytest
from django.utils import translation

from civic.models import Event, MunicipalService, NewsArticle, Page, Project

pytestmark = pytest.mark.django_db


def civic_urls():
    urls = [
        "/events/", "/events/archive/", "/events/calendar/", "/events/calendar/?month=2030-08", "/news/",
        "/services/", "/documents/", "/eu-projects/", "/pages/", "/ask/koprivshtitsa/", "/ask/medijana/",
        "/directions/culture/", "/directions/administration-and-social-life/",
    ]  # fmt: skip
    for model in (Event, NewsArticle, MunicipalService, Project, Page):
        urls += [item.get_absolute_url()[3:] for item in model.objects.published()]
    return urls


@pytest.mark.parametrize("language", ["bg", "sr", "sr-latn", "en"])
def test_every_civic_page_renders_with_one_h1_and_unique_ids(client, demo_content, language, cyrillic_free):
    with translation.override("en"):
        urls = civic_urls()
    for url in urls:
        response = client.get(f"/{language}{url}")
        assert response.status_code == 200, url
        html = response.content.decode()
        assert len(re.findall(r"<h1[ >]", html)) == 1, url
        duplicates = [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', html)).items() if n > 1]
        assert not duplicates, (url, duplicates)
        if language == "sr-latn":
            cyrillic_free(html, url)


def test_the_serbian_latin_feeds_of_the_demo_content_are_latin(client, demo_content, cyrillic_free):
    feeds = [
        ("/sr-latn/news/rss/", "application/rss+xml", "<item>"),
        ("/sr-latn/news/atom/", "application/atom+xml", "<entry>"),
        ("/sr-latn/events/calendar.ics", "text/calendar", "BEGIN:VEVENT"),
    ]
    for path, content_type, item in feeds:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith(content_type), path
        text = response.content.decode()
        assert item in text, path
        cyrillic_free(text, path)
