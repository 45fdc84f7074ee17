"""Responsive renditions of a photo, made once, on upload, with Pillow.

Pure image work: no Django, no storage. The services write the bytes this
module returns, and the benchmark (``bench/renditions.py``) times exactly
this code.

Speed and memory come from two Pillow features. ``Image.draft()`` asks the
JPEG decoder for a DCT-scaled image (1/2, 1/4 or 1/8 of the size), so a
24-megapixel photo is decoded straight to the smallest size that is still at
least as wide as the widest rendition, instead of to 72 MB of pixels. Each
smaller rendition is then resized from the one before it, with
``reducing_gap`` letting Pillow shrink by whole factors before resampling.
"""

from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

from PIL import ExifTags, Image

# Widths of the renditions, widest first. 1600 covers a full-width photo on
# a large screen; 960 and 480 serve tablets, phones and the album grid.
WIDTHS = (1600, 960, 480)
# A rendition narrower than this share of the photo is worth making: a 500 px
# photo gets one 500 px rendition, not a 500 px and a 480 px one.
MIN_STEP = 0.9
WEBP_QUALITY = 80
# libwebp effort 0-6: 3 makes files a few per cent larger than the default 4 in half the time.
WEBP_METHOD = 3
JPEG_QUALITY = 82
# libwebp refuses a side longer than this: a very tall or wide photo gets narrower renditions.
WEBP_MAX_SIDE = 16383
# Pillow's bicubic filter widens with the scale factor, so it antialiases a
# downscale properly; Lanczos is a little sharper and a quarter slower.
# reducing_gap lets Pillow shrink by a whole factor first when the step is large.
RESAMPLE = Image.Resampling.BICUBIC
REDUCING_GAP = 2.0

# EXIF orientation tag value -> the transposition that makes the photo upright
# (the same table as PIL.ImageOps.exif_transpose, applied here to the small
# drafted image instead of to the full-size one).
ORIENTATION_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
QUARTER_TURNS = {5, 6, 7, 8}

FALLBACK_CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"webp": "webp", "jpeg": "jpg", "png": "png"}


class UnreadableImage(Exception):
    """The image's header was fine but its pixels could not be decoded (truncated or damaged)."""


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    format: str  # "webp", "jpeg" or "png"
    data: bytes

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


def orientation(image: Image.Image) -> int:
    # Reading a PNG's EXIF decodes the whole file, so a truncated or damaged
    # one fails here already (OSError), and a hostile EXIF block can fail in
    # other ways: then the photo has no orientation, and decoding its pixels
    # decides whether it is usable at all.
    try:
        value = image.getexif().get(ExifTags.Base.Orientation, 1)
    except Exception:
        return 1
    return value if value in ORIENTATION_TRANSPOSE else 1


def upright_size(image: Image.Image) -> tuple[int, int]:
    """Width and height of the photo as it is meant to be seen (after EXIF orientation)."""
    width, height = image.size
    return (height, width) if orientation(image) in QUARTER_TURNS else (width, height)


def has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in image.info


def target_widths(width: int, widths: tuple[int, ...] = WIDTHS) -> list[int]:
    """Widths to make for a photo ``width`` pixels wide: never wider than the photo itself."""
    targets = [w for w in widths if w <= width * MIN_STEP]
    top = min(width, widths[0])
    if not targets or targets[0] < top:
        targets.insert(0, top)
    return targets


def fitting_widths(width: int, height: int, widths: tuple[int, ...] = WIDTHS) -> list[int]:
    """``target_widths``, narrowed so that no rendition is taller than WebP allows (a 600x17000 scan)."""
    widest = max(1, WEBP_MAX_SIDE * width // height)
    fitted = []
    for target in target_widths(width, widths):
        target = min(target, widest)
        if target not in fitted:
            fitted.append(target)
    return fitted


def date_taken(image: Image.Image) -> date | None:
    """The EXIF DateTimeOriginal of a photo, when the camera recorded one."""
    try:
        value = image.getexif().get_ifd(ExifTags.IFD.Exif).get(ExifTags.Base.DateTimeOriginal)
        return datetime.strptime(str(value).strip("\x00 "), "%Y:%m:%d %H:%M:%S").date() if value else None
    except Exception:  # a damaged or hostile EXIF block: no date, as for a photo without one
        return None


def renditions_make(image: Image.Image, widths: tuple[int, ...] = WIDTHS) -> list[Rendition]:
    """Every rendition of an opened (not yet decoded) image, widest first.

    Each width comes as WebP and as a fallback: JPEG, or PNG when the image
    has transparency. The photo is turned upright by its EXIF orientation,
    and nothing of its metadata is written out (no EXIF, no GPS, no XMP),
    except its colour profile, which carries no personal data.
    Raises ``UnreadableImage`` when the pixels cannot be decoded.
    """
    turn = orientation(image)
    icc_profile = image.info.get("icc_profile")
    upright_width, upright_height = upright_size(image)
    targets = fitting_widths(upright_width, upright_height, widths)
    alpha = has_alpha(image)
    if image.format == "JPEG":
        draft_size = (targets[0], max(1, round(targets[0] * upright_height / upright_width)))
        if turn in QUARTER_TURNS:
            draft_size = draft_size[::-1]
        image.draft("RGB" if image.mode == "RGB" else None, draft_size)
    try:
        image.load()
        mode = "RGBA" if alpha else "RGB"
        base = image if image.mode == mode else image.convert(mode)
    except Exception as error:  # whatever the decoder raises on damaged bytes, the pixels cannot be read
        raise UnreadableImage(str(error)) from error
    if turn in ORIENTATION_TRANSPOSE:
        base = base.transpose(ORIENTATION_TRANSPOSE[turn])
    base.info = {}  # nothing of the source's metadata travels with the pixels

    renditions = []
    source = base
    for width in targets:
        height = max(1, round(width * upright_height / upright_width))
        if source.size != (width, height):
            source = source.resize((width, height), RESAMPLE, reducing_gap=REDUCING_GAP)
            source.info = {}
        renditions.append(Rendition(width, height, "webp", _encode(source, "webp", icc_profile)))
        fallback = "png" if alpha else "jpeg"
        renditions.append(Rendition(width, height, fallback, _encode(source, fallback, icc_profile)))
    return renditions


def _encode(image: Image.Image, format: str, icc_profile: bytes | None) -> bytes:
    buffer = BytesIO()
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if format == "webp":
        image.save(buffer, "WEBP", quality=WEBP_QUALITY, method=WEBP_METHOD, **options)
    elif format == "jpeg":
        image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, **options)
    else:
        image.save(buffer, "PNG", **options)
    return buffer.getvalue()
