"""The demo sights come from the facts file; unverified places are flagged, demo prices say so."""

import json

import pytest

from tourism.models import Route, Sight

pytestmark = pytest.mark.django_db

# Positions from the facts file, and two surveyed ones from public sources (demo/content/tourism.py).
SOURCED_COORDINATES = {
    "skull-tower",
    "national-theatre-nis",
    "crveni-krst-camp-memorial",
    "nis-orthodox-cathedral",
    "bubanj-memorial-park",
}


def test_every_sight_of_the_facts_file_is_loaded_in_three_languages(demo_content):
    sights = Sight.objects.published()
    assert sights.count() == 21
    assert not sights.filter(name_bg="").exists()
    assert not sights.filter(name_sr="").exists()
    assert not sights.filter(description_en="").exists()
    assert not sights.filter(description_sr="").exists()


def test_only_sourced_coordinates_are_exact_and_no_two_sights_share_a_point(demo_content):
    exact = set(Sight.objects.filter(coordinates_approximate=False).values_list("slug", flat=True))
    assert exact == SOURCED_COORDINATES
    points = list(Sight.objects.values_list("latitude", "longitude"))
    assert len(set(points)) == len(points) == 21


def test_museums_have_hours_and_prices_in_their_places_currency_marked_as_demo_values(demo_content):
    oslekov = Sight.objects.get(slug="oslekov-house")
    skull_tower = Sight.objects.get(slug="skull-tower")
    assert {price.currency for price in oslekov.ticket_prices.all()} == {"EUR"}
    assert {price.currency for price in skull_tower.ticket_prices.all()} == {"RSD"}
    assert oslekov.opening_hours.count() == 2
    assert "Demo prices" in oslekov.prices_note_en
    assert not Sight.objects.filter(accessibility_notes_en="").exists()


def test_sights_outside_the_municipality_say_where_they_are(demo_content):
    fortress = Sight.objects.get(slug="nis-fortress")
    assert fortress.placement == "nearby"
    assert "Crveni Krst" in fortress.placement_note_en


def test_the_demo_route_is_flagged_and_joins_sights_with_recorded_positions(demo_content):
    route = Route.objects.get()
    assert route.is_demo
    assert [stop.sight.slug for stop in route.stops.select_related("sight")] == [
        "skull-tower",
        "national-theatre-nis",
        "crveni-krst-camp-memorial",
    ]
    assert 3000 < route.distance_m < 4500


def test_loading_again_changes_nothing(demo_content):
    from django.core.management import call_command

    before = json.dumps(list(Sight.objects.order_by("slug").values("slug", "latitude", "name_en")), default=str)
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = json.dumps(list(Sight.objects.order_by("slug").values("slug", "latitude", "name_en")), default=str)
    assert before == after
    assert Route.objects.count() == 1
