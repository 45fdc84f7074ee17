"""The read-only public API, ``/api/v1/``: one list and one item operation per content type.

Lists are paged by an opaque cursor in the order of the ids, which never
changes when an item is edited or translated. ``lang`` picks the language of
the texts and of the page addresses; ``sr-Latn`` is the Serbian text in Latin
letters, written by ``core.transliteration.to_latin`` as on the site.
Conditional requests, CORS and the rate limit are ``api.middleware``'s.
"""

import base64
import binascii
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

import django_filters
from django.http import HttpResponse
from django.utils import translation
from ninja import NinjaAPI, Path, Query, Schema
from ninja.errors import ValidationError
from ninja.openapi.schema import OpenAPISchema
from pydantic import Field, create_model

from api.licence import ATTRIBUTION, LICENCE, LICENCE_NAME, LICENCE_URL
from api.resources import RESOURCES, Context, OccurrenceItem, Resource, occurrence_row
from civic.filters import EventFilter
from civic.models import Event
from core.filters import FacetBooleanFilter, FacetFilter, MunicipalityFacet
from core.transliteration import to_latin
from search.filters import filter_matching

LANGUAGES = ("bg", "sr", "sr-Latn", "en")
# The language whose texts each API language reads, and the one its page addresses are in.
CONTENT_LANGUAGE = {"bg": "bg", "sr": "sr", "sr-Latn": "sr-latn", "en": "en"}
DEFAULT_LIMIT, MAX_LIMIT = 20, 100
MAX_ID = 2**31 - 1
MAX_QUERY = 200

DESCRIPTION = f"""Read-only open data of **Most**, the cross-border portal of Koprivshtitsa (Bulgaria)
and Medijana, Niš (Serbia): organisations, sights, routes, places to stay and eat, events, news,
municipal services, documents, EU projects, galleries and the cooperation board.

Only what the public site shows is published here. Every list takes the same filters as the
list on the site, `q` (full-text search in any script), `lang` (`bg`, `sr`, `sr-Latn`, `en`),
`limit` and `cursor` (from `next_cursor` of the previous page).

Responses carry `ETag` and `Last-Modified` (send `If-None-Match` or `If-Modified-Since` for a
`304`), allow any origin (CORS) and are limited per client: past the limit the answer is `429`
with `Retry-After`.

**Licence:** {LICENCE_NAME} ({LICENCE_URL}). Attribution: {ATTRIBUTION}."""


class Licence(Schema):
    name: str = Field(description="Name of the licence of the data.", examples=[LICENCE_NAME])
    url: str = Field(description="Address of the licence's text.", examples=[LICENCE_URL])
    attribution: str = Field(description="Whom to credit when reusing the data.", examples=[ATTRIBUTION])


class Problem(Schema):
    detail: str = Field(description="What went wrong, in the language asked for.", examples=["Not found."])
    errors: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Messages per query parameter.",
        examples=[{"municipality": ["Select a valid choice."]}],
    )


class PortalAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema["openapi"] = "3.1.0"
        schema["info"]["license"] = {"name": LICENCE_NAME, "url": LICENCE_URL}
        schema["info"]["contact"] = {"name": ATTRIBUTION}
        return schema


api = PortalAPI(
    title="Most open data API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def request_language(request) -> str:
    lang = request.GET.get("lang", "bg")
    return lang if lang in LANGUAGES else "bg"


@api.exception_handler(ValidationError)
def invalid_parameters(request, exc: ValidationError):
    """A parameter of the wrong type or out of range: 422, with a translated message on each such parameter."""
    lang = request_language(request)
    use_language(lang)
    message = translation.gettext("Enter a valid value.")
    errors = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "params")]
        errors.setdefault(location[0] if location else "request", []).append(message)
    return problem(message, lang, 422, errors)


# --- Query parameters ------------------------------------------------------------


def filter_parameter(name: str, each: django_filters.Filter):
    """The query parameter of one filter of a filter set: its type, its choices, its label as description."""
    label = str(each.label or name)
    if isinstance(each, FacetBooleanFilter):
        return bool | None, Field(None, description=f"{label}: true selects only those.")
    if isinstance(each, MunicipalityFacet):
        return Literal["koprivshtitsa", "medijana"] | None, Field(None, description=f"{label} (slug).")
    if isinstance(each, FacetFilter) and each.extra.get("choices") and not callable(each.extra["choices"]):
        values = tuple(str(value) for value, _label in each.extra["choices"])
        if values:
            return Literal[values] | None, Field(None, description=label)
    if isinstance(each, django_filters.DateFilter):
        return date | None, Field(None, description=label)
    return str | None, Field(None, description=label, max_length=MAX_QUERY)


def common_parameters() -> dict:
    return {
        "lang": (
            Literal[LANGUAGES],
            Field("bg", description="Language of the texts and page addresses; sr-Latn is Serbian in Latin letters."),
        ),
        "limit": (int, Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")),
        "cursor": (
            str | None,
            Field(None, max_length=100, description="Where the page starts: next_cursor of the previous page."),
        ),
    }


def query_model(resource: Resource):
    fields = common_parameters()
    if resource.filterset is not None:
        for name, each in resource.filterset.base_filters.items():
            if name not in resource.skip and name != "q":
                fields[name] = filter_parameter(name, each)
    fields["q"] = (str | None, Field(None, max_length=MAX_QUERY, description="Full-text search, in any script."))
    model_name = "".join(part.title() for part in resource.name.split("-")) + "Query"
    return create_model(model_name, **fields)


def page_model(resource: Resource, item=None):
    item = item or resource.schema
    name = item.__name__.removesuffix("Item") + "Page"
    return create_model(
        name,
        licence=(Licence, Field(description="Licence of the data and whom to credit.")),
        results=(list[item], Field(description="The items of this page.")),
        next_cursor=(str | None, Field(description="Cursor of the next page (null: this is the last).")),
        next=(str | None, Field(description="Address of the next page (null: this is the last).")),
    )


# --- Answers ---------------------------------------------------------------------


def encoded(value) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def latin(value):
    """Every text of a payload in Latin letters (sr-Latn)."""
    if isinstance(value, str):
        return to_latin(value)
    if isinstance(value, list):
        return [latin(each) for each in value]
    if isinstance(value, dict):
        return {key: latin(each) for key, each in value.items()}
    return value


def json_response(payload: dict, lang: str, status: int = 200) -> HttpResponse:
    if lang == "sr-Latn":
        payload = latin(payload)
    body = json.dumps(payload, ensure_ascii=False, default=encoded)
    response = HttpResponse(body, status=status, content_type="application/json")
    response["Content-Language"] = lang
    return response


def problem(detail: str, lang: str, status: int, errors: dict | None = None) -> HttpResponse:
    return json_response({"detail": detail, "errors": errors or {}}, lang, status)


def invalid(lang: str, name: str) -> HttpResponse:
    """422 for one parameter, with Django's translated "Enter a valid value." on it."""
    message = translation.gettext("Enter a valid value.")
    return problem(message, lang, 422, {name: [message]})


def use_language(lang: str) -> None:
    """Texts and addresses in ``lang`` for the rest of the request (the Latin middleware reads it too)."""
    translation.activate(CONTENT_LANGUAGE[lang])


def decode_cursor(cursor: str) -> int | None:
    try:
        value = base64.urlsafe_b64decode(cursor.encode() + b"=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeError, ValueError):
        return None
    kind, _sep, number = value.partition(":")
    return int(number) if kind == "id" and number.isdigit() and len(number) < 12 else None


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"id:{pk}".encode()).decode().rstrip("=")


def next_address(request, cursor: str) -> str:
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def filtered(resource: Resource, request, params: dict):
    """The resource's public rows narrowed by its filter set, as the HTML list narrows them; or the errors."""
    queryset = resource.queryset()
    if resource.filterset is not None:
        data = {
            name: ("on" if value is True else value.isoformat() if isinstance(value, date) else str(value))
            for name, value in params.items()
            if name in resource.filterset.base_filters and value not in (None, False, "")
        }
        filterset = resource.filterset(data, queryset=queryset, request=request)
        if not filterset.is_valid():
            return None, {name: [str(message) for message in messages] for name, messages in filterset.errors.items()}
        queryset = filterset.qs
    text = params.get("q")
    if text and "q" not in getattr(resource.filterset, "base_filters", {}):
        queryset = filter_matching(queryset, text)
    return queryset, None


def list_answer(resource: Resource, request, params: dict, row=None, rows=None) -> HttpResponse:
    lang = params["lang"]
    use_language(lang)
    if params.get("q") and "\x00" in params["q"]:
        return invalid(lang, "q")
    after = None
    if params.get("cursor"):
        after = decode_cursor(params["cursor"])
        if after is None:
            return invalid(lang, "cursor")
    queryset, errors = filtered(resource, request, params)
    if errors:
        return problem(translation.gettext("Enter a valid value."), lang, 422, errors)
    queryset = queryset.order_by("pk")
    if after is not None:
        queryset = queryset.filter(pk__gt=after)
    limit = params["limit"]
    items = list(queryset[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    ctx = Context(request)
    cursor = encode_cursor(items[-1].pk) if more else None
    return json_response(
        {
            "licence": LICENCE,
            "results": [(row or resource.row)(each, ctx) for each in items],
            "next_cursor": cursor,
            "next": next_address(request, cursor) if cursor else None,
        },
        lang,
    )


def item_answer(resource: Resource, request, pk: int, lang: str) -> HttpResponse:
    use_language(lang)
    obj = resource.queryset().filter(pk=pk).first()
    if obj is None:
        return problem(translation.gettext("Not found."), lang, 404)
    return json_response(resource.row(obj, Context(request)), lang)


class ItemQuery(Schema):
    lang: Literal[LANGUAGES] = Field("bg", description="Language of the texts and page addresses.")


ERRORS = {304: None, 422: Problem, 429: Problem}


def register(resource: Resource) -> None:
    query = query_model(resource)
    page = page_model(resource)

    def list_items(request, params: Query[query]):  # type: ignore[valid-type]
        return list_answer(resource, request, params.model_dump())

    def get_item(request, id: int = Path(..., ge=1, le=MAX_ID), params: Query[ItemQuery] = None):
        return item_answer(resource, request, id, params.lang if params else "bg")

    tag = resource.title
    api.get(
        f"/{resource.name}",
        response={200: page, **ERRORS},
        summary=f"List: {resource.title.lower()}",
        description=resource.description,
        operation_id=f"list_{resource.name.replace('-', '_')}",
        tags=[tag],
    )(list_items)
    api.get(
        f"/{resource.name}/{{id}}",
        response={200: resource.schema, 404: Problem, **ERRORS},
        summary=f"One of: {resource.title.lower()}",
        description=f"{resource.description} One item by its id.",
        operation_id=f"get_{resource.name.replace('-', '_')}",
        tags=[tag],
    )(get_item)


for each_resource in RESOURCES:
    register(each_resource)


# --- Occurrences of events ------------------------------------------------------------

EVENTS = next(each for each in RESOURCES if each.name == "events")


def occurrence_query_model():
    fields = common_parameters()
    for name, each in EventFilter.base_filters.items():
        fields[name] = filter_parameter(name, each)
    return create_model("OccurrencesQuery", **fields)


OccurrencesQuery = occurrence_query_model()


@api.get(
    "/occurrences",
    response={200: page_model(EVENTS, OccurrenceItem), **ERRORS},
    summary="List: dates of events",
    description="Every date of the published events, in time order: from now on for a year, "
    "or between date_from and date_to (the dates of the events list on the site).",
    operation_id="list_occurrences",
    tags=["Events"],
)
def list_occurrences(request, params: Query[OccurrencesQuery]):  # type: ignore[valid-type]
    values = params.model_dump()
    lang = values["lang"]
    use_language(lang)
    data = {
        name: (value.isoformat() if isinstance(value, date) else str(value))
        for name, value in values.items()
        if name in EventFilter.base_filters and value is not None
    }
    filterset = EventFilter(data, queryset=Event.objects.published().for_listing(), request=request)
    if not filterset.is_valid():
        errors = {name: [str(message) for message in messages] for name, messages in filterset.errors.items()}
        return problem(translation.gettext("Enter a valid value."), lang, 422, errors)
    start = 0
    if values.get("cursor"):
        start = decode_cursor(values["cursor"])
        if start is None:
            return invalid(lang, "cursor")
    limit = values["limit"]
    occurrences = list(filterset.occurrences()[start : start + limit + 1])
    more = len(occurrences) > limit
    ctx = Context(request)
    cursor = encode_cursor(start + limit) if more else None
    return json_response(
        {
            "licence": LICENCE,
            "results": [occurrence_row(each, ctx) for each in occurrences[:limit]],
            "next_cursor": cursor,
            "next": next_address(request, cursor) if cursor else None,
        },
        lang,
    )
