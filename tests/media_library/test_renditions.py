"""Renditions: made once on upload, in the promised widths and formats, upright, with no EXIF or GPS."""

import io
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from media_library.models import Photo
from media_library.renditions import target_widths
from tests.media_library.factories import ALT_TEXT, AlbumFactory, image_bytes, photo_make, upload

pytestmark = pytest.mark.django_db


def exif_with_gps_and_orientation(orientation=1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.Base.Orientation] = orientation
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = "2024:07:21 10:15:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (42.0, 38.0, 0.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (24.0, 21.0, 0.0)
    return exif


def opened(path: Path) -> Image.Image:
    image = Image.open(path)
    image.load()
    return image


def public_files(media_root: Path) -> list[Path]:
    return sorted(path for path in media_root.rglob("*") if path.is_file())


def test_a_large_photo_gets_three_widths_in_webp_and_jpeg(media_root):
    photo = photo_make(AlbumFactory(), width=2400, height=1600)
    assert [(entry["width"], entry["height"]) for entry in photo.renditions] == [(1600, 1067), (960, 640), (480, 320)]
    assert (photo.width, photo.height) == (2400, 1600)
    for entry in photo.renditions:
        webp, fallback = opened(media_root / entry["webp"]), opened(media_root / entry["fallback"])
        assert webp.format == "WEBP" and fallback.format == "JPEG"
        assert webp.size == fallback.size == (entry["width"], entry["height"])
    assert len(public_files(media_root)) == 6


def test_a_photo_with_transparency_falls_back_to_png_and_keeps_its_alpha(media_root):
    data = image_bytes(1000, 500, "PNG", colour=(200, 30, 30, 128), mode="RGBA")
    photo = photo_make(AlbumFactory(), upload_file=upload(data, "logo.png"))
    assert photo.fallback_format == "png"
    for entry in photo.renditions:
        fallback = opened(media_root / entry["fallback"])
        assert fallback.format == "PNG" and fallback.mode == "RGBA"
        assert opened(media_root / entry["webp"]).mode == "RGBA"
    assert photo.image.fallback_type == "image/png"


def test_small_photos_are_never_upscaled():
    assert target_widths(6000) == [1600, 960, 480]
    assert target_widths(1200) == [1200, 960, 480]
    assert target_widths(500) == [500]
    assert target_widths(300) == [300]
    photo = photo_make(AlbumFactory(), width=300, height=200)
    assert [(entry["width"], entry["height"]) for entry in photo.renditions] == [(300, 200)]


def test_no_public_file_carries_exif_or_gps(media_root, settings):
    exif = exif_with_gps_and_orientation()
    data = image_bytes(2000, 1500, exif=exif)
    assert b"PhoneMaker" in data  # the upload does carry them
    photo = photo_make(AlbumFactory(), upload_file=upload(data))
    files = public_files(media_root)
    assert len(files) == 6
    for path in files:
        raw = path.read_bytes()
        assert b"Exif" not in raw and b"PhoneMaker" not in raw, path.name
        image = opened(path)
        assert not image.getexif(), path.name
        assert "exif" not in image.info and "xmp" not in image.info, path.name
    # The original, EXIF included, is kept outside MEDIA_ROOT and has no public address.
    original = Path(settings.MEDIA_LIBRARY_ORIGINALS_ROOT) / photo.original.name
    assert b"PhoneMaker" in original.read_bytes()
    assert not str(original).startswith(str(media_root))
    with pytest.raises(ValueError, match="private"):
        photo.original.url  # noqa: B018


def test_the_date_taken_comes_from_exif_when_not_given():
    photo = photo_make(AlbumFactory(), upload_file=upload(image_bytes(800, 600, exif=exif_with_gps_and_orientation())))
    assert photo.taken_on.isoformat() == "2024-07-21"


def test_a_rotated_phone_photo_comes_out_upright(media_root):
    """A phone stores a portrait photo as landscape pixels plus EXIF orientation 6 (turn 90° clockwise)."""
    stored = Image.new("RGB", (1600, 1200), (0, 0, 255))
    stored.paste((255, 0, 0), (0, 0, 800, 1200))  # left half red: after the turn it is the top half
    buffer = io.BytesIO()
    stored.save(buffer, "JPEG", quality=95, exif=exif_with_gps_and_orientation(orientation=6))
    photo = photo_make(AlbumFactory(), upload_file=upload(buffer.getvalue()))
    assert (photo.width, photo.height) == (1200, 1600)
    for entry in photo.renditions:
        assert entry["height"] > entry["width"]
        for key in ("webp", "fallback"):
            image = opened(media_root / entry[key]).convert("RGB")
            width, height = image.size
            assert (width, height) == (entry["width"], entry["height"])
            red, _, blue = image.getpixel((width // 2, height // 4))
            assert red > 200 and blue < 60, (key, entry["width"])
            red, _, blue = image.getpixel((width // 2, height * 3 // 4))
            assert blue > 200 and red < 60, (key, entry["width"])


def test_renditions_are_made_once_on_upload_not_per_request(client, media_root):
    photo = photo_make(AlbumFactory(), width=1200, height=800)
    before = {path: path.stat().st_mtime_ns for path in public_files(media_root)}
    assert client.get(photo.album.get_absolute_url()).status_code == 200
    assert client.get(photo.get_absolute_url()).status_code == 200
    assert {path: path.stat().st_mtime_ns for path in public_files(media_root)} == before
    assert Photo.objects.get().renditions == photo.renditions


def test_alt_text_is_required_in_every_language(media_root):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        photo_make(AlbumFactory(), alt_text={**ALT_TEXT, "sr": ""})
    assert "alt_text_sr" in error.value.message_dict
    assert Photo.objects.count() == 0
    assert public_files(media_root) == []


def test_a_truncated_png_has_no_orientation_or_date_and_cannot_be_rendered():
    """Reading a PNG's EXIF decodes it: a truncated one must not crash there, only be refused on decoding."""
    from media_library.renditions import UnreadableImage, date_taken, orientation, renditions_make, upright_size

    data = image_bytes(300, 200, format="PNG", colour=(10, 200, 90))
    image = Image.open(io.BytesIO(data[: len(data) - 40]))
    assert orientation(image) == 1
    assert upright_size(image) == (300, 200)
    assert date_taken(image) is None
    with pytest.raises(UnreadableImage):
        renditions_make(image)
