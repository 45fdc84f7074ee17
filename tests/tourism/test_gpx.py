"""GPX files: distance and climb of a known track, and files that are refused with a clear message."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.tourism.factories import KNOWN_TRACK, gpx_track
from tourism.gpx import TrackPoint, elevation_gain_m, parse_gpx, simplify


@pytest.fixture(autouse=True)
def english():
    """Messages are compared in English (the active language may leak between tests)."""
    with translation.override("en"):
        yield


def test_distance_and_elevation_gain_of_a_known_track():
    track = parse_gpx(KNOWN_TRACK)
    # 0.01° of latitude on the mean Earth radius: 6,371,008.8 m × π / 18,000.
    assert track.distance_m == 1112
    # Rises of 3 and 1 m are noise; the climbs 1000→1010→1020, 1015→1030 and 1028→1040 count: 47 m.
    assert track.elevation_gain_m == 47
    assert track.start.latitude == 42.0
    assert track.end.latitude == 42.01


def test_the_line_is_geojson_and_drops_points_on_a_straight_stretch():
    line = parse_gpx(KNOWN_TRACK).line
    assert line["type"] == "LineString"
    assert line["coordinates"] == [[24.0, 42.0], [24.0, 42.01]]  # longitude first, as GeoJSON orders it


def test_simplification_keeps_the_corners_of_a_track():
    points = [TrackPoint(42.0, 24.0, None), TrackPoint(42.01, 24.0, None), TrackPoint(42.01, 24.01, None)]
    assert simplify(points) == points


def test_small_jitter_on_flat_ground_adds_no_climb():
    points = [TrackPoint(42.0, 24.0, 500 + (index % 2) * 3) for index in range(100)]
    assert elevation_gain_m(points) == 0


def test_a_track_without_heights_has_no_elevation_gain():
    track = parse_gpx(gpx_track([(42.0, 24.0), (42.001, 24.0)]))
    assert track.elevation_gain_m is None
    assert track.distance_m == 111


def test_gpx_1_0_and_route_points_are_read():
    old = gpx_track([(42.0, 24.0), (42.001, 24.0)], version="1.0")
    assert parse_gpx(old).distance_m == 111
    planned = KNOWN_TRACK.replace(b"trkpt", b"rtept").replace(b"<trk><name>Test</name><trkseg>", b"<rte>")
    planned = planned.replace(b"</trkseg></trk>", b"</rte>")
    assert parse_gpx(planned).distance_m == 1112


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n not a gpx", "not readable XML"),
        (b"<html><body>hello</body></html>", "GPS Exchange Format"),
        (b'<gpx xmlns="http://www.topografix.com/GPX/1/1" version="1.1"><wpt lat="1" lon="2"/></gpx>', "no track"),
        (gpx_track([(42.0, 24.0)]), "no track"),
        (gpx_track([(42.0, 24.0), ("north", 24.0)]), "no valid latitude"),
        (gpx_track([(42.0, 24.0), (95.0, 24.0)]), "outside the globe"),
        # An entity expansion bomb: defusedxml refuses entities outright.
        (
            b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            b'<gpx xmlns="http://www.topografix.com/GPX/1/1">&b;</gpx>',
            "not readable XML",
        ),
        # An external entity that would read a server file.
        (
            b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<gpx xmlns="http://www.topografix.com/GPX/1/1">&x;</gpx>',
            "not readable XML",
        ),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(content, message):
    with pytest.raises(ValidationError) as refused:
        parse_gpx(content)
    assert message in refused.value.messages[0]


def test_oversized_files_are_refused(settings):
    settings.TOURISM_MAX_GPX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError, match="at most 1 MB"):
        parse_gpx(KNOWN_TRACK + b" " * (1024 * 1024))
