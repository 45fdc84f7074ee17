import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from civic.models import Document
from civic.services import document_save
from civic.validators import MAX_DOCUMENT_SIZE, document_format
from tests.civic.factories import MINIMAL_PDF, DocumentFactory

pytestmark = pytest.mark.django_db

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def zipped(entries: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = zipped({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODT = zipped({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<office/>"})


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.pdf", MINIMAL_PDF, "pdf"),
        ("a.docx", DOCX, "docx"),
        ("a.xlsx", XLSX, "xlsx"),
        ("a.odt", ODT, "odt"),
        ("a.doc", OLE2, "doc"),
        ("a.XLS", OLE2, "xls"),
    ],
)
def test_documents_are_recognised_by_their_content(name, content, expected):
    assert document_format(SimpleUploadedFile(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("virus.pdf", b"MZ\x90\x00 an executable"),
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
        ("report.pdf", DOCX),  # a Word file named as a PDF
        ("archive.docx", zipped({"readme.txt": "not a document"})),
        ("broken.docx", b"PK\x03\x04 not really a zip"),
        ("old.pdf", OLE2),
    ],
)
def test_other_files_are_refused(name, content):
    with pytest.raises(ValidationError):
        document_format(SimpleUploadedFile(name, content))


def test_oversized_files_are_refused():
    big = SimpleUploadedFile("big.pdf", MINIMAL_PDF)
    big.size = MAX_DOCUMENT_SIZE + 1
    with pytest.raises(ValidationError) as error:
        document_format(big)
    assert error.value.code == "too_large"


def test_the_service_records_format_and_size_and_the_list_shows_them(client):
    municipality = DocumentFactory().municipality
    document = Document(
        title_en="Municipal development plan", title_bg="План за развитие", title_sr="План развоја",
        slug="development-plan",
        kind=Document.Kind.STRATEGY, municipality=municipality, language="bg", document_date="2024-03-01",
        file=SimpleUploadedFile("plan.docx", DOCX), status="published",
    )  # fmt: skip
    document_save(document=document)
    assert (document.file_format, document.file_size) == ("docx", len(DOCX))
    html = client.get("/en/documents/").content.decode()
    assert "Municipal development plan" in html
    assert f"Download DOCX, {len(DOCX)}" in html and 'hreflang="bg"' in html


def test_the_document_list_searches_titles_in_every_language(client):
    DocumentFactory(title_bg="Стратегия за туризма", title_en="Tourism strategy")
    DocumentFactory(title_bg="Отчет за бюджета", title_en="Budget report")
    html = client.get("/en/documents/?q=туризма").content.decode()
    assert "Tourism strategy" in html and "Budget report" not in html
    html = client.get("/en/documents/?q=BUDGET").content.decode()
    assert "Budget report" in html and "Tourism strategy" not in html
    assert "Budget report" not in client.get("/en/documents/?kind=form").content.decode()
