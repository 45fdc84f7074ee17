"""The data page's texts: literal values of the API inside a translated sentence are marked as code."""

import re

from django import template
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# A value the API sends as it is ("sight", "company", "/photos?album=id"): Latin letters, digits,
# and the punctuation of paths and identifiers, inside a sentence in Cyrillic.
LITERAL = re.compile(r"(?<![\w/])([a-z][a-z0-9_]*(?:[/?=.][a-z0-9_=?/]+)*|/[a-z][\w/?=.]*)(?![\w/])")


@register.filter
def literals_marked(text: str) -> str:
    """``text``, escaped, with each literal API value in ``<code lang="en">`` on pages not in English."""
    text = str(text)
    if (get_language() or "en").startswith("en"):
        return conditional_escape(text)
    pieces, start = [], 0
    for found in LITERAL.finditer(text):
        pieces.append(escape(text[start : found.start()]))
        pieces.append(format_html('<code lang="en">{}</code>', found.group(1)))
        start = found.end()
    pieces.append(escape(text[start:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece escaped above)
