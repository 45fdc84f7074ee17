"""The public board: filters with counts, detail, feeds, JSON, sitemap, business direction, Serbian Latin."""

import re

import feedparser
import pytest
from django.test import Client

from cooperation.models import Kind, Side, Status
from tests.cooperation.factories import OpportunityFactory
from tests.directory.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(board):
    return {
        "flour": OpportunityFactory(organisation=board.mill, title_en="Rye flour", seeks=Side.SERBIA),
        "bread": OpportunityFactory(
            organisation=board.bakery,
            kind=Kind.REQUEST,
            cooperation_type="buyer",
            title_en="We buy flour",
            title_bg="",
            title_sr="Купујемо брашно",
            description_sr="Тражимо млин.",
            language="sr",
            seeks=Side.BULGARIA,
            languages=["sr", "de"],
        ),
        "software": OpportunityFactory(
            organisation=board.bakery,
            cooperation_type="joint-project",
            nace_section="J",
            nace_division="62",
            title_en="Joint app",
            seeks=Side.EITHER,
        ),
        "pending": OpportunityFactory(
            organisation=board.mill, title_en="Not yet approved", status=Status.PENDING, published_at=None
        ),
    }


def titles(response) -> list[str]:
    return sorted(item.title for item in response.context["opportunities"])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Joint app", "Rye flour", "We buy flour"]),
        ({"kind": "request"}, ["We buy flour"]),
        ({"type": "joint-project"}, ["Joint app"]),
        ({"sector": "J"}, ["Joint app"]),
        ({"side": "RS"}, ["Joint app", "Rye flour"]),  # either side counts for both
        ({"side": "BG"}, ["Joint app", "We buy flour"]),
        ({"language": "de"}, ["We buy flour"]),
        ({"municipality": "medijana"}, ["Joint app", "We buy flour"]),
        ({"municipality": "medijana", "kind": "offer", "sector": "J"}, ["Joint app"]),
    ],
)
def test_filters_narrow_the_board(client, items, query, expected):
    assert titles(client.get("/en/cooperation/", query)) == expected


def test_facets_count_what_each_option_would_give(client, items):
    facets = {facet.name: facet for facet in client.get("/en/cooperation/", {"kind": "offer"}).context["facets"]}
    kinds = {option.value: option.count for option in facets["kind"].options}
    assert kinds == {"offer": 2, "request": 1}  # counted without its own filter
    sides = {option.value: option.count for option in facets["side"].options}
    assert sides == {"RS": 2, "BG": 1}  # offers only
    assert [option.value for option in facets["sector"].options] == ["C", "J"]  # options of no item left out
    assert facets["kind"].options[0].selected


def test_an_invalid_filter_value_is_ignored_not_an_error(client, items):
    response = client.get("/en/cooperation/", {"kind": "bogus", "sector": "Z"})
    assert response.status_code == 200


def test_the_detail_page_shows_the_item_in_the_readers_language_with_fallback(client, items):
    bread = items["bread"]
    page = client.get(f"/bg/cooperation/{bread.pk}/").content.decode()
    assert "Купујемо брашно" in page  # no Bulgarian title: the Serbian one
    latin = client.get(f"/sr-latn/cooperation/{bread.pk}/").content.decode()
    assert "Kupujemo brašno" in latin and "Купујемо" not in latin
    assert client.get(f"/en/cooperation/{items['pending'].pk}/").status_code == 404


def test_no_page_of_the_board_holds_an_email_address(client, items):
    for url in ("/en/cooperation/", f"/en/cooperation/{items['flour'].pk}/", "/en/cooperation/export.json"):
        content = client.get(url).content.decode()
        # (Structured data's "@context", "@type", "@id" are not addresses: no word before their "@".)
        assert not re.findall(r"[\w.+-]+@[\w-]+\.[\w.-]+", content), url
        assert "@" not in re.sub(r'"@(context|type|id|graph|language)"', "", content), url


def test_the_json_export_follows_the_filters(client, items):
    data = client.get("/en/cooperation/export.json", {"kind": "request"}).json()
    assert data["count"] == 1
    (record,) = data["results"]
    assert record["title"] == "We buy flour"
    assert record["company"] == "Nišava Bakery"
    assert record["country"] == "RS" and record["partners_sought_in"] == "BG"
    assert record["url"].endswith(f"/en/cooperation/{items['bread'].pk}/")
    latin = Client().get("/sr-latn/cooperation/export.json", {"kind": "request"}).json()
    assert latin["results"][0]["title"] == "Kupujemo brašno"


def test_feeds_list_the_newest_items_per_language_and_follow_the_filters(client, items):
    feed = feedparser.parse(client.get("/en/cooperation/feed/rss/", {"kind": "offer"}).content)
    assert {entry.title for entry in feed.entries} == {"Offer: Rye flour", "Offer: Joint app"}
    atom = feedparser.parse(client.get("/sr-latn/cooperation/feed/atom/").content)
    assert len(atom.entries) == 3
    assert all("/sr-latn/cooperation/" in entry.link for entry in atom.entries)


def test_the_sitemap_and_the_business_direction_list_public_items_only(client, sitemap, items):
    xml = sitemap()
    assert "/sitemap-cooperation-items.xml</loc>" in xml
    assert f"/en/cooperation/{items['flour'].pk}/</loc>" in xml
    assert f"/en/cooperation/{items['pending'].pk}/" not in xml
    assert "/en/cooperation/</loc>" in xml
    business = client.get("/en/directions/business/").content.decode()
    assert "Rye flour" in business and "Not yet approved" not in business
    assert "/en/cooperation/" in business
    culture_context = client.get("/en/directions/culture/").context
    assert culture_context["cooperation"] is None


def test_an_item_of_a_demo_company_says_so(client, board):
    demo = OrganisationFactory(municipality=board.staff.other, is_demo=True)
    item = OpportunityFactory(organisation=demo)
    assert "Demo data" in client.get(f"/en/cooperation/{item.pk}/").content.decode()
