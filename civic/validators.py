"""Uploaded documents are checked by their content, not by the name they arrive with."""

import zipfile

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.uploads import pdf_runs_script, zip_directory_check, zip_member_head

MAX_DOCUMENT_SIZE = 25 * 1024 * 1024  # a scanned strategy fits; a video does not
# What the members of an OpenDocument or Office file may unpack to together.
MAX_DOCUMENT_UNPACKED = 250 * 1024 * 1024

PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Word, Excel and PowerPoint

ODF_MIMETYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx", "ppt/presentation.xml": "pptx"}
LEGACY_OFFICE_EXTENSIONS = {"doc", "xls", "ppt"}
FORMATS = ("pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "doc", "xls", "ppt")


def document_format(uploaded) -> str:
    """The format of an uploaded document (``"pdf"``, ``"docx"``…), or ValidationError.

    PDF by its ``%PDF-`` header; OpenDocument by the ``mimetype`` entry of its
    zip; Office Open XML by ``[Content_Types].xml`` and its main part; legacy
    Office (OLE2) files by their header and, as their content does not say
    which program wrote them, by the file name's extension.
    """
    if uploaded.size > MAX_DOCUMENT_SIZE:
        raise ValidationError(
            _("The file is larger than %(size)s.") % {"size": filesizeformat(MAX_DOCUMENT_SIZE)}, code="too_large"
        )
    extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    detected = None
    if head.startswith(PDF_MAGIC):
        detected = "pdf"
        if pdf_runs_script(uploaded.read()):
            raise ValidationError(
                _("This PDF runs a script when it is opened. Save it again without scripts and upload it."),
                code="pdf_script",
            )
    elif head.startswith(ZIP_MAGIC):
        detected = _zip_document_format(uploaded)
    elif head.startswith(OLE2_MAGIC) and extension in LEGACY_OFFICE_EXTENSIONS:
        detected = extension
    uploaded.seek(0)
    if detected is None:
        raise ValidationError(_("Upload a PDF, OpenDocument or Microsoft Office document."), code="unsupported_format")
    if extension != detected:
        raise ValidationError(
            _("The file's content is %(format)s but its name ends in .%(extension)s.")
            % {"format": detected.upper(), "extension": extension},
            code="extension_mismatch",
        )
    return detected


def _zip_document_format(uploaded) -> str | None:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            # Judged by its directory before anything is unpacked: a bomb is refused whole.
            zip_directory_check(archive, max_total=MAX_DOCUMENT_UNPACKED)
            names = set(archive.namelist())
            if "mimetype" in names:
                return ODF_MIMETYPES.get(zip_member_head(archive, "mimetype").decode("ascii", "replace").strip())
            if "[Content_Types].xml" in names:
                return next((fmt for part, fmt in OOXML_PARTS.items() if part in names), None)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError):
        return None
    return None


def validate_document(uploaded) -> None:
    document_format(uploaded)
