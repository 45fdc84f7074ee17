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

from core.opendata import LICENCE
from directory.models import Organisation

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    description: str
    value: Callable[[Organisation], object]


COLUMNS = [
    Column("slug", "Stable identifier of the entry in Most; also the last part of its address.", lambda o: o.slug),
    Column("url", "Path of the entry's page in the language of the download.", lambda o: o.get_absolute_url()),
    Column("name", "Name, in the language of the download.", lambda o: o.name),
    Column("kind", "Kind of organisation: company, museum, ngo...", lambda o: o.kind),
    Column("legal_form", "Legal form code (bg-ood, rs-doo...); empty when unknown.", lambda o: o.legal_form),
    Column("municipality", "Municipality slug: koprivshtitsa or medijana.", lambda o: o.municipality.slug),
    Column("country", "ISO 3166 country code: BG or RS.", lambda o: o.municipality.country),
    Column("directions", "Direction slugs (CSV: separated by |; JSON: a list).", lambda o: sorted(o.direction_slugs)),
    Column("eik", "Bulgarian EIK/BULSTAT (9 or 13 digits).", lambda o: o.eik),
    Column("vat_number", "Bulgarian VAT number (BG and 9 or 10 digits).", lambda o: o.vat_number),
    Column("pib", "Serbian PIB (9 digits).", lambda o: o.pib),
    Column("mb", "Serbian MB (8 digits).", lambda o: o.mb),
    Column("nace_revision", "NACE revision of the two columns that follow: 2 or 2.1.", lambda o: o.nace_revision),
    Column("nace_section", "NACE section letter.", lambda o: o.nace_section),
    Column("nace_division", "NACE division (two digits).", lambda o: o.nace_division),
    Column("size_class", "EU SME size class: micro, small, medium or large.", lambda o: o.size_class),
    Column("founded_year", "Year founded.", lambda o: o.founded_year),
    Column("street_address", "Street and number, in the language of the download.", lambda o: o.street_address),
    Column("settlement", "Town or village, in the language of the download.", lambda o: o.settlement),
    Column("postal_code", "Postal code (4 digits in Bulgaria, 5 in Serbia).", lambda o: o.postal_code),
    Column("latitude", "WGS 84 latitude, decimal degrees.", lambda o: o.latitude),
    Column("longitude", "WGS 84 longitude, decimal degrees.", lambda o: o.longitude),
    Column(
        "phones",
        "Phone numbers in E.164 form (CSV: separated by |, and written '+... since a leading + is neutralised).",
        lambda o: o.phones,
    ),
    Column("email", "Email address.", lambda o: o.email),
    Column("website", "Website address.", lambda o: o.website),
    Column("social_links", "Social media addresses (CSV: separated by |; JSON: a list).", lambda o: o.social_links),
    Column(
        "languages",
        "ISO 639-1 codes of the languages spoken (CSV: separated by |; JSON: a list).",
        lambda o: o.languages,
    ),
    Column("open_to_cooperation", "true when open to cross-border cooperation.", lambda o: o.open_to_cooperation),
    Column(
        "cooperation_offers",
        "What it offers partners, in the language of the download.",
        lambda o: o.cooperation_offers,
    ),
    Column(
        "cooperation_seeks",
        "What it seeks from partners, in the language of the download.",
        lambda o: o.cooperation_seeks,
    ),
    Column(
        "is_demo", "true for synthetic demonstration entries, which are not real organisations.", lambda o: o.is_demo
    ),
    Column("updated_at", "When the entry last changed (ISO 8601, UTC).", lambda o: o.updated_at),
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
