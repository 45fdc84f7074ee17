"""Formats CLDR has and Django has no setting for, read from the active language's ``portal/formats`` module.

``CURRENCY_PATTERN`` and ``CURRENCY_SYMBOLS`` (money), ``MONTH_RANGE_SEPARATOR`` (a span of months,
CLDR's ``yMMMM`` interval). ``tests/core/test_formats.py`` holds what they write to Babel.
"""

from datetime import date

from django.utils import formats
from django.utils.translation import get_language

DEFAULTS = {"CURRENCY_PATTERN": "{amount}\xa0{symbol}", "CURRENCY_SYMBOLS": {}, "MONTH_RANGE_SEPARATOR": " – "}


def language_format(name: str):
    """The active language's ``name`` from its format module (``portal/formats/<lang>/formats.py``)."""
    for module in formats.get_format_modules(get_language()):
        if hasattr(module, name):
            return getattr(module, name)
    return DEFAULTS[name]


def month_range(first: date, last: date) -> str:
    """From one month to another as CLDR writes it: "април – май 2025 г.", "April – May 2025"."""
    if (first.year, first.month) == (last.year, last.month):
        return formats.date_format(first, "YEAR_MONTH_FORMAT")
    separator = language_format("MONTH_RANGE_SEPARATOR")
    start = formats.date_format(first, "F" if first.year == last.year else "YEAR_MONTH_FORMAT")
    return f"{start}{separator}{formats.date_format(last, 'YEAR_MONTH_FORMAT')}"
