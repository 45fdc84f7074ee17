"""Upload checks for the media library: by content, never by file name.

Each check raises a ``ValidationError`` with a message an editor can act on.
They read only what they need: an image's header (format, size), a video's
first bytes, a caption file's first line.
"""

import re
import warnings
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ACCEPTED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
# Pillow parses headers only of these: the accepted formats, and common others
# so that their refusal can name them. Exotic formats are never parsed at all.
OPENED_FORMATS = ["JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF", "AVIF"]

MESSAGES = {
    "empty": _("The file is empty."),
    "too_large": _("The file is %(size)s; a photo may be at most %(limit)s."),
    "svg": _("SVG drawings are not accepted, whatever the file is called. Upload a JPEG, PNG or WebP photo."),
    "text": _(
        "This file is text (for example a web page), not a photo, whatever its name says. "
        "Upload a JPEG, PNG or WebP photo."
    ),
    "not_an_image": _("This file is not a photo that can be read. Upload a JPEG, PNG or WebP photo."),
    "format": _("%(format)s images are not accepted. Upload a JPEG, PNG or WebP photo."),
    "too_many_pixels": _(
        "The photo is %(width)s × %(height)s pixels (%(megapixels)s megapixels); the limit is %(limit)s "
        "megapixels. Make it smaller before uploading."
    ),
    "bomb": _(
        "The file claims an enormous number of pixels (a possible “decompression bomb”) and was refused. "
        "Upload an ordinary photo."
    ),
    "broken": _(
        "The photo is damaged or incomplete and could not be read. Export it again from the original and re-upload it."
    ),
    "video": _("This file is not an MP4 or WebM video, whatever its name says."),
    "video_too_large": _("The video is %(size)s; a video may be at most %(limit)s."),
    "captions": _("Captions must be a WebVTT file: a UTF-8 text file whose first line is “WEBVTT”."),
    "video_url": _("Enter the address of a video on YouTube or Vimeo."),
}


def _head(upload, length: int = 512) -> bytes:
    upload.seek(0)
    head = upload.read(length)
    upload.seek(0)
    return head


def _size(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, 2)
        size = upload.tell()
        upload.seek(0)
    return size


def _looks_like_text(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<", b"{", b"[", b"#!", b"%!")) or b"<svg" in text or b"<html" in text


def image_open(upload) -> Image.Image:
    """Open an uploaded photo after checking its size, its real format and its pixel count.

    Returns the Pillow image with only its header read: decoding (which may
    still find the file truncated) happens when the renditions are made.
    """
    size = _size(upload)
    if size == 0:
        raise ValidationError(MESSAGES["empty"], code="empty")
    limit = settings.MEDIA_LIBRARY_MAX_PHOTO_BYTES
    if size > limit:
        raise ValidationError(
            MESSAGES["too_large"],
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    head = _head(upload)
    if b"<svg" in head.lower():
        raise ValidationError(MESSAGES["svg"], code="svg")
    if _looks_like_text(head):
        raise ValidationError(MESSAGES["text"], code="text")
    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, past its own pixel limits; both are refusals here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload, formats=OPENED_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(MESSAGES["bomb"], code="bomb") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(MESSAGES["not_an_image"], code="not_an_image") from error
    if image.format not in ACCEPTED_IMAGE_FORMATS:
        raise ValidationError(MESSAGES["format"], code="format", params={"format": image.format})
    width, height = image.size
    max_pixels = settings.MEDIA_LIBRARY_MAX_PHOTO_PIXELS
    if width * height > max_pixels:
        raise ValidationError(
            MESSAGES["too_many_pixels"],
            code="too_many_pixels",
            params={
                "width": width,
                "height": height,
                "megapixels": formats.localize(round(width * height / 1_000_000, 1)),
                "limit": round(max_pixels / 1_000_000),
            },
        )
    if width < 1 or height < 1:
        raise ValidationError(MESSAGES["broken"], code="broken")
    return image


def video_kind(upload) -> str | None:
    """``"mp4"`` or ``"webm"`` from a file's first bytes, or None."""
    head = _head(upload, 64)
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return "mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head:
        return "webm"
    return None


def validate_video_file(upload) -> None:
    limit = settings.MEDIA_LIBRARY_MAX_VIDEO_BYTES
    size = _size(upload)
    if size > limit:
        raise ValidationError(
            MESSAGES["video_too_large"],
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if video_kind(upload) is None:
        raise ValidationError(MESSAGES["video"], code="video")


def validate_webvtt(upload) -> None:
    head = _head(upload, 1024)
    try:
        text = head.decode("utf-8-sig") if len(head) < 1024 else head[:1000].decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError as error:
        raise ValidationError(MESSAGES["captions"], code="captions") from error
    first_line = text.splitlines()[0] if text else ""
    if not re.fullmatch(r"WEBVTT([ \t].*)?", first_line):
        raise ValidationError(MESSAGES["captions"], code="captions")


YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
VIMEO_ID = re.compile(r"[0-9]{4,12}")


def video_url_parse(url: str) -> tuple[str, str]:
    """``("youtube", id)`` or ``("vimeo", id)`` for a video's address; ValidationError otherwise."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = [segment for segment in parts.path.split("/") if segment]
    candidate, provider = "", ""
    if host in {"youtube.com", "youtube-nocookie.com"}:
        provider = "youtube"
        if path[:1] == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(path) >= 2 and path[0] in {"embed", "shorts", "live", "v"}:
            candidate = path[1]
    elif host == "youtu.be" and path:
        provider, candidate = "youtube", path[0]
    elif host == "vimeo.com" and path:
        provider, candidate = "vimeo", path[-1]  # vimeo.com/123, vimeo.com/channels/x/123
    elif host == "player.vimeo.com" and len(path) >= 2 and path[0] == "video":
        provider, candidate = "vimeo", path[1]
    pattern = {"youtube": YOUTUBE_ID, "vimeo": VIMEO_ID}.get(provider)
    if parts.scheme not in {"http", "https"} or not pattern or not pattern.fullmatch(candidate):
        raise ValidationError(MESSAGES["video_url"], code="video_url")
    return provider, candidate
