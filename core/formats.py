"""Formats CLDR has and Django has no setting for, read from the active language's ``portal/formats`` module.

``CURRENCY_PATTERN`` and ``CURRENCY_SYMBOLS`` (money), ``MONTH_RANGE_SEPARATOR`` (a span of months,
CLDR's ``yMMMM`` interval). Spans of days and of hours are CLDR's interval formats, read from Babel
(``day_range``, ``time_range``). ``tests/core/test_formats.py`` holds what they write to Babel.
"""

import re
from datetime import date, datetime

from babel import Locale
from babel.dates import format_interval, match_skeleton, parse_pattern
from django.utils import formats
from django.utils.translation import get_language

# The CLDR locale of each language of the portal.
BABEL_LOCALES = {"bg": "bg", "sr": "sr", "sr-latn": "sr_Latn", "en": "en"}
# The calendar fields a span of days can differ in, largest first (CLDR's "greatest difference").
DAY_FIELDS = ("y", "M", "d")

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


def babel_locale() -> Locale:
    return Locale.parse(BABEL_LOCALES.get(get_language() or "", "en"))


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def day_range(first: date, last: date) -> str:
    """From one day to another as CLDR writes it (its ``yMMMMd`` interval): "12 – 14 май 2026 г.".

    A single day is the long date (``DATE_FORMAT``). Where CLDR has no ``yMMMMd`` interval (Serbian,
    English) its ``yMMMd`` one is used with the month written in full, the width adjustment of
    CLDR's interval matching that Babel leaves out. The month's name is the one the language's
    long date uses: the genitive in Serbian ("12.–14. маја 2026."), and, as in the long date, the
    day of the month is not zero-padded.
    """
    if first == last:
        return formats.date_format(first, "DATE_FORMAT")
    locale = babel_locale()
    skeleton = "yMMMMd" if "yMMMMd" in locale.interval_formats else match_skeleton("yMMMd", locale.interval_formats)
    patterns = locale.interval_formats[skeleton]
    field = next(name for name in DAY_FIELDS if name in patterns and _field(first, name) != _field(last, name))
    month_name = "E" if "E" in str(formats.get_format("DATE_FORMAT")) else "F"  # Serbian: genitive
    written = []
    for pattern, day in zip(patterns[field], (first, last), strict=True):
        month = _quoted(formats.date_format(day, month_name))
        pattern = re.sub(r"(?<![M'])M{3,4}(?!M)", lambda _match, month=month: month, pattern)
        pattern = re.sub(r"(?<!d)dd(?!d)", "d", pattern)
        written.append(parse_pattern(pattern).apply(day, locale))
    return "".join(written)


def _field(day: date, name: str) -> int:
    return {"y": day.year, "M": day.month, "d": day.day}[name]


def time_range(start: datetime, end: datetime) -> str:
    """From one time of a day to another as CLDR writes it: "10:00–18:30", "10:00 – 6:30 PM".

    CLDR's ``Hm`` interval, or ``hm`` where the language's short time counts twelve hours.
    ``start`` and ``end`` are read as they are (the place's local time).
    """
    locale = babel_locale()
    skeleton = "hm" if "h" in locale.time_formats["short"].pattern else "Hm"
    naive = (start.replace(tzinfo=None), end.replace(tzinfo=None))
    return format_interval(*naive, skeleton, locale=locale)
