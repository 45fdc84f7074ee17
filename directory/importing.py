"""Bulk import of organisations from CSV and XLSX: reading files and checking rows.

Staff upload a file (admin, docs/DIRECTORY.md "Bulk import"); this module reads it into row
dicts (``read_file``) and checks every row (``plan``) with the directory's own rules: the
model fields' validators (``clean_fields``) and ``Organisation.clean()`` (identifiers per
country, postal codes, phones to E.164, NACE, coordinates, a name). Nothing here writes;
``directory.services.organisations_import`` writes a plan without errors.

Rows are matched to stored organisations by one identifier, the *key*: the EIK in Bulgaria,
the PIB in Serbia. Both carry a check digit, so a typing error cannot silently match another
entry; the MB does not serve as key because its check digit rule is unofficial. A row whose
key is stored updates that organisation, otherwise it creates one; a row that changes nothing
is counted as unchanged, so importing the same file twice writes nothing the second time.

Only the columns present in the file are written, and of those only the cells with a value:
an empty cell keeps what is stored (a spreadsheet leaves cells empty for "I don't know" far
more often than for "erase this"). A cell holding only a hyphen, ``-`` (``CLEAR_MARKER``),
clears its field; a required field (the kind, the status, the directions, the last name...)
cannot be cleared. A hyphen meant as text is written ``'-``, as our own exports write it.
"""

import copy
import csv
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from operator import attrgetter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.models import Country, Direction, Municipality, PublicationStatus
from core.spreadsheets import formula_safe, formula_safe_row, formula_unescaped
from core.translation_status import translated_fields
from core.transliteration import to_latin
from core.uploads import zip_directory_check
from directory import identifiers
from directory.models import UNIQUE_IDENTIFIER_MESSAGES, Kind, Organisation, OrganisationImport

LANGUAGES = ("bg", "sr", "en")


def _translated(name: str) -> list[str]:
    return [f"{name}_{language}" for language in LANGUAGES]


# The columns of an import file, in the order of the template (docs/DIRECTORY.md).
COLUMNS = [
    "eik",
    "vat_number",
    "pib",
    "mb",
    *_translated("name"),
    "kind",
    "legal_form",
    "directions",
    "status",
    *_translated("description"),
    "nace_revision",
    "nace_section",
    "nace_division",
    "size_class",
    "founded_year",
    *_translated("street_address"),
    *_translated("settlement"),
    "postal_code",
    "latitude",
    "longitude",
    "phones",
    "email",
    "website",
    "social_links",
    "languages",
    *_translated("opening_hours"),
    "open_to_cooperation",
    *_translated("cooperation_offers"),
    *_translated("cooperation_seeks"),
]
KEY_COLUMNS = {Country.BULGARIA: "eik", Country.SERBIA: "pib"}
LIST_COLUMNS = {"phones", "social_links", "languages"}
BOOLEAN_COLUMNS = {"open_to_cooperation"}
DECIMAL_COLUMNS = {"latitude", "longitude"}
# Values a new row takes when its file has no such column at all.
NEW_ROW_DEFAULTS = {"kind": Kind.COMPANY}
DEFAULT_DIRECTIONS = [Direction.Key.BUSINESS]

LIST_SEPARATORS = {"phones": r"[|,;]", "social_links": r"[|\s]+", "languages": r"[|,;\s]+", "directions": r"[|,;\s]+"}
TRUE_WORDS = {"true", "yes", "1", "да", "da", "x"}
FALSE_WORDS = {"false", "no", "0", "не", "ne", ""}

# What a user types in a cell to clear its field: one keystroke in any spreadsheet, and never a
# value of any column (no identifier, name, code, number, address or list is a lone hyphen).
CLEAR_MARKER = "-"
# How a table holds that cell once read. A NUL can come from no file (CSV refuses it, XML
# cannot hold it), so it never collides with a cell's text, and ``'-`` stays the text "-".
CLEAR = "\x00clear"
# Said on the upload and check pages and in the XLSX template ({{ marker }} in the templates).
CLEAR_HELP = _(
    "An empty cell keeps what is stored. To clear a field, write only a hyphen (%(marker)s) in its cell; "
    "a field that needs a value (kind, status, directions, a name in at least one language) cannot be "
    "cleared. To store a lone hyphen as text, write '%(marker)s."
)

XLSX_SIGNATURE = b"PK\x03\x04"
# An XLSX is a ZIP: refuse one that would unpack to far more than any real directory file.
XLSX_MAX_UNPACKED_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Table:
    """A file's rows as text cells keyed by column; line numbers are those a spreadsheet shows."""

    columns: list[str]
    rows: list[dict[str, str]]

    @staticmethod
    def line(index: int) -> int:
        return index + 2  # line 1 is the header


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass
class PlannedRow:
    """One row of the file and what importing it would do: ``outcome`` is one of ``OUTCOMES``."""

    line: int
    outcome: str
    key: str
    organisation: Organisation | None = None


OUTCOMES = ("created", "updated", "unchanged", "error")


@dataclass
class Plan:
    """What importing a table would do; ``errors`` empty means it can be written as is."""

    municipality: Municipality
    columns: list[str]
    created: list[Organisation] = field(default_factory=list)
    updated: list[Organisation] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Every row of the file in its order, for the check page.
    rows: list[PlannedRow] = field(default_factory=list)
    # Direction ids of every created row, and of updated rows whose directions change.
    directions: dict[int, list[int]] = field(default_factory=dict)  # id(organisation) -> direction ids
    # What each updated row changes: {id(organisation): {attname: (stored value, new value)}},
    # with "directions" as sorted id lists when they change.
    changes: dict[int, dict[str, tuple]] = field(default_factory=dict)
    # Set by services.organisations_import once written: the import's record in the history.
    record: OrganisationImport | None = None

    @property
    def error_lines(self) -> int:
        return len({error.line for error in self.errors})

    @property
    def row_count(self) -> int:
        return len(self.created) + len(self.updated) + self.unchanged + self.error_lines

    def changes_of(self, organisation: Organisation) -> dict[str, tuple]:
        return self.changes.get(id(organisation), {})

    def changed_fields(self) -> list[str]:
        """The stored columns (attnames) that at least one updated row changes, with their mirrors."""
        changed = {name for changes in self.changes.values() for name in changes}
        fields = _model_fields()
        mirrors = {name for name in fields.translated if any(f"{name}_{language}" in changed for language in LANGUAGES)}
        return [f.attname for f in fields.concrete if f.attname in changed or f.name in mirrors]


FIELD_COLUMNS = {column for column in COLUMNS if column != "directions"}


@dataclass(frozen=True)
class _ModelFields:
    """Organisation's fields as the import needs them, once modeltranslation has added its own."""

    by_name: dict
    concrete: tuple
    defaults: dict
    translated: frozenset
    # Never checked per row: the mirrors of translated fields (their language columns are), the
    # slug (made for new rows from the name) and the municipality (given by the import).
    always_excluded: frozenset
    # The stored values compared to tell an updated row from an unchanged one: every column
    # but the key, the generated ones, the timestamps and the mirrors of translated fields
    # (modeltranslation's untranslated column, which follows its languages' columns).
    compared: tuple
    read_compared: Callable
    # The columns the clear marker cannot clear: fields that must hold a value. (The names are
    # blank per language; Organisation.clean() asks for one in at least one language.)
    required: frozenset


@cache
def _model_fields() -> _ModelFields:
    concrete = tuple(Organisation._meta.concrete_fields)
    translated = frozenset(translated_fields(Organisation))
    compared = tuple(
        model_field.attname
        for model_field in concrete
        if not (
            model_field.primary_key
            or model_field.generated
            or model_field.name in TIMESTAMPS
            or model_field.name in translated
        )
    )
    return _ModelFields(
        by_name={model_field.name: model_field for model_field in concrete},
        concrete=concrete,
        defaults={model_field.attname: model_field.get_default() for model_field in concrete},
        translated=translated,
        always_excluded=translated | {"slug", "municipality", "logo"},
        compared=compared,
        read_compared=attrgetter(*compared),
        required=frozenset(
            model_field.name
            for model_field in concrete
            if model_field.name in FIELD_COLUMNS and not model_field.blank and model_field.name not in translated
        ),
    )


TIMESTAMPS = {"created_at", "updated_at"}


# --- Reading files -------------------------------------------------------------------------


def read_file(name: str, data: bytes) -> Table:
    """The rows of an uploaded CSV or XLSX file, judged by its content; ValidationError if unreadable."""
    if len(data) > settings.DIRECTORY_IMPORT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)d MB.") % {"size": settings.DIRECTORY_IMPORT_MAX_BYTES // 2**20},
            code="size",
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    is_zip = data.startswith(XLSX_SIGNATURE)
    if extension == "xlsx" and is_zip:
        table = read_xlsx(data)
    elif extension == "csv" and not is_zip:
        table = read_csv(data)
    else:
        raise ValidationError(_("Upload a CSV or XLSX file."), code="format")
    check_columns(table.columns)
    if not table.rows:
        raise ValidationError(_("The file has no rows below its header."), code="empty")
    if len(table.rows) > settings.DIRECTORY_IMPORT_MAX_ROWS:
        raise ValidationError(_too_many_rows(), code="rows")
    return table


def read_csv(data: bytes) -> Table:
    """UTF-8 text, with or without a byte-order mark, separated by commas or semicolons."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("A CSV file must be UTF-8 text."), code="encoding") from error
    if "\x00" in text:
        raise ValidationError(_("A CSV file must be UTF-8 text."), code="encoding")
    header = text.split("\n", 1)[0]
    # Spreadsheets set to Bulgarian or Serbian save CSV with semicolons; column names hold neither.
    delimiter = ";" if header.count(";") > header.count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ValidationError(_("This file is not a CSV file we can read."), code="csv") from error
    return _table(records)


def read_xlsx(data: bytes) -> Table:
    """The first sheet of an Excel workbook (read-only: cells are read, never evaluated)."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise ValidationError(_("This file is not an XLSX workbook."), code="xlsx")
            if sum(entry.file_size for entry in archive.infolist()) > XLSX_MAX_UNPACKED_BYTES:
                raise ValidationError(_("This workbook is too large to read."), code="xlsx_size")
            zip_directory_check(archive, max_total=XLSX_MAX_UNPACKED_BYTES)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ValidationError:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise ValidationError(_("This file is not an XLSX workbook."), code="xlsx") from error
    # Rows are counted as they stream from the sheet: a workbook of 1.5 million rows is
    # refused at the first row past the cap, instead of being read whole first.
    records, filled = [], 0
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            record = [_xlsx_text(value) for value in values]
            if any(cell.strip() for cell in record):
                filled += 1
                if filled > settings.DIRECTORY_IMPORT_MAX_ROWS + 1:  # the header and the rows
                    raise ValidationError(_too_many_rows(), code="rows")
            records.append(record)
    except ValidationError:
        raise
    except Exception as error:  # a sheet damaged past its first rows
        raise ValidationError(_("This file is not an XLSX workbook."), code="xlsx") from error
    finally:
        workbook.close()
    return _table(records)


def _too_many_rows() -> str:
    return _("The file has more than %(rows)d rows: split it.") % {"rows": settings.DIRECTORY_IMPORT_MAX_ROWS}


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _table(records: list[list[str]]) -> Table:
    records = [record for record in records if any(cell.strip() for cell in record)]
    if not records:
        raise ValidationError(_("The file is empty."), code="empty")
    columns = [cell.strip().lower() for cell in records[0]]
    while columns and not columns[-1]:
        columns.pop()
    rows = [
        {column: _cell(cell) for column, cell in zip(columns, record, strict=False) if column} for record in records[1:]
    ]
    return Table(columns=columns, rows=rows)


def _cell(text: str) -> str:
    """A cell's text as typed: ``CLEAR`` for the clear marker, our exports' formula apostrophe removed."""
    text = text.strip()
    return CLEAR if text == CLEAR_MARKER else formula_unescaped(text)


def check_columns(columns: list[str]) -> None:
    unknown = [column for column in columns if column not in COLUMNS]
    if unknown or not columns:
        raise ValidationError(
            _("Unknown columns: %(columns)s. Use the columns of the template.")
            % {"columns": ", ".join(unknown) or "—"},
            code="columns",
        )
    repeated = sorted({column for column in columns if columns.count(column) > 1})
    if repeated:
        raise ValidationError(_("Columns given twice: %(columns)s.") % {"columns": ", ".join(repeated)}, code="columns")


def check_key(columns: list[str], municipality: Municipality) -> str:
    """The key column for ``municipality``, which the file must have."""
    key = KEY_COLUMNS[municipality.country]
    if key not in columns:
        raise ValidationError(
            _("The file needs the column %(column)s: it says which organisation a row is.") % {"column": key},
            code="key",
        )
    return key


# --- Checking rows -------------------------------------------------------------------------


def plan(table: Table, *, municipality: Municipality, lock: bool = False) -> Plan:
    """Check every row of ``table`` for ``municipality`` and sort it into created, updated, unchanged.

    Every problem is reported with its line and column, in the active language. The
    organisations in the plan are unsaved (created) or changed in memory (updated).
    ``lock``: lock the stored rows the file names until the transaction ends (the import
    itself, so that nothing changes them between the check and the write).

    The rules are the model's own (``clean_fields``, ``clean()``, the constraints, unique
    identifiers), applied without a query per row: stored rows are read in one query, the
    field checks of a value are remembered for the rows that repeat it, and uniqueness is
    checked against the stored identifiers and the file's own.
    """
    result = Plan(municipality=municipality, columns=table.columns)
    key = check_key(table.columns, municipality)
    present = [column for column in table.columns if column in FIELD_COLUMNS]
    fields = _model_fields()
    checked = _FieldChecks([name for name in present if name not in fields.always_excluded])
    existing, owners, directions_of = _stored(table, key, lock=lock)
    direction_ids = dict(Direction.objects.values_list("slug", "pk"))
    seen: dict[tuple[str, str], int] = {}
    for index, row in enumerate(table.rows):
        line = Table.line(index)
        errors: dict[str, list[str]] = {}
        key_cell = row.get(key, "")
        key_value = "" if key_cell == CLEAR else identifiers.compact(key_cell)
        if not key_value:
            message = gettext("Give the %(column)s: it says which organisation this row is.")
            result.errors.append(RowError(line, key, message % {"column": key}))
            result.rows.append(PlannedRow(line, "error", key_cell if key_cell != CLEAR else CLEAR_MARKER))
            continue
        stored = existing.get(key_value)
        if stored is not None and stored.municipality_id != municipality.pk:
            message = gettext("An organisation with this %(column)s belongs to another municipality.")
            result.errors.append(RowError(line, key, message % {"column": key}))
            result.rows.append(PlannedRow(line, "error", key_value))
            continue
        if stored is None:
            organisation = _new_organisation(municipality, present)
            before = None
        else:
            # Its own copy: rows repeating a key never see each other's values or errors.
            organisation = _working_copy(stored)
            before = _stored_values(stored)
        for column in present:
            text = row.get(column, "")
            if text == CLEAR:
                if column in fields.required:
                    errors[column] = [_cannot_clear(column)]
                    continue
                text = ""
            elif not text and before is not None:
                continue  # an empty cell keeps the stored value
            try:
                setattr(organisation, column, _value(column, text))
            except ValidationError as error:
                errors[column] = error.messages
        organisation.municipality = municipality
        errors.update(checked.clean_fields(organisation, skip=errors))
        # The row's other rules are checked too, so that a file is corrected in one round: a
        # field already in error takes back its stored (or default) value for them, and their
        # verdicts on it, or on a field checked together with it, are left out.
        for name in errors:
            attname = fields.by_name[name].attname
            value = getattr(stored, attname) if stored is not None else fields.defaults[attname]
            setattr(organisation, attname, list(value) if isinstance(value, list) else value)
        rules = {}
        try:
            organisation.clean()
        except ValidationError as error:
            rules.update(error.message_dict)
        rules.update(_check_constraints(organisation))
        in_error = set(errors)
        errors.update(
            (name, messages)
            for name, messages in rules.items()
            if not _CHECKED_TOGETHER.get(name, frozenset({name})) & in_error
        )
        errors.update(_unique_identifiers(organisation, owners, seen, line, skip=set(errors)))
        directions = _directions(row, table.columns, direction_ids, errors, stored=before is not None)
        if errors:
            result.errors.extend(
                RowError(line, _column(name), str(message)) for name, messages in errors.items() for message in messages
            )
            result.rows.append(PlannedRow(line, "error", key_value, organisation))
            continue
        if before is None:
            result.created.append(organisation)
            result.directions[id(organisation)] = directions or [direction_ids[slug] for slug in DEFAULT_DIRECTIONS]
            result.rows.append(PlannedRow(line, "created", key_value, organisation))
            continue
        after = _stored_values(organisation)
        changes = {name: (old, after[name]) for name, old in before.items() if old != after[name]}
        stored_directions = sorted(directions_of.get(organisation.pk, ()))
        if directions is not None and directions != stored_directions:
            result.directions[id(organisation)] = directions
            changes["directions"] = (stored_directions, directions)
        if changes:
            result.updated.append(organisation)
            result.changes[id(organisation)] = changes
            result.rows.append(PlannedRow(line, "updated", key_value, organisation))
        else:
            result.unchanged += 1
            result.rows.append(PlannedRow(line, "unchanged", key_value, organisation))
    if not result.errors:
        _assign_slugs(result.created)
    return result


class _FieldChecks:
    """``Model.clean_fields`` for the given fields, remembering each value's outcome.

    A field's check depends on its value alone (the relations, whose checks query, are never
    among the import's columns), so a value repeated on many rows (a kind, a postal code, a
    settlement, an empty cell) is checked once.
    """

    def __init__(self, names: list[str]):
        by_name = _model_fields().by_name
        self.fields = [model_field for model_field in Organisation._meta.fields if model_field.name in names]
        assert not any(by_name[model_field.name].is_relation for model_field in self.fields)
        self.outcomes: dict[tuple, tuple[bool, object]] = {}

    def clean_fields(self, organisation: Organisation, skip) -> dict[str, list[str]]:
        errors = {}
        for model_field in self.fields:
            if model_field.name in skip:
                continue
            raw = getattr(organisation, model_field.attname)
            if model_field.blank and raw in model_field.empty_values:
                continue
            memo = (model_field.attname, tuple(raw) if isinstance(raw, list) else raw)
            outcome = self.outcomes.get(memo)
            if outcome is None:
                try:
                    outcome = (True, model_field.clean(raw, organisation))
                except ValidationError as error:
                    outcome = (False, ValidationError(error.error_list).messages)
                self.outcomes[memo] = outcome
            valid, value = outcome
            if not valid:
                errors[model_field.name] = value
            else:
                setattr(organisation, model_field.attname, list(value) if isinstance(value, list) else value)
        return errors


# Fields Organisation.clean() checks against each other: its verdict on one of them is moot
# while another is in error (a name in at least one language, the VAT number from the EIK,
# both coordinates or neither, the NACE division within its section and revision).
_CHECKED_TOGETHER = {
    name: group
    for group in (
        frozenset(_translated("name")),
        frozenset({"eik", "vat_number"}),
        frozenset({"latitude", "longitude"}),
        frozenset({"nace_revision", "nace_section", "nace_division"}),
    )
    for name in group
}


def _working_copy(stored: Organisation) -> Organisation:
    """A copy of a stored organisation for one row to change, its lists its own."""
    organisation = copy.copy(stored)
    for name in LIST_COLUMNS:
        setattr(organisation, name, list(getattr(stored, name)))
    return organisation


def _stored_values(organisation: Organisation) -> dict:
    fields = _model_fields()
    return dict(zip(fields.compared, fields.read_compared(organisation), strict=True))


def identifiers_query(values: dict[str, set[str]]) -> Q:
    """Organisations holding any of these identifiers (``{"pib": {...}, "mb": {...}}``), through their indexes.

    "Not empty" repeats the predicate of each identifier's partial unique index, which PostgreSQL
    cannot infer from a list of over 100 values: without it, every row of the table was compared
    with every number (11 s at 100,000 organisations instead of 0.1 s).
    """
    query = Q()
    for name, numbers in values.items():
        if numbers:
            query |= Q(**{f"{name}__in": numbers}) & ~Q(**{name: ""})
    return query


def _stored(table: Table, key: str, *, lock: bool = False):
    """The stored organisations the file names: by key, every identifier's owner, direction ids."""
    values = {name: set() for name in UNIQUE_IDENTIFIER_MESSAGES}
    for row in table.rows:
        for name in values:
            cell = row.get(name, "")
            number = identifiers.compact(cell) if cell != CLEAR else ""
            if number:
                values[name].add(number)
                if name == "vat_number" and not number.startswith("BG"):
                    values[name].add("BG" + number)
    query = identifiers_query(values)
    if not query:
        return {}, {}, {}
    stored = Organisation.objects.filter(query).order_by()
    if lock:
        stored = stored.select_for_update(of=("self",))
    stored = list(stored)
    existing = {getattr(organisation, key): organisation for organisation in stored if getattr(organisation, key)}
    owners = {
        (name, getattr(organisation, name)): organisation.pk
        for organisation in stored
        for name in UNIQUE_IDENTIFIER_MESSAGES
        if getattr(organisation, name)
    }
    directions_of: dict[int, set[int]] = {}
    if "directions" in table.columns:
        Membership = Organisation.directions.through
        memberships = Membership.objects.filter(organisation_id__in=[o.pk for o in existing.values()])
        for organisation_id, direction_id in memberships.values_list("organisation_id", "direction_id"):
            directions_of.setdefault(organisation_id, set()).add(direction_id)
    return existing, owners, directions_of


def _new_organisation(municipality: Municipality, present: list[str]) -> Organisation:
    # Positional arguments skip modeltranslation's per-keyword rewriting, by far the
    # slowest part of making thousands of instances.
    fields = _model_fields()
    values = dict(fields.defaults, municipality_id=municipality.pk)
    for column, default in NEW_ROW_DEFAULTS.items():
        if column not in present:
            values[column] = default
    organisation = Organisation(*(values[model_field.attname] for model_field in fields.concrete))
    for name in ("phones", "social_links", "languages"):
        setattr(organisation, name, [])  # a fresh list each, never a shared default
    return organisation


def _value(column: str, text: str):
    """The Python value of a cell, before the model field checks it."""
    model_field = _model_fields().by_name[column]
    if column in LIST_COLUMNS:
        return [item for item in re.split(LIST_SEPARATORS[column], text) if item.strip()]
    if column in BOOLEAN_COLUMNS:
        word = text.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValidationError(_("Write true or false."), code="boolean")
    if column in DECIMAL_COLUMNS:
        text = text.replace(",", ".")  # a decimal comma, as Bulgarian and Serbian spreadsheets write
    if not text:
        return None if model_field.null else ""
    return text


def _check_constraints(organisation: Organisation) -> dict[str, list[str]]:
    """The range rules of ``Organisation.Meta.constraints``, which ``full_clean`` checks by one query each."""
    errors = {}
    year = organisation.founded_year
    if year is not None and not 800 <= year <= 2100:
        errors["founded_year"] = [gettext("Give a year between 800 and 2100.")]
    for name, limit in (("latitude", 90), ("longitude", 180)):
        value = getattr(organisation, name)
        if value is not None and not -limit <= value <= limit:
            errors[name] = [gettext("Give degrees between -%(limit)d and %(limit)d.") % {"limit": limit}]
    return errors


def _unique_identifiers(organisation, owners, seen, line, *, skip) -> dict[str, list[str]]:
    """Identifiers another organisation owns or an earlier line of the file gives; ``skip``: fields in error."""
    errors = {}
    for name, message in UNIQUE_IDENTIFIER_MESSAGES.items():
        number = getattr(organisation, name)
        if not number or name in skip:
            continue
        owner = owners.get((name, number))
        if owner is not None and owner != organisation.pk:
            errors[name] = [str(message)]
        elif (name, number) in seen:
            errors[name] = [gettext("The same number is on line %(line)d.") % {"line": seen[(name, number)]}]
        else:
            seen[(name, number)] = line
    return errors


def _directions(row, columns, direction_ids, errors, *, stored: bool) -> list[int] | None:
    """The direction ids a row gives; None when it keeps the stored ones (no column, or an empty cell)."""
    if "directions" not in columns:
        return None
    text = row.get("directions", "")
    if text == CLEAR:
        errors["directions"] = [_cannot_clear("directions")]
        return None
    if not text and stored:
        return None
    slugs = [slug for slug in re.split(LIST_SEPARATORS["directions"], text) if slug]
    unknown = [slug for slug in slugs if slug not in direction_ids]
    if unknown:
        errors["directions"] = [
            gettext("Unknown directions: %(slugs)s. Use %(known)s.")
            % {"slugs": ", ".join(unknown), "known": ", ".join(Direction.Key.values)}
        ]
    elif not slugs:
        errors["directions"] = [gettext("Give at least one direction.")]
    return sorted(direction_ids[slug] for slug in slugs if slug in direction_ids)


def _cannot_clear(column: str) -> str:
    return gettext("The column %(column)s cannot be cleared: it is required.") % {"column": column}


def _column(name: str) -> str:
    """The file column an error of model field ``name`` belongs to."""
    if name == "__all__":
        return ""
    if name in _model_fields().translated:
        return f"{name}_bg"
    return name


def _assign_slugs(organisations: list[Organisation]) -> None:
    """Free slugs from the names, as ``services.unique_slug`` makes them, with one query for all."""
    taken = set(Organisation.objects.order_by().values_list("slug", flat=True))
    last_number: dict[str, int] = {}  # many rows share a name: never count up from 1 twice
    for organisation in organisations:
        name = organisation.name_en or organisation.name_bg or organisation.name_sr or ""
        base = slugify(to_latin(name))[:110].strip("-") or "organisation"
        slug, number = base, last_number.get(base, 1)
        if number > 1:
            slug = f"{base}-{number}"
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        last_number[base] = number
        organisation.slug = slug


# --- Writing files (the template, the benchmark) -----------------------------------------

# Text columns a spreadsheet would otherwise turn into numbers, dropping leading zeros.
TEXT_COLUMNS = {"eik", "vat_number", "pib", "mb", "postal_code", "phones", "nace_division"}


def cells(organisation: Organisation, directions: list[str]) -> list[str]:
    """One line of an import file for ``organisation``: what importing it back would store."""
    line = []
    for column in COLUMNS:
        value = directions if column == "directions" else getattr(organisation, column)
        if isinstance(value, list):
            value = "|".join(str(item) for item in value)
        elif isinstance(value, bool):
            value = "true" if value else "false"
        line.append("" if value is None else str(value))
    return line


def write_csv(lines: list[list[str]]) -> bytes:
    """A CSV import file: UTF-8 with a byte-order mark (spreadsheets then read Cyrillic right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(formula_safe_row(line) for line in lines)
    return buffer.getvalue().encode("utf-8-sig")


def write_xlsx(lines: list[list[str]], *, instructions: list[str] = ()) -> bytes:
    """An XLSX import file; identifier, postal code and phone columns are formatted as text.

    ``instructions``: lines for a second sheet (imports read only the first).
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(gettext("Organisations"))
    sheet.append(COLUMNS)
    text_positions = {COLUMNS.index(column) for column in TEXT_COLUMNS}
    for line in lines:
        row = []
        for position, value in enumerate(formula_safe_row(line)):
            cell = WriteOnlyCell(sheet, value=value)
            if position in text_positions:
                cell.number_format = "@"
            row.append(cell)
        sheet.append(row)
    if instructions:
        notes = workbook.create_sheet(gettext("Instructions"))
        for text in instructions:
            notes.append([formula_safe(str(text))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def instructions() -> list[str]:
    """The template's instructions, in the active language."""
    return [
        gettext("One row per organisation, below the column names of the first row (keep them as they are)."),
        gettext(
            "A row whose EIK (Bulgaria) or PIB (Serbia) is already in the directory updates that organisation; "
            "any other row adds one. Only the file's columns are written."
        ),
        str(CLEAR_HELP) % {"marker": CLEAR_MARKER},
        gettext("Lists (phones, languages, directions, social links) are separated by |."),
        gettext("Nothing is saved before you have seen, on the check page, what every row would change."),
    ]


def example(country: str) -> list[str]:
    """The example line of the template for a municipality in ``country`` (made up, with valid numbers)."""
    if country == Country.BULGARIA:
        organisation = Organisation(
            eik="175000008",
            vat_number="BG175000008",
            name_bg="Мелница „Средна гора“ ООД",
            name_en="Sredna Gora Mill OOD",
            legal_form="bg-ood",
            settlement_bg="Копривщица",
            settlement_en="Koprivshtitsa",
            street_address_bg="ул. „Тодор Каблешков“ 12",
            postal_code="2077",
            latitude="42.63300",
            longitude="24.35000",
            phones=["+35971842180"],
            languages=["bg", "en"],
        )
    else:
        organisation = Organisation(
            pib="199000002",
            mb="29900000",
            name_sr="Пекара „Нишава“ д.о.о.",
            name_en="Nisava Bakery d.o.o.",
            legal_form="rs-doo",
            settlement_sr="Ниш",
            settlement_en="Niš",
            street_address_sr="Обреновићева 12",
            postal_code="18000",
            latitude="43.31700",
            longitude="21.90000",
            phones=["+38118234567"],
            languages=["sr", "en"],
        )
    organisation.kind = Kind.COMPANY
    organisation.status = PublicationStatus.DRAFT
    organisation.nace_division, organisation.nace_section, organisation.size_class = "10", "C", "micro"
    organisation.founded_year = 1998
    organisation.email = "info@example.org"
    return cells(organisation, [Direction.Key.BUSINESS])
