"""NACE, the EU classification of economic activities, as the directory uses it.

Both countries classify companies with NACE Rev. 2 (Bulgaria's KID-2008,
Serbia's Uredba o klasifikaciji delatnosti), so that is the revision entries
are entered in today. Rev. 2.1 (2025) renumbers the sections after J, so every
code is stored with its revision and only ever compared within it. Divisions
are checked against python-stdnum's copy of the Eurostat tables.
"""

from functools import cache

from django.db import models
from django.utils.translation import gettext_lazy as _
from stdnum.eu import nace as stdnum_nace
from stdnum.exceptions import ValidationError as StdnumError


class NaceRevision(models.TextChoices):
    REV_2 = "2", _("NACE Rev. 2")
    REV_2_1 = "2.1", _("NACE Rev. 2.1")


class NaceSection(models.TextChoices):
    """The 21 sections of NACE Rev. 2."""

    A = "A", _("Agriculture, forestry and fishing")
    B = "B", _("Mining and quarrying")
    C = "C", _("Manufacturing")
    D = "D", _("Electricity, gas, steam and air conditioning supply")
    E = "E", _("Water supply; sewerage, waste management and remediation activities")
    F = "F", _("Construction")
    G = "G", _("Wholesale and retail trade; repair of motor vehicles and motorcycles")
    H = "H", _("Transportation and storage")
    I = "I", _("Accommodation and food service activities")  # noqa: E741 (the section's letter)
    J = "J", _("Information and communication")
    K = "K", _("Financial and insurance activities")
    L = "L", _("Real estate activities")
    M = "M", _("Professional, scientific and technical activities")
    N = "N", _("Administrative and support service activities")
    O = "O", _("Public administration and defence; compulsory social security")  # noqa: E741
    P = "P", _("Education")
    Q = "Q", _("Human health and social work activities")
    R = "R", _("Arts, entertainment and recreation")
    S = "S", _("Other service activities")
    T = "T", _("Activities of households as employers; undifferentiated goods- and services-producing activities")
    U = "U", _("Activities of extraterritorial organisations and bodies")


# Looked up for every card of a list: TextChoices.values and NaceSection(x) rebuild their lists per call.
SECTION_LABELS = dict(NaceSection.choices)


def _stdnum_revision(revision: str) -> str:
    return "2.0" if revision == NaceRevision.REV_2 else revision


@cache  # a pure lookup in stdnum's tables, called for every row of a bulk import
def division_section(division: str, revision: str) -> str | None:
    """The section letter a two-digit division belongs to in ``revision``, or None if it does not exist."""
    if not (len(division) == 2 and division.isdigit()):
        return None
    try:
        stdnum_nace.validate(division, revision=_stdnum_revision(revision))
    except StdnumError:
        return None
    return stdnum_nace.info(division, revision=_stdnum_revision(revision)).get("section")


def section_label(section: str, revision: str) -> str:
    """The section's name: translated for Rev. 2, Eurostat's English name otherwise."""
    if revision == NaceRevision.REV_2 and section in SECTION_LABELS:
        return SECTION_LABELS[section]
    try:
        return stdnum_nace.get_label(section, revision=_stdnum_revision(revision)).capitalize()
    except StdnumError:
        return section
