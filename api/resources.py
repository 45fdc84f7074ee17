"""What the API publishes: for each content type its public queryset, its filters and its fields.

Each resource reuses what the HTML list reads: the same queryset method
(``published()``, ``public()``) and the same ``core.filters.FacetedFilterSet``,
so that the API can show nothing the site does not, and a filter selects the
same items in both. Each field of the item schemas carries a description and
an example: they are the OpenAPI document and the documentation of the data.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop
from ninja import Field, Schema

from civic.filters import DocumentFilter, EventFilter, NewsFilter, ProjectFilter, ServiceFilter
from civic.models import Document, Event, MunicipalService, NewsArticle, Project
from cooperation.filters import OpportunityFilterSet
from cooperation.models import Opportunity
from core.filters import FacetedFilterSet
from core.models import InformationCentre, Municipality
from directory.filters import OrganisationFilterSet
from directory.models import Organisation
from media_library.filters import AlbumFilter
from media_library.models import Album, Photo
from tourism.filters import HospitalityFilterSet, RouteFilterSet, SightFilterSet
from tourism.models import HOSPITALITY, Route, Sight


def F(description: str, example=None, **kwargs):
    """A documented field: its description and one example, both in the OpenAPI document."""
    examples = [example] if example is not None else None
    return Field(..., description=description, examples=examples, **kwargs)


# --- Item schemas --------------------------------------------------------------


class Item(Schema):
    id: int = F(gettext_noop("Stable identifier of the item within its type; never reused."), 42)
    url: str = F(
        gettext_noop("Canonical address of the item's page on the portal, in the language asked for."),
        "https://most.example/en/tourism/sights/oslekov-house/",
    )


class MunicipalityItem(Item):
    slug: str = F(gettext_noop("Identifier used in addresses and filters."), "koprivshtitsa")
    name: str = F(gettext_noop("Name, in the language asked for."), "Koprivshtitsa")
    country: str = F(gettext_noop("ISO 3166-1 alpha-2 country code."), "BG")
    seat: str = F(gettext_noop("The town or city the municipality belongs to."), "Koprivshtitsa")
    region: str = F(gettext_noop("Region (oblast or okrug)."), "Sofia Province")
    summary: str = F(gettext_noop("One-paragraph description."), "A museum town in the Sredna Gora.")
    population: int | None = F(gettext_noop("Inhabitants at the last count (null: unknown)."), 2372)
    population_year: int | None = F(gettext_noop("Year of that count."), 2021)
    area_km2: float | None = F(gettext_noop("Area in square kilometres."), 93.8)
    latitude: float | None = F(gettext_noop("WGS 84 latitude of the seat, decimal degrees."), 42.636)
    longitude: float | None = F(gettext_noop("WGS 84 longitude of the seat, decimal degrees."), 24.358)
    website: str = F(gettext_noop("The municipality's own website (empty: none)."), "https://www.koprivshtitsa.bg/")


class InformationCentreItem(Item):
    municipality: str = F(gettext_noop("Slug of the municipality the centre belongs to."), "medijana")
    name: str = F(gettext_noop("Name, in the language asked for."), "Tourist information centre Medijana")
    address: str = F(gettext_noop("Postal address."), "Obrenovićeva 1, Niš")
    phone: str = F(gettext_noop("Phone number in E.164 form (empty: none)."), "+38118123456")
    email: str = F(gettext_noop("E-mail address (empty: none)."), "info@example.rs")
    opening_hours: str = F(gettext_noop("Opening hours as written by the centre."), "Mon–Fri 8:00–16:00")
    latitude: float | None = F(gettext_noop("WGS 84 latitude, decimal degrees."), 43.32)
    longitude: float | None = F(gettext_noop("WGS 84 longitude, decimal degrees."), 21.9)


class OrganisationItem(Item):
    slug: str = F(gettext_noop("Identifier used in the page's address."), "bozhura-ood")
    name: str = F(gettext_noop("Name, in the language asked for."), "Bozhura Ltd")
    kind: str = F(gettext_noop("Kind of organisation: company, museum, ngo, ..."), "company")
    municipality: str = F(gettext_noop("Slug of its municipality."), "koprivshtitsa")
    country: str = F(gettext_noop("ISO 3166-1 alpha-2 country code."), "BG")
    directions: list[str] = F(gettext_noop("Slugs of the portal's directions it belongs to."), ["tourism"])
    nace_section: str = F(gettext_noop("NACE section letter (empty: unknown)."), "I")
    nace_division: str = F(gettext_noop("NACE division, two digits (empty: unknown)."), "55")
    size_class: str = F(gettext_noop("EU SME size class: micro, small, medium or large (empty: unknown)."), "micro")
    settlement: str = F(gettext_noop("Town or village."), "Koprivshtitsa")
    street_address: str = F(gettext_noop("Street and number."), "ul. Hadzhi Nencho Palaveev 12")
    postal_code: str = F(gettext_noop("Postal code."), "2077")
    latitude: float | None = F(gettext_noop("WGS 84 latitude, decimal degrees."), 42.64)
    longitude: float | None = F(gettext_noop("WGS 84 longitude, decimal degrees."), 24.35)
    phones: list[str] = F(gettext_noop("Phone numbers in E.164 form."), ["+35971842000"])
    email: str = F(gettext_noop("E-mail address (empty: none)."), "info@example.bg")
    website: str = F(gettext_noop("Website (empty: none)."), "https://example.bg/")
    languages: list[str] = F(gettext_noop("ISO 639-1 codes of the languages spoken."), ["bg", "en"])
    price_range: str = F(gettext_noop("Price range of a place to stay or eat (empty: not given)."), "moderate")
    open_to_cooperation: bool = F(gettext_noop("Open to cross-border cooperation."), True)
    is_demo: bool = F(gettext_noop("A synthetic demonstration entry, not a real organisation."), False)
    updated_at: datetime = F(gettext_noop("When the entry last changed (ISO 8601)."), "2026-11-30T09:12:00+00:00")


class SightItem(Item):
    slug: str = F(gettext_noop("Identifier used in the page's address."), "oslekov-house")
    name: str = F(gettext_noop("Name, in the language asked for."), "Oslekov House")
    summary: str = F(gettext_noop("One-paragraph description."), "A house of 1856 with painted walls.")
    category: str = F(gettext_noop("Category: museum, church, monument, nature, ..."), "museum")
    municipality: str = F(gettext_noop("Slug of its municipality."), "koprivshtitsa")
    address: str = F(gettext_noop("Address."), "ul. Gereniloto 4")
    latitude: float | None = F(gettext_noop("WGS 84 latitude, decimal degrees."), 42.637)
    longitude: float | None = F(gettext_noop("WGS 84 longitude, decimal degrees."), 24.357)
    wheelchair_access: str = F(gettext_noop("Wheelchair access: yes, partial, no or unknown (empty)."), "partial")
    prices_note: str = F(gettext_noop("Admission, as written by the sight."), "5 EUR, children free")
    website: str = F(gettext_noop("Website (empty: none)."), "")
    published_at: datetime | None = F(gettext_noop("When it was published (ISO 8601)."), "2026-05-01T08:00:00+00:00")


class RouteItem(Item):
    slug: str = F(gettext_noop("Identifier used in the page's address."), "to-bogdan-peak")
    name: str = F(gettext_noop("Name, in the language asked for."), "To Bogdan peak")
    summary: str = F(gettext_noop("One-paragraph description."), "A day's walk to the highest peak of the Sredna Gora.")
    kind: str = F(gettext_noop("Kind of route: walking, cycling, ..."), "walking")
    difficulty: str = F(gettext_noop("Difficulty: easy, moderate or hard."), "moderate")
    municipality: str = F(gettext_noop("Slug of the municipality it starts in."), "koprivshtitsa")
    crosses_into: str | None = F(gettext_noop("Slug of a second municipality it crosses into (null: none)."), None)
    duration_minutes: int | None = F(gettext_noop("Walking or riding time in minutes."), 360)
    distance_m: int | None = F(gettext_noop("Length in metres."), 18200)
    elevation_gain_m: int | None = F(gettext_noop("Total ascent in metres."), 950)
    start_name: str = F(gettext_noop("Where it starts."), "Koprivshtitsa, main square")
    end_name: str = F(gettext_noop("Where it ends."), "Bogdan peak")
    gpx_url: str | None = F(
        gettext_noop("Address of the GPX track (null: no track)."), "https://most.example/media/routes/bogdan.gpx"
    )
    published_at: datetime | None = F(gettext_noop("When it was published (ISO 8601)."), "2026-05-01T08:00:00+00:00")


class OccurrenceItem(Schema):
    event_id: int = F(gettext_noop("Identifier of the event (see /events)."), 12)
    url: str = F(
        gettext_noop("Canonical address of the event's page."), "https://most.example/en/events/folk-festival/"
    )
    title: str = F(gettext_noop("The event's title, in the language asked for."), "Folk festival")
    starts_at: datetime = F(
        gettext_noop("Start, in the place's time with its UTC offset (ISO 8601)."), "2026-08-14T18:00:00+03:00"
    )
    ends_at: datetime = F(
        gettext_noop("End, in the place's time with its UTC offset (ISO 8601)."), "2026-08-14T22:00:00+03:00"
    )
    municipality: str = F(gettext_noop("Slug of the municipality it takes place in."), "koprivshtitsa")


class EventItem(Item):
    slug: str = F(gettext_noop("Identifier used in the page's address."), "folk-festival")
    title: str = F(gettext_noop("Title, in the language asked for."), "Folk festival")
    summary: str = F(gettext_noop("One-paragraph description."), "Three days of songs and dances.")
    category: str = F(gettext_noop("Category: music, exhibition, festival, ..."), "festival")
    municipality: str = F(gettext_noop("Slug of the municipality it takes place in."), "koprivshtitsa")
    direction: str | None = F(gettext_noop("Slug of the portal's direction (null: none)."), "culture")
    starts_at: datetime = F(
        gettext_noop("Start of the first date, in the place's time with offset."), "2026-08-14T18:00:00+03:00"
    )
    ends_at: datetime = F(
        gettext_noop("End of the first date, in the place's time with offset."), "2026-08-14T22:00:00+03:00"
    )
    time_zone: str = F(gettext_noop("IANA time zone of the place."), "Europe/Sofia")
    recurrence_rule: str = F(
        gettext_noop("RFC 5545 RRULE for a series (empty: a single event)."), "FREQ=WEEKLY;BYDAY=SA"
    )
    venue_name: str = F(gettext_noop("Venue."), "Town square")
    venue_address: str = F(gettext_noop("Venue's address."), "Koprivshtitsa")
    is_free: bool = F(gettext_noop("Free admission."), False)
    price: float | None = F(gettext_noop("Price of admission (null: free or not given)."), 10.0)
    currency: str = F(gettext_noop("ISO 4217 currency of the price: EUR or RSD (empty: none)."), "EUR")
    ical_url: str = F(
        gettext_noop("Address of the event's iCalendar file."), "https://most.example/en/events/folk-festival/ical/"
    )
    published_at: datetime | None = F(gettext_noop("When it was published (ISO 8601)."), "2026-05-01T08:00:00+00:00")


class NewsItem(Item):
    slug: str = F(gettext_noop("Identifier used in the page's address."), "new-bus-line")
    title: str = F(gettext_noop("Headline, in the language asked for."), "A new bus line to Niš")
    lead: str = F(gettext_noop("The opening paragraph."), "From Monday, line 12 runs every hour.")
    municipality: str | None = F(gettext_noop("Slug of the municipality that published it (null: both)."), "medijana")
    direction: str | None = F(gettext_noop("Slug of the portal's direction (null: none)."), "administration")
    image_url: str | None = F(gettext_noop("Address of the article's picture (null: none)."), None)
    image_alt: str = F(gettext_noop("What the picture shows."), "")
    published_at: datetime | None = F(gettext_noop("When it was published (ISO 8601)."), "2026-05-01T08:00:00+00:00")


class ServiceItem(Item):
    slug: str = F(gettext_noop("Identifier used in the page's address."), "birth-certificate")
    title: str = F(gettext_noop("Name of the service, in the language asked for."), "Birth certificate")
    summary: str = F(gettext_noop("What the service is."), "A certificate of birth from the civil register.")
    municipality: str = F(gettext_noop("Slug of the municipality offering it."), "koprivshtitsa")
    life_situations: list[str] = F(gettext_noop("Slugs of the life situations it belongs to."), ["birth"])
    is_free: bool = F(gettext_noop("Free of charge."), False)
    fee: float | None = F(gettext_noop("Fee (null: free or not given)."), 5.0)
    fee_currency: str = F(gettext_noop("ISO 4217 currency of the fee."), "EUR")
    processing_time: str = F(gettext_noop("How long it takes."), "Same day")
    online_url: str = F(gettext_noop("Where to apply online (empty: not online)."), "")
    published_at: datetime | None = F(gettext_noop("When it was published (ISO 8601)."), "2026-05-01T08:00:00+00:00")


class DocumentItem(Item):
    slug: str = F(gettext_noop("Identifier used in the page's address."), "budget-2026")
    title: str = F(gettext_noop("Title, in the language asked for."), "Budget 2026")
    description: str = F(gettext_noop("What the document is."), "The municipal budget adopted by the council.")
    kind: str = F(gettext_noop("Kind: decision, report, form, ..."), "report")
    municipality: str | None = F(gettext_noop("Slug of the municipality that published it (null: both)."), "medijana")
    language: str = F(gettext_noop("Language of the file."), "sr")
    file_url: str = F(gettext_noop("Address of the file."), "https://most.example/media/documents/budget-2026.pdf")
    file_format: str = F(gettext_noop("File format."), "pdf")
    file_size: int | None = F(gettext_noop("Size of the file in bytes."), 182044)
    document_date: date | None = F(gettext_noop("Date of the document."), "2026-01-15")
    published_at: datetime | None = F(gettext_noop("When it was published (ISO 8601)."), "2026-05-01T08:00:00+00:00")


class ProjectItem(Item):
    slug: str = F(gettext_noop("Identifier used in the page's address."), "heritage-trails")
    title: str = F(gettext_noop("Title, in the language asked for."), "Heritage trails across the border")
    acronym: str = F(gettext_noop("Acronym."), "HERITRAIL")
    code: str = F(gettext_noop("Programme's project code."), "CB007.2.11.123")
    programme: str = F(gettext_noop("Funding programme."), "Interreg VI-A IPA Bulgaria–Serbia")
    municipalities: list[str] = F(gettext_noop("Slugs of the partner municipalities."), ["koprivshtitsa", "medijana"])
    starts_on: date | None = F(gettext_noop("First day."), "2024-03-01")
    ends_on: date | None = F(gettext_noop("Last day."), "2026-02-28")
    total_budget: float | None = F(gettext_noop("Total budget in EUR."), 540000.0)
    eu_cofinancing_rate: float | None = F(gettext_noop("EU co-financing rate in percent."), 85.0)
    summary: str = F(gettext_noop("One-paragraph description."), "Marked trails and guides in both municipalities.")
    website: str = F(gettext_noop("Project website (empty: none)."), "")
    published_at: datetime | None = F(gettext_noop("When it was published (ISO 8601)."), "2026-05-01T08:00:00+00:00")


class AlbumItem(Item):
    slug: str = F(gettext_noop("Identifier used in the page's address."), "festival-2026")
    title: str = F(gettext_noop("Title, in the language asked for."), "Folk festival 2026")
    description: str = F(gettext_noop("What the album shows."), "")
    municipality: str | None = F(gettext_noop("Slug of its municipality (null: both)."), "koprivshtitsa")
    direction: str | None = F(gettext_noop("Slug of the portal's direction (null: none)."), "culture")
    date: dt.date | None = F(gettext_noop("Date of the album."), "2026-08-15")
    photo_count: int = F(gettext_noop("Number of photos (see /photos?album=id)."), 24)
    published_at: datetime | None = F(gettext_noop("When it was published (ISO 8601)."), "2026-05-01T08:00:00+00:00")


class Rendition(Schema):
    width: int = F(gettext_noop("Width in pixels."), 1600)
    height: int = F(gettext_noop("Height in pixels."), 1067)
    webp: str = F(gettext_noop("Address of the WebP file."), "https://most.example/media/photos/x-1600.webp")
    fallback: str = F(gettext_noop("Address of the JPEG or PNG file."), "https://most.example/media/photos/x-1600.jpg")


class PhotoItem(Item):
    album_id: int = F(gettext_noop("Identifier of the album (see /albums)."), 3)
    alt_text: str = F(
        gettext_noop("What the photo shows, in the language asked for."), "Dancers in costume on the square"
    )
    caption: str = F(gettext_noop("Caption."), "")
    credit: str = F(gettext_noop("Photographer or source."), "Illustration")
    licence: str = F(
        gettext_noop("Licence of the photo itself: cc-by-4.0, cc-by-sa-4.0, cc0-1.0 or all-rights-reserved."),
        "cc-by-4.0",
    )
    licence_url: str = F(
        gettext_noop("Address of that licence (empty: all rights reserved)."),
        "https://creativecommons.org/licenses/by/4.0/",
    )
    width: int = F(gettext_noop("Width of the original in pixels."), 4000)
    height: int = F(gettext_noop("Height of the original in pixels."), 2667)
    renditions: list[Rendition] = F(gettext_noop("Resized copies, widest first."), None)


class OpportunityItem(Item):
    title: str = F(gettext_noop("Title, as the company wrote it."), "Partner sought for a cheese dairy")
    description: str = F(gettext_noop("Text, as the company wrote it."), "We look for a dairy across the border.")
    kind: str = F(gettext_noop("offer or request."), "request")
    cooperation_type: str = F(gettext_noop("Kind of cooperation sought: supply, joint-project, ..."), "supply")
    language: str = F(gettext_noop("Language the text is written in."), "bg")
    languages: list[str] = F(gettext_noop("ISO 639-1 codes of the working languages."), ["bg", "en"])
    nace_section: str = F(gettext_noop("NACE section letter."), "C")
    seeks: str = F(gettext_noop("Side of the border partners are sought in."), "RS")
    organisation_id: int = F(gettext_noop("Identifier of the posting organisation (see /organisations)."), 311)
    organisation: str = F(gettext_noop("Name of the posting organisation."), "Bozhura Ltd")
    municipality: str = F(gettext_noop("Slug of the organisation's municipality."), "koprivshtitsa")
    expires_on: date | None = F(gettext_noop("Last day it is shown."), "2027-03-01")
    published_at: datetime | None = F(gettext_noop("When it was published (ISO 8601)."), "2026-05-01T08:00:00+00:00")


# --- Serialisation ---------------------------------------------------------------


@dataclass
class Context:
    """What turning a row into JSON needs: the request (absolute addresses) and the language."""

    request: object

    def absolute(self, path: str | None) -> str | None:
        return self.request.build_absolute_uri(path) if path else None

    def file(self, field) -> str | None:
        return self.absolute(field.url) if field else None


def number(value) -> float | None:
    return float(value) if isinstance(value, Decimal) else value


def slug_of(related) -> str | None:
    return related.slug if related is not None else None


def base(obj: Model, ctx: Context) -> dict:
    return {"id": obj.pk, "url": ctx.absolute(obj.get_absolute_url())}


def municipality_row(m: Municipality, ctx: Context) -> dict:
    return base(m, ctx) | {
        "slug": m.slug,
        "name": m.name,
        "country": m.country,
        "seat": m.seat,
        "region": m.region,
        "summary": m.summary,
        "population": m.population,
        "population_year": m.population_year,
        "area_km2": number(m.area_km2),
        "latitude": number(m.latitude),
        "longitude": number(m.longitude),
        "website": m.website,
    }


def centre_row(c: InformationCentre, ctx: Context) -> dict:
    return base(c, ctx) | {
        "municipality": c.municipality.slug,
        "name": c.name,
        "address": c.address,
        "phone": c.phone,
        "email": c.email,
        "opening_hours": c.opening_hours,
        "latitude": number(c.latitude),
        "longitude": number(c.longitude),
    }


def organisation_row(o: Organisation, ctx: Context) -> dict:
    return base(o, ctx) | {
        "slug": o.slug,
        "name": o.name,
        "kind": o.kind,
        "municipality": o.municipality.slug,
        "country": o.municipality.country,
        "directions": sorted(o.direction_slugs),
        "nace_section": o.nace_section,
        "nace_division": o.nace_division,
        "size_class": o.size_class,
        "settlement": o.settlement,
        "street_address": o.street_address,
        "postal_code": o.postal_code,
        "latitude": number(o.latitude),
        "longitude": number(o.longitude),
        "phones": list(o.phones or []),
        "email": o.email,
        "website": o.website,
        "languages": list(o.languages or []),
        "price_range": o.price_range,
        "open_to_cooperation": o.open_to_cooperation,
        "is_demo": o.is_demo,
        "updated_at": o.updated_at,
    }


def sight_row(s: Sight, ctx: Context) -> dict:
    return base(s, ctx) | {
        "slug": s.slug,
        "name": s.name,
        "summary": s.summary,
        "category": s.category,
        "municipality": s.municipality.slug,
        "address": s.address,
        "latitude": number(s.latitude),
        "longitude": number(s.longitude),
        "wheelchair_access": s.wheelchair_access,
        "prices_note": s.prices_note,
        "website": s.website,
        "published_at": s.published_at,
    }


def route_row(r: Route, ctx: Context) -> dict:
    return base(r, ctx) | {
        "slug": r.slug,
        "name": r.name,
        "summary": r.summary,
        "kind": r.kind,
        "difficulty": r.difficulty,
        "municipality": r.municipality.slug,
        "crosses_into": slug_of(r.crosses_into),
        "duration_minutes": r.duration_minutes,
        "distance_m": r.distance_m,
        "elevation_gain_m": r.elevation_gain_m,
        "start_name": r.start_name,
        "end_name": r.end_name,
        "gpx_url": ctx.file(r.gpx_file),
        "published_at": r.published_at,
    }


def event_row(e: Event, ctx: Context) -> dict:
    return base(e, ctx) | {
        "slug": e.slug,
        "title": e.title,
        "summary": e.summary,
        "category": e.category,
        "municipality": e.municipality.slug,
        "direction": slug_of(e.direction),
        "starts_at": e.local_starts_at,
        "ends_at": e.local_ends_at,
        "time_zone": e.time_zone,
        "recurrence_rule": e.recurrence_rule,
        "venue_name": e.venue_name,
        "venue_address": e.venue_address,
        "is_free": e.is_free,
        "price": number(e.price),
        "currency": e.currency or "",
        "ical_url": ctx.absolute(e.get_ical_url()),
        "published_at": e.published_at,
    }


def occurrence_row(o, ctx: Context) -> dict:
    return {
        "event_id": o.event.pk,
        "url": ctx.absolute(o.get_absolute_url()),
        "title": o.event.title,
        "starts_at": o.local_starts_at,
        "ends_at": o.local_ends_at,
        "municipality": o.event.municipality.slug,
    }


def news_row(n: NewsArticle, ctx: Context) -> dict:
    return base(n, ctx) | {
        "slug": n.slug,
        "title": n.title,
        "lead": n.lead,
        "municipality": slug_of(n.municipality),
        "direction": slug_of(n.direction),
        "image_url": ctx.file(n.image),
        "image_alt": n.image_alt,
        "published_at": n.published_at,
    }


def service_row(s: MunicipalService, ctx: Context) -> dict:
    return base(s, ctx) | {
        "slug": s.slug,
        "title": s.title,
        "summary": s.summary,
        "municipality": s.municipality.slug,
        "life_situations": sorted(each.slug for each in s.life_situations.all()),
        "is_free": s.is_free,
        "fee": number(s.fee),
        "fee_currency": s.fee_currency or "",
        "processing_time": s.processing_time,
        "online_url": s.online_url,
        "published_at": s.published_at,
    }


def document_row(d: Document, ctx: Context) -> dict:
    return base(d, ctx) | {
        "slug": d.slug,
        "title": d.title,
        "description": d.description,
        "kind": d.kind,
        "municipality": slug_of(d.municipality),
        "language": d.language,
        "file_url": ctx.file(d.file) or "",
        "file_format": d.file_format,
        "file_size": d.file_size,
        "document_date": d.document_date,
        "published_at": d.published_at,
    }


def project_row(p: Project, ctx: Context) -> dict:
    return base(p, ctx) | {
        "slug": p.slug,
        "title": p.title,
        "acronym": p.acronym,
        "code": p.code,
        "programme": p.programme.name if p.programme_id else "",
        "municipalities": sorted(m.slug for m in p.municipalities.all()),
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "total_budget": number(p.total_budget),
        "eu_cofinancing_rate": number(p.eu_cofinancing_rate),
        "summary": p.summary,
        "website": p.website,
        "published_at": p.published_at,
    }


def album_row(a: Album, ctx: Context) -> dict:
    return base(a, ctx) | {
        "slug": a.slug,
        "title": a.title,
        "description": a.description,
        "municipality": slug_of(a.municipality),
        "direction": slug_of(a.direction),
        "date": a.date,
        "photo_count": a.photo_count,
        "published_at": a.published_at,
    }


def photo_row(p: Photo, ctx: Context) -> dict:
    return base(p, ctx) | {
        "album_id": p.album_id,
        "alt_text": p.alt_text,
        "caption": p.caption,
        "credit": p.credit,
        "licence": p.licence,
        "licence_url": p.licence_url,
        "width": p.width,
        "height": p.height,
        "renditions": [
            {
                "width": entry["width"],
                "height": entry["height"],
                "webp": ctx.file(_Stored(entry["webp"])),
                "fallback": ctx.file(_Stored(entry["fallback"])),
            }
            for entry in p.renditions
        ],
    }


class _Stored:
    """A stored file's name, with its address as a FieldFile has it."""

    def __init__(self, name: str):
        self.name = name

    @property
    def url(self) -> str:
        from django.core.files.storage import default_storage

        return default_storage.url(self.name)


def opportunity_row(o: Opportunity, ctx: Context) -> dict:
    return base(o, ctx) | {
        "title": o.title,
        "description": o.description,
        "kind": o.kind,
        "cooperation_type": o.cooperation_type,
        "language": o.language,
        "languages": list(o.languages or []),
        "nace_section": o.nace_section,
        "seeks": o.seeks,
        "organisation_id": o.organisation_id,
        "organisation": o.organisation.name,
        "municipality": o.organisation.municipality.slug,
        "expires_on": o.expires_on,
        "published_at": o.published_at,
    }


# --- The resources ------------------------------------------------------------------


@dataclass(frozen=True)
class Resource:
    """One content type of the API: ``/api/v1/<name>`` and ``/api/v1/<name>/{id}``."""

    name: str
    title: str
    description: str
    schema: type[Schema]
    queryset: Callable[[], QuerySet]
    row: Callable[[Model, Context], dict]
    filterset: type[FacetedFilterSet] | None = None
    # Filters of the filter set that the API leaves out (orderings, the event dates of /events).
    skip: tuple[str, ...] = ()
    extra: dict = field(default_factory=dict)


def photos() -> QuerySet:
    return Photo.objects.ready().filter(album__in=Album.objects.published()).select_related("album")


RESOURCES = [
    Resource(
        "municipalities",
        "Municipalities",
        "The two municipalities of the portal.",
        MunicipalityItem,
        lambda: Municipality.objects.all(),
        municipality_row,
    ),
    Resource(
        "information-centres",
        "Information centres",
        "The information centres of both municipalities.",
        InformationCentreItem,
        lambda: InformationCentre.objects.select_related("municipality"),
        centre_row,
    ),
    Resource(
        "organisations",
        "Organisations",
        "Companies and institutions of the joint directory (published entries only).",
        OrganisationItem,
        lambda: Organisation.objects.published().for_listing().for_export(),
        organisation_row,
        OrganisationFilterSet,
        skip=("sort",),
    ),
    Resource(
        "sights",
        "Sights",
        "Sights of both municipalities.",
        SightItem,
        lambda: Sight.objects.published().for_listing(),
        sight_row,
        SightFilterSet,
    ),
    Resource(
        "routes",
        "Routes",
        "Walking and cycling routes, with their GPX tracks.",
        RouteItem,
        lambda: Route.objects.published().for_listing().select_related("crosses_into"),
        route_row,
        RouteFilterSet,
    ),
    Resource(
        "stay-and-eat",
        "Places to stay and eat",
        "Accommodation and food from the directory.",
        OrganisationItem,
        lambda: Organisation.objects.published().for_listing().for_export().filter(HOSPITALITY),
        organisation_row,
        HospitalityFilterSet,
    ),
    Resource(
        "events",
        "Events",
        "Published events (single events and series); their dates are at /occurrences.",
        EventItem,
        lambda: Event.objects.published().for_listing(),
        event_row,
        EventFilter,
        skip=("date_from", "date_to"),
    ),
    Resource(
        "news",
        "News",
        "News of both municipalities.",
        NewsItem,
        lambda: NewsArticle.objects.published().for_listing(),
        news_row,
        NewsFilter,
    ),
    Resource(
        "services",
        "Municipal services",
        "Administrative services of both municipalities.",
        ServiceItem,
        lambda: MunicipalService.objects.published().for_listing(),
        service_row,
        ServiceFilter,
    ),
    Resource(
        "documents",
        "Documents",
        "The documents library: decisions, reports, forms.",
        DocumentItem,
        lambda: Document.objects.published().for_listing(),
        document_row,
        DocumentFilter,
    ),
    Resource(
        "projects",
        "EU projects",
        "EU-funded projects of the municipalities.",
        ProjectItem,
        lambda: (
            Project.objects.published().for_listing().select_related("programme").prefetch_related("municipalities")
        ),
        project_row,
        ProjectFilter,
    ),
    Resource(
        "albums",
        "Albums",
        "Photo and video galleries (published albums only).",
        AlbumItem,
        lambda: Album.objects.published().for_listing(),
        album_row,
        AlbumFilter,
    ),
    Resource(
        "photos",
        "Photos",
        "Photos of published albums, with the addresses of their resized copies.",
        PhotoItem,
        photos,
        photo_row,
    ),
    Resource(
        "opportunities",
        "Cooperation offers and requests",
        "The cross-border cooperation board: approved, unexpired items of published companies.",
        OpportunityItem,
        lambda: Opportunity.objects.public().for_listing(),
        opportunity_row,
        OpportunityFilterSet,
    ),
]

BY_NAME = {resource.name: resource for resource in RESOURCES}


def now():
    return timezone.now()
