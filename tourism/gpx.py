"""Reading a route's GPX file: its points, length, climb and a line light enough for a map.

The file is parsed with defusedxml, which refuses DTDs, entities and external references, so
a hostile upload cannot expand into gigabytes or read the server's files. Tracks (``trkpt``)
are preferred; a file with only a planned route (``rtept``) is read from that instead.
"""

import html
import itertools
import math
from dataclasses import dataclass
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.uploads import markup_inside

GPX_NAMESPACES = ("http://www.topografix.com/GPX/1/1", "http://www.topografix.com/GPX/1/0")
EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG)
# GPS and barometric heights jitter by a few metres: climbs smaller than this are noise.
ELEVATION_NOISE_M = 5.0
# Points closer to the drawn line than this are left out of it: invisible at any map zoom
# a route is looked at, and a 10,000-point track shrinks to a few hundred.
SIMPLIFY_TOLERANCE_M = 10.0


@dataclass(frozen=True)
class TrackPoint:
    latitude: float
    longitude: float
    elevation: float | None


@dataclass(frozen=True)
class Track:
    points: list[TrackPoint]
    distance_m: int
    elevation_gain_m: int | None
    line: dict  # a GeoJSON LineString, [longitude, latitude] pairs as GeoJSON orders them

    @property
    def start(self) -> TrackPoint:
        return self.points[0]

    @property
    def end(self) -> TrackPoint:
        return self.points[-1]


def haversine_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The great-circle distance in metres between two (latitude, longitude) pairs."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def track_distance_m(points: list[TrackPoint]) -> float:
    return sum(haversine_m((a.latitude, a.longitude), (b.latitude, b.longitude)) for a, b in itertools.pairwise(points))


def elevation_gain_m(points: list[TrackPoint], threshold: float = ELEVATION_NOISE_M) -> float | None:
    """The total climb, counting a rise only once it exceeds ``threshold`` above the last low point.

    Hysteresis: the reference height follows every descent, but a climb is banked only when
    it clears the threshold, so jitter of a few metres on flat ground adds nothing.
    """
    heights = [point.elevation for point in points if point.elevation is not None]
    if len(heights) < 2:
        return None
    gain = 0.0
    reference = heights[0]
    for height in heights[1:]:
        if height < reference:
            reference = height
        elif height - reference >= threshold:
            gain += height - reference
            reference = height
    return gain


def simplify(points: list[TrackPoint], tolerance_m: float = SIMPLIFY_TOLERANCE_M) -> list[TrackPoint]:
    """Douglas–Peucker on a local flat projection (metres), iterative so that long tracks cannot recurse deeply."""
    if len(points) < 3:
        return list(points)
    origin = math.radians(points[0].latitude)
    scale_x = math.cos(origin) * EARTH_RADIUS_M * math.pi / 180
    scale_y = EARTH_RADIUS_M * math.pi / 180
    xy = [(point.longitude * scale_x, point.latitude * scale_y) for point in points]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = xy[first], xy[last]
        length = math.hypot(x2 - x1, y2 - y1)
        farthest, index = 0.0, None
        for i in range(first + 1, last):
            x0, y0 = xy[i]
            if length == 0:
                distance = math.hypot(x0 - x1, y0 - y1)
            else:
                distance = abs((x2 - x1) * (y1 - y0) - (x1 - x0) * (y2 - y1)) / length
            if distance > farthest:
                farthest, index = distance, i
        if index is not None and farthest > tolerance_m:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _points(root, tag: str) -> list[TrackPoint]:
    points = []
    for namespace in GPX_NAMESPACES:
        for element in root.iter(f"{{{namespace}}}{tag}"):
            try:
                latitude, longitude = float(element.attrib["lat"]), float(element.attrib["lon"])
            except (KeyError, ValueError) as error:
                raise ValidationError(
                    _("A point of this GPX file has no valid latitude and longitude."), code="gpx_point"
                ) from error
            if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
                raise ValidationError(_("A point of this GPX file lies outside the globe."), code="gpx_point")
            elevation = element.find(f"{{{namespace}}}ele")
            try:
                height = float(elevation.text) if elevation is not None and elevation.text else None
            except ValueError:
                height = None
            points.append(TrackPoint(latitude, longitude, height))
    return points


def parse_gpx(data: bytes) -> Track:
    """The track of a GPX file, or a ValidationError that tells the editor what is wrong with it."""
    if len(data) > settings.TOURISM_MAX_GPX_BYTES:
        raise ValidationError(
            _("A GPX file may be at most %(megabytes)d MB.")
            % {"megabytes": settings.TOURISM_MAX_GPX_BYTES // (1024 * 1024)},
            code="gpx_size",
        )
    try:
        root = fromstring(data)
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise ValidationError(_("This file is not a GPX file: it is not readable XML."), code="gpx_xml") from error
    if root.tag not in {f"{{{namespace}}}gpx" for namespace in GPX_NAMESPACES}:
        raise ValidationError(
            _("This file is not a GPX file: GPS Exchange Format 1.0 or 1.1 is expected."), code="gpx_format"
        )
    if markup_inside(data):
        raise ValidationError(_("This file is not a GPX file: it holds web page markup or script."), code="gpx_markup")
    points = _points(root, "trkpt") or _points(root, "rtept")
    if len(points) < 2:
        raise ValidationError(
            _("This GPX file has no track: it needs at least two track or route points."), code="gpx_empty"
        )
    gain = elevation_gain_m(points)
    line = simplify(points)
    return Track(
        points=points,
        distance_m=round(track_distance_m(points)),
        elevation_gain_m=None if gain is None else round(gain),
        line={
            "type": "LineString",
            "coordinates": [[round(point.longitude, 6), round(point.latitude, 6)] for point in line],
        },
    )


def write_gpx(name: str, points: list[tuple[float, float]]) -> bytes:
    """A minimal GPX 1.1 track through (latitude, longitude) points; used by the demo content."""
    body = "".join(f'<trkpt lat="{lat:.6f}" lon="{lon:.6f}"/>' for lat, lon in points)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<gpx version="1.1" creator="Most" xmlns="http://www.topografix.com/GPX/1/1">'
        f"<trk><name>{html.escape(name)}</name><trkseg>{body}</trkseg></trk></gpx>"
    ).encode()
