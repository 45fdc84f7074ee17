"""schema.org JSON-LD for every page type: one safe writer, two view mixins, the shapes the apps share.

Each detail view says what its page is in ``structured_data(obj, url=...)`` (a dict of
schema.org terms); ``StructuredDataMixin`` writes it into the context as ``json_ld``,
and ``base.html`` puts it in the page's head. Each list page is a ``CollectionPage``
whose ``ItemList`` names the rows of the page shown (``CollectionStructuredDataMixin``,
part of every ``core.views.FilteredListView``), from the rows the page reads anyway. Only what is public and known is
written: an empty value is left out rather than sent empty. The terms are checked
against the schema.org vocabulary itself (tests/portal/test_structured_data.py).
"""

import json
from decimal import Decimal

# Characters that could end a <script> element or open a comment inside it.
SCRIPT_ESCAPES = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})
SCHEMA = "https://schema.org/"


def to_script(data: dict) -> str:
    """JSON for a ``<script type="application/ld+json">``: letters kept (sr-latn pages transliterate
    them), nothing that could close the element."""
    return json.dumps(data, ensure_ascii=False, default=_number).translate(SCRIPT_ESCAPES)


def _number(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def known(**values) -> dict:
    """The values that are known: empty strings, lists and None left out."""
    return {key: value for key, value in values.items() if value not in (None, "", [], {})}


def thing(schema_type: str, *, url: str, **values) -> dict:
    return {"@context": "https://schema.org", "@type": schema_type, "@id": url, "url": url, **known(**values)}


def postal_address(municipality, *, street: str = "", locality: str = "", postal_code: str = "") -> dict:
    """A PostalAddress in ``municipality``; the town is its seat unless given."""
    return {
        "@type": "PostalAddress",
        **known(
            streetAddress=street,
            addressLocality=locality or municipality.seat,
            postalCode=postal_code,
            addressRegion=municipality.region,
        ),
        "addressCountry": municipality.country,
    }


def geo(latitude, longitude) -> dict | None:
    if latitude is None or longitude is None:
        return None
    return {"@type": "GeoCoordinates", "latitude": float(latitude), "longitude": float(longitude)}


def area(municipality) -> dict:
    """The municipality as the area a thing belongs to or serves."""
    return {"@type": "AdministrativeArea", "name": municipality.name, "address": postal_address(municipality)}


def authority(municipality) -> dict:
    """The municipality as the organisation that publishes or provides."""
    return {
        "@type": "GovernmentOrganization",
        **known(name=municipality.name, url=municipality.website),
        "address": postal_address(municipality),
    }


def both_municipalities(names: list[str]) -> dict:
    return {"@type": "Organization", "name": " · ".join(names)}


class StructuredDataMixin:
    """A detail view whose page carries schema.org JSON-LD: ``structured_data`` says what it is."""

    def structured_data(self, obj, *, url: str) -> dict:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        url = self.request.build_absolute_uri(self.object.get_absolute_url())
        data = self.structured_data(self.object, url=url, **self.structured_data_extra(context))
        context["json_ld"] = to_script(data)
        return context

    def structured_data_extra(self, context) -> dict:
        """What else from the context the structured data needs (the occurrence shown, ...)."""
        return {}


def collection_page(*, url: str, items: list[dict], total: int | None = None, kind: str = "CollectionPage") -> dict:
    """A list page: a CollectionPage (or ``kind``) whose main entity is the ItemList of ``items`` (``list_item``s)."""
    item_list = {"@type": "ItemList", **known(numberOfItems=total), "itemListElement": items}
    return thing(kind, url=url, mainEntity=item_list)


def list_item(*, position: int, url: str, name: str = "") -> dict:
    """One row of a list, as Google's summary lists want it: its place in the list and its own page."""
    return {"@type": "ListItem", "position": position, "url": url, **known(name=name)}


class CollectionStructuredDataMixin:
    """A list view whose page carries a schema.org CollectionPage of the rows it shows.

    It walks the page's rows, which the template walks too (the same evaluated
    queryset or list): no query of its own. A row stands for the thing whose page
    it links to (``structured_data_item``: an event's occurrence for the event);
    a thing listed twice on one page is named once. Positions are in the whole
    list (page 2 of 24 starts at 25); a keyset page past the numbered ones, whose
    place is not counted, starts at 1.
    """

    # The kind of web page: a list is a CollectionPage; the contact page, a ContactPage listing the centres.
    structured_data_type = "CollectionPage"

    def structured_data_item(self, row):
        return row

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context.get("page_obj")
        start = page.start_index() if page is not None and getattr(page, "number", None) else 1
        rows = page.object_list if page is not None else context["object_list"]
        items, seen = [], set()
        for row in rows:
            thing_shown = self.structured_data_item(row)
            url = self.request.build_absolute_uri(thing_shown.get_absolute_url())
            if url in seen:
                continue
            seen.add(url)
            items.append(list_item(position=start + len(items), url=url, name=str(thing_shown)))
        # Every row the list selects, over all its pages: the number the page itself shows, counted once.
        paginator = context.get("paginator")
        if paginator is None:
            total = len(items)
        else:
            total = paginator.count if getattr(paginator, "total", None) is None else paginator.total
        url = self.request.build_absolute_uri()
        data = collection_page(url=url, items=items, total=total, kind=self.structured_data_type)
        context["json_ld"] = to_script(data)
        return context
