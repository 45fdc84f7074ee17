"""Writes of the media library: each one saves files and rows together, or neither.

Files are written before the row is saved; if anything fails afterwards,
the files written so far are removed before the error goes on. Files that
an update or a deletion makes useless are removed only once the
transaction has committed, so a rolled-back deletion keeps its files.
"""

import uuid
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from PIL import Image

from media_library.models import Album, Licence, Photo, Video
from media_library.renditions import UnreadableImage, date_taken, has_alpha, renditions_make, upright_size
from media_library.storage import originals_storage
from media_library.validators import MESSAGES, image_check, image_open
from search.services import index_remove

LANGUAGES = ("bg", "sr", "en")


class _WrittenFiles:
    """Files written during one service call, removed again if the call fails."""

    def __init__(self):
        self.files: list[tuple[Storage, str]] = []

    def save(self, storage: Storage, name: str, content) -> str:
        saved = storage.save(name, content)
        self.files.append((storage, saved))
        return saved

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc_type is not None:
            for storage, name in self.files:
                storage.delete(name)
        return False


def _delete_on_commit(storage: Storage, names: list[str]) -> None:
    def delete():
        for name in names:
            if name:
                storage.delete(name)

    transaction.on_commit(delete)


def _image_renditions(upload: File, *, stem: str, written: _WrittenFiles):
    """Check an uploaded image, make its renditions and write them; returns (entries, image, fallback format)."""
    image = image_open(upload)
    entries, fallback_format = _renditions_write(image, stem=stem, written=written)
    return entries, image, fallback_format


def _renditions_write(image, *, stem: str, written: _WrittenFiles, replace: bool = False):
    """Make the renditions of an opened image and write them under ``stem``; returns (entries, fallback format).

    ``replace``: a rendition already stored under its name (left by an earlier run of the same
    task, killed before it committed) is written over instead of kept beside.
    """
    try:
        renditions = renditions_make(image)
    except UnreadableImage as error:
        raise ValidationError(MESSAGES["broken"], code="broken") from error
    entries: dict[int, dict] = {}
    for rendition in renditions:
        entry = entries.setdefault(rendition.width, {"width": rendition.width, "height": rendition.height})
        key = "webp" if rendition.format == "webp" else "fallback"
        name = f"{stem}-{rendition.width}.{rendition.extension}"
        if replace and default_storage.exists(name):
            default_storage.delete(name)
        entry[key] = written.save(default_storage, name, ContentFile(rendition.data))
    fallback_format = next(r.format for r in renditions if r.format != "webp")
    return list(entries.values()), fallback_format


@transaction.atomic
def photo_create(
    *,
    album: Album,
    upload: File,
    alt_text: Mapping[str, str],
    caption: Mapping[str, str] | None = None,
    credit: str = "",
    licence: str = Licence.ALL_RIGHTS_RESERVED,
    taken_on: date | None = None,
    order: int | None = None,
) -> Photo:
    """Add a photo to an album: check it, keep the original privately, have its renditions made.

    Raises ``ValidationError`` (with a message for the editor) when the file
    is refused or a field is invalid; then no file and no row is left. Every
    pixel is decoded once here (``image_check``), so a damaged photo is
    refused at once; the renditions are made by a task
    (``tasks.make_renditions``, enqueued with the row): at once in this
    process with the immediate backend, by a worker with the database one.
    Until then the photo is not shown (``Photo.objects.ready()``). The
    album's first photo with renditions becomes its cover.
    """
    from media_library.tasks import make_renditions  # the task module imports these services

    token = uuid.uuid4().hex[:16]
    caption = caption or {}
    image_check(upload)
    image = image_open(upload)
    with _WrittenFiles() as written:
        extension = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}[image.format]
        original = written.save(originals_storage(), f"{album.pk}/{token}.{extension}", upload)
        width, height = upright_size(image)
        if order is None:
            order = (album.photos.aggregate(last=Max("order"))["last"] or 0) + 1
        photo = Photo(
            album=album,
            original=original,
            width=width,
            height=height,
            renditions=[],
            fallback_format="png" if has_alpha(image) else "jpeg",
            credit=credit,
            licence=licence,
            taken_on=taken_on or date_taken(image),
            order=order,
            **{f"alt_text_{language}": alt_text.get(language, "").strip() for language in LANGUAGES},
            **{f"caption_{language}": caption.get(language, "").strip() for language in LANGUAGES},
        )
        photo.full_clean()
        photo.save()
        # In this transaction: with the database backend the task's row commits with the photo's.
        make_renditions.enqueue(photo.pk)
    # With the immediate backend the renditions are made by now.
    photo.refresh_from_db(fields=["renditions", "fallback_format"])
    album.refresh_from_db(fields=["cover"])
    return photo


@transaction.atomic
def photo_renditions_make(*, photo_id: int) -> bool:
    """Make the renditions of a photo from its original; False when there is nothing to do.

    Idempotent, as a task must be (core.worker): the photo's row is locked while its renditions
    are made, a photo that has them already (an earlier run) or is gone (deleted meanwhile) is
    left alone, and files of an earlier run killed before it committed are written over.
    """
    photo = Photo.objects.select_for_update().filter(pk=photo_id).first()
    if photo is None or photo.renditions:
        return False
    with photo.original.open("rb") as stored:
        data = stored.read()
    image = Image.open(BytesIO(data))
    stem = f"photos/{photo.album_id}/{PurePosixPath(photo.original.name).stem}"
    with _WrittenFiles() as written:
        photo.renditions, photo.fallback_format = _renditions_write(image, stem=stem, written=written, replace=True)
        photo.save(update_fields=["renditions", "fallback_format"])
        Album.objects.filter(pk=photo.album_id, cover__isnull=True).update(cover=photo)
    return True


@transaction.atomic
def photo_delete(*, photo: Photo) -> None:
    """Delete a photo and, once committed, its files; the album gets another cover if needed."""
    album = photo.album
    files = photo.image.files
    original = photo.original.name
    was_cover = album.cover_id in (photo.pk, None)
    photo.delete()
    if was_cover:
        album.cover = album.photos.order_by("order", "pk").first()
        album.save(update_fields=["cover"])
    _delete_on_commit(default_storage, files)
    _delete_on_commit(originals_storage(), [original])


@transaction.atomic
def album_delete(*, album: Album) -> None:
    """Delete an album with its photos and videos, and, once committed, all their files; search forgets it."""
    photos = list(album.photos.all())
    videos = list(album.videos.all())
    album.cover = None
    album.save(update_fields=["cover"])
    index_remove(album)
    album.delete()
    _delete_on_commit(default_storage, [name for photo in photos for name in photo.image.files])
    _delete_on_commit(originals_storage(), [photo.original.name for photo in photos])
    _delete_on_commit(default_storage, [name for video in videos for name in _video_files(video)])


def _video_files(video: Video) -> list[str]:
    poster = video.poster.files if video.poster else []
    tracks = [track.file.name for track in video.caption_tracks.all()]
    return [video.file.name, *tracks, *poster]


@transaction.atomic
def video_save(*, video: Video, poster: File | None = None) -> Video:
    """Save a video (new or changed), making the renditions of a new poster image.

    The poster goes through the same checks as a photo. A replaced poster's
    files are removed once the transaction commits.
    """
    video.full_clean()
    old_poster = video.poster.files if video.poster else []
    with _WrittenFiles() as written:
        if poster is not None:
            token = uuid.uuid4().hex[:16]
            entries, image, fallback_format = _image_renditions(
                poster, stem=f"videos/posters/{video.album_id}/{token}", written=written
            )
            video.poster_renditions = entries
            video.poster_width, video.poster_height = upright_size(image)
            video.poster_fallback_format = fallback_format
            video.__dict__.pop("poster", None)
        video.save()
    if poster is not None:
        _delete_on_commit(default_storage, old_poster)
    return video


@transaction.atomic
def video_delete(*, video: Video) -> None:
    files = _video_files(video)
    video.delete()
    _delete_on_commit(default_storage, files)


@dataclass
class UploadOutcome:
    """What happened to one file of a bulk upload: a photo, or the reasons it was refused."""

    name: str
    photo: Photo | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.photo is not None


def photos_upload(
    *,
    album: Album,
    files: Iterable[File],
    archive: File | None = None,
    alt_text: Mapping[str, str],
    credit: str = "",
    licence: str = Licence.ALL_RIGHTS_RESERVED,
) -> list[UploadOutcome]:
    """Add many photos to an album, each in its own transaction.

    A refused file does not hold back the others and leaves nothing behind;
    the outcome of every file, good or bad, is returned in upload order.
    """
    outcomes = []
    for upload in [*files, *(_archive_members(archive) if archive else [])]:
        outcome = UploadOutcome(name=PurePosixPath(upload.name or "").name)
        if isinstance(upload, _RefusedMember):
            outcome.errors = [upload.error]
        else:
            try:
                outcome.photo = photo_create(
                    album=album, upload=upload, alt_text=alt_text, credit=credit, licence=licence
                )
            except ValidationError as error:
                outcome.errors = error.messages
        outcomes.append(outcome)
    return outcomes


@dataclass
class _RefusedMember:
    name: str
    error: str


def _archive_members(archive: File) -> Iterator[File | _RefusedMember]:
    """The files of a ZIP one by one, never reading more of a member than a photo may weigh."""
    limit = settings.MEDIA_LIBRARY_MAX_PHOTO_BYTES
    archive.seek(0)
    with zipfile.ZipFile(archive) as bundle:
        for info in bundle.infolist():
            name = PurePosixPath(info.filename)
            if info.is_dir() or name.name.startswith(".") or "__MACOSX" in name.parts:
                continue
            if info.file_size > limit:
                message = MESSAGES["too_large"] % {
                    "size": filesizeformat(info.file_size),
                    "limit": filesizeformat(limit),
                }
                yield _RefusedMember(name.name, str(message))
                continue
            try:
                with bundle.open(info) as member:
                    data = member.read(limit + 1)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
                yield _RefusedMember(name.name, str(MESSAGES["broken"]))
                continue
            if len(data) > limit:
                message = MESSAGES["too_large"] % {"size": filesizeformat(len(data)), "limit": filesizeformat(limit)}
                yield _RefusedMember(name.name, str(message))
                continue
            yield ContentFile(data, name=name.name)
