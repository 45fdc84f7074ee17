"""The places of the tourism map: one collection read by the map page (its list without
JavaScript) and by its GeoJSON endpoint, so that both always show the same places.
"""

from dataclasses import dataclass, field

from directory.models import Kind, Organisation
from tourism.models import HOSPITALITY, Route, Sight


def is_place_to_stay(organisation: Organisation) -> bool:
    return organisation.kind == Kind.ACCOMMODATION or organisation.nace_division == "55"


@dataclass
class MapPlaces:
    sights: list[Sight] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    stay: list[Organisation] = field(default_factory=list)
    eat: list[Organisation] = field(default_factory=list)

    @classmethod
    def load(cls, *, layers: set[str], municipality=None) -> "MapPlaces":
        """Published places of the chosen layers: at most three queries, whatever their number."""
        places = cls()
        if "sight" in layers:
            sights = Sight.objects.published().for_listing()
            if municipality is not None:
                sights = sights.filter(municipality=municipality)
            places.sights = list(sights)
        if "route" in layers:
            routes = Route.objects.published().for_listing()
            if municipality is not None:
                routes = routes.filter(municipality=municipality) | routes.filter(crosses_into=municipality)
            places.routes = list(routes)
        if layers & {"stay", "eat"}:
            organisations = Organisation.objects.published().for_listing().filter(HOSPITALITY)
            if municipality is not None:
                organisations = organisations.filter(municipality=municipality)
            for organisation in organisations.order_by("name", "pk"):
                layer = "stay" if is_place_to_stay(organisation) else "eat"
                if layer in layers:
                    getattr(places, layer).append(organisation)
        return places

    def __bool__(self):
        return any((self.sights, self.routes, self.stay, self.eat))

    def feature_collection(self) -> dict:
        """The places with a position as a GeoJSON FeatureCollection (RFC 7946: longitude first)."""
        features = []
        for sight in self.sights:
            if sight.has_location:
                features.append(
                    _point(
                        sight.longitude,
                        sight.latitude,
                        kind="sight",
                        name=sight.name,
                        url=sight.get_absolute_url(),
                        category=str(sight.get_category_display()),
                        municipality=sight.municipality.slug,
                        approximate=sight.coordinates_approximate,
                    )
                )
        for route in self.routes:
            if route.line:
                features.append(
                    {
                        "type": "Feature",
                        "geometry": route.line,
                        "properties": {
                            "kind": "route",
                            "name": route.name,
                            "url": route.get_absolute_url(),
                            "category": str(route.get_kind_display()),
                            "municipality": route.municipality.slug,
                            "crosses_into": route.crosses_into.slug if route.crosses_into else None,
                            "distance_km": round(route.distance_km, 1),
                        },
                    }
                )
        for kind, organisations in (("stay", self.stay), ("eat", self.eat)):
            for organisation in organisations:
                if organisation.has_location:
                    features.append(
                        _point(
                            organisation.longitude,
                            organisation.latitude,
                            kind=kind,
                            name=organisation.name,
                            url=organisation.get_absolute_url(),
                            category=str(organisation.get_kind_display()),
                            municipality=organisation.municipality.slug,
                            approximate=False,
                        )
                    )
        return {"type": "FeatureCollection", "features": features}


def _point(longitude, latitude, **properties) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(float(longitude), 5), round(float(latitude), 5)]},
        "properties": properties,
    }
