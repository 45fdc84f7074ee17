from decimal import Decimal

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import formats
from django.utils.translation import get_language

from core.models import TIME_ZONE_NAMES
from core.transliteration import typed as mark_typed

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The current page in every language, keeping the path's object and the query string.

    Returns a list of dicts with ``code``, ``tag`` (BCP 47), ``name``, ``url``
    (path and query) and ``absolute_url`` (without the query: hreflang and
    canonical links name the page, not one of its filtered views).
    """
    request = context["request"]
    current = request.get_full_path()
    alternates = []
    for code, name in settings.LANGUAGES:
        url = translate_url(current, code)
        alternates.append(
            {
                "code": code,
                "tag": settings.LANGUAGE_TAGS[code],
                "name": name,
                "url": url,
                "absolute_url": request.build_absolute_uri(url.split("?", 1)[0]),
            }
        )
    return alternates


@register.filter(is_safe=True)
def typed(value):
    """What a person typed, echoed as they typed it: never transliterated on a ``sr-latn`` page or mail.

    ``{{ query|typed }}``; the value is escaped as usual.
    """
    if value is None or value == "" or get_language() != "sr-latn":
        return value
    return mark_typed(str(value))


@register.filter
def money(amount, currency) -> str:
    """An amount with its currency, as CLDR writes money in the reader's language: never a bare number.

    ``{{ price|money:sight.municipality.currency }}``: "5 €", "€5", "1.200,50 RSD". Whole amounts
    drop the cents (CLDR's currency pattern without its fraction); others show two digits.
    """
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    places = 0 if amount == amount.to_integral_value() else 2
    number = formats.number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    pattern, symbols = _currency_format()
    symbol = symbols.get(str(currency), str(currency))
    if pattern.startswith("{symbol}") and symbol[-1:].isalpha():
        # CLDR's currency spacing: a symbol of letters is kept apart from the digits ("RSD 1,200").
        pattern = pattern.replace("{symbol}", "{symbol}\xa0", 1)
    return pattern.format(amount=number, symbol=symbol)


def _currency_format() -> tuple[str, dict]:
    """The active language's ``CURRENCY_PATTERN`` and ``CURRENCY_SYMBOLS`` (``portal/formats``)."""
    for module in formats.get_format_modules(get_language()):
        if hasattr(module, "CURRENCY_PATTERN"):
            return module.CURRENCY_PATTERN, module.CURRENCY_SYMBOLS
    return "{amount}\xa0{symbol}", {}


@register.filter
def zone_name(zone: str) -> str:
    """A time zone as people read it ("Sofia time", "време у Београду"), never ``Europe/Sofia``."""
    return str(TIME_ZONE_NAMES.get(zone, zone))
