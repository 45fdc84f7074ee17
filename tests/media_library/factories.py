"""Factories and generated files for the media library's tests: every image is made here, by Pillow."""

import io
import struct
import zlib

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from media_library import services
from media_library.models import Album, Licence, Video
from tests.portal.factories import MunicipalityFactory
from tests.search.factories import SearchIndexedFactory

ALT_TEXT = {"bg": "Каменен мост над реката", "sr": "Камени мост преко реке", "en": "A stone bridge over the river"}


class AlbumFactory(SearchIndexedFactory):
    class Meta:
        model = Album

    slug = factory.Sequence(lambda n: f"album-{n}")
    title_bg = factory.Sequence(lambda n: f"Албум {n}")
    title_sr = factory.Sequence(lambda n: f"Албум {n}")
    title_en = factory.Sequence(lambda n: f"Album {n}")
    municipality = factory.SubFactory(MunicipalityFactory)


class VideoFactory(factory.django.DjangoModelFactory):
    """A YouTube video (no file to write)."""

    class Meta:
        model = Video

    album = factory.SubFactory(AlbumFactory)
    title_bg = factory.Sequence(lambda n: f"Видео {n}")
    title_sr = factory.Sequence(lambda n: f"Видео {n}")
    title_en = factory.Sequence(lambda n: f"Video {n}")
    provider = Video.Provider.YOUTUBE
    external_url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    provider_id = "dQw4w9WgXcQ"


def image_bytes(width=640, height=480, format="JPEG", colour=(40, 120, 200), mode="RGB", exif=None, **save) -> bytes:
    image = Image.new(mode, (width, height), colour)
    buffer = io.BytesIO()
    if exif is not None:
        save["exif"] = exif
    image.save(buffer, format, **save)
    return buffer.getvalue()


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg_upload(width=640, height=480, name="photo.jpg", **kwargs) -> SimpleUploadedFile:
    return upload(image_bytes(width, height, **kwargs), name)


def photo_make(album, *, width=64, height=48, upload_file=None, **kwargs):
    """A photo through the real upload service (small, so fast)."""
    return services.photo_create(
        album=album,
        upload=upload_file or jpeg_upload(width, height),
        alt_text=kwargs.pop("alt_text", ALT_TEXT),
        credit=kwargs.pop("credit", "Информационен център"),
        licence=kwargs.pop("licence", Licence.CC_BY_4),
        **kwargs,
    )


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels: a decompression bomb's calling card."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    pixels = zlib.compress(b"\x00" * (width + 1) * 4, 9)  # the first rows only: it never gets that far
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
