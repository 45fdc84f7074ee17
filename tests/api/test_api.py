"""The public API against the demo content: what it shows, in which language, and how it answers."""

import json
import re
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.utils import timezone

from api.views import encode_cursor
from civic.models import Document, Event, MunicipalService, NewsArticle, Project
from cooperation.models import Opportunity
from cooperation.models import Status as OpportunityStatus
from core.models import PublicationStatus
from directory.models import Organisation
from media_library.models import Album, Photo
from tourism.models import HOSPITALITY, Route, Sight

LISTS = [
    "municipalities",
    "information-centres",
    "organisations",
    "sights",
    "routes",
    "stay-and-eat",
    "events",
    "occurrences",
    "news",
    "services",
    "documents",
    "projects",
    "albums",
    "photos",
    "opportunities",
]
CYRILLIC = re.compile("[Ѐ-ӿ]")


def get(client, path, **headers):
    return client.get(f"/api/v1/{path}", **headers)


def every_id(client, name: str, query: str = "", key: str = "id") -> list:
    """The ids of every item of a list, page after page by its cursor."""
    ids, url = [], f"/api/v1/{name}?limit=100{'&' if query else ''}{query}"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        page = response.json()
        ids += [item[key] for item in page["results"]]
        url = page["next"]
    return ids


def shows(client, name: str, pk: int) -> bool:
    """Whether item ``pk`` is in the list: the page that starts right before it begins with it."""
    page = get(client, f"{name}?limit=1&cursor={encode_cursor(pk - 1)}").json()
    return bool(page["results"]) and page["results"][0]["id"] == pk


@pytest.mark.parametrize("name", LISTS)
def test_every_list_answers_with_items_and_the_licence(client, demo_content, name):
    response = get(client, f"{name}?limit=3")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    page = response.json()
    assert page["licence"]["name"] == "CC BY 4.0"
    assert "Koprivshtitsa" in page["licence"]["attribution"] and "Medijana" in page["licence"]["attribution"]
    assert 'rel="license"' in response["Link"]
    assert page["results"], f"the demo content has {name}"
    first = page["results"][0]
    assert first["url"].startswith("http://testserver/bg/")
    if "id" in first:
        item = get(client, f"{name}/{first['id']}")
        assert item.status_code == 200
        assert item.json() == first


def test_cursor_pages_give_every_item_once(client, demo_content):
    ids = every_id(client, "sights")
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids)) == Sight.objects.published().count()
    small_pages = []
    url = "/api/v1/sights?limit=2"
    while url:
        page = client.get(url).json()
        small_pages += [item["id"] for item in page["results"]]
        url = page["next"]
    assert small_pages == ids


PUBLISHABLE = {
    "sights": Sight,
    "routes": Route,
    "events": Event,
    "news": NewsArticle,
    "services": MunicipalService,
    "documents": Document,
    "projects": Project,
    "albums": Album,
}


@pytest.mark.parametrize("name", PUBLISHABLE)
def test_drafts_and_scheduled_items_never_appear(client, demo_content, name):
    model = PUBLISHABLE[name]
    pk = model.objects.published().order_by("pk").first().pk
    assert shows(client, name, pk)
    hidden_states = [
        {"status": PublicationStatus.DRAFT},
        {"status": PublicationStatus.ARCHIVED},
        {"status": PublicationStatus.SCHEDULED, "published_at": timezone.now() + timedelta(days=3)},
    ]
    for state in hidden_states:
        model.objects.filter(pk=pk).update(**state)
        assert not shows(client, name, pk), state
        assert get(client, f"{name}/{pk}").status_code == 404
    model.objects.filter(pk=pk).update(status=PublicationStatus.PUBLISHED, published_at=timezone.now())
    assert shows(client, name, pk)


@pytest.mark.parametrize("status", [s for s in PublicationStatus.values if s != PublicationStatus.PUBLISHED])
def test_unpublished_organisations_never_appear(client, demo_content, status):
    """A draft, an archived organisation and one scheduled for tomorrow."""
    hotel = Organisation.objects.published().filter(HOSPITALITY).order_by("pk").first()
    assert shows(client, "organisations", hotel.pk) and shows(client, "stay-and-eat", hotel.pk)
    Organisation.objects.filter(pk=hotel.pk).update(status=status, published_at=timezone.now() + timedelta(days=1))
    for name in ("organisations", "stay-and-eat"):
        assert not shows(client, name, hotel.pk)
        assert get(client, f"{name}/{hotel.pk}").status_code == 404


@pytest.mark.parametrize("status", [s for s in OpportunityStatus.values if s != OpportunityStatus.APPROVED])
def test_cooperation_items_not_approved_or_expired_never_appear(client, demo_content, status):
    first, second = Opportunity.objects.public().order_by("pk")[:2]
    Opportunity.objects.filter(pk=first.pk).update(status=status)
    Opportunity.objects.filter(pk=second.pk).update(expires_on=timezone.localdate() - timedelta(days=1))
    for pk in (first.pk, second.pk):
        assert not shows(client, "opportunities", pk)
        assert get(client, f"opportunities/{pk}").status_code == 404


def test_items_of_an_unpublished_company_never_appear(client, demo_content):
    item = Opportunity.objects.public().order_by("pk").first()
    Organisation.objects.filter(pk=item.organisation_id).update(status=PublicationStatus.DRAFT)
    assert not shows(client, "opportunities", item.pk)


def test_photos_of_an_unpublished_album_never_appear(client, demo_content):
    photo = Photo.objects.filter(album__in=Album.objects.published()).order_by("pk").first()
    assert shows(client, "photos", photo.pk)
    Album.objects.filter(pk=photo.album_id).update(status=PublicationStatus.DRAFT)
    assert not shows(client, "photos", photo.pk)
    assert get(client, f"photos/{photo.pk}").status_code == 404


def test_dates_of_an_unpublished_event_never_appear(client, demo_content):
    shown = {item["event_id"] for item in get(client, "occurrences?limit=100").json()["results"]}
    event = Event.objects.filter(pk__in=shown).order_by("pk").first()
    Event.objects.filter(pk=event.pk).update(status=PublicationStatus.DRAFT)
    assert event.pk not in every_id(client, "occurrences", key="event_id")


def test_photos_give_the_addresses_of_their_renditions(client, demo_content, settings):
    photo = get(client, "photos?limit=1").json()["results"][0]
    assert photo["renditions"]
    widths = [each["width"] for each in photo["renditions"]]
    assert widths == sorted(widths, reverse=True)
    for each in photo["renditions"]:
        assert each["webp"].startswith(f"http://testserver{settings.MEDIA_URL}") and each["webp"].endswith(".webp")


def test_routes_link_their_gpx_track(client, demo_content):
    routes = get(client, "routes?limit=100").json()["results"]
    with_track = [route for route in routes if route["gpx_url"]]
    assert with_track
    assert client.get(with_track[0]["gpx_url"].removeprefix("http://testserver")).status_code == 200


@pytest.mark.parametrize(("lang", "prefix"), [("bg", "/bg/"), ("sr", "/sr/"), ("sr-Latn", "/sr-latn/"), ("en", "/en/")])
def test_language_of_texts_and_addresses(client, demo_content, lang, prefix):
    response = get(client, f"sights?limit=100&lang={lang}")
    assert response["Content-Language"] == lang
    sights = response.json()["results"]
    assert all(sight["url"].startswith(f"http://testserver{prefix}") for sight in sights)
    names = " ".join(sight["name"] for sight in sights)
    if lang in ("bg", "sr"):
        assert CYRILLIC.search(names)
    else:
        assert not CYRILLIC.search(names), names


def test_serbian_latin_is_the_serbian_text_transliterated(client, demo_content):
    cyrillic = get(client, "news?lang=sr&municipality=medijana&limit=5").json()["results"]
    latin = get(client, "news?lang=sr-Latn&municipality=medijana&limit=5").json()["results"]
    from core.transliteration import to_latin

    assert [to_latin(item["title"]) for item in cyrillic] == [item["title"] for item in latin]
    assert not CYRILLIC.search(get(client, "organisations?lang=sr-Latn&limit=100").content.decode())


def test_full_text_search_in_any_script(client, demo_content):
    cyrillic = set(every_id(client, "sights", "q=Ослеков"))
    latin = set(every_id(client, "sights", "q=oslekov"))
    assert cyrillic and cyrillic == latin
    assert every_id(client, "sights", "q=zzzqqxx") == []


def test_etag_and_last_modified_answer_304(client, demo_content):
    response = get(client, "sights?limit=5")
    etag, modified = response["ETag"], response["Last-Modified"]
    assert get(client, "sights?limit=5", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert get(client, "sights?limit=5", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert get(client, "sights?limit=6", HTTP_IF_NONE_MATCH=etag).status_code == 200
    Sight.objects.filter(pk=response.json()["results"][0]["id"]).update(name_bg="Друго име")
    changed = get(client, "sights?limit=5", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_cors_lets_any_origin_read(client, demo_content):
    response = get(client, "news", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        "/api/v1/news",
        HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    assert client.post("/api/v1/news").status_code == 405
    head = client.head("/api/v1/news")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == response["ETag"]


def test_a_client_past_the_rate_limit_gets_429_with_retry_after(client, settings, db):
    settings.API_RATE_LIMIT, settings.API_RATE_WINDOW = 3, 60
    cache.clear()
    assert [get(client, "municipalities").status_code for _ in range(3)] == [200, 200, 200]
    refused = get(client, "municipalities")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert refused.json()["detail"]
    assert get(client, "municipalities", REMOTE_ADDR="10.9.8.7").status_code == 200
    cache.clear()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("sights?municipality=atlantis", "municipality"),
        ("sights?limit=0", "limit"),
        ("sights?limit=abc", "limit"),
        ("sights?cursor=not-a-cursor", "cursor"),
        ("occurrences?date_from=2026-13-45", "date_from"),
        ("sights/0", "id"),
    ],
)
def test_bad_parameters_get_a_translated_message_on_their_field(client, db, query, field):
    response = get(client, f"{query}{'&' if '?' in query else '?'}lang=bg")
    assert response.status_code == 422
    body = response.json()
    assert list(body["errors"]) == [field]
    assert CYRILLIC.search(body["errors"][field][0])
    english = get(client, f"{query}{'&' if '?' in query else '?'}lang=en").json()
    assert english["errors"][field] == ["Enter a valid value."]


def test_openapi_document_is_3_1_with_licence_and_described_fields(client, db):
    response = get(client, "openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"] == "3.1.0"
    assert document["info"]["license"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    operations = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    for name in LISTS:
        assert f"list_{name.replace('-', '_')}" in operations
    undescribed = [
        f"{schema_name}.{field}"
        for schema_name, schema in document["components"]["schemas"].items()
        for field, spec in schema.get("properties", {}).items()
        if not spec.get("description")
    ]
    assert undescribed == []
    parameters = [p for path in document["paths"].values() for op in path.values() for p in op.get("parameters", [])]
    assert all(p.get("description") or p["in"] == "path" for p in parameters)
    item = document["components"]["schemas"]["SightItem"]["properties"]["name"]
    assert item["examples"] == ["Oslekov House"]


def test_interactive_documentation_uses_only_our_own_files(client, db):
    response = get(client, "docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/static/") for source in sources), sources
    for source in sources:
        assert finders.find(source.removeprefix("/static/")), source
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html), "no inline script"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    settings_json = re.search(r'id="swagger-settings">(.*?)</script>', html, re.S).group(1)
    assert json.loads(settings_json)["url"] == "/api/v1/openapi.json"
