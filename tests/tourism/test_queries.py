"""The number of queries of every tourism list, map-data and detail page does not grow with the number of places."""

from decimal import Decimal

import pytest
from django.utils import translation

from core.models import Country
from directory.models import Kind
from tests.directory.factories import create_many
from tests.markup import flat
from tests.portal.factories import MunicipalityFactory
from tests.tourism.factories import (
    OpeningHoursFactory,
    RouteFactory,
    RouteStopFactory,
    SightFactory,
    TicketPriceFactory,
)
from tourism.models import Sight

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=[1, 50], ids=["1-row", "50-rows"])
def places(request, kept_for_the_module):
    """``rows`` places of every kind, written once for all the tests of this module that use that size."""
    yield from kept_for_the_module(request, lambda: build_places(request.param))


def build_places(rows: int) -> dict:
    home = MunicipalityFactory(slug="koprivshtitsa", country=Country.BULGARIA)
    other = MunicipalityFactory(slug="medijana", country=Country.SERBIA)
    sights = [SightFactory(municipality=home if n % 2 else other) for n in range(rows)]
    routes = [RouteFactory(municipality=home, crosses_into=other if n % 2 else None) for n in range(rows)]
    for sight in sights:
        TicketPriceFactory(sight=sight)
        OpeningHoursFactory(sight=sight)
    for route in routes:
        RouteStopFactory(route=route, sight=sights[0])
    for index, sight in enumerate(sights[1:], start=1):
        RouteStopFactory(route=routes[0], sight=sight, order=index)
    create_many(
        rows, directions=("tourism",), municipality=home, kind=Kind.ACCOMMODATION, nace_section="I",
        nace_division="55", latitude=Decimal("42.633"), longitude=Decimal("24.35"),
    )  # fmt: skip
    return {"sight": sights[0], "route": routes[0]}


LIST_PAGES = [
    ("/en/tourism/sights/", 4),  # the filter's municipalities, count, rows, the navigation
    ("/en/tourism/routes/", 4),
    ("/en/tourism/stay-and-eat/", 4),
    # + one facet count for each filter in use
    ("/en/tourism/stay-and-eat/?type=stay&municipality=koprivshtitsa&language=en&price=budget", 8),
    ("/en/tourism/sights/?category=museum&municipality=medijana", 6),
    ("/en/tourism/routes/?kind=walking&municipality=koprivshtitsa", 6),
    ("/en/tourism/map/", 6),  # municipalities, sights, routes, places to stay, to eat, the navigation
    ("/en/tourism/map.geojson", 4),
    ("/en/tourism/map.geojson?type=sight&municipality=medijana", 2),
    ("/en/directions/tourism/", 11),  # + the sights shown and the counts of sights and routes
]


def test_the_map_page_lists_the_first_places_of_each_kind_in_a_bounded_number_of_queries(
    client, places, django_assert_max_num_queries, monkeypatch
):
    """Past ``listed`` places of a kind, the list links to its page instead: two counts more at most."""
    from tourism.views import MapView

    monkeypatch.setattr(MapView, "listed", 2)
    SightFactory.create_batch(2)
    with django_assert_max_num_queries(9):
        html = flat(client.get("/en/tourism/map/").content.decode())
    assert html.count('<li data-place="sight"') == 2
    sights = Sight.objects.published().count()
    assert f'<a href="/en/tourism/sights/">All {sights}, page by page</a>' in html
    assert html.count('<li data-place="stay"') <= 2 and html.count('<li data-place="eat"') <= 2


@pytest.mark.parametrize(("url", "queries"), LIST_PAGES)
def test_list_and_map_pages_use_a_fixed_number_of_queries(client, places, django_assert_max_num_queries, url, queries):
    with django_assert_max_num_queries(queries):
        assert client.get(url).status_code == 200


def test_detail_pages_use_a_fixed_number_of_queries(client, places, django_assert_max_num_queries):
    with translation.override("en"):
        pages = [
            # sight, prices, hours, nearby sights, routes, albums and their content type
            # (cached after the first request of a process), the navigation
            (places["sight"].get_absolute_url(), 8),
            # route, stops with their sights, albums and their content type, the navigation
            (places["route"].get_absolute_url(), 5),
        ]
    for url, queries in pages:
        with django_assert_max_num_queries(queries):
            assert client.get(url).status_code == 200, url
