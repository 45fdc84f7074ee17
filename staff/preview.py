"""Share links to a preview: signed, time-limited and revocable (docs/STAFF.md, "Share a preview").

A link carries the item (content type and id), the version of the item's links when it was
made and its expiry, signed with ``SECRET_KEY`` and a timestamp (``django.core.signing``).
It opens the item's preview page until it expires (``PREVIEW_LINK_SECONDS``) or until staff
revoke the item's links, which raises the version stored for it (``SharedPreview``). Both are
recorded in the item's history, by whom and when (a revision of the item as it is).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from staff.history import record_objects, recorded_changes, share_history_comment
from staff.models import SharedPreview

SALT = "staff.preview.share-link"


@dataclass(frozen=True)
class ShareLink:
    token: str
    expires_at: datetime.datetime


@dataclass(frozen=True)
class SharedItem:
    obj: models.Model
    expires_at: datetime.datetime


def _shared_preview(obj: models.Model) -> SharedPreview:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    shared, _created = SharedPreview.objects.get_or_create(content_type=content_type, object_id=str(obj.pk))
    return shared


def _record(obj: models.Model, *, by, comment: str) -> None:
    with recorded_changes(user=by, comment=comment):
        record_objects([obj])


@transaction.atomic
def share_link_create(*, obj: models.Model, by) -> ShareLink:
    """A new share link to ``obj``'s preview, valid for ``PREVIEW_LINK_SECONDS`` from now, made by ``by``."""
    shared = _shared_preview(obj)
    expires_at = timezone.now() + datetime.timedelta(seconds=settings.PREVIEW_LINK_SECONDS)
    payload = [shared.content_type_id, shared.object_id, shared.version, int(expires_at.timestamp())]
    _record(obj, by=by, comment=share_history_comment("created", expires_at))
    return ShareLink(token=signing.dumps(payload, salt=SALT), expires_at=expires_at)


@transaction.atomic
def share_links_revoke(*, obj: models.Model, by) -> None:
    """Every share link made for ``obj`` so far stops opening its preview; links made later work."""
    shared = _shared_preview(obj)
    SharedPreview.objects.filter(pk=shared.pk).update(version=F("version") + 1, revoked_at=timezone.now())
    _record(obj, by=by, comment=share_history_comment("revoked"))


def share_link_read(token: str) -> SharedItem | None:
    """The item a share link opens, or None if the link is forged, expired or revoked, or the item is gone."""
    try:
        content_type_id, object_id, version, expires = signing.loads(
            token, salt=SALT, max_age=settings.PREVIEW_LINK_SECONDS
        )
    except (signing.BadSignature, ValueError, TypeError):  # SignatureExpired is a BadSignature
        return None
    expires_at = datetime.datetime.fromtimestamp(expires, tz=datetime.UTC)
    if expires_at <= timezone.now():
        return None
    shared = SharedPreview.objects.filter(content_type_id=content_type_id, object_id=object_id).first()
    if shared is None or shared.version != version:
        return None
    model = shared.content_type.model_class()
    obj = model._base_manager.filter(pk=object_id).first() if model is not None else None
    return SharedItem(obj=obj, expires_at=expires_at) if obj is not None else None


def shared_preview_of(obj: models.Model) -> SharedPreview | None:
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    return SharedPreview.objects.filter(content_type=content_type, object_id=str(obj.pk)).first()
