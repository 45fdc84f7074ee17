"""Decompression and size bombs in staff uploads are refused while being read, never read whole first."""

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from civic.validators import document_format
from directory.importing import read_file

BOMB_BYTES = 120 * 1024 * 1024


@pytest.fixture(scope="module")
def odt_bomb() -> bytes:
    """An ODT whose ``mimetype`` member unpacks to 120 MB from a few hundred kilobytes (written in chunks)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("mimetype", "w", force_zip64=True) as member:
            member.write(b"application/vnd.oasis.opendocument.text")
            chunk = b" " * (1024 * 1024)
            for _chunk in range(BOMB_BYTES // len(chunk)):
                member.write(chunk)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def measured(check):
    tracemalloc.start()
    began = time.perf_counter()
    try:
        check()
    except ValidationError as error:
        outcome = error
    else:
        outcome = None
    seconds = time.perf_counter() - began
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return outcome, seconds, peak


def test_an_odt_whose_member_unpacks_to_a_hundred_megabytes_is_refused_unread(odt_bomb):
    assert len(odt_bomb) < 2 * 1024 * 1024
    error, seconds, peak = measured(lambda: document_format(SimpleUploadedFile("plan.odt", odt_bomb)))
    print(
        f"\nODT bomb ({len(odt_bomb) // 1024} KB -> {BOMB_BYTES // 2**20} MB): "
        f"refused in {seconds:.3f} s, peak {peak // 1024} KB"
    )
    assert error is not None
    assert peak < 8 * 1024 * 1024  # nothing of the 120 MB was unpacked


def test_a_real_odt_is_still_recognised():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr(
            "content.xml", "<office:document-content>" + "<text:p>Текст</text:p>" * 5000 + "</office:document-content>"
        )
    assert document_format(SimpleUploadedFile("plan.odt", buffer.getvalue())) == "odt"


def workbook_bytes(rows: int) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["name_bg", "eik", "kind"])
    for number in range(rows):
        sheet.append(["Фирма", 100000000 + number, "company"])  # few shared strings: rows dominate
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_xlsx_with_too_many_rows_is_refused_as_its_rows_stream(settings):
    """Cap 100 rows: a 10,000-row sheet is refused at row 101, without holding its rows.

    Read whole before the cap applied, the 10,000 rows were all held at once first.
    """
    settings.DIRECTORY_IMPORT_MAX_ROWS = 100
    fits, _seconds, small_peak = measured(lambda: read_file("firms.xlsx", workbook_bytes(100)))
    assert fits is None
    big = workbook_bytes(10_000)
    refused, seconds, big_peak = measured(lambda: read_file("firms.xlsx", big))
    print(
        f"\nXLSX of 10,000 rows, cap 100: refused in {seconds:.2f} s, "
        f"peak {big_peak // 1024} KB (100 rows: {small_peak // 1024} KB)"
    )
    assert refused is not None and refused.code == "rows"
    # Measured: 2.6 times the 100-row figure streamed (openpyxl scans the sheet once for its size,
    # holding no rows), 9 times when every row was kept before the cap applied.
    assert big_peak < 4 * small_peak
