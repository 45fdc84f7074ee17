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
from django.utils.translation import gettext_lazy as _

from core.uploads import pdf_runs_script
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


MAX_CLAIM_DOCUMENT_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
# What the media library says of a file that is no picture at all; for a document, a PDF is as good.
NOT_A_DOCUMENT = {"svg", "text", "not_an_image", "format"}
NOT_A_DOCUMENT_MESSAGE = _(
    "This file is neither a PDF nor a picture that can be read, whatever its name says. "
    "Upload a PDF, JPEG, PNG or WebP file."
)


def validate_claim_document(upload) -> None:
    """A supporting document is a PDF without scripts, or a scan or photo the media library accepts.

    Checked by content (``core.uploads`` for PDFs, ``media_library.validators`` through
    ``images.validate_public_image`` for pictures), never by the name it arrives with.
    """
    if upload.size > MAX_CLAIM_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)s."),
            code="too_large",
            params={"size": filesizeformat(MAX_CLAIM_DOCUMENT_BYTES)},
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head == PDF_MAGIC:
        data = upload.read()
        upload.seek(0)
        if pdf_runs_script(data):
            raise ValidationError(
                _("This PDF runs a script when it is opened. Save it again without scripts and upload it."),
                code="pdf_script",
            )
        if not upload.name.lower().endswith(".pdf"):
            raise ValidationError(_("The file is a PDF but its name does not end in .pdf."), code="extension")
        return
    try:
        validate_public_image(upload)
    except ValidationError as error:
        # The media library's words ("not a photo… upload a JPEG, PNG or WebP photo") would hide that a PDF is welcome.
        if getattr(error, "code", None) in NOT_A_DOCUMENT:
            raise ValidationError(NOT_A_DOCUMENT_MESSAGE, code="not_a_document") from error
        raise
