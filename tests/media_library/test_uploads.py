"""Upload safety: photos are judged by their content; a refused file is explained and leaves nothing behind."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from media_library import services
from media_library.models import Album, Photo
from tests.media_library.factories import ALT_TEXT, AlbumFactory, image_bytes, png_declaring, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English unless a test says otherwise (outside a request the default is bg)."""
    with translation.override("en"):
        yield


SVG = (
    b'<?xml version="1.0"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
)
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def every_file(settings) -> list[Path]:
    roots = [Path(settings.MEDIA_ROOT), Path(settings.MEDIA_LIBRARY_ORIGINALS_ROOT)]
    return [path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()]


def refuse(album, data: bytes, name: str) -> ValidationError:
    with pytest.raises(ValidationError) as error:
        services.photo_create(album=album, upload=upload(data, name), alt_text=ALT_TEXT)
    return error.value


def truncated_jpeg() -> bytes:
    data = image_bytes(1200, 900, quality=95, colour=(10, 200, 90))
    return data[: len(data) * 2 // 3]


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (png_declaring(30000, 30000), "bomb.png", "decompression bomb"),
        (png_declaring(10000, 6000), "huge.png", "10000 × 6000 pixels (60.0 megapixels); the limit is 50 megapixels"),
        (truncated_jpeg(), "cut.jpg", "damaged or incomplete"),
        (HTML, "holiday.jpg", "is text (for example a web page), not a photo"),
        (SVG, "logo.png", "SVG drawings are not accepted"),
        (b"GIF89a" + image_bytes(20, 20, "GIF")[6:], "anim.gif", "GIF images are not accepted"),
        (b"\x00" * 2000, "zeros.jpg", "not a photo that can be read"),
        (b"", "empty.jpg", "The file is empty"),
    ],
    ids=["decompression-bomb", "too-many-pixels", "truncated-jpeg", "html-named-jpg", "svg", "gif", "garbage", "empty"],
)
def test_a_refused_file_gets_a_clear_message_and_leaves_nothing_behind(settings, data, name, message):
    album = AlbumFactory()
    error = refuse(album, data, name)
    assert any(message in text for text in error.messages), error.messages
    assert Photo.objects.count() == 0
    assert every_file(settings) == []
    album.refresh_from_db()
    assert album.cover is None


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.MEDIA_LIBRARY_MAX_PHOTO_BYTES = 10_000
    error = refuse(AlbumFactory(), image_bytes(1000, 1000, quality=100), "big.jpg")
    assert "a photo may be at most" in error.messages[0]
    assert every_file(settings) == []


def test_refusal_messages_are_translated():
    album = AlbumFactory()
    with translation.override("bg"):
        assert refuse(album, SVG, "x.jpg").messages[0].startswith("Рисунки SVG не се приемат")
        assert (
            refuse(album, png_declaring(10000, 6000), "x.png")
            .messages[0]
            .startswith("Снимката е 10000 × 6000 пиксела (60,0 мегапиксела)")
        )
    with translation.override("sr"):
        assert refuse(album, HTML, "x.jpg").messages[0].startswith("Ова датотека је текст")


def test_a_failure_after_the_files_were_written_removes_them(settings, monkeypatch):
    """Nothing is half-saved: if the row cannot be saved, the renditions and the original go too."""
    album = AlbumFactory()

    def broken_save(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Photo, "save", broken_save)
    with pytest.raises(RuntimeError):
        services.photo_create(album=album, upload=upload(image_bytes(1000, 800)), alt_text=ALT_TEXT)
    assert every_file(settings) == []


def test_bulk_upload_keeps_the_good_files_and_explains_the_bad_ones(settings):
    album = AlbumFactory()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("trip/one.jpg", image_bytes(900, 600))
        bundle.writestr("trip/fake.jpg", HTML)
        bundle.writestr("__MACOSX/trip/._one.jpg", b"junk")
        bundle.writestr("trip/two.webp", image_bytes(700, 700, "WEBP"))
    outcomes = services.photos_upload(
        album=album,
        files=[upload(image_bytes(1200, 800), "a.jpg"), upload(SVG, "b.jpg"), upload(truncated_jpeg(), "c.jpg")],
        archive=upload(archive.getvalue(), "trip.zip", "application/zip"),
        alt_text=ALT_TEXT,
        credit="Петър Петров",
    )
    assert [(o.name, o.ok) for o in outcomes] == [
        ("a.jpg", True),
        ("b.jpg", False),
        ("c.jpg", False),
        ("one.jpg", True),
        ("fake.jpg", False),
        ("two.webp", True),
    ]
    assert all(o.errors for o in outcomes if not o.ok)
    photos = list(Photo.objects.for_album(album))
    assert len(photos) == 3
    assert [p.order for p in photos] == [1, 2, 3]
    assert {p.credit for p in photos} == {"Петър Петров"}
    # Exactly the files of the three good photos: 2 per width, plus the original.
    expected = sum(2 * len(p.renditions) + 1 for p in photos)
    assert len(every_file(settings)) == expected
    assert Album.objects.get().cover == photos[0]


def test_a_zip_member_too_big_for_a_photo_is_refused_without_being_read(settings):
    settings.MEDIA_LIBRARY_MAX_PHOTO_BYTES = 50_000
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr("zeros.jpg", b"\x00" * 10_000_000)  # a zip bomb in miniature: 10 MB in a few KB
    outcomes = services.photos_upload(
        album=AlbumFactory(), files=[], archive=upload(archive.getvalue(), "z.zip"), alt_text=ALT_TEXT
    )
    assert not outcomes[0].ok
    assert "a photo may be at most" in outcomes[0].errors[0]
    assert every_file(settings) == []


def test_deleting_a_photo_removes_its_files_after_commit(settings, django_capture_on_commit_callbacks):
    album = AlbumFactory()
    first = services.photo_create(album=album, upload=upload(image_bytes(900, 600)), alt_text=ALT_TEXT)
    second = services.photo_create(album=album, upload=upload(image_bytes(900, 600)), alt_text=ALT_TEXT)
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_delete(photo=first)
    album.refresh_from_db()
    assert album.cover == second
    assert len(every_file(settings)) == 2 * len(second.renditions) + 1
    with django_capture_on_commit_callbacks(execute=True):
        services.album_delete(album=album)
    assert every_file(settings) == []
