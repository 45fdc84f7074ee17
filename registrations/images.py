"""Logos and photos sent by the public: checked by content, then re-encoded.

The checks are the media library's (``media_library.validators``: real
JPEG, PNG or WebP only, size and pixel limits, decompression bombs, animations
and hidden content refused, every pixel decoded once by the form). What is
stored is never the uploaded file but a fresh encoding of its pixels, no
wider than ``max_width``, with no EXIF, GPS or XMP metadata.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat

from media_library.renditions import UnreadableImage, renditions_make
from media_library.validators import MESSAGES, image_check, image_open

LOGO_WIDTH = 512
PHOTO_WIDTH = 1600
# A scanned or photographed supporting document stays legible.
DOCUMENT_WIDTH = 2400


def validate_public_image(upload) -> None:
    """The form's check: the public size limit first, then the media library's checks and a full decoding."""
    _check_size(upload)
    image_check(upload)


def _check_size(upload) -> None:
    """Refuse an upload over the public limit before anything decodes it."""
    limit = settings.REGISTRATIONS_MAX_IMAGE_BYTES
    if upload.size > limit:
        raise ValidationError(
            MESSAGES["too_large"],
            code="too_large",
            params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )


def reencode(upload, *, max_width: int) -> ContentFile:
    """The upload's pixels as a new JPEG (PNG when transparent), metadata stripped, at most ``max_width`` wide.

    The file carries its ``width`` and ``height`` as attributes.
    """
    _check_size(upload)
    image = image_open(upload)
    try:
        renditions = renditions_make(image, widths=(max_width,))
    except UnreadableImage as error:
        raise ValidationError(MESSAGES["broken"], code="broken") from error
    fallback = next(rendition for rendition in renditions if rendition.format != "webp")
    content = ContentFile(fallback.data, name=f"{uuid.uuid4().hex}.{fallback.extension}")
    content.width, content.height = fallback.width, fallback.height
    content.reencoded = True  # stored as it is (CheckedImageField does not encode it again)
    return content
