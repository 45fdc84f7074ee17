"""Dates, numbers, money and time zones are written as CLDR writes them in each language, checked against Babel.

Every format the templates use goes through here: the named date formats (``portal/formats``),
``intcomma`` and ``floatformat``, the ``money`` and ``zone_name`` filters. The expected text is
Babel's (CLDR's data), with two things Babel does not do and CLDR's users do:

- Serbian writes the day of a month in the genitive ("6. децембра 2027."); CLDR's Serbian data has
  only the nominative, so the expected Serbian text is Babel's with its month name put in the
  genitive by the rule of Serbian grammar (a fleeting "a" drops: септембар → септембра).
- CLDR's currency spacing (a symbol of letters before digits is kept apart: "RSD 1,200"), which
  ICU applies and Babel leaves out.
"""

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import (
    format_date,
    format_interval,
    format_skeleton,
    format_time,
    get_month_names,
    get_timezone_location,
)
from babel.numbers import format_currency, format_decimal
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

LANGUAGES = {"bg": "bg", "sr": "sr", "sr-latn": "sr_Latn", "en": "en"}
MOMENTS = [
    datetime(2027, 4, 30, 9, 5),
    datetime(2027, 12, 6, 17, 30),
    datetime(2026, 1, 1, 0, 0),
    datetime(2028, 9, 15, 12, 0),
    datetime(2027, 10, 31, 23, 59),
]
NAMED_FORMATS = {
    "DATE_FORMAT",
    "SHORT_DATE_FORMAT",
    "TIME_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
}


def render(language: str, source: str, **context) -> str:
    with translation.override(language):
        return Template("{% load humanize portal_tags %}" + source).render(Context(context))


def serbian_genitive(text: str, locale: str) -> str:
    """``text`` with CLDR's (nominative) month name written in the genitive."""
    for name in get_month_names("wide", "format", locale).values():
        genitive = name[:-2] + name[-1] + "a" if re.search("(бар|bar)$", name) else name + "a"
        genitive = genitive.replace("a", "а") if re.search("[а-ш]", name) else genitive  # Cyrillic а
        text = re.sub(rf"\b{name}\b", genitive, text)
    return text


def cldr_date(moment: datetime, django_format: str, locale: str) -> str:
    instance = Locale.parse(locale)
    time = format_time(moment, "short", locale=locale)
    written = {
        "DATE_FORMAT": format_date(moment, "long", locale=locale),
        "SHORT_DATE_FORMAT": format_date(moment, "medium", locale=locale),
        "TIME_FORMAT": time,
        "DATETIME_FORMAT": str(instance.datetime_formats["long"])
        .replace("{1}", format_date(moment, "long", locale=locale))
        .replace("{0}", time),
        "SHORT_DATETIME_FORMAT": str(instance.datetime_formats["medium"])
        .replace("{1}", format_date(moment, "medium", locale=locale))
        .replace("{0}", time),
        "YEAR_MONTH_FORMAT": format_skeleton("yMMMM", moment, locale=locale),
        "MONTH_DAY_FORMAT": format_skeleton("MMMMd", moment, locale=locale),
    }[django_format]
    if locale.startswith("sr") and django_format not in {"YEAR_MONTH_FORMAT", "TIME_FORMAT"}:
        written = serbian_genitive(written, locale)
    return written


def cldr_money(amount: Decimal, currency: str, locale: str) -> str:
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    if amount == amount.to_integral_value():
        pattern = pattern.replace(".00", "")  # a whole amount without its cents: CLDR's pattern, no fraction
    written = format_currency(amount, currency, format=pattern, locale=locale, currency_digits=False)
    return re.sub(r"^([A-Z]+)(\d)", "\\1\xa0\\2", written)  # CLDR currency spacing


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("django_format", sorted(NAMED_FORMATS))
def test_every_named_date_format_follows_cldr(language, django_format):
    locale = LANGUAGES[language]
    for moment in MOMENTS:
        written = render(language, "{{ moment|date:django_format }}", moment=moment, django_format=django_format)
        assert written == cldr_date(moment, django_format, locale), (language, django_format, moment)


def test_the_examples_people_read():
    """The lines from the issue: no capital, no zero padding, the Serbian genitive, one English style."""
    moment = datetime(2027, 4, 30)
    assert render("bg", '{{ m|date:"DATE_FORMAT" }}', m=moment) == "30 април 2027\u202fг."
    assert render("sr", '{{ m|date:"DATE_FORMAT" }}', m=datetime(2027, 12, 6)) == "6. децембра 2027."
    assert render("sr-latn", '{{ m|date:"DATE_FORMAT" }}', m=datetime(2027, 12, 6)) == "6. decembra 2027."
    assert render("en", '{{ m|date:"DATE_FORMAT" }}', m=moment) == "April 30, 2027"
    assert render("bg", "{{ n|intcomma }}", n=7174) == "7\xa0174"
    assert render("sr-latn", "{{ n|intcomma }}", n=7174) == "7.174"


@pytest.mark.parametrize("language", LANGUAGES)
def test_numbers_are_grouped_as_cldr_groups_them(language):
    locale = LANGUAGES[language]
    for number in (7, 174, 7174, 57174, 1234567):
        assert render(language, "{{ n|intcomma }}", n=number) == format_decimal(number, locale=locale)
    for area in (Decimal("23.5"), Decimal("1234.5"), Decimal("60")):
        written = render(language, '{{ n|floatformat:"-1g" }}', n=area)
        assert written == format_decimal(area, locale=locale), (language, area)


@pytest.mark.parametrize("language", LANGUAGES)
def test_money_is_written_as_cldr_writes_it_with_the_currency_of_the_place(language):
    locale = LANGUAGES[language]
    for currency in ("EUR", "RSD"):
        for amount in (Decimal("5"), Decimal("2.50"), Decimal("1200"), Decimal("1234567.89")):
            written = render(language, "{{ amount|money:currency }}", amount=amount, currency=currency)
            assert written == cldr_money(amount, currency, locale), (language, amount, currency)


@pytest.mark.parametrize("language", LANGUAGES)
def test_time_zones_are_named_by_their_city_never_by_their_identifier(language):
    locale = LANGUAGES[language]
    for zone in ("Europe/Sofia", "Europe/Belgrade"):
        written = render(language, "{{ zone|zone_name }}", zone=zone)
        city = get_timezone_location(zone, locale=locale, return_city=True)
        assert "/" not in written and "Europe" not in written
        # The city as CLDR names it, declined as the language needs (Београд → у Београду).
        assert city[:-1].casefold() in written.casefold(), (language, zone, written)
        if language == "en":
            assert written == f"{city} time"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_span_of_months_follows_cldr(language):
    """A season or a month whose days are not announced: CLDR's ``yMMMM`` interval."""
    from core.formats import month_range

    locale = LANGUAGES[language]
    spans = [(date(2027, 6, 1), date(2027, 9, 30)), (date(2027, 12, 1), date(2028, 1, 31))]
    spans.append((date(2027, 8, 1), date(2027, 8, 31)))
    for first, last in spans:
        with translation.override(language):
            written = month_range(first, last)
        assert written == format_interval(first, last, "yMMMM", locale=locale), (language, first, last)


def cldr_day_range(first: date, last: date, locale: str) -> str:
    """Babel's ``yMMMMd`` interval; where CLDR has only ``yMMMd`` (Serbian, English), its text with
    the month written in full (the width adjustment of CLDR's matching, which Babel leaves out), and
    in Serbian, as the long date, in the genitive and with the day not zero-padded."""
    written = format_interval(first, last, "yMMMMd", locale=locale)
    if "yMMMMd" not in Locale.parse(locale).interval_formats:
        wide = get_month_names("wide", "format", locale)
        for number, short in get_month_names("abbreviated", "format", locale).items():
            written = re.sub(rf"\b{re.escape(short)}(?!\w)", wide[number], written)
    if locale.startswith("sr"):
        written = re.sub(r"\b0(\d\.)", r"\1", serbian_genitive(written, locale))
    return written


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_span_of_days_follows_cldr(language):
    """A festival of several days: CLDR's interval, one day as the long date."""
    from core.formats import day_range

    locale = LANGUAGES[language]
    spans = [
        (date(2026, 5, 12), date(2026, 5, 14)),
        (date(2027, 11, 30), date(2027, 12, 2)),
        (date(2027, 12, 30), date(2028, 1, 2)),
        (date(2027, 8, 1), date(2027, 8, 9)),
    ]
    for first, last in spans:
        with translation.override(language):
            written = day_range(first, last)
        assert written == cldr_day_range(first, last, locale), (language, first, last)
    with translation.override(language):
        one_day = day_range(date(2027, 12, 6), date(2027, 12, 6))
    assert one_day == cldr_date(datetime(2027, 12, 6), "DATE_FORMAT", locale)


def test_the_spans_of_days_people_read():
    from core.formats import day_range

    may = (date(2026, 5, 12), date(2026, 5, 14))
    with translation.override("bg"):
        assert day_range(*may) == "12 – 14 май 2026\u202fг."
    with translation.override("sr"):
        assert day_range(*may) == "12.–14. маја 2026."
        assert day_range(date(2026, 11, 30), date(2026, 12, 2)) == "30. новембра – 2. децембра 2026."
    with translation.override("sr-latn"):
        assert day_range(*may) == "12.–14. maja 2026."
    with translation.override("en"):
        assert day_range(*may) == "May 12\u2009–\u200914, 2026"


@pytest.mark.parametrize("language", LANGUAGES)
def test_hours_of_one_day_follow_cldr(language):
    """From a time to a later one on the same day: CLDR's ``Hm`` interval (``hm`` where clocks count twelve hours)."""
    from core.formats import time_range

    locale = LANGUAGES[language]
    skeleton = "hm" if language == "en" else "Hm"
    for start, end in [((10, 0), (18, 30)), ((9, 0), (11, 30)), ((19, 0), (22, 0))]:
        first, last = datetime(2027, 5, 1, *start), datetime(2027, 5, 1, *end)
        with translation.override(language):
            written = time_range(first, last)
        assert written == format_interval(first, last, skeleton, locale=locale), (language, start, end)
    with translation.override("sr"):
        assert time_range(datetime(2027, 5, 1, 10), datetime(2027, 5, 1, 18, 30)) == "10:00–18:30"
    with translation.override("en"):
        assert time_range(datetime(2027, 5, 1, 19), datetime(2027, 5, 1, 22)) == "7:00\u2009–\u200910:00\u202fPM"


def test_templates_use_only_named_formats_or_machine_dates_in_attributes():
    """A literal format ("j F Y", "H:i") in a template would bypass the per-language formats."""
    used = re.compile(r"""\|(date|time):(["'])([^"']*)\2""")
    for template in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for line in template.read_text().splitlines():
            for match in used.finditer(line):
                if match[3] in NAMED_FORMATS:
                    continue
                # A machine-readable date (ISO 8601) belongs in an attribute, never in text.
                assert match[3] in {"Y-m-d", "Y-m-d\\TH:i:sO", "c"}, (template, match[0])
                assert re.search(r'(datetime|content|value)="\{\{[^}]*' + re.escape(match[0]), line), (
                    template,
                    match[0],
                )
