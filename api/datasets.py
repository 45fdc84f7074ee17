"""Every dataset the portal publishes, its distributions and the documentation of every field.

One description serves the data page (``/<lang>/data/``) and the DCAT-AP catalogue
(``/data/catalog.jsonld``, ``/data/catalog.ttl``). The fields of the API are read
from its Ninja schemas (``api.resources``), the columns of the downloads from their
own column lists (``directory.exports``, ``cooperation.exports``): a field added
there is documented here without a word written twice. The elements of the
standard formats (GeoJSON properties, RSS/Atom, iCalendar) are listed here, and
a test reads each real answer and checks that every one it finds is documented.
"""

import json
import typing
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from ninja import Schema

from api.resources import BY_NAME, OccurrenceItem
from cooperation import exports as cooperation_exports
from directory import exports as directory_exports

# The type of a field, in the reader's language.
TYPES = {
    "text": _("text"),
    "integer": _("integer"),
    "decimal number": _("decimal number"),
    "true or false": _("true or false"),
    "date": _("date (YYYY-MM-DD)"),
    "date and time": _("date and time (ISO 8601, with UTC offset)"),
    "list of texts": _("list of texts"),
    "list of objects": _("list of objects"),
    "object": _("object"),
}


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str  # a key of TYPES
    description: str  # English, marked for translation (gettext_noop); the page translates it
    example: str
    nullable: bool = False


@dataclass(frozen=True)
class Table:
    """The fields of one or more distributions of a dataset."""

    title: str
    fields: tuple[FieldDoc, ...]


@dataclass(frozen=True)
class Distribution:
    """One way to get a dataset. ``url_name`` is reversed per language when ``per_language``."""

    format: str  # as a reader names it: CSV, JSON, GeoJSON, RSS 2.0, Atom, iCalendar, API
    media_type: str
    url_name: str
    per_language: bool = True
    # For the API: the resource name of api.resources (its list operation).
    resource: str = ""

    @property
    def is_api(self) -> bool:
        return bool(self.resource)

    def path(self) -> str:
        if self.is_api:
            return api_root() + ("occurrences" if self.resource == "occurrences" else self.resource)
        return reverse(self.url_name)


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    # EU vocabularies: data-theme and frequency codes (publications.europa.eu/resource/authority/…).
    theme: str
    frequency: str
    distributions: tuple[Distribution, ...]
    tables: tuple[Table, ...] = field(default_factory=tuple)


def api_root() -> str:
    return reverse("api:openapi-json").removesuffix("openapi.json")


# --- Fields, from the schemas and column lists ---------------------------------------------------


def _json_type(prop: dict) -> tuple[str, bool]:
    """The TYPES key of a JSON Schema property, and whether it may be null."""
    options = prop.get("anyOf", [prop])
    nullable = any(option.get("type") == "null" for option in options)
    option = next((option for option in options if option.get("type") != "null"), {})
    kind = option.get("type")
    if kind == "array":
        items = option.get("items", {})
        return ("list of objects" if "$ref" in items else "list of texts"), nullable
    if "$ref" in option:
        return "object", nullable
    if kind == "string":
        return {"date": "date", "date-time": "date and time"}.get(option.get("format"), "text"), nullable
    return {"integer": "integer", "number": "decimal number", "boolean": "true or false"}.get(kind, "text"), nullable


def _example(value) -> str:
    if value is None:
        return "null"
    if value == "":
        return '""'
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def schema_fields(schema: type[Schema], prefix: str = "") -> tuple[FieldDoc, ...]:
    """Every field of an API schema, its nested objects' fields as ``name[].field``."""
    json_schema = schema.model_json_schema()
    rows = []
    for name, info in schema.model_fields.items():
        prop = json_schema["properties"][name]
        kind, nullable = _json_type(prop)
        example = info.examples[0] if info.examples else None
        rows.append(FieldDoc(prefix + name, kind, info.description, _example(example), nullable))
        nested = typing.get_args(info.annotation)[0] if kind == "list of objects" else None
        if isinstance(nested, type) and issubclass(nested, Schema):
            rows.extend(schema_fields(nested, prefix=f"{prefix}{name}[]."))
    return tuple(rows)


def column_fields(columns) -> tuple[FieldDoc, ...]:
    return tuple(FieldDoc(column.key, column.type, column.description, column.example) for column in columns)


# The properties of the map's GeoJSON features (tourism.mapdata).
GEOJSON_FIELDS = (
    FieldDoc("kind", "text", gettext_noop("Layer: sight, route, stay or eat."), "sight"),
    FieldDoc("name", "text", gettext_noop("Name, in the language of the address."), "Oslekov House"),
    FieldDoc("url", "text", gettext_noop("Path of the place's page."), "/en/tourism/sights/oslekov-house/"),
    FieldDoc("category", "text", gettext_noop("Category, in the language of the address."), "Museum"),
    FieldDoc("municipality", "text", gettext_noop("Municipality slug: koprivshtitsa or medijana."), "koprivshtitsa"),
    FieldDoc(
        "approximate", "true or false", gettext_noop("true when the position is only approximate (points)."), "false"
    ),
    FieldDoc("crosses_into", "text", gettext_noop("Slug of a second municipality a route crosses into."), "null", True),
    FieldDoc("distance_km", "decimal number", gettext_noop("Length of a route in kilometres."), "18.2"),
)

# The elements of the RSS 2.0 and Atom feeds (RSS name / Atom name).
FEED_FIELDS = (
    FieldDoc("title", "text", gettext_noop("Title of the item."), "A new bus line to Niš"),
    FieldDoc("link", "text", gettext_noop("Address of the item's page."), "https://most.example/en/news/new-bus-line/"),
    FieldDoc(
        "description / summary",
        "text",
        gettext_noop("The item's lead or text."),
        "From Monday, line 12 runs every hour.",
    ),
    FieldDoc(
        "pubDate / published", "date and time", gettext_noop("When it was published."), "2026-11-30T09:12:00+00:00"
    ),
    FieldDoc("category", "list of texts", gettext_noop("Municipality, direction, kind or sector."), "Medijana"),
    FieldDoc("dc:creator / author", "text", gettext_noop("Posting company (cooperation board only)."), "Bozhura Ltd"),
    FieldDoc(
        "guid / id",
        "text",
        gettext_noop("Stable identifier of the item: its address."),
        "https://most.example/en/news/x/",
    ),
    FieldDoc("copyright / rights", "text", gettext_noop("Licence and attribution of the feed."), "CC BY 4.0"),
)

# The properties of the iCalendar files (RFC 5545).
ICAL_FIELDS = (
    FieldDoc("UID", "text", gettext_noop("Stable identifier of the event."), "event-12@most.example"),
    FieldDoc("DTSTAMP", "date and time", gettext_noop("When the file was written (UTC)."), "20261130T091200Z"),
    FieldDoc("SUMMARY", "text", gettext_noop("Title of the event."), "Folk festival"),
    FieldDoc(
        "DTSTART", "date and time", gettext_noop("Start, in the place's time zone (TZID), or a day."), "20260814T180000"
    ),
    FieldDoc(
        "DTEND",
        "date and time",
        gettext_noop("End, in the place's time zone, or the day after the last."),
        "20260814T220000",
    ),
    FieldDoc("RRULE", "text", gettext_noop("Repetition of a series (RFC 5545)."), "FREQ=WEEKLY;BYDAY=SA"),
    FieldDoc("EXDATE", "date and time", gettext_noop("Dates of a series that do not take place."), "20260822T180000"),
    FieldDoc(
        "DESCRIPTION", "text", gettext_noop("Summary, text and address of the event's page."), "Three days of songs."
    ),
    FieldDoc("LOCATION", "text", gettext_noop("Venue and its address."), "Town square, Koprivshtitsa"),
    FieldDoc(
        "URL", "text", gettext_noop("Address of the event's page."), "https://most.example/en/events/folk-festival/"
    ),
    FieldDoc("STATUS", "text", gettext_noop("CONFIRMED, TENTATIVE or CANCELLED."), "CONFIRMED"),
    FieldDoc("CATEGORIES", "text", gettext_noop("Category of the event."), "Festival"),
    FieldDoc("VTIMEZONE", "object", gettext_noop("The place's time zone with its summer time rules."), "Europe/Sofia"),
)


def api_table(resource: str) -> Table:
    schema = OccurrenceItem if resource == "occurrences" else BY_NAME[resource].schema
    # A format and an address: the same words in every language.
    return Table(f"API: /api/v1/{resource}", schema_fields(schema))


def api(resource: str) -> Distribution:
    return Distribution("API", "application/json", "", per_language=False, resource=resource)


CSV = "text/csv"
JSON = "application/json"
GEOJSON = "application/geo+json"
RSS = "application/rss+xml"
ATOM = "application/atom+xml"
ICAL = "text/calendar"
CONTINUOUS, IRREGULAR = "UPDATE_CONT", "IRREG"


def _api_dataset(key, title, description, theme, frequency=CONTINUOUS, extra=(), tables=()) -> Dataset:
    return Dataset(key, title, description, theme, frequency, (*extra, api(key)), (*tables, api_table(key)))


def datasets() -> list[Dataset]:
    """The datasets, in the order of the data page."""
    feeds = Table(_("RSS 2.0 and Atom feeds"), FEED_FIELDS)
    return [
        _api_dataset(
            "organisations",
            _("Companies and institutions"),
            _("The joint directory of both municipalities: published entries only, no personal data."),
            "ECON",
            extra=(
                Distribution("CSV", CSV, "directory:organisation-export-csv"),
                Distribution("JSON", JSON, "directory:organisation-export-json"),
            ),
            tables=(Table(_("CSV and JSON downloads"), column_fields(directory_exports.COLUMNS)),),
        ),
        _api_dataset(
            "opportunities",
            _("Cross-border cooperation offers and requests"),
            _("What companies offer partners across the border and what they seek: approved, unexpired items."),
            "ECON",
            extra=(
                Distribution("JSON", JSON, "cooperation:opportunity-export-json"),
                Distribution("RSS 2.0", RSS, "cooperation:opportunity-rss"),
                Distribution("Atom", ATOM, "cooperation:opportunity-atom"),
            ),
            tables=(Table(_("JSON download"), column_fields(cooperation_exports.COLUMNS)), feeds),
        ),
        _api_dataset("sights", _("Sights"), _("Sights of both municipalities, with positions."), "EDUC"),
        _api_dataset("routes", _("Routes"), _("Walking and cycling routes, with their GPX tracks."), "TRAN"),
        _api_dataset(
            "stay-and-eat", _("Places to stay and eat"), _("Accommodation and food from the directory."), "ECON"
        ),
        Dataset(
            "map",
            _("Places on the map"),
            _("Sights, routes and places to stay and eat with a position, as GeoJSON (RFC 7946)."),
            "REGI",
            CONTINUOUS,
            (Distribution("GeoJSON", GEOJSON, "tourism:map-data"),),
            (Table(_("GeoJSON feature properties"), GEOJSON_FIELDS),),
        ),
        Dataset(
            "events",
            _("Events"),
            _("Published events and series, and every date of them; a calendar to subscribe to."),
            "EDUC",
            CONTINUOUS,
            (Distribution("iCalendar", ICAL, "civic:event-ical-feed"), api("events"), api("occurrences")),
            (Table("iCalendar", ICAL_FIELDS), api_table("events"), api_table("occurrences")),
        ),
        _api_dataset(
            "news",
            _("News"),
            _("News of both municipalities."),
            "GOVE",
            extra=(
                Distribution("RSS 2.0", RSS, "civic:news-rss"),
                Distribution("Atom", ATOM, "civic:news-atom"),
            ),
            tables=(feeds,),
        ),
        _api_dataset("services", _("Municipal services"), _("Administrative services of both municipalities."), "GOVE"),
        _api_dataset("documents", _("Documents"), _("Decisions, reports and forms, with their files."), "GOVE"),
        _api_dataset("projects", _("EU projects"), _("EU-funded projects of the municipalities."), "INTR", IRREGULAR),
        _api_dataset("albums", _("Albums"), _("Photo and video galleries."), "EDUC"),
        _api_dataset("photos", _("Photos"), _("Photos of published albums, with their resized copies."), "EDUC"),
        _api_dataset(
            "municipalities", _("Municipalities"), _("The two municipalities of the portal."), "REGI", IRREGULAR
        ),
        _api_dataset(
            "information-centres",
            _("Information centres"),
            _("The information centres of both municipalities."),
            "REGI",
            IRREGULAR,
        ),
    ]
