"""Writes to the directory that span several models: an organisation with its directions."""

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from operator import attrgetter

from django.core.files.storage import storages
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from reversion.models import Revision, Version

from core.models import Direction, Municipality
from core.pagecache import tables_changed
from core.translation_status import translated_fields
from core.transliteration import to_latin
from directory import importing
from directory.models import Organisation, OrganisationImport
from search.services import index_objects, index_update
from staff.audit import audit_event_record
from staff.models import AuditAction


def unique_slug(name: str, *, exclude_pk: int | None = None) -> str:
    """A free slug made from ``name`` in Latin letters: ``mill-sredna-gora``, then ``mill-sredna-gora-2``..."""
    base = slugify(to_latin(name))[:110].strip("-") or "organisation"
    taken = set(
        Organisation.objects.filter(slug__startswith=base).exclude(pk=exclude_pk).values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def organisation_create(*, directions: Iterable[Direction | str], **fields) -> Organisation:
    """Create an organisation from validated fields and put it in its directions.

    ``directions`` are Direction objects or their slugs. The slug is made from
    the name when not given. Identifiers, postal code and phones are checked
    and normalised by ``full_clean()``. A published organisation can be
    found by search from then on.
    """
    organisation = Organisation(**fields)
    if not organisation.slug:
        organisation.slug = unique_slug(organisation.name_en or organisation.name_bg or organisation.name_sr or "")
    organisation.full_clean()
    organisation.save()
    organisation.directions.set(_directions(directions))
    index_update(organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, directions: Iterable[Direction | str] | None = None, **fields
) -> Organisation:
    """Change an organisation's fields (and directions, when given), checked as on creation.

    Search finds it as it now is: by its new text, or not at all once unpublished.
    """
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    if directions is not None:
        organisation.directions.set(_directions(directions))
    index_update(organisation)
    return organisation


def _directions(directions: Iterable[Direction | str]) -> list[Direction]:
    items = list(directions)
    slugs = [item for item in items if isinstance(item, str)]
    objects = [item for item in items if isinstance(item, Direction)]
    if slugs:
        objects += list(Direction.objects.filter(slug__in=slugs))
    return objects


class ImportRefused(Exception):
    """The file has errors: nothing was written. ``plan.errors`` says which rows and why."""

    def __init__(self, plan: importing.Plan):
        super().__init__(f"{len(plan.errors)} errors")
        self.plan = plan


@transaction.atomic
def organisations_import(
    *, rows: importing.Table, municipality: Municipality, by, file_name: str = ""
) -> importing.Plan:
    """Create and update the organisations of ``rows`` in ``municipality``, all or nothing.

    Rows are checked as one-by-one writes are (``importing.plan``, with the stored rows the
    file names locked until the end); if any row has an error, nothing is written and
    ``ImportRefused`` carries every error. Otherwise new organisations are copied in and
    changed ones updated in a few statements (PostgreSQL ``COPY``), the import is recorded as
    one summary revision (``OrganisationImport``: who, when, the file, the counts, what it
    created and what it changed, so that it can be undone), and the written organisations
    are re-indexed for search. Rows that change nothing are not written: importing the same
    file again writes nothing. The caller decides ``municipality``; the admin forces the
    staff member's own.
    """
    plan = importing.plan(rows, municipality=municipality, lock=True)
    if plan.errors:
        raise ImportRefused(plan)
    if not (plan.created or plan.updated):
        return plan
    now = timezone.now()
    _insert_created(plan, now)
    _update_changed(plan, now)
    _set_directions(plan)
    revision = Revision.objects.create(date_created=now, user=by, comment=_import_comment(plan, file_name))
    plan.record = OrganisationImport.objects.create(
        revision=revision,
        municipality=municipality,
        file_name=file_name[:200],
        created_count=len(plan.created),
        updated_count=len(plan.updated),
        unchanged_count=plan.unchanged,
        created_ids=[organisation.pk for organisation in plan.created],
        changes={
            str(organisation.pk): {name: list(values) for name, values in plan.changes[id(organisation)].items()}
            for organisation in plan.updated
        },
    )
    audit_event_record(
        action=AuditAction.IMPORTED,
        actor=by,
        obj=plan.record,
        municipality=municipality,
        message=revision.comment,
    )
    index_objects(model=Organisation, objects=plan.created + plan.updated)
    # COPY passes no query observer: the tables it wrote get new versions, no other page goes stale.
    tables_changed(Organisation._meta.db_table, Organisation.directions.through._meta.db_table)
    return plan


def import_pending_read(token: str) -> importing.Table | None:
    """The rows of the upload waiting under ``token`` in the ``imports`` storage; None once it is gone."""
    try:
        with storages["imports"].open(f"{token}.json") as file:
            stored = json.loads(file.read().decode())
    except FileNotFoundError:
        return None
    columns = stored["columns"]
    return importing.Table(columns=columns, rows=[dict(zip(columns, row, strict=True)) for row in stored["rows"]])


@transaction.atomic
def organisations_import_pending(
    *, token: str, municipality: Municipality, by, file_name: str
) -> importing.Plan | None:
    """``organisations_import`` of the upload waiting under ``token``, which is removed once it is imported.

    What ``directory.tasks.import_organisations`` runs. None when the upload is gone (imported
    by an earlier run of the task, or discarded). A run again after a commit whose removal did
    not happen imports the same rows again, which writes nothing (``organisations_import``).
    Raises ``ImportRefused`` (the upload stays, for the check page to list its errors).
    """
    table = import_pending_read(token)
    if table is None:
        return None
    plan = organisations_import(rows=table, municipality=municipality, by=by, file_name=file_name)
    transaction.on_commit(lambda: storages["imports"].delete(f"{token}.json"))
    return plan


def _copy_columns() -> list:
    """Organisation's stored columns a write gives values for: all but the generated ones."""
    return [model_field for model_field in Organisation._meta.concrete_fields if not model_field.generated]


def _rows(columns: list, organisations: list[Organisation]):
    """The organisations' values for ``columns``, as ``save()`` would store them.

    Checked values are stored as they are (psycopg adapts them as Django does); only file
    fields need Django's preparation (the file's name).
    """
    read = attrgetter(*(model_field.attname for model_field in columns))
    prepared = [
        (position, model_field)
        for position, model_field in enumerate(columns)
        if isinstance(model_field, models.FileField)
    ]
    for organisation in organisations:
        row = list(read(organisation)) if len(columns) > 1 else [read(organisation)]
        for position, model_field in prepared:
            row[position] = model_field.get_db_prep_save(row[position], connection)
        yield row


def _copy(cursor, table: str, columns: list[str], rows) -> None:
    names = ", ".join(cursor.db.ops.quote_name(name) for name in columns)
    with cursor.cursor.copy(f"COPY {cursor.db.ops.quote_name(table)} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _insert_created(plan: importing.Plan, now) -> None:
    """Insert the new organisations with one ``COPY``, their ids taken from the table's sequence first."""
    if not plan.created:
        return
    table = Organisation._meta.db_table
    columns = _copy_columns()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, len(plan.created)]
        )
        for organisation, (pk,) in zip(plan.created, cursor.fetchall(), strict=True):
            organisation.pk = pk
            organisation.created_at = organisation.updated_at = now
            organisation._state.adding, organisation._state.db = False, connection.alias
        _copy(cursor, table, [model_field.column for model_field in columns], _rows(columns, plan.created))


def _update_changed(plan: importing.Plan, now) -> None:
    """Write the changed columns of the updated organisations: ``COPY`` into a scratch table, one ``UPDATE``."""
    if not plan.updated:
        return
    by_attname = {model_field.attname: model_field for model_field in _copy_columns()}
    columns = [by_attname["id"], *(by_attname[name] for name in plan.changed_fields()), by_attname["updated_at"]]
    names = [model_field.column for model_field in columns]
    quote = connection.ops.quote_name
    table = Organisation._meta.db_table
    for organisation in plan.updated:
        organisation.updated_at = now
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE import_changes ON COMMIT DROP AS "  # noqa: S608 (names from the model)
            f"SELECT {', '.join(quote(name) for name in names)} FROM {quote(table)} WITH NO DATA"
        )
        _copy(cursor, "import_changes", names, _rows(columns, plan.updated))
        assignments = ", ".join(f"{quote(name)} = changes.{quote(name)}" for name in names[1:])
        cursor.execute(
            f"UPDATE {quote(table)} SET {assignments} FROM import_changes AS changes "  # noqa: S608 (model names)
            f"WHERE {quote(table)}.id = changes.id"
        )
        cursor.execute("DROP TABLE import_changes")


def _set_directions(plan: importing.Plan) -> None:
    Membership = Organisation.directions.through
    changed = [organisation for organisation in plan.updated if id(organisation) in plan.directions]
    if changed:
        Membership.objects.filter(organisation_id__in=[organisation.pk for organisation in changed]).delete()
    with connection.cursor() as cursor:
        _copy(
            cursor,
            Membership._meta.db_table,
            ["organisation_id", "direction_id"],
            (
                (organisation.pk, direction_id)
                for organisation in plan.created + changed
                for direction_id in plan.directions[id(organisation)]
            ),
        )


def _import_comment(plan: importing.Plan, file_name: str) -> str:
    return gettext("Import of %(file)s: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.") % {
        "file": file_name or "—",
        "created": len(plan.created),
        "updated": len(plan.updated),
        "unchanged": plan.unchanged,
    }


@dataclass(frozen=True)
class ImportUndone:
    deleted: int
    restored: int
    kept: int


class ImportAlreadyUndone(Exception):
    """An import is undone once: after that its record no longer describes what is stored."""


@transaction.atomic
def organisations_import_undo(*, record: OrganisationImport, by) -> ImportUndone:
    """Revert an import: delete the organisations it created, give those it updated their earlier values.

    Later work is never overwritten: an organisation saved after the import (``updated_at``,
    a later version in the history, a later import), or whose imported values have changed
    since, is kept as it is and counted in ``kept``. Recorded as one summary revision by
    ``by``; the organisations it touches are re-indexed.
    """
    record = OrganisationImport.objects.select_for_update().select_related("revision").get(pk=record.pk)
    if record.undone_by_id is not None:
        raise ImportAlreadyUndone
    imported_at = record.revision.date_created
    updated_ids = [int(pk) for pk in record.changes]
    current = Organisation.objects.select_for_update(of=("self",)).in_bulk([*record.created_ids, *updated_ids])
    saved_later = set(
        Version.objects.get_for_model(Organisation)
        .filter(object_id__in=[str(pk) for pk in current], revision__date_created__gt=imported_at)
        .values_list("object_id", flat=True)
    )
    Membership = Organisation.directions.through
    directions_of: dict[int, list[int]] = {}
    for organisation_id, direction_id in Membership.objects.filter(organisation_id__in=updated_ids).values_list(
        "organisation_id", "direction_id"
    ):
        directions_of.setdefault(organisation_id, []).append(direction_id)
    fields = {model_field.attname: model_field for model_field in Organisation._meta.concrete_fields}

    def changed_since(organisation: Organisation, changes: dict) -> bool:
        if organisation.updated_at > imported_at or str(organisation.pk) in saved_later:
            return True
        for name, (_old, new) in changes.items():
            if name == "directions":
                if sorted(directions_of.get(organisation.pk, [])) != new:
                    return True
            elif getattr(organisation, name) != fields[name].to_python(new):
                return True
        return False

    deleted = [pk for pk in record.created_ids if pk in current and not changed_since(current[pk], {})]
    kept = len(record.created_ids) - len(deleted)
    restored = []
    for pk in updated_ids:
        organisation, changes = current.get(pk), record.changes[str(pk)]
        if organisation is None:  # deleted since: nothing to restore
            continue
        if changed_since(organisation, changes):
            kept += 1
            continue
        for name, (old, _new) in changes.items():
            if name != "directions":
                setattr(organisation, name, fields[name].to_python(old))
        restored.append(organisation)

    now = timezone.now()
    Organisation.objects.filter(pk__in=deleted).delete()
    _restore(restored, record.changes, now)
    result = ImportUndone(deleted=len(deleted), restored=len(restored), kept=kept)
    comment = gettext("Undo of the import of %(file)s: %(deleted)d deleted, %(restored)d restored, %(kept)d kept.")
    record.undone_by = Revision.objects.create(
        date_created=now,
        user=by,
        comment=comment % {"file": record.file_name or "—", **asdict(result)},
    )
    record.save(update_fields=["undone_by"])
    audit_event_record(
        action=AuditAction.IMPORT_UNDONE,
        actor=by,
        obj=record,
        municipality=record.municipality,
        message=record.undone_by.comment,
    )
    index_objects(model=Organisation, pks=[*deleted, *(o.pk for o in restored)])
    # Written through the ORM, which the query observer sees; named here too, as the import does.
    tables_changed(Organisation._meta.db_table, Organisation.directions.through._meta.db_table)
    return result


def _restore(organisations: list[Organisation], changes: dict, now) -> None:
    """Write the earlier values (set on ``organisations``) and directions an undone import recorded."""
    if not organisations:
        return
    names = {name for organisation in organisations for name in changes[str(organisation.pk)]} - {"directions"}
    translated = set(translated_fields(Organisation))
    mirrors = {name.rsplit("_", 1)[0] for name in names} & translated
    for organisation in organisations:
        organisation.updated_at = now
    Organisation.objects.bulk_update(organisations, [*names, *mirrors, "updated_at"])
    Membership = Organisation.directions.through
    moved = [organisation.pk for organisation in organisations if "directions" in changes[str(organisation.pk)]]
    Membership.objects.filter(organisation_id__in=moved).delete()
    Membership.objects.bulk_create(
        Membership(organisation_id=pk, direction_id=direction_id)
        for pk in moved
        for direction_id in changes[str(pk)]["directions"][0]
    )
