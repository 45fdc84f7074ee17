from decimal import Decimal

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import formats
from django.utils.translation import get_language, pgettext

from core.models import Currency
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
    """An amount with its currency, in the reader's number format: never a bare number."""
    if amount is None:
        return ""
    amount = Decimal(amount)
    places = 0 if amount == amount.to_integral_value() else 2
    number = formats.number_format(amount, decimal_pos=places, use_l10n=True, force_grouping=True)
    if currency == Currency.EUR:
        return pgettext("price in euro", "€%(amount)s") % {"amount": number}
    if currency == Currency.RSD:
        return pgettext("price in dinars", "RSD %(amount)s") % {"amount": number}
    return f"{number} {currency}"


@register.filter(is_safe=True)
def squash(value):
    """Runs of whitespace as one space, none at either end: a formatted block read as one line.

    ``<title>{% filter squash %}{% block title %}…{% endblock title %}{% endfilter %}</title>``:
    the formatter (djLint) puts a block's content on lines of its own.
    """
    return " ".join(str(value).split())
