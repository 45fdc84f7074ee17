import json
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language, gettext
from django.views.generic import DetailView, TemplateView, View

from core.opendata import licensed
from core.pagecache import cached_fragment
from core.structured_data import StructuredDataMixin, area, postal_address, thing
from core.views import FilteredListView, PreviewableDetailMixin
from directory.models import Organisation
from media_library.models import Album
from tourism.filters import HospitalityFilterSet, MapFilterForm, RouteFilterSet, SightFilterSet
from tourism.mapdata import MapPlaces
from tourism.models import HOSPITALITY, Route, Sight

GEOJSON_CONTENT_TYPE = "application/geo+json"
# Characters that could end a <script> element or open a comment inside it.
SCRIPT_ESCAPES = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def to_json(data) -> str:
    """JSON for a data attribute or a JSON-LD block: Cyrillic kept as letters (sr-latn pages
    transliterate them), nothing that could close the element."""
    return json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES)


def map_attribution() -> str:
    """The credit in the map's corner: ``MAP_ATTRIBUTION`` when set, else OpenStreetMap's in the page's language.

    HTML as text (not marked safe): the template writes it escaped into ``data-attribution``, and
    Leaflet reads it back as HTML.
    """
    if settings.MAP_ATTRIBUTION:
        return settings.MAP_ATTRIBUTION
    credit = escape(gettext("OpenStreetMap contributors"))
    return f'&copy; <a href="https://www.openstreetmap.org/copyright">{credit}</a>'


class MapSettingsMixin:
    """The tile server and its attribution, from settings, for every page with a map."""

    def get_context_data(self, **kwargs):
        return super().get_context_data(map_tile_url=settings.MAP_TILE_URL, map_attribution=map_attribution(), **kwargs)


class TourismListView(FilteredListView):
    def get_context_data(self, **kwargs):
        return super().get_context_data(active_direction="tourism", **kwargs)


class SightListView(TourismListView):
    filterset_class = SightFilterSet
    context_object_name = "sights"

    def get_base_queryset(self):
        return Sight.objects.published().for_listing()


class SightDetailView(MapSettingsMixin, PreviewableDetailMixin, DetailView):
    context_object_name = "sight"

    def get_detail_queryset(self):
        return Sight.objects.for_detail()

    def get_context_data(self, **kwargs):
        sight = self.object
        url = self.request.build_absolute_uri(sight.get_absolute_url())
        nearby = sight.nearby()
        places = MapPlaces(sights=[sight, *(other for other, _distance in nearby)])
        return super().get_context_data(
            attached_albums=Album.objects.published().for_listing().attached_to(sight),
            nearby=nearby,
            routes=list(Route.objects.published().filter(stops__sight=sight).distinct()),
            run_by=sight.organisation if sight.organisation and sight.organisation.is_public else None,
            map_features=to_json(places.feature_collection()) if sight.has_location else "",
            json_ld=to_json(schema_org(sight, url=url)),
            page_url=url,
            og_locale=get_language().replace("-", "_"),
            active_direction="tourism",
            **kwargs,
        )


def schema_org(sight: Sight, *, url: str) -> dict:
    """The sight as a schema.org TouristAttraction: only what is public and known."""
    data = {"@context": "https://schema.org", "@type": "TouristAttraction", "@id": url, "url": url}
    data["name"] = sight.name
    optional = {
        "description": sight.summary or sight.description,
        "telephone": sight.phone,
        "email": sight.email,
        "sameAs": sight.website,
    }
    data.update({key: value for key, value in optional.items() if value})
    address = {"@type": "PostalAddress", "addressCountry": sight.municipality.country}
    if sight.address:
        address["streetAddress"] = sight.address
    data["address"] = address
    data["containedInPlace"] = area(sight.municipality)
    if sight.has_exact_location:
        # An approximate position would mislead a search engine: it is left out.
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(sight.latitude),
            "longitude": float(sight.longitude),
        }
    prices = list(sight.ticket_prices.all())
    if prices:
        data["isAccessibleForFree"] = all(price.amount == 0 for price in prices)
    hours = list(sight.opening_hours.all())
    if hours:
        data["openingHoursSpecification"] = [_opening_hours(period) for period in hours]
    # The organisation that runs it is named on the page; schema.org gives a place no property for it
    # (``provider`` is a service's), so it is left out here.
    return data


SCHEMA_DAYS = {1: "Monday", 2: "Tuesday", 3: "Wednesday", 4: "Thursday", 5: "Friday", 6: "Saturday", 7: "Sunday"}


def _opening_hours(period) -> dict:
    spec = {
        "@type": "OpeningHoursSpecification",
        "dayOfWeek": [f"https://schema.org/{SCHEMA_DAYS[day]}" for day in period.weekdays],
        "opens": period.opens.strftime("%H:%M"),
        "closes": period.closes.strftime("%H:%M"),
    }
    if not period.is_all_year:
        # schema.org has no yearly recurring season; the month and day are given without a year (ISO 8601 --MM-DD).
        spec["validFrom"] = f"--{period.from_month:02d}-{period.from_day:02d}"
        spec["validThrough"] = f"--{period.to_month:02d}-{period.to_day:02d}"
    return spec


class RouteListView(TourismListView):
    filterset_class = RouteFilterSet
    context_object_name = "routes"

    def get_base_queryset(self):
        return Route.objects.published().for_listing()


class RouteDetailView(StructuredDataMixin, MapSettingsMixin, PreviewableDetailMixin, DetailView):
    context_object_name = "route"

    def get_detail_queryset(self):
        return Route.objects.for_detail()

    def structured_data(self, route, *, url):
        """The route as a schema.org TouristTrip: where it starts, its stops in order, its GPX track."""
        stops = [stop.sight for stop in route.stops.all()]
        itinerary = [
            {
                "@type": "TouristAttraction",
                "name": sight.name,
                "url": self.request.build_absolute_uri(sight.get_absolute_url()),
                "address": postal_address(sight.municipality, street=sight.address),
            }
            for sight in stops
        ]
        return thing(
            "TouristTrip",
            url=url,
            name=route.name,
            description=route.summary or route.description,
            touristType=str(route.get_kind_display()),
            itinerary={"@type": "ItemList", "numberOfItems": len(itinerary), "itemListElement": itinerary}
            if itinerary
            else None,
            tripOrigin={
                "@type": "Place",
                "name": route.start_name or route.municipality.seat,
                "address": postal_address(route.municipality),
                "containedInPlace": area(route.municipality),
            },
            subjectOf={
                "@type": "DigitalDocument",
                "name": f"{route.name} (GPX)",
                "encodingFormat": "application/gpx+xml",
                "url": self.request.build_absolute_uri(route.gpx_file.url),
            }
            if route.gpx_file
            else None,
        )

    def get_context_data(self, **kwargs):
        route = self.object
        stops = [stop.sight for stop in route.stops.all()]
        places = MapPlaces(routes=[route], sights=stops)
        return super().get_context_data(
            attached_albums=Album.objects.published().for_listing().attached_to(route),
            stops=stops,
            map_features=to_json(places.feature_collection()) if route.line else "",
            active_direction="tourism",
            **kwargs,
        )


class HospitalityListView(TourismListView):
    """Where to stay and eat: the directory's accommodation and food-service providers."""

    filterset_class = HospitalityFilterSet
    context_object_name = "organisations"
    template_name = "tourism/hospitality_list.html"

    def get_base_queryset(self):
        return Organisation.objects.published().for_listing().filter(HOSPITALITY).order_by("name", "pk")


class MapFilterMixin:
    def places(self, *, limit: int | None = None) -> MapPlaces:
        self.form = MapFilterForm(self.request.GET)
        return MapPlaces.load(layers=self.form.layers(), municipality=self.form.chosen_municipality(), limit=limit)


class MapView(MapSettingsMixin, MapFilterMixin, TemplateView):
    """Sights, routes and places to stay and eat of both municipalities: a map, and the same places as a list.

    The list shows the first ``listed`` places of each kind and links to the
    list pages for the others: at 100,000 organisations there are thousands.
    """

    template_name = "tourism/map.html"
    listed = 50

    def get_context_data(self, **kwargs):
        query = self.request.GET.urlencode()
        places = self.places(limit=self.listed)
        municipality = self.form.chosen_municipality()
        return super().get_context_data(
            places=places,
            form=self.form,
            geojson_url=reverse("tourism:map-data") + (f"?{query}" if query else ""),
            more_urls=self._list_urls(municipality.slug if municipality else ""),
            active_direction="tourism",
            **kwargs,
        )

    @staticmethod
    def _list_urls(municipality: str) -> dict[str, str]:
        """The list pages, filtered alike, that have the places a list on the map page leaves out."""

        def address(name: str, **query) -> str:
            query = {key: value for key, value in query.items() if value}
            return reverse(name) + (f"?{urlencode(query)}" if query else "")

        return {
            "sight": address("tourism:sight-list", municipality=municipality),
            "route": address("tourism:route-list", municipality=municipality),
            "stay": address("tourism:hospitality-list", municipality=municipality, type="stay"),
            "eat": address("tourism:hospitality-list", municipality=municipality, type="eat"),
        }


class MapDataView(MapFilterMixin, View):
    """The map's places as GeoJSON, with the same filters as the map page; published places only.

    Thousands of places at 100,000 organisations: the document is cached,
    per language and filters, until content changes.
    """

    def get(self, request, *args, **kwargs):
        document = cached_fragment("map-geojson", (get_language(), sorted(request.GET.lists())), self._document)
        return licensed(HttpResponse(document, content_type=GEOJSON_CONTENT_TYPE))

    def _document(self) -> str:
        self.form = MapFilterForm(self.request.GET)
        places = MapPlaces.geojson(layers=self.form.layers(), municipality=self.form.chosen_municipality())
        # Letters, not \u escapes: the sr-latn response is transliterated like any page.
        return json.dumps(places, ensure_ascii=False, separators=(",", ":"))
