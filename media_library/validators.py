"""Upload checks for the media library: by content first, then by file name.

Each check raises a ``ValidationError`` with a message an editor can act on.
They read only what they need: an image's header (format, size) and the
parts of it that are not pixels (metadata, anything after its end), a
video's first bytes, a caption file's first line. The public registration
forms use the same checks (``registrations/images.py``).
"""

import re
import unicodedata
import warnings
import zipfile
from pathlib import PurePosixPath
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

ACCEPTED_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
# A video's name must end as its content is; a caption file is small text.
VIDEO_EXTENSIONS = {"mp4": {".mp4", ".m4v"}, "webm": {".webm"}}
CAPTIONS_MAX_BYTES = 2 * 1024 * 1024
# A photo's name must end in one of these. Content decides the format (a PNG
# called .jpg is fine: what is stored is re-encoded, under a name of ours);
# the name only has to look like a photo's to anyone who sees it.
ACCEPTED_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}
# Endings that some web server somewhere runs or renders, also inside a name
# ("photo.php.jpg"): a photo has no reason to carry them.
DANGEROUS_EXTENSIONS = {
    *(".php", ".php3", ".php4", ".php5", ".php7", ".phtml", ".pht", ".phar", ".phps", ".inc"),
    *(".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".xml", ".js", ".mjs", ".swf", ".hta"),
    *(".asp", ".aspx", ".jsp", ".jspx", ".cgi", ".pl", ".py", ".rb", ".sh", ".htaccess"),
    *(".exe", ".dll", ".bat", ".cmd", ".com", ".scr", ".vbs", ".wsf", ".ps1", ".jar"),
}
# Markup, server-side script or another document hidden in a photo's
# metadata or after its end: harmless once re-encoded, but the sign of a
# polyglot meant for a server or browser that trusts the original. Long
# enough that the compressed bytes of a real photo never match by chance.
HIDDEN_CONTENT = re.compile(
    rb"<script|<iframe|<object|<embed|<!doctype|<\?php|javascript:|%PDF-"
    rb"|<(?:html|body|head|svg|img|meta|link|style|form|base)[\s/>]",
    re.IGNORECASE,
)
# Bidirectional and other invisible formatting characters make a name read
# differently from what it is ("photo‮gpj.php" shows as "photophp.jpg").
MISLEADING_NAME_CHARACTERS = {"Cc", "Cf"}
# Pillow parses headers only of these: the accepted formats, and common others
# so that their refusal can name them. Exotic formats are never parsed at all.
OPENED_FORMATS = ["JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF", "AVIF"]

# A strip thinner than this share of its length cannot be shown as a photo (and no
# rendition of it would fit WebP's 16383-pixel side); a 600x17000 scan is fine.
MAX_ASPECT = 100

MESSAGES = {
    "proportions": _(
        "The image is %(width)s × %(height)s pixels: far too narrow for its length to be shown. "
        "Crop it or upload another photo."
    ),
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
    "animated": _("Animated images are not accepted. Upload a still JPEG, PNG or WebP photo."),
    "hidden": _(
        "This photo carries something that is not part of a picture (a web page, a script or another file), "
        "so it was refused. Export the photo again from the original and upload that."
    ),
    "extension": _(
        "The file name “%(name)s” does not end in .jpg, .jpeg, .png or .webp. Give the photo such a name and "
        "upload it again."
    ),
    "file_name": _("The file name contains invisible control characters. Rename the file and upload it again."),
    "double_extension": _(
        "The file name “%(name)s” contains “%(extension)s”, an ending of web pages and programs. Rename the file "
        "so that it ends only in .jpg, .jpeg, .png or .webp."
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
    """Open an uploaded photo after checking its size, real format, pixel count, frames, hidden content and name.

    Returns the Pillow image with only its header read: decoding (which may
    still find the file truncated) happens when the renditions are made, or
    in ``image_check``.
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
    except Exception as error:  # Pillow's parsers may fail on hostile bytes in other ways: still not a photo
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
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise ValidationError(MESSAGES["proportions"], code="proportions", params={"width": width, "height": height})
    if getattr(image, "n_frames", 1) > 1:
        raise ValidationError(MESSAGES["animated"], code="animated")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if _hides_content(data, image.format) or zipfile.is_zipfile(upload):
        raise ValidationError(MESSAGES["hidden"], code="hidden")
    if image.format == "PNG":
        _png_verify(upload)
    upload.seek(0)
    _check_name(getattr(upload, "name", None))
    return image


def image_check(upload) -> None:
    """``image_open``, then decode every pixel: a form can refuse a truncated or damaged photo at once.

    JPEGs are decoded at a reduced scale (every byte is still read), so the
    check costs a fraction of the full decoding that the renditions do.
    """
    image = image_open(upload)
    try:
        if image.format == "JPEG":
            image.draft(None, (2048, 2048))
        image.load()
    except Exception as error:  # whatever the decoder raises, the photo cannot be used
        raise ValidationError(MESSAGES["broken"], code="broken") from error
    finally:
        upload.seek(0)


def _png_verify(upload) -> None:
    """Every chunk's checksum, up to IEND: a PNG cut short or altered is refused before it is decoded."""
    try:
        with Image.open(upload, formats=["PNG"]) as image:
            image.verify()
    except Exception as error:
        raise ValidationError(MESSAGES["broken"], code="broken") from error


def _check_name_characters(name: str) -> None:
    if any(unicodedata.category(character) in MISLEADING_NAME_CHARACTERS for character in name):
        raise ValidationError(MESSAGES["file_name"], code="file_name")


def _check_name(name: str | None) -> None:
    if not name:
        return  # a file made by the portal itself (a ZIP member keeps its name)
    if any(unicodedata.category(character) in MISLEADING_NAME_CHARACTERS for character in name):
        raise ValidationError(MESSAGES["file_name"], code="file_name")
    suffixes = [suffix.lower() for suffix in PurePosixPath(name).suffixes]
    if not suffixes or suffixes[-1] not in ACCEPTED_EXTENSIONS:
        raise ValidationError(MESSAGES["extension"], code="extension", params={"name": name[-80:]})
    for suffix in suffixes[:-1]:
        if suffix in DANGEROUS_EXTENSIONS:
            raise ValidationError(
                MESSAGES["double_extension"], code="double_extension", params={"name": name[-80:], "extension": suffix}
            )


def _hides_content(data: bytes, format: str) -> bool:
    """True when the parts of the image that are not pixels hold markup, script or a PDF."""
    parts = {"JPEG": _jpeg_parts, "PNG": _png_parts, "WEBP": _webp_parts}[format](data)
    return any(HIDDEN_CONTENT.search(part) for part in parts)


# After a JPEG scan's start, the entropy-coded data runs to the next marker
# that is neither a stuffed 0xFF00, a restart marker nor fill.
_JPEG_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


def _jpeg_parts(data: bytes) -> list[bytes]:
    """A JPEG's metadata segments (APPn, COM) and whatever follows its end (EOI)."""
    parts, position = [], 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            return [*parts, data[position:]]  # not a marker where one must be: judge the rest as it is
        marker = data[position + 1]
        if marker == 0xFF:
            position += 1
            continue
        if marker == 0xD9:  # EOI
            return [*parts, data[position + 2 :]]
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            position += 2
            continue
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:
            parts.append(data[position + 4 : position + 2 + length])
        position += 2 + length
        if marker == 0xDA:  # SOS
            found = _JPEG_NEXT_MARKER.search(data, position)
            if found is None:
                break  # cut short: decoding will say so
            position = found.start()
    return parts


def _png_parts(data: bytes) -> list[bytes]:
    """A PNG's chunks other than pixels (text, profiles, private chunks) and whatever follows IEND."""
    parts, position = [], 8
    while position + 12 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        if kind not in {b"IDAT", b"fdAT"}:
            parts.append(data[position + 8 : position + 8 + length])
        position += 12 + length
        if kind == b"IEND":
            return [*parts, data[position:]]
    return parts


def _webp_parts(data: bytes) -> list[bytes]:
    """A WebP's RIFF chunks other than pixels (EXIF, XMP, unknown) and whatever follows the RIFF."""
    end = 8 + int.from_bytes(data[4:8], "little")
    parts, position = [data[end:]], 12
    while position + 8 <= min(end, len(data)):
        kind = data[position : position + 4]
        length = int.from_bytes(data[position + 4 : position + 8], "little")
        if kind not in {b"VP8 ", b"VP8L", b"ALPH", b"ANMF"}:
            parts.append(data[position + 8 : position + 8 + length])
        position += 8 + length + (length & 1)
    return parts


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
    kind = video_kind(upload)
    if kind is None:
        raise ValidationError(MESSAGES["video"], code="video")
    # The name must say what the content is: a "clip.html" holding an MP4 was stored before.
    name = getattr(upload, "name", "") or ""
    if name and PurePosixPath(name.lower()).suffix not in VIDEO_EXTENSIONS[kind]:
        raise ValidationError(MESSAGES["video"], code="video")
    _check_name_characters(name)


def validate_webvtt(upload) -> None:
    """A caption file is WebVTT text: named .vtt, UTF-8, starting with WEBVTT, with no markup beyond cue tags."""
    name = getattr(upload, "name", "") or ""
    if name and PurePosixPath(name.lower()).suffix != ".vtt":
        raise ValidationError(MESSAGES["captions"], code="captions")
    _check_name_characters(name)
    if _size(upload) > CAPTIONS_MAX_BYTES:
        raise ValidationError(MESSAGES["captions"], code="captions")
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(MESSAGES["captions"], code="captions") from error
    if "\x00" in text or HIDDEN_CONTENT.search(data):
        raise ValidationError(MESSAGES["captions"], code="captions")
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
