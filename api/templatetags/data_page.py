"""The data page's texts: literal values of the API inside a translated sentence are marked as code."""

import re

from django import template
from django.utils import translation
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()

# A value the API sends as it is ("sight", "company", "/photos?album=id"): Latin letters, digits,
# and the punctuation of paths and identifiers, inside a sentence in Cyrillic.
LITERAL = re.compile(r"(?<![\w/])([a-z][a-z0-9_]*(?:[/?=.][a-z0-9_=?/]+)*|/[a-z][\w/?=.]*)(?![\w/])")

SERBIAN_LATIN = "sr-latn"


@register.filter
def literals_marked(message: str) -> str:
    """``message`` translated and escaped, with each literal API value in ``<code lang="en">`` on pages not in English.

    A literal is a Latin word inside a Cyrillic sentence. Serbian Latin sentences are Latin
    throughout, so there the literals are those of the same sentence in Serbian Cyrillic:
    "ili" and "cifara" stay words, "company" is marked.
    """
    language = get_language() or "en"
    text = gettext(message)
    if language.startswith("en"):
        return conditional_escape(text)
    if language == SERBIAN_LATIN:
        with translation.override("sr"):
            literals = set(LITERAL.findall(gettext(message)))
    else:
        literals = None
    pieces, start = [], 0
    for found in LITERAL.finditer(text):
        if literals is not None and found.group(1) not in literals:
            continue
        pieces.append(escape(text[start : found.start()]))
        pieces.append(format_html('<code lang="en">{}</code>', found.group(1)))
        start = found.end()
    pieces.append(escape(text[start:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece escaped above)
