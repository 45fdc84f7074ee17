"""Public tourism pages: what they show, GeoJSON for the map, JSON-LD, and only published content."""

import json
import re
from decimal import Decimal

import pytest
from django.utils import translation

from core.models import Country, PublicationStatus
from directory.models import Kind
from tests.directory.factories import OrganisationFactory
from tests.markup import flat
from tests.portal.factories import MunicipalityFactory
from tests.tourism.factories import (
    OpeningHoursFactory,
    RouteFactory,
    RouteStopFactory,
    SightFactory,
    TicketPriceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Addresses from get_absolute_url() are English ones (the active language may leak between tests)."""
    with translation.override("en"):
        yield


@pytest.fixture
def both():
    """Koprivshtitsa and Medijana, each with a published sight; a draft sight in Koprivshtitsa."""
    koprivshtitsa = MunicipalityFactory(
        slug="koprivshtitsa", country=Country.BULGARIA, latitude=Decimal("42.633"), longitude=Decimal("24.35")
    )
    medijana = MunicipalityFactory(
        slug="medijana", country=Country.SERBIA, latitude=Decimal("43.317"), longitude=Decimal("21.9")
    )
    return {
        "koprivshtitsa": koprivshtitsa,
        "medijana": medijana,
        "oslekov": SightFactory(municipality=koprivshtitsa, name_en="Oslekov House", slug="oslekov-house"),
        "skull": SightFactory(
            municipality=medijana,
            name_en="Skull Tower",
            name_sr="Ћеле кула",
            slug="skull-tower",
            latitude=Decimal("43.30700"),
            longitude=Decimal("21.92100"),
        ),
        "draft": SightFactory(municipality=koprivshtitsa, name_en="Secret draft", status=PublicationStatus.DRAFT),
    }


def geojson(client, url="/en/tourism/map.geojson"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    return json.loads(response.content)


def assert_valid_geojson(data):
    """The parts of RFC 7946 the map relies on."""
    assert data["type"] == "FeatureCollection"
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        assert geometry["type"] in {"Point", "LineString"}
        positions = [geometry["coordinates"]] if geometry["type"] == "Point" else geometry["coordinates"]
        if geometry["type"] == "LineString":
            assert len(positions) >= 2
        for longitude, latitude in positions:
            assert -180 <= longitude <= 180
            assert -90 <= latitude <= 90
        assert {"kind", "name", "url", "municipality"} <= feature["properties"].keys()


def test_map_data_is_valid_geojson_with_only_published_places(client, both):
    RouteFactory(municipality=both["koprivshtitsa"], name_en="Published walk")
    RouteFactory(municipality=both["koprivshtitsa"], name_en="Draft walk", status=PublicationStatus.DRAFT)
    OrganisationFactory(
        municipality=both["medijana"], kind=Kind.ACCOMMODATION, nace_section="I", nace_division="55",
        name_en="Hotel Nišava", latitude=Decimal("43.32"), longitude=Decimal("21.89"),
    )  # fmt: skip
    OrganisationFactory(
        municipality=both["medijana"], kind=Kind.FOOD_SERVICE, nace_section="I", nace_division="56",
        name_en="Draft tavern", status="draft", latitude=Decimal("43.32"), longitude=Decimal("21.89"),
    )  # fmt: skip
    OrganisationFactory(name_en="A mill", latitude=Decimal("42.63"), longitude=Decimal("24.35"))  # not tourism
    data = geojson(client)
    assert_valid_geojson(data)
    names = {feature["properties"]["name"] for feature in data["features"]}
    assert names == {"Oslekov House", "Skull Tower", "Published walk", "Hotel Nišava"}
    kinds = {feature["properties"]["name"]: feature["properties"]["kind"] for feature in data["features"]}
    assert kinds == {
        "Oslekov House": "sight",
        "Skull Tower": "sight",
        "Published walk": "route",
        "Hotel Nišava": "stay",
    }
    skull = next(f for f in data["features"] if f["properties"]["name"] == "Skull Tower")
    assert skull["geometry"]["coordinates"] == [21.921, 43.307]


def test_map_data_follows_the_filters_of_the_map_page(client, both):
    data = geojson(client, "/en/tourism/map.geojson?municipality=medijana&type=sight")
    assert [feature["properties"]["name"] for feature in data["features"]] == ["Skull Tower"]
    html = client.get("/en/tourism/map/?municipality=medijana&type=sight").content.decode()
    assert "Skull Tower" in html
    assert "Oslekov House" not in html


def test_a_map_filter_value_with_no_option_is_an_error_on_its_field_and_the_rest_still_applies(client, both):
    html = flat(client.get("/en/tourism/map/?municipality=atlantis&type=sight").content.decode())

    error = re.search(r'<p class="field-error" id="id_municipality_error">(.*?)</p>', html)
    assert error and "Select a valid choice" in error.group(1)
    assert 'aria-invalid="true" aria-describedby="id_municipality_error"' in html
    # The kinds chosen stand: sights of both municipalities, and nothing else.
    assert "Skull Tower" in html and "Oslekov House" in html
    assert "Published walk" not in html

    html = flat(client.get("/bg/tourism/map/?type=castle").content.decode())
    error = re.search(r'<p class="field-error" id="id_type_error">(.*?)</p>', html)
    assert error and "castle" in error.group(1) and "Select" not in error.group(1)


def test_serbian_latin_map_data_is_transliterated(client, both):
    response = client.get("/sr-latn/tourism/map.geojson")
    assert "Ćele kula" in response.content.decode()
    assert "Ћеле" not in response.content.decode()


def test_map_page_lists_the_same_places_as_its_geojson_and_says_which_are_approximate(client, both):
    both["oslekov"].coordinates_approximate = True
    both["oslekov"].save()
    SightFactory(municipality=both["koprivshtitsa"], name_en="Nowhere yet", latitude=None, longitude=None)
    html = client.get("/en/tourism/map/").content.decode()
    listed = set(re.findall(r'<li data-place="[a-z]+" data-municipality="[a-z-]+"><a href="[^"]+">([^<]+)</a>', html))
    on_map = {feature["properties"]["name"] for feature in geojson(client)["features"]}
    assert listed == on_map | {"Nowhere yet"}
    assert "approximate position" in html
    assert "not on the map: position not known" in html
    assert 'data-geojson-url="/en/tourism/map.geojson"' in html
    assert "<script>" not in html  # no inline script: the map reads its data from the URL


def test_the_tile_server_comes_from_settings_and_is_allowed_by_the_csp(client, both):
    response = client.get("/en/tourism/map/")
    html = response.content.decode()
    assert 'data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in html
    assert "OpenStreetMap" in html
    assert "https://tile.openstreetmap.org" in response["Content-Security-Policy"]
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in html


@pytest.mark.parametrize(
    ("language", "credit"),
    [
        ("bg", "сътрудници на OpenStreetMap"),
        ("sr", "сарадници OpenStreetMap-а"),
        ("sr-latn", "saradnici OpenStreetMap-a"),
        ("en", "OpenStreetMap contributors"),
    ],
)
def test_the_map_credits_openstreetmap_in_the_page_language(client, both, language, credit, settings):
    settings.MAP_ATTRIBUTION = ""
    link = f"&lt;a href=&quot;https://www.openstreetmap.org/copyright&quot;&gt;{credit}&lt;/a&gt;"
    for path in ("/tourism/map/", both["oslekov"].get_absolute_url()[3:]):
        html = client.get(f"/{language}{path}").content.decode()
        assert f'data-attribution="&amp;copy; {link}"' in html, (language, path)
    settings.MAP_ATTRIBUTION = "Tiles &copy; Example"
    html = client.get(f"/{language}/tourism/map/").content.decode()
    assert 'data-attribution="Tiles &amp;copy; Example"' in html


def test_sight_list_filters_by_category_and_municipality(client, both):
    SightFactory(municipality=both["medijana"], name_en="Old church", category="church")
    html = client.get("/en/tourism/sights/").content.decode()
    assert "Oslekov House" in html and "Skull Tower" in html and "Old church" in html
    assert "Secret draft" not in html
    html = client.get("/en/tourism/sights/?municipality=medijana&category=church").content.decode()
    assert "Old church" in html
    assert "Skull Tower" not in html and "Oslekov House" not in html


def test_draft_sights_and_routes_are_not_found(client, both):
    assert client.get(both["draft"].get_absolute_url()).status_code == 404
    route = RouteFactory(status=PublicationStatus.DRAFT)
    assert client.get(route.get_absolute_url()).status_code == 404


def test_sight_page_shows_practical_information_with_prices_in_the_municipality_currency(client, both):
    sight = both["oslekov"]
    TicketPriceFactory(sight=sight, amount=Decimal("5.00"))
    TicketPriceFactory(sight=sight, label_en="Pupils", amount=Decimal("2.50"))
    TicketPriceFactory(sight=both["skull"], amount=Decimal("300"), currency="RSD")
    OpeningHoursFactory(sight=sight, note_en="Lunch break 12:00–13:00")
    html = client.get(sight.get_absolute_url()).content.decode()
    assert "Adults: €5" in html
    assert "Pupils: €2.50" in html
    assert "April 1 – October 31: Tuesday–Sunday 9:00\u202fAM–5:30\u202fPM (Lunch break 12:00–13:00)" in html
    html = client.get(both["skull"].get_absolute_url()).content.decode()
    assert re.search(r"Adults: RSD\s?300", html)


def test_sight_page_lists_nearby_sights_with_distances_but_not_for_approximate_places(client, both):
    SightFactory(
        municipality=both["medijana"],
        name_en="National Theatre",
        latitude=Decimal("43.32050"),
        longitude=Decimal("21.90000"),
    )
    SightFactory(
        municipality=both["medijana"],
        name_en="Somewhere in Niš",
        latitude=Decimal("43.31700"),
        longitude=Decimal("21.90000"),
        coordinates_approximate=True,
    )
    html = client.get(both["skull"].get_absolute_url()).content.decode()
    nearby = re.search(r'<section aria-labelledby="nearby-heading".*?</section>', html, re.S).group(0)
    assert "National Theatre" in nearby
    assert "2.3 km" in nearby  # Ćele kula to Sinđelić Square in a straight line
    assert "Somewhere in Niš" not in nearby
    assert "Oslekov House" not in nearby  # across the border, hundreds of kilometres away


def test_sight_page_has_schema_org_tourist_attraction_json_ld(client, both):
    TicketPriceFactory(sight=both["skull"], amount=Decimal("300"), currency="RSD")
    OpeningHoursFactory(sight=both["skull"])
    html = client.get(both["skull"].get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "TouristAttraction"
    assert data["name"] == "Skull Tower"
    assert data["url"].endswith("/tourism/sights/skull-tower/")
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 43.307, "longitude": 21.921}
    assert data["address"]["addressCountry"] == "RS"
    assert data["isAccessibleForFree"] is False
    hours = data["openingHoursSpecification"][0]
    assert hours["opens"] == "09:00" and hours["validFrom"] == "--04-01"
    assert "https://schema.org/Sunday" in hours["dayOfWeek"]


def test_json_ld_leaves_out_an_approximate_position_and_cannot_close_its_script(client, both):
    sight = both["oslekov"]
    sight.coordinates_approximate = True
    sight.name_en = "</script><script>alert(1)</script>"
    sight.save()
    html = client.get(sight.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert "geo" not in data
    assert data["name"] == "</script><script>alert(1)</script>"


def test_route_page_shows_distance_climb_stops_and_border_crossing(client, both):
    route = RouteFactory(
        municipality=both["koprivshtitsa"],
        crosses_into=both["medijana"],
        border_crossing_note_en="Cross at Kalotina–Gradina; take your passport.",
        duration_minutes=150,
    )
    RouteStopFactory(route=route, sight=both["oslekov"], order=1)
    RouteStopFactory(route=route, sight=both["draft"], order=2)
    html = client.get(route.get_absolute_url()).content.decode()
    assert "1.1 km" in html
    assert "47 m" in html
    assert "2 h 30 min" in html
    assert "Cross at Kalotina–Gradina" in html
    assert "Oslekov House" in html
    assert "Secret draft" not in html
    assert "data-features=" in html
    html = client.get(both["oslekov"].get_absolute_url()).content.decode()
    assert route.name in html  # the sight's page names the routes that pass it


def test_route_list_includes_routes_that_cross_into_the_municipality(client, both):
    RouteFactory(municipality=both["koprivshtitsa"], crosses_into=both["medijana"], name_en="Across")
    RouteFactory(municipality=both["koprivshtitsa"], name_en="At home")
    html = client.get("/en/tourism/routes/?municipality=medijana").content.decode()
    assert "Across" in html
    assert "At home" not in html


def test_where_to_stay_and_eat_lists_accommodation_and_food_with_tourism_filters(client, both):
    OrganisationFactory(
        municipality=both["koprivshtitsa"], kind=Kind.ACCOMMODATION, nace_section="I", nace_division="55",
        name_en="Guest house Bogdan", languages=["bg", "en"],
    )  # fmt: skip
    OrganisationFactory(
        municipality=both["medijana"], kind=Kind.FOOD_SERVICE, nace_section="I", nace_division="56",
        name_en="Tavern Morava", languages=["sr", "bg"],
    )  # fmt: skip
    OrganisationFactory(name_en="A bakery")
    html = client.get("/en/tourism/stay-and-eat/").content.decode()
    assert "Guest house Bogdan" in html and "Tavern Morava" in html
    assert "A bakery" not in html
    html = client.get("/en/tourism/stay-and-eat/?type=eat").content.decode()
    assert "Tavern Morava" in html and "Guest house Bogdan" not in html
    html = client.get("/en/tourism/stay-and-eat/?language=en").content.decode()
    assert "Guest house Bogdan" in html and "Tavern Morava" not in html
    html = client.get("/en/tourism/stay-and-eat/?municipality=medijana").content.decode()
    assert "Tavern Morava" in html and "Guest house Bogdan" not in html


def test_tourism_direction_page_shows_sights_of_both_municipalities(client, both):
    html = client.get("/en/directions/tourism/").content.decode()
    assert "Oslekov House" in html and "Skull Tower" in html
    assert "Secret draft" not in html
    assert 'href="/en/tourism/map/"' in html
    assert "Oslekov House" not in client.get("/en/directions/culture/").content.decode()


def test_sitemap_lists_published_sights_and_routes(sitemap, both):
    route = RouteFactory()
    xml = sitemap()
    assert f"http://testserver/en/tourism/sights/{both['oslekov'].slug}/" in xml
    assert f"http://testserver/en/tourism/routes/{route.slug}/" in xml
    assert "http://testserver/en/tourism/map/" in xml
    assert both["draft"].slug not in xml


LANGUAGES = ["bg", "sr", "sr-latn", "en"]


def tourism_urls(sight, route):
    return [
        "/tourism/sights/",
        "/tourism/routes/",
        "/tourism/stay-and-eat/",
        "/tourism/map/",
        "/directions/tourism/",
        f"/tourism/sights/{sight.slug}/",
        f"/tourism/routes/{route.slug}/",
    ]


def test_every_page_renders_in_every_language_with_one_h1_and_no_cyrillic_in_latin(client, demo_content, cyrillic_free):
    from tourism.models import Route, Sight

    sight = Sight.objects.get(slug="skull-tower")
    route = Route.objects.get()
    for language in LANGUAGES:
        with translation.override(language):
            for path in tourism_urls(sight, route):
                url = f"/{language}{path}"
                response = client.get(url)
                assert response.status_code == 200, url
                html = response.content.decode()
                assert len(re.findall(r"<h1[ >]", html)) == 1, url
                ids = re.findall(r'\sid="([^"]+)"', html)
                assert len(ids) == len(set(ids)), f"duplicate ids on {url}"
                if language == "sr-latn":
                    cyrillic_free(html, url)
