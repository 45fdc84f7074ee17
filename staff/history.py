"""Version history of content, kept by django-reversion (docs/STAFF.md).

The admin records a revision for every add, change, revert, list edit and action. Code that
changes content outside the admin (services, bulk imports) wraps its writes in
``recorded_changes`` so that they are recorded, attributed and revertible too.
"""

import datetime
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

import reversion
from django.db import models
from django.utils import formats, timezone
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
    """A stored value as staff read it: choice labels, yes/no, local time in their language's format,
    a list as its items ("English, Serbian"), never Python's notation or UTC."""
    if value in (None, "", []):
        return "—"
    if isinstance(value, list | tuple):
        item_field = getattr(field, "base_field", field)
        return ", ".join(_display(item_field, item) for item in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal | float | int):
        return formats.number_format(value, use_l10n=True)
    return str(value)


def revision_action(revision) -> str:
    """What a revision did, in the reader's language.

    The admin stores a revision's comment as Django's change message, with the labels of the
    changed fields in the language of whoever saved ("Changed Description [bg]."); read in
    another language it mixes two ("Променени Description [bg]"). The fields are listed beside
    it with labels in the reader's language, so the action says only what kind of change it was.
    A comment written by code (an import, a revert) is shown as written.
    """
    try:
        message = json.loads(revision.comment)
    except ValueError:
        return revision.get_comment()
    if not isinstance(message, list):
        return revision.get_comment()
    review = next((part["review"] for part in message if isinstance(part, dict) and "review" in part), None)
    if isinstance(review, dict):
        return review_action(review.get("action", ""), review.get("comment", ""))
    share = next((part["share"] for part in message if isinstance(part, dict) and "share" in part), None)
    if isinstance(share, dict):
        return share_action(share.get("action", ""), share.get("expires", ""))
    kinds = {kind for part in message if isinstance(part, dict) for kind in part}
    for kind, action in (("added", _("Added.")), ("deleted", _("Deleted.")), ("changed", _("Changed."))):
        if kind in kinds:
            return action
    return _("No fields changed.")


def review_action(action: str, comment: str = "") -> str:
    """A move of the review step (``staff.services.review_history_comment``) in the reader's language."""
    if action == "submitted":
        return _("Submitted for review.")
    if action == "published":
        return _("Published after review.")
    if action == "sent_back":
        return _("Sent back for changes: %(comment)s") % {"comment": comment}
    return _("Review.")


def share_history_comment(action: str, expires_at: datetime.datetime | None = None) -> str:
    """The revision comment of a share link made (``created``) or revoked (``revoked``), read by ``share_action``."""
    share = {"action": action, "expires": expires_at.isoformat() if expires_at else ""}
    return json.dumps([{"share": share}])


def share_action(action: str, expires: str = "") -> str:
    """A share link made or revoked (``staff.preview``) in the reader's language, the expiry in their local time."""
    if action == "created":
        try:
            moment = timezone.localtime(datetime.datetime.fromisoformat(expires))
        except (TypeError, ValueError):
            return _("Share link created.")
        return _("Share link created, valid until %(time)s.") % {
            "time": formats.date_format(moment, "SHORT_DATETIME_FORMAT")
        }
    if action == "revoked":
        return _("Every share link revoked.")
    return _("Share link.")


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
