"""Writes to the directory that span several models: an organisation with its directions."""

from collections.abc import Iterable

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext

from directory import importing
from directory.models import Organisation
from portal.history import record_objects, recorded_changes
from portal.models import Direction, Municipality
from portal.transliteration import to_latin
from search.services import index_objects, index_update

IMPORT_BATCH_SIZE = 1000


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

    Rows are checked as one-by-one writes are (``importing.plan``); if any row has an
    error, nothing is written and ``ImportRefused`` carries every error. Otherwise new
    organisations are created and changed ones updated in batches, the search index is
    current (one batched re-index of the written rows, in the same transaction), and the
    import is one revision in the history, by ``by``. Rows that change
    nothing are not written: importing the same file again writes nothing. The caller
    decides ``municipality``; the admin forces the staff member's own.
    """
    plan = importing.plan(rows, municipality=municipality)
    if plan.errors:
        raise ImportRefused(plan)
    written = plan.created + plan.updated
    if not written:
        return plan
    with recorded_changes(user=by, comment=_import_comment(plan, file_name)):
        Organisation.objects.bulk_create(plan.created, batch_size=IMPORT_BATCH_SIZE)
        now = timezone.now()
        for organisation in plan.updated:
            organisation.updated_at = now
        if plan.updated:
            Organisation.objects.bulk_update(plan.updated, plan.write_fields(), batch_size=IMPORT_BATCH_SIZE)
        _set_directions(plan)
        # The history keeps each organisation with its directions; load them in one query.
        prefetch_related_objects(written, "directions")
        record_objects(written)
    index_objects(model=Organisation, pks=[organisation.pk for organisation in written])
    return plan


def _set_directions(plan: importing.Plan) -> None:
    Membership = Organisation.directions.through
    changed = [organisation for organisation in plan.updated if id(organisation) in plan.directions]
    if changed:
        Membership.objects.filter(organisation_id__in=[organisation.pk for organisation in changed]).delete()
    Membership.objects.bulk_create(
        (
            Membership(organisation_id=organisation.pk, direction_id=direction_id)
            for organisation in plan.created + changed
            for direction_id in plan.directions[id(organisation)]
        ),
        batch_size=IMPORT_BATCH_SIZE,
    )


def _import_comment(plan: importing.Plan, file_name: str) -> str:
    return gettext("Import of %(file)s: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.") % {
        "file": file_name or "—",
        "created": len(plan.created),
        "updated": len(plan.updated),
        "unchanged": plan.unchanged,
    }
