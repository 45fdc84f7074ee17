from decimal import Decimal

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname, resolution_order

from core.formats import language_format
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
    for code, _name in settings.LANGUAGES:
        url = translate_url(current, code)
        alternates.append(
            {
                "code": code,
                "tag": settings.LANGUAGE_TAGS[code],
                "name": settings.LANGUAGE_OWN_NAMES[code],
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
    pattern, symbols = language_format("CURRENCY_PATTERN"), language_format("CURRENCY_SYMBOLS")
    symbol = symbols.get(str(currency), str(currency))
    if pattern.startswith("{symbol}") and symbol[-1:].isalpha():
        # CLDR's currency spacing: a symbol of letters is kept apart from the digits ("RSD 1,200").
        pattern = pattern.replace("{symbol}", "{symbol}\xa0", 1)
    return pattern.format(amount=number, symbol=symbol)


@register.filter
def zone_name(zone: str) -> str:
    """A time zone as people read it ("Sofia time", "време у Београду"), never ``Europe/Sofia``."""
    return str(TIME_ZONE_NAMES.get(zone, zone))


def content_language() -> str:
    """The content language of the page: ``sr-latn`` pages show the Serbian (Cyrillic) fields."""
    language = get_language()
    return "sr" if language == "sr-latn" else language


@register.filter
def language_of(obj, field: str) -> str:
    """The BCP 47 tag of the language ``obj.<field>`` is shown in, when it is not the page's; else "".

    A translated field falls back to another language when the page's is empty
    (``MODELTRANSLATION_FALLBACK_LANGUAGES``); what a person typed in their own language (a
    cooperation offer in Serbian on a Bulgarian page) is such a field too. Screen readers need
    the other language named (WCAG 3.1.2): ``<div{% with lang=page|language_of:"body" %}…``.
    The values are already loaded with ``obj``: no query.
    """
    page_language = content_language()
    for language in resolution_order(page_language, settings.MODELTRANSLATION_FALLBACK_LANGUAGES):
        if getattr(obj, build_localized_fieldname(field, language), None) not in (None, ""):
            return "" if language == page_language else settings.LANGUAGE_TAGS[language]
    return ""


@register.filter(is_safe=True)
def in_own_script(text, language_tag: str):
    """``text`` kept in its own script on a ``sr-latn`` page when it is in another language.

    Serbian Latin pages are transliterated from Serbian Cyrillic; a Bulgarian text romanised by
    the same machinery reads as neither language ("Onlayn rezervacii"), so it stays Cyrillic,
    marked ``lang="bg"`` by the element around it. ``{{ page.body|rich_text|in_own_script:lang }}``.
    """
    if not language_tag or get_language() != "sr-latn" or language_tag == settings.LANGUAGE_TAGS["sr-latn"]:
        return text
    return mark_safe(mark_typed(str(conditional_escape(text))))  # noqa: S308 - escaped just above


@register.simple_tag
def translated(obj, field: str):
    """``obj.<field>`` for inline text, in a ``<span lang>`` when it is in another language than the page.

    ``{% translated sight "name" %}``; block content uses ``language_of`` and ``in_own_script``.
    """
    value = getattr(obj, field)
    tag = language_of(obj, field)
    if not tag:
        return value
    return format_html('<span lang="{}">{}</span>', tag, in_own_script(value, tag))


@register.filter
def has_required_fields(form) -> bool:
    """Whether ``form`` shows a required field, so that the page explains what "*" means."""
    return any(field.field.required for field in form.visible_fields()) if form else False


@register.filter
def summary_label(label) -> str:
    """A field's label as the start of "label: error" in the error summary, without its own closing stop.

    A consent box's label is a sentence; "…agree.: This field is required." read as a typo.
    """
    return str(label).rstrip(" .:;")


@register.filter(is_safe=True)
def squash(value):
    """Runs of whitespace as one space, none at either end: a formatted block read as one line.

    ``<title>{% filter squash %}{% block title %}…{% endblock title %}{% endfilter %}</title>``:
    the formatter (djLint) puts a block's content on lines of its own.
    """
    return " ".join(str(value).split())
