"""Company identifiers of Bulgaria and Serbia: check digits and validators.

The rules are those of ``shared/data/domain-rules.md`` §1–2. python-stdnum
covers the Bulgarian VAT number (and with it the 9-digit EIK) and the Serbian
PIB; it has no module for the 13-digit EIK of a branch nor for the Serbian MB,
which are implemented here.

Every validator takes what a person typed, returns the compact form to store
and raises ``ValidationError`` with a message staff can act on. The same
functions serve the model, the admin, the demo data and the tests.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.bg import vat as bg_vat
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.rs import pib as rs_pib

from core.models import Country

SEPARATORS = re.compile(r"[\s.\-/]")


def compact(value: str) -> str:
    """The identifier without spaces, dots, dashes and slashes, upper-cased."""
    return SEPARATORS.sub("", value or "").upper()


def _weighted_mod_11(digits: str, weights) -> int:
    return sum(int(digit) * weight for digit, weight in zip(digits, weights, strict=True)) % 11


def eik_check_digit(first_eight: str) -> int:
    """Check digit of a 9-digit EIK/BULSTAT from its first eight digits."""
    remainder = _weighted_mod_11(first_eight, range(1, 9))
    if remainder == 10:
        remainder = _weighted_mod_11(first_eight, range(3, 11))
    return 0 if remainder == 10 else remainder


def eik_branch_check_digit(first_twelve: str) -> int:
    """Check digit of a 13-digit EIK (a branch or unit) from its first twelve digits."""
    remainder = _weighted_mod_11(first_twelve[8:12], (2, 7, 3, 5))
    if remainder == 10:
        remainder = _weighted_mod_11(first_twelve[8:12], (4, 9, 5, 7))
    return 0 if remainder == 10 else remainder


def is_valid_eik(value: str) -> bool:
    value = compact(value)
    if not value.isdigit() or len(value) not in (9, 13):
        return False
    if int(value[8]) != eik_check_digit(value[:8]):
        return False
    return len(value) == 9 or int(value[12]) == eik_branch_check_digit(value[:12])


def validate_eik(value: str) -> str:
    """Bulgarian EIK/BULSTAT: 9 digits (the entity) or 13 (a branch), with check digits."""
    number = compact(value)
    if not number.isdigit() or len(number) not in (9, 13):
        raise ValidationError(_("An EIK/BULSTAT has 9 or 13 digits."), code="eik_format")
    if not is_valid_eik(number):
        raise ValidationError(_("This EIK/BULSTAT fails its check digit: please check for a typing error."), code="eik")
    return number


def validate_bg_vat(value: str) -> str:
    """Bulgarian VAT number: ``BG`` and 9 digits (an EIK) or 10 (a person or other). Stored with ``BG``."""
    number = compact(value)
    if not re.fullmatch(r"(BG)?[0-9]{9,10}", number):
        raise ValidationError(_("A Bulgarian VAT number is BG followed by 9 or 10 digits."), code="vat_format")
    try:
        return "BG" + bg_vat.validate(number)
    except StdnumError as error:
        raise ValidationError(
            _("This VAT number fails its check digit: please check for a typing error."), code="vat"
        ) from error


def pib_check_digit(first_eight: str) -> int:
    """ISO 7064 MOD 11,10 check digit of a Serbian PIB."""
    product = 10
    for digit in first_eight:
        total = (product + int(digit)) % 10 or 10
        product = (2 * total) % 11
    return (11 - product) % 10


def validate_pib(value: str) -> str:
    """Serbian PIB (tax identification number): 9 digits, ISO 7064 MOD 11,10."""
    number = compact(value)
    if not re.fullmatch(r"[0-9]{9}", number):
        raise ValidationError(_("A PIB has 9 digits."), code="pib_format")
    try:
        return rs_pib.validate(number)
    except StdnumError as error:
        raise ValidationError(
            _("This PIB fails its check digit: please check for a typing error."), code="pib"
        ) from error


def mb_check_digit(first_seven: str) -> int:
    """Check digit of a Serbian MB as community libraries compute it (no official source found)."""
    remainder = _weighted_mod_11(first_seven, (2, 7, 6, 5, 4, 3, 2))
    return ((11 - remainder) % 11) % 10


def mb_checksum_matches(value: str) -> bool:
    number = compact(value)
    return len(number) == 8 and number.isdigit() and int(number[7]) == mb_check_digit(number[:7])


def validate_mb(value: str) -> str:
    """Serbian MB (registration number) of a legal entity: 8 digits.

    Only the format is enforced. The check digit rule is unconfirmed (see
    domain-rules.md §2), so a mismatch is reported to staff as a warning
    (``mb_checksum_matches``), never a reason to refuse a registry number.
    """
    number = compact(value)
    if not re.fullmatch(r"[0-9]{8}", number):
        raise ValidationError(_("An MB has 8 digits."), code="mb_format")
    return number


POSTAL_CODE_DIGITS = {Country.BULGARIA: 4, Country.SERBIA: 5}


def validate_postal_code(value: str, country: str) -> str:
    """A postal code of the country: 4 digits in Bulgaria, 5 in Serbia."""
    code = (value or "").strip()
    digits = POSTAL_CODE_DIGITS[country]
    if not (code.isdigit() and len(code) == digits):
        raise ValidationError(
            _("A postal code in this country has %(digits)d digits.") % {"digits": digits}, code="postal_code"
        )
    return code
