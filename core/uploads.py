"""Checks shared by every upload that is a ZIP inside (OpenDocument, Office Open XML, XLSX).

A ZIP says in its directory how large each member unpacks; Python's ``zipfile``
never hands out more than that declared size (it stops there and checks the
CRC), so the directory can be judged before anything is decompressed:

- the members together may unpack to at most ``max_total`` bytes;
- a member larger than ``RATIO_FLOOR`` may unpack to at most ``MAX_RATIO``
  times its compressed size (a 285 KB ODT whose ``mimetype`` unpacked to
  300 MB took 11.7 s and 560 MB of memory before it was refused);
- a member read only for a few bytes (``mimetype``) is read as a stream,
  never more than ``limit`` bytes.

A file that fails any check is refused as a whole.
"""

import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Office XML compresses well (30x is common); a hundredfold member is a bomb.
MAX_RATIO = 100
# Small members may compress far better than that (a few kilobytes of repeated markup).
RATIO_FLOOR = 1024 * 1024

BOMB_MESSAGE = _("This file unpacks to far more than its own size, so it is refused. Save it again and upload it.")


# Markup or script in a file that is data (a GPX track, a caption file, a PDF): a page or
# script hidden for a browser or server that trusts the file. The gallery refuses the same
# inside photos (media_library.validators.HIDDEN_CONTENT).
MARKUP = re.compile(
    rb"<script|<iframe|<object|<embed|<!doctype|<\?php|javascript:|<(?:html|body|svg|img|form|base)[\s/>]",
    re.IGNORECASE,
)
# A PDF that runs JavaScript when opened: municipal documents have no reason to.
PDF_SCRIPT = re.compile(rb"/(?:JavaScript|JS)\b|/S\s*/Launch")


def markup_inside(data: bytes) -> bool:
    return bool(MARKUP.search(data))


def pdf_runs_script(data: bytes) -> bool:
    return bool(PDF_SCRIPT.search(data))


def zip_directory_check(archive: zipfile.ZipFile, *, max_total: int) -> None:
    """Refuse ``archive`` when its members would unpack to more than ``max_total`` or by too large a ratio."""
    total = 0
    for entry in archive.infolist():
        total += entry.file_size
        if total > max_total:
            raise ValidationError(BOMB_MESSAGE, code="zip_bomb")
        if entry.file_size > RATIO_FLOOR and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise ValidationError(BOMB_MESSAGE, code="zip_bomb")


def zip_member_head(archive: zipfile.ZipFile, name: str, *, limit: int = 256) -> bytes:
    """The first ``limit`` bytes of a member, read as a stream (a lying member decompresses no further)."""
    with archive.open(name) as member:
        return member.read(limit)
