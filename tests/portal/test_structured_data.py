"""schema.org JSON-LD on every page type, checked against the schema.org vocabulary itself.

``schemaorg/schemaorg-current-https.jsonld`` is schema.org's own definition of its
vocabulary (release 30.0, from the schemaorg/schemaorg repository,
``data/releases/30.0/``; CC BY-SA 3.0). Every ``@type`` a page uses must be a class
of it, every property a property whose domain includes that type (or one of its
superclasses), not superseded, every nested typed value of a type in the property's
range, every enumeration value a member of the vocabulary. The properties Google's
structured-data documentation marks required (Event: name, startDate, location and
its address; LocalBusiness: name, address; VideoObject: name, description, thumbnailUrl,
uploadDate; a summary ItemList's ListItem: position, url; ...) must be there.
"""

import json
import re
from functools import cache
from pathlib import Path

import pytest
from django.utils import timezone

from civic.models import Document, Event, MunicipalService, NewsArticle, Project
from core.models import Municipality
from core.structured_data import CollectionStructuredDataMixin
from directory.models import Kind, Organisation
from media_library.models import Album, Photo, Video
from tests.core.test_lists import LISTS
from tests.directory.factories import OrganisationFactory
from tourism.models import STAY, Route, Sight

VOCABULARY = Path(__file__).parent / "schemaorg" / "schemaorg-current-https.jsonld"
SCHEMA = "https://schema.org/"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
OFFSET = re.compile(r"T\d\d:\d\d(:\d\d)?[+-]\d\d:\d\d$")

# Google Search Central's required properties, and the least a reader of each other type needs.
REQUIRED = {
    "Event": {"name", "startDate", "location"},
    "Place": {"address"},
    "LocalBusiness": {"name", "address"},
    "Organization": {"name"},
    "NewsArticle": {"headline", "datePublished", "author"},
    "GovernmentService": {"name", "provider"},
    "TouristAttraction": {"name"},
    "TouristTrip": {"name"},
    "DigitalDocument": {"name"},
    "ImageGallery": {"name"},
    "ImageObject": {"contentUrl"},
    "VideoObject": {"name", "description", "thumbnailUrl", "uploadDate"},
    "ItemList": {"itemListElement"},
    "ListItem": {"position", "url"},
    "Offer": {"price", "priceCurrency"},
    "PostalAddress": {"addressCountry"},
    "GeoCoordinates": {"latitude", "longitude"},
}


def ids(value) -> list[str]:
    values = value if isinstance(value, list) else [value] if value else []
    return [each["@id"].removeprefix("schema:") for each in values if each["@id"].startswith("schema:")]


@cache
def vocabulary():
    """(classes with their superclasses, properties with domains and ranges, every term's name, superseded terms)."""
    graph = json.loads(VOCABULARY.read_text())["@graph"]
    parents, properties, terms, superseded = {}, {}, set(), set()
    for node in graph:
        name = node["@id"].removeprefix("schema:")
        terms.add(name)
        kinds = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        if "schema:supersededBy" in node:
            superseded.add(name)
        if "rdfs:Class" in kinds:
            parents[name] = ids(node.get("rdfs:subClassOf"))
        if "rdf:Property" in kinds:
            properties[name] = (
                set(ids(node.get("schema:domainIncludes"))),
                set(ids(node.get("schema:rangeIncludes"))),
            )
    return parents, properties, terms, superseded


def ancestors(name: str) -> set[str]:
    parents = vocabulary()[0]
    found, todo = set(), [name]
    while todo:
        each = todo.pop()
        if each not in found:
            found.add(each)
            todo.extend(parents.get(each, []))
    return found


def problems(node: dict, where: str = "") -> list[str]:
    """What in ``node`` (and everything in it) the vocabulary or the required properties do not allow."""
    parents, properties, terms, superseded = vocabulary()
    kind = node.get("@type")
    if kind not in parents:
        return [f"{where}: {kind!r} is not a schema.org type"]
    found = []
    lineage = ancestors(kind)
    for required_of, required in REQUIRED.items():
        if required_of in lineage:
            found += [f"{where}{kind}: {name} is required" for name in sorted(required - set(node))]
    for key, value in node.items():
        if key.startswith("@"):
            continue
        if key not in properties or key in superseded:
            found.append(f"{where}{kind}.{key} is not a schema.org property")
            continue
        domains, ranges = properties[key]
        if not domains & lineage:
            found.append(f"{where}{kind}.{key}: not a property of {kind}")
        for each in value if isinstance(value, list) else [value]:
            if isinstance(each, dict):
                if not ancestors(each.get("@type", "")) & (ranges | {"Thing"} if "URL" in ranges else ranges):
                    found.append(f"{where}{kind}.{key}: a {each.get('@type')} is not in its range {sorted(ranges)}")
                found += problems(each, f"{where}{kind}.{key} > ")
            elif isinstance(each, str) and each.startswith(SCHEMA) and each.removeprefix(SCHEMA) not in terms:
                found.append(f"{where}{kind}.{key}: {each} is not a schema.org term")
    return found


def structured_data(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, url
    blocks = JSON_LD.findall(response.content.decode())
    assert len(blocks) == 1, f"{url} has {len(blocks)} JSON-LD blocks"
    data = json.loads(blocks[0])
    assert data["@context"] == "https://schema.org"
    return data


def test_the_validator_refuses_what_schema_org_does_not_define():
    """The check is real: an unknown type, a property of another type, a missing required property."""
    assert problems({"@type": "Evnt"})
    assert problems({"@type": "Event", "name": "x", "startDate": "2026", "location": "x", "headline": "x"})
    assert problems({"@type": "Event", "name": "x", "location": {"@type": "Place", "address": "x"}})
    assert problems({"@type": "Event", "name": "x", "startDate": "2026", "location": {"@type": "Person"}})
    event = {"@type": "Event", "name": "x", "startDate": "2026", "location": {"@type": "Place", "address": "x"}}
    assert not problems(event)
    assert problems({**event, "eventStatus": SCHEMA + "EventMaybe"})


def published(model, **filters):
    return model.objects.published().filter(**filters).order_by("pk")


def pages() -> list[tuple[str, str]]:
    """(the type its page must carry, the address) of one published item of each detail page type."""
    now = timezone.now()
    organisations = Organisation.objects.published().order_by("pk")
    found = [
        ("Event", published(Event, ends_at__gte=now).exclude(price=None).first()),
        ("NewsArticle", published(NewsArticle).exclude(image="").first()),
        ("GovernmentService", published(MunicipalService).exclude(fee=None).first()),
        ("DigitalDocument", published(Document).first()),
        ("Project", published(Project).first()),
        ("ImageGallery", published(Album).exclude(photos=None).exclude(videos=None).first()),
        ("ImageObject", Photo.objects.filter(album__in=published(Album)).order_by("pk").first()),
        ("VideoObject", Video.objects.filter(album__in=published(Album), provider=Video.Provider.FILE).first()),
        ("VideoObject", Video.objects.filter(album__in=published(Album), provider=Video.Provider.VIMEO).first()),
        ("TouristTrip", published(Route).exclude(stops=None).first()),
        ("TouristAttraction", published(Sight).first()),
        ("LodgingBusiness", organisations.filter(STAY, kind__in=[Kind.ACCOMMODATION, Kind.COMPANY]).first()),
        # The demo directory has no restaurant of its own: a tavern, as the directory's import makes one.
        (
            "FoodEstablishment",
            OrganisationFactory(
                kind=Kind.COMPANY,
                nace_section="I",
                nace_division="56",
                municipality=Municipality.objects.get(slug="medijana"),
                street_address="Obrenovićeva 1",
            ),
        ),
        ("LocalBusiness", organisations.filter(kind=Kind.COMPANY, nace_section="C").first()),
        ("Organization", organisations.filter(kind=Kind.MUSEUM).first()),
        ("GovernmentOrganization", Municipality.objects.get(slug="koprivshtitsa")),
        ("TouristInformationCenter", Municipality.objects.get(slug="medijana").information_centre),
    ]
    for kind, obj in found:
        assert obj is not None, f"the demo content has a page of type {kind}"
    return [(kind, obj.get_absolute_url()) for kind, obj in found]


@pytest.mark.parametrize("language", ["en", "sr-latn"])
def test_every_detail_page_type_carries_valid_schema_org(client, demo_content, language):
    for kind, path in pages():
        url = path.replace("/bg/", f"/{language}/", 1)
        data = structured_data(client, url)
        assert data["@type"] == kind, url
        assert data["url"] == f"http://testserver{url}"
        assert not problems(data), (url, problems(data))


def test_events_carry_status_times_with_offsets_place_and_offers_in_the_municipalitys_currency(client, demo_content):
    currency = {"BG": "EUR", "RS": "RSD"}
    checked = set()
    for event in published(Event, timing=Event.Timing.TIMED).exclude(price=None).select_related("municipality"):
        country = event.municipality.country
        if country in checked:
            continue
        data = structured_data(client, event.get_absolute_url())
        assert not problems(data)
        assert data["eventStatus"].startswith(SCHEMA + "Event")
        assert OFFSET.search(data["startDate"]) and OFFSET.search(data["endDate"]), data["startDate"]
        assert data["location"]["@type"] == "Place"
        assert data["location"]["address"]["addressCountry"] == country
        assert data["offers"]["priceCurrency"] == currency[country]
        checked.add(country)
    assert checked == {"BG", "RS"}


def test_a_cancelled_event_says_so(client, demo_content):
    event = published(Event).first()
    Event.objects.filter(pk=event.pk).update(schedule=Event.Schedule.CANCELLED)
    data = structured_data(client, event.get_absolute_url())
    assert data["eventStatus"] == SCHEMA + "EventCancelled"


ABSOLUTE = re.compile(r"^https?://testserver/")


def test_an_album_is_a_gallery_of_its_photos_and_videos_at_absolute_addresses(client, demo_content):
    """Every photo by its largest rendition and a small one; every video with what Google requires of it."""
    album = published(Album).exclude(photos=None).exclude(videos=None).first()
    data = structured_data(client, album.get_absolute_url().replace("/bg/", "/en/", 1))
    assert not problems(data)
    photos = list(Photo.objects.for_album(album))
    assert [image["contentUrl"] for image in data["image"]] == [
        f"http://testserver{photo.image.largest_src}" for photo in photos
    ]
    assert all(ABSOLUTE.match(image["thumbnailUrl"]) and ABSOLUTE.match(image["url"]) for image in data["image"])
    videos = {video["name"]: video for video in data["video"]}
    assert set(videos) == {video.title_en for video in album.videos.all()}
    for video in album.videos.all():
        shown = videos[video.title_en]
        assert shown["uploadDate"] == max(video.created_at, album.published_at).isoformat()
        assert shown["description"]
        if video.provider == Video.Provider.FILE:
            assert shown["contentUrl"] == f"http://testserver{video.file.url}"
            assert shown["thumbnailUrl"] == f"http://testserver{video.poster.src}"
        else:
            assert "contentUrl" not in shown
            assert "autoplay" not in shown["embedUrl"] and shown["embedUrl"].startswith("https://")
            assert shown["thumbnailUrl"].startswith(("https://", "http://testserver/"))


def test_a_photo_or_video_page_is_part_of_its_albums_gallery(client, demo_content, django_assert_max_num_queries):
    album = published(Album).exclude(photos=None).exclude(videos=None).first()
    for item in (album.photos.first(), album.videos.first()):
        with django_assert_max_num_queries(4):
            data = structured_data(client, item.get_absolute_url())
        assert data["isPartOf"] == {
            "@type": "ImageGallery",
            "@id": f"http://testserver{album.get_absolute_url()}",
            "url": f"http://testserver{album.get_absolute_url()}",
            "name": album.title_bg,
        }


def test_a_video_without_a_poster_of_its_own_shows_youtubes_still_or_else_the_albums_cover(client, demo_content):
    album = published(Album).exclude(cover=None).exclude(videos=None).first()
    video = album.videos.get(provider=Video.Provider.VIMEO)
    assert not video.poster
    data = structured_data(client, video.get_absolute_url())
    assert data["thumbnailUrl"] == f"http://testserver{album.cover.image.src}"
    assert data["embedUrl"] == f"https://player.vimeo.com/video/{video.provider_id}?dnt=1"
    Video.objects.filter(pk=video.pk).update(provider=Video.Provider.YOUTUBE, provider_id="M7lc1UVf-VE")
    data = structured_data(client, video.get_absolute_url())
    assert data["thumbnailUrl"] == "https://i.ytimg.com/vi/M7lc1UVf-VE/hqdefault.jpg"
    assert data["embedUrl"] == "https://www.youtube-nocookie.com/embed/M7lc1UVf-VE"


LIST_PAGES = [path for path, view in LISTS if issubclass(view, CollectionStructuredDataMixin)]
HREF = re.compile(r'href="([^"]+)"')


def test_every_list_page_has_structured_data():
    """A list added tomorrow says what it lists too (the list pages are found in the URL conf)."""
    assert sorted(path for path, _view in LISTS) == sorted(LIST_PAGES)


@pytest.mark.parametrize("language", ["en", "sr-latn"])
def test_every_list_page_is_a_collection_page_of_the_rows_it_shows(client, demo_content, language):
    """Its ItemList names the rows of the page shown, each by its own page, linked from the list itself."""
    for path in LIST_PAGES:
        url = path.replace("/en/", f"/{language}/", 1)
        response = client.get(url)
        data = structured_data(client, url)
        assert data["@type"] in {"CollectionPage", "ContactPage"}, url
        assert data["url"] == f"http://testserver{url}"
        assert not problems(data), (url, problems(data))
        items = data["mainEntity"]["itemListElement"]
        assert items, f"{url} lists something in the demo content"
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        assert data["mainEntity"]["numberOfItems"] >= len(items)
        links = {f"http://testserver{href}" for href in HREF.findall(response.content.decode())}
        assert {item["url"] for item in items} <= links, url
        assert len({item["url"] for item in items}) == len(items), url


def test_a_later_page_of_a_list_goes_on_counting_and_follows_the_filters(client, demo_content):
    OrganisationFactory.create_batch(30, municipality=Municipality.objects.get(slug="medijana"))
    first = structured_data(client, "/en/directory/")["mainEntity"]
    second = structured_data(client, "/en/directory/?page=2")["mainEntity"]
    assert [item["position"] for item in second["itemListElement"]][:2] == [25, 26]
    assert first["numberOfItems"] == second["numberOfItems"] == Organisation.objects.published().count()
    assert not {item["url"] for item in first["itemListElement"]} & {item["url"] for item in second["itemListElement"]}
    municipality = Municipality.objects.get(slug="medijana")
    filtered = structured_data(client, "/en/directory/?municipality=medijana")["mainEntity"]
    assert filtered["numberOfItems"] == Organisation.objects.published().filter(municipality=municipality).count()
    nothing = structured_data(client, "/en/directory/?q=zzzzqqqq")["mainEntity"]
    assert nothing == {"@type": "ItemList", "numberOfItems": 0, "itemListElement": []}


def test_an_event_on_several_days_is_one_item_of_the_list(client, demo_content):
    data = structured_data(client, "/en/events/")
    urls = [item["url"] for item in data["mainEntity"]["itemListElement"]]
    assert len(urls) == len(set(urls))
    names = {event.get_absolute_url().replace("/bg/", "/en/", 1): event.title_en for event in published(Event)}
    for item in data["mainEntity"]["itemListElement"]:
        assert item["name"] == names[item["url"].removeprefix("http://testserver")]
