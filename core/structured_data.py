"""schema.org JSON-LD for the detail pages: one safe writer, one view mixin, the shapes the apps share.

Each detail view says what its page is in ``structured_data(obj, url=...)`` (a dict of
schema.org terms); ``StructuredDataMixin`` writes it into the context as ``json_ld``,
and ``base.html`` puts it in the page's head. Only what is public and known is
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
