from datetime import time
from decimal import Decimal

import factory
from django.core.files.base import ContentFile

from core.models import Country, PublicationStatus
from tests.portal.factories import MunicipalityFactory
from tests.search.factories import SearchIndexedFactory
from tourism.models import OpeningHours, Route, RouteStop, Sight, SightCategory, TicketPrice


def gpx_track(points, *, version="1.1") -> bytes:
    """A GPX file through (latitude, longitude[, elevation]) points."""
    namespace = f"http://www.topografix.com/GPX/{version.replace('.', '/')}"
    body = "".join(
        f'<trkpt lat="{point[0]}" lon="{point[1]}">' + (f"<ele>{point[2]}</ele>" if len(point) > 2 else "") + "</trkpt>"
        for point in points
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><gpx version="{version}" creator="tests" xmlns="{namespace}">'
        f"<trk><name>Test</name><trkseg>{body}</trkseg></trk></gpx>"
    ).encode()


# Eleven points 0.001° apart along the meridian 24°E: 0.01° of latitude, 1,111.95 m.
KNOWN_TRACK_ELEVATIONS = [1000, 1003, 1001, 1010, 1020, 1015, 1030, 1028, 1029, 1040, 1040]
KNOWN_TRACK = gpx_track(
    [(f"{42 + index / 1000:.3f}", "24.000", height) for index, height in enumerate(KNOWN_TRACK_ELEVATIONS)]
)


class SightFactory(SearchIndexedFactory):
    """A published house-museum in Koprivshtitsa with an exact position (override what a test needs)."""

    class Meta:
        model = Sight

    slug = factory.Sequence(lambda n: f"sight-{n}")
    name_bg = factory.Sequence(lambda n: f"Къща-музей {n}")
    name_sr = factory.Sequence(lambda n: f"Кућа-музеј {n}")
    name_en = factory.Sequence(lambda n: f"House-museum {n}")
    summary_en = "A house of the National Revival."
    description_en = "Built in the nineteenth century."
    category = SightCategory.HOUSE_MUSEUM
    municipality = factory.SubFactory(MunicipalityFactory, country=Country.BULGARIA)
    latitude = factory.Sequence(lambda n: Decimal("42.63000") + Decimal(n % 50) / 10000)
    longitude = Decimal("24.35000")
    status = PublicationStatus.PUBLISHED


class TicketPriceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TicketPrice

    sight = factory.SubFactory(SightFactory)
    label_en = "Adults"
    label_bg = "Възрастни"
    label_sr = "Одрасли"
    amount = Decimal("5.00")
    currency = factory.LazyAttribute(lambda price: price.sight.municipality.currency)


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    sight = factory.SubFactory(SightFactory)
    from_month, from_day, to_month, to_day = 4, 1, 10, 31
    weekdays = factory.LazyFunction(lambda: [2, 3, 4, 5, 6, 7])
    opens = time(9)
    closes = time(17, 30)


class RouteFactory(SearchIndexedFactory):
    """A published walking route in Koprivshtitsa, its track read from a GPX file as on upload."""

    class Meta:
        model = Route

    slug = factory.Sequence(lambda n: f"route-{n}")
    name_bg = factory.Sequence(lambda n: f"Маршрут {n}")
    name_sr = factory.Sequence(lambda n: f"Рута {n}")
    name_en = factory.Sequence(lambda n: f"Route {n}")
    municipality = factory.SubFactory(MunicipalityFactory, country=Country.BULGARIA)
    gpx_file = factory.LazyFunction(lambda: ContentFile(KNOWN_TRACK, name="track.gpx"))
    status = PublicationStatus.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        route = model_class(*args, **kwargs)
        route.apply_track()
        route.save()
        return route


class RouteStopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RouteStop

    route = factory.SubFactory(RouteFactory)
    sight = factory.SubFactory(SightFactory)
