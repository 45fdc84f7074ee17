"""Every export names its licence: CC BY 4.0, attribution to both municipalities."""

import json

import feedparser
import pytest
from django.urls import reverse

from core.opendata import ATTRIBUTION, LICENCE, LICENCE_URL

LINK = f'<{LICENCE_URL}>; rel="license"'


@pytest.mark.parametrize(
    "url_name",
    [
        "directory:organisation-export-csv",
        "directory:organisation-export-json",
        "cooperation:opportunity-export-json",
        "civic:event-ical-feed",
        "tourism:map-data",
    ],
)
def test_downloads_name_the_licence_in_their_link_header(client, db, url_name):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert response["Link"] == LINK


@pytest.mark.parametrize("url_name", ["directory:organisation-export-json", "cooperation:opportunity-export-json"])
def test_json_downloads_carry_the_licence(client, db, url_name):
    response = client.get(reverse(url_name))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert json.loads(body)["licence"] == LICENCE


@pytest.mark.parametrize("url_name", ["civic:news-rss", "civic:news-atom", "cooperation:opportunity-rss"])
def test_feeds_carry_the_licence(client, db, url_name):
    feed = feedparser.parse(client.get(reverse(url_name)).content)
    assert ATTRIBUTION in feed.feed.rights and LICENCE_URL in feed.feed.rights


def test_api_answers_carry_the_licence(client, db):
    response = client.get("/api/v1/municipalities")
    assert response["Link"] == LINK
    assert response.json()["licence"] == LICENCE
