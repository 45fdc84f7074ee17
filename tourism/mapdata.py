"""The places of the tourism map: one collection read by the map page (its list without
JavaScript) and by its GeoJSON endpoint, so that both always show the same places.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F
from django.urls import reverse
from modeltranslation.utils import get_language as translation_language
from modeltranslation.utils import resolution_order

from core.pagecache import cached_fragment
from directory.models import Kind, Organisation
from tourism.models import HOSPITALITY, STAY, Route, Sight, SightCategory

# Stands for the slug in a URL reversed once for every place of a kind.
SLUG_MARK = "slug-mark"


def is_place_to_stay(organisation: Organisation) -> bool:
    return organisation.kind == Kind.ACCOMMODATION or organisation.nace_division == "55"


@dataclass
class MapPlaces:
    sights: list[Sight] = field(default_factory=list)
    routes: list[Route] = field(default_factory=list)
    stay: list[Organisation] = field(default_factory=list)
    eat: list[Organisation] = field(default_factory=list)
    # How many places each layer has, when a list shows only the first ones.
    counts: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def _querysets(*, layers: set[str], municipality=None) -> dict:
        """The published places of each chosen layer; stay and eat share the directory's hospitality."""
        querysets = {}
        if "sight" in layers:
            sights = Sight.objects.published().for_listing()
            querysets["sight"] = sights.filter(municipality=municipality) if municipality is not None else sights
        if "route" in layers:
            routes = Route.objects.published().for_listing()
            if municipality is not None:
                routes = routes.filter(municipality=municipality) | routes.filter(crosses_into=municipality)
            querysets["route"] = routes
        if layers & {"stay", "eat"}:
            organisations = Organisation.objects.published().for_listing().filter(HOSPITALITY)
            if municipality is not None:
                organisations = organisations.filter(municipality=municipality)
            querysets["hospitality"] = organisations.order_by("name", "pk")
        return querysets

    @classmethod
    def load(cls, *, layers: set[str], municipality=None, limit: int | None = None) -> "MapPlaces":
        """Published places of the chosen layers: at most three queries, whatever their number.

        With ``limit``, each layer holds its first ``limit`` places and ``counts``
        how many there are (a list of thousands of places helps nobody: the
        list pages have them all); at most six queries then.
        """
        places = cls()
        querysets = cls._querysets(layers=layers, municipality=municipality)
        if "sight" in querysets:
            places.sights = places._first(querysets["sight"], "sight", limit)
        if "route" in querysets:
            places.routes = places._first(querysets["route"], "route", limit)
        if "hospitality" in querysets:
            organisations = querysets["hospitality"]
            if limit is None:
                for organisation in organisations:
                    layer = "stay" if is_place_to_stay(organisation) else "eat"
                    if layer in layers:
                        getattr(places, layer).append(organisation)
            else:
                for layer, condition in (("stay", STAY), ("eat", ~STAY)):
                    if layer in layers:
                        setattr(places, layer, list(organisations.filter(condition)[: limit + 1]))
                if len(places.stay) > limit or len(places.eat) > limit:
                    # A scan of the whole directory: kept until content changes.
                    places.counts.update(
                        cached_fragment(
                            "map-hospitality-counts",
                            getattr(municipality, "pk", None),
                            lambda: organisations.order_by().aggregate(
                                stay=Count("pk", filter=STAY), eat=Count("pk", filter=~STAY)
                            ),
                        )
                    )
                for layer in ("stay", "eat"):
                    places.counts.setdefault(layer, len(getattr(places, layer)))
                    setattr(places, layer, getattr(places, layer)[:limit])
        return places

    @classmethod
    def geojson(cls, *, layers: set[str], municipality=None) -> dict:
        """``load(...).feature_collection()``, read as plain values.

        Thousands of places at 100,000 organisations: a model instance for
        each would cost most of a second; rows of the few values a marker
        needs cost a tenth of that. Names fall back across languages as the
        models' translated fields do.
        """
        querysets = cls._querysets(layers=layers, municipality=municipality)
        languages = resolution_order(translation_language())

        def name(row: dict) -> str:
            return next((row[f"name_{code}"] for code in languages if row[f"name_{code}"]), row["name"])

        def url(pattern: str, slug: str) -> str:
            return pattern.replace(SLUG_MARK, slug)

        names = ["name", *(f"name_{code}" for code in settings.MODELTRANSLATION_LANGUAGES)]
        features = []
        if "sight" in querysets:
            pattern = reverse("tourism:sight-detail", kwargs={"slug": SLUG_MARK})
            categories = {value: str(label) for value, label in SightCategory.choices}
            fields = ["slug", *names, "category", "latitude", "longitude", "coordinates_approximate"]
            for row in querysets["sight"].values(*fields, municipality_slug=F("municipality__slug")):
                if row["latitude"] is not None and row["longitude"] is not None:
                    features.append(
                        _point(
                            row["longitude"],
                            row["latitude"],
                            kind="sight",
                            name=name(row),
                            url=url(pattern, row["slug"]),
                            category=categories.get(row["category"], row["category"]),
                            municipality=row["municipality_slug"],
                            approximate=row["coordinates_approximate"],
                        )
                    )
        if "route" in querysets:
            features.extend(cls(routes=list(querysets["route"])).feature_collection()["features"])
        if "hospitality" in querysets:
            pattern = reverse("directory:organisation-detail", kwargs={"slug": SLUG_MARK})
            kinds = {value: str(label) for value, label in Kind.choices}
            fields = ["slug", *names, "kind", "nace_division", "latitude", "longitude"]
            rows = list(querysets["hospitality"].values(*fields, municipality_slug=F("municipality__slug")))
            for layer in ("stay", "eat"):
                if layer not in layers:
                    continue
                for row in rows:
                    stays = row["kind"] == Kind.ACCOMMODATION or row["nace_division"] == "55"
                    if stays != (layer == "stay") or row["latitude"] is None or row["longitude"] is None:
                        continue
                    features.append(
                        _point(
                            row["longitude"],
                            row["latitude"],
                            kind=layer,
                            name=name(row),
                            url=url(pattern, row["slug"]),
                            category=kinds.get(row["kind"], row["kind"]),
                            municipality=row["municipality_slug"],
                            approximate=False,
                        )
                    )
        return {"type": "FeatureCollection", "features": features}

    def _first(self, queryset, layer: str, limit: int | None) -> list:
        found = list(queryset if limit is None else queryset[: limit + 1])
        if limit is not None and len(found) > limit:
            self.counts[layer] = queryset.count()
            return found[:limit]
        self.counts[layer] = len(found)
        return found

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
