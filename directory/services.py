"""Writes to the directory that span several models: an organisation with its directions."""

from collections.abc import Iterable

from django.db import transaction
from django.utils.text import slugify

from directory.models import Organisation
from portal.models import Direction
from portal.transliteration import to_latin


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
    and normalised by ``full_clean()``, which also builds the search text.
    """
    organisation = Organisation(**fields)
    if not organisation.slug:
        organisation.slug = unique_slug(organisation.name_en or organisation.name_bg or organisation.name_sr or "")
    organisation.full_clean()
    organisation.save()
    organisation.directions.set(_directions(directions))
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, directions: Iterable[Direction | str] | None = None, **fields
) -> Organisation:
    """Change an organisation's fields (and directions, when given), checked as on creation."""
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    if directions is not None:
        organisation.directions.set(_directions(directions))
    return organisation


def _directions(directions: Iterable[Direction | str]) -> list[Direction]:
    items = list(directions)
    slugs = [item for item in items if isinstance(item, str)]
    objects = [item for item in items if isinstance(item, Direction)]
    if slugs:
        objects += list(Direction.objects.filter(slug__in=slugs))
    return objects
