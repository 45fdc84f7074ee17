"""The board as open data: one JSON record per public item, in the language of the request.

Only what the board shows is exported: no address, phone or email of anybody.
``sr-latn`` gives the Serbian text in Latin letters (the Latin middleware
transliterates the whole response). One list of fields makes the records and
documents them on the data page (/data/).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from cooperation.models import Opportunity


@dataclass(frozen=True)
class Column:
    """One field of the JSON records: its description, type and example are the data page's."""

    key: str
    description: str
    value: Callable[[Opportunity, object], object]
    type: str
    example: str


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


COLUMNS = [
    Column("id", gettext_noop("Stable identifier of the item."), lambda o, r: o.pk, "integer", "57"),
    Column(
        "url",
        gettext_noop("Address of the item's page, in the language of the download."),
        lambda o, r: _absolute(r, o.get_absolute_url()),
        "text",
        "https://most.example/en/cooperation/57/",
    ),
    Column("kind", gettext_noop("offer or request."), lambda o, r: o.kind, "text", "request"),
    Column("type", gettext_noop("Kind of cooperation sought."), lambda o, r: o.cooperation_type, "text", "supply"),
    Column("title", gettext_noop("Title, as the company wrote it."), lambda o, r: o.title, "text", "Partner sought"),
    Column(
        "description",
        gettext_noop("Text, as the company wrote it."),
        lambda o, r: o.description,
        "text",
        "We look for a dairy across the border.",
    ),
    Column("written_in", gettext_noop("Language the text is written in."), lambda o, r: o.language, "text", "bg"),
    Column(
        "nace_revision", gettext_noop("NACE revision of the two fields that follow."), lambda o, r: "2", "text", "2"
    ),
    Column("nace_section", gettext_noop("NACE section letter."), lambda o, r: o.nace_section, "text", "C"),
    Column("nace_division", gettext_noop("NACE division (two digits)."), lambda o, r: o.nace_division, "text", "10"),
    Column(
        "sector",
        gettext_noop("Name of the sector, in the language of the download."),
        lambda o, r: str(o.sector_label),
        "text",
        "Manufacturing",
    ),
    Column(
        "partners_sought_in",
        gettext_noop("Where partners are sought: BG, RS or any (either side)."),
        lambda o, r: o.seeks,
        "text",
        "RS",
    ),
    Column(
        "languages",
        gettext_noop("ISO 639-1 codes of the working languages."),
        lambda o, r: o.languages,
        "list of texts",
        "bg|en",
    ),
    Column(
        "company", gettext_noop("Name of the posting company."), lambda o, r: o.organisation.name, "text", "Bozhura Ltd"
    ),
    Column(
        "company_url",
        gettext_noop("Address of the company's page."),
        lambda o, r: _absolute(r, o.organisation.get_absolute_url()),
        "text",
        "https://most.example/en/directory/bozhura-ood/",
    ),
    Column(
        "municipality",
        gettext_noop("Municipality slug: koprivshtitsa or medijana."),
        lambda o, r: o.organisation.municipality.slug,
        "text",
        "koprivshtitsa",
    ),
    Column(
        "country",
        gettext_noop("ISO 3166 country code: BG or RS."),
        lambda o, r: o.organisation.municipality.country,
        "text",
        "BG",
    ),
    Column(
        "published_at",
        gettext_noop("When it was published (ISO 8601)."),
        lambda o, r: o.published_at.isoformat() if o.published_at else None,
        "date and time",
        "2026-05-01T08:00:00+00:00",
    ),
    Column(
        "expires_on", gettext_noop("Last day it is shown."), lambda o, r: o.expires_on.isoformat(), "date", "2027-03-01"
    ),
    Column(
        "is_demo",
        gettext_noop("true for synthetic demonstration entries, which are not real organisations."),
        lambda o, r: o.organisation.is_demo,
        "true or false",
        "false",
    ),
]


def json_record(opportunity: Opportunity, *, request) -> dict:
    return {column.key: column.value(opportunity, request) for column in COLUMNS}
