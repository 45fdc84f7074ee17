"""Version history of content, kept by django-reversion (docs/STAFF.md).

The admin records a revision for every add, change, revert, list edit and action. Code that
changes content outside the admin (services, bulk imports) wraps its writes in
``recorded_changes`` so that they are recorded, attributed and revertible too.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.db import models
from django.utils.translation import gettext as _
from reversion.models import Version

from core.translation_status import translated_fields


@contextmanager
def recorded_changes(*, user, comment: str) -> Iterator[None]:
    """Record every registered model saved inside the block as one revision by ``user``.

    Rows written with ``bulk_create``/``update`` send no signals: pass them to
    ``record_objects`` inside the block.
    """
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(comment)
        yield


def record_objects(objects: Iterable[models.Model]) -> None:
    """Add objects saved without signals (bulk writes) to the current revision."""
    for obj in objects:
        reversion.add_to_revision(obj)


def latest_version(obj: models.Model) -> Version | None:
    return Version.objects.get_for_object(obj).select_related("revision__user").first()


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


def _display(field: models.Field, value) -> str:
    if value in (None, ""):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def field_changes(model: type[models.Model], old: dict, new: dict) -> list[FieldChange]:
    """The fields whose stored values differ between two versions, with readable labels."""
    changes = []
    # modeltranslation keeps the untranslated column as a mirror of the default language.
    mirrors = set(translated_fields(model))
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in mirrors:
            continue
        before, after = old.get(field.attname), new.get(field.attname)
        if before == after or (before in (None, "") and after in (None, "")):
            continue
        if field.is_relation:
            before, after = _related_repr(field, before), _related_repr(field, after)
        else:
            before, after = _display(field, before), _display(field, after)
        changes.append(FieldChange(label=str(field.verbose_name), old=before, new=after))
    return changes


def _related_repr(field: models.Field, pk) -> str:
    if pk is None:
        return "—"
    related = field.related_model._base_manager.filter(pk=pk).first()
    return str(related) if related is not None else f"#{pk}"


def version_changes(versions: list[Version]) -> list[list[FieldChange]]:
    """For versions of one object in order, what each changed against the one before."""
    result, previous = [], {}
    for version in versions:
        current = version.field_dict
        result.append(field_changes(version._model, previous, current) if previous else [])
        previous = current
    return result
