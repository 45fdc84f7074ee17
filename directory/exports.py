"""The directory as open data: the columns of the CSV and JSON downloads.

One list of columns serves both formats and the documentation
(docs/DIRECTORY.md). Text columns are in the language of the page the
download was started from; ``sr-latn`` gives the Serbian text in Latin letters.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_noop

from core.opendata import LICENCE
from directory.models import Organisation

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    """One column of the downloads; its description, type and example are the data page's (/data/)."""

    key: str
    description: str
    value: Callable[[Organisation], object]
    type: str
    example: str


COLUMNS = [
    Column(
        "slug",
        gettext_noop("Stable identifier of the entry in Most; also the last part of its address."),
        lambda o: o.slug,
        "text",
        "bozhura-ood",
    ),
    Column(
        "url",
        gettext_noop("Path of the entry's page in the language of the download."),
        lambda o: o.get_absolute_url(),
        "text",
        "/en/directory/bozhura-ood/",
    ),
    Column("name", gettext_noop("Name, in the language of the download."), lambda o: o.name, "text", "Bozhura Ltd"),
    Column("kind", gettext_noop("Kind of organisation: company, museum, ngo..."), lambda o: o.kind, "text", "company"),
    Column(
        "legal_form",
        gettext_noop("Legal form code (bg-ood, rs-doo...); empty when unknown."),
        lambda o: o.legal_form,
        "text",
        "bg-ood",
    ),
    Column(
        "municipality",
        gettext_noop("Municipality slug: koprivshtitsa or medijana."),
        lambda o: o.municipality.slug,
        "text",
        "koprivshtitsa",
    ),
    Column("country", gettext_noop("ISO 3166 country code: BG or RS."), lambda o: o.municipality.country, "text", "BG"),
    Column(
        "directions",
        gettext_noop("Direction slugs (CSV: separated by |; JSON: a list)."),
        lambda o: sorted(o.direction_slugs),
        "list of texts",
        "business|tourism",
    ),
    Column("eik", gettext_noop("Bulgarian EIK/BULSTAT (9 or 13 digits)."), lambda o: o.eik, "text", "123456789"),
    Column(
        "vat_number",
        gettext_noop("Bulgarian VAT number (BG and 9 or 10 digits)."),
        lambda o: o.vat_number,
        "text",
        "BG123456789",
    ),
    Column("pib", gettext_noop("Serbian PIB (9 digits)."), lambda o: o.pib, "text", "100123456"),
    Column("mb", gettext_noop("Serbian MB (8 digits)."), lambda o: o.mb, "text", "07654321"),
    Column(
        "nace_revision",
        gettext_noop("NACE revision of the two columns that follow: 2 or 2.1."),
        lambda o: o.nace_revision,
        "text",
        "2",
    ),
    Column("nace_section", gettext_noop("NACE section letter."), lambda o: o.nace_section, "text", "I"),
    Column("nace_division", gettext_noop("NACE division (two digits)."), lambda o: o.nace_division, "text", "55"),
    Column(
        "size_class",
        gettext_noop("EU SME size class: micro, small, medium or large."),
        lambda o: o.size_class,
        "text",
        "micro",
    ),
    Column("founded_year", gettext_noop("Year founded."), lambda o: o.founded_year, "integer", "1998"),
    Column(
        "street_address",
        gettext_noop("Street and number, in the language of the download."),
        lambda o: o.street_address,
        "text",
        "ul. Hadzhi Nencho Palaveev 12",
    ),
    Column(
        "settlement",
        gettext_noop("Town or village, in the language of the download."),
        lambda o: o.settlement,
        "text",
        "Koprivshtitsa",
    ),
    Column(
        "postal_code",
        gettext_noop("Postal code (4 digits in Bulgaria, 5 in Serbia)."),
        lambda o: o.postal_code,
        "text",
        "2077",
    ),
    Column(
        "latitude", gettext_noop("WGS 84 latitude, decimal degrees."), lambda o: o.latitude, "decimal number", "42.636"
    ),
    Column(
        "longitude",
        gettext_noop("WGS 84 longitude, decimal degrees."),
        lambda o: o.longitude,
        "decimal number",
        "24.358",
    ),
    Column(
        "phones",
        gettext_noop(
            "Phone numbers in E.164 form (CSV: separated by |, and written '+... since a leading + is neutralised)."
        ),
        lambda o: o.phones,
        "list of texts",
        "+35971842000",
    ),
    Column("email", gettext_noop("Email address."), lambda o: o.email, "text", "info@example.bg"),
    Column("website", gettext_noop("Website address."), lambda o: o.website, "text", "https://example.bg/"),
    Column(
        "social_links",
        gettext_noop("Social media addresses (CSV: separated by |; JSON: a list)."),
        lambda o: o.social_links,
        "list of texts",
        "https://www.facebook.com/example",
    ),
    Column(
        "languages",
        gettext_noop("ISO 639-1 codes of the languages spoken (CSV: separated by |; JSON: a list)."),
        lambda o: o.languages,
        "list of texts",
        "bg|en",
    ),
    Column(
        "open_to_cooperation",
        gettext_noop("true when open to cross-border cooperation."),
        lambda o: o.open_to_cooperation,
        "true or false",
        "true",
    ),
    Column(
        "cooperation_offers",
        gettext_noop("What it offers partners, in the language of the download."),
        lambda o: o.cooperation_offers,
        "text",
        "Guided tours in English",
    ),
    Column(
        "cooperation_seeks",
        gettext_noop("What it seeks from partners, in the language of the download."),
        lambda o: o.cooperation_seeks,
        "text",
        "A partner hotel in Niš",
    ),
    Column(
        "is_demo",
        gettext_noop("true for synthetic demonstration entries, which are not real organisations."),
        lambda o: o.is_demo,
        "true or false",
        "false",
    ),
    Column(
        "updated_at",
        gettext_noop("When the entry last changed (ISO 8601, UTC)."),
        lambda o: o.updated_at,
        "date and time",
        "2026-11-30T09:12:00+00:00",
    ),
]


def json_value(value):
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def csv_cell(value) -> str:
    """The cell text, with a leading ' before anything a spreadsheet would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        text = "|".join(str(item) for item in value)
    else:
        text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def json_record(organisation: Organisation) -> dict:
    return {column.key: json_value(column.value(organisation)) for column in COLUMNS}


# Rows written before a piece of the download is handed to the server: small enough to keep
# memory flat and send the first byte at once, large enough that the pieces are not tiny.
ROWS_PER_PIECE = 500


def csv_pieces(organisations: Iterable[Organisation]) -> Iterator[str]:
    """The CSV download in pieces of whole rows, the header first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.key for column in COLUMNS])
    for number, organisation in enumerate(organisations, start=1):
        writer.writerow([csv_cell(column.value(organisation)) for column in COLUMNS])
        if number % ROWS_PER_PIECE == 0:
            yield _taken(buffer)
    yield _taken(buffer)


def json_pieces(organisations: Iterable[Organisation]) -> Iterator[str]:
    """``{"licence": {...}, "results": [...], "count": n}`` in pieces of whole records; the count comes last."""
    yield '{"licence": ' + json.dumps(LICENCE, ensure_ascii=False) + ', "results": ['
    pieces = []
    count = 0
    for organisation in organisations:
        pieces.append(("," if count else "") + json.dumps(json_record(organisation), ensure_ascii=False))
        count += 1
        if len(pieces) == ROWS_PER_PIECE:
            yield "".join(pieces)
            pieces = []
    yield "".join(pieces) + f'], "count": {count}}}'


def _taken(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
