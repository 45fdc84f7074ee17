import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.normalise import words

register = template.Library()

_WORD = re.compile(r"\w+")


@register.filter
def highlight(text: str, query_words: list[str]) -> str:
    """``text``, escaped, with each word that a query word matches wrapped in ``<mark>``.

    Matching is the index's: a displayed word matches when one of its
    canonical forms starts with a query word, so "Ниш" is marked for "Nis"
    and "Koprivštica" for "Копривщ". Done here rather than with ts_headline,
    which only sees the canonical text, not the text displayed.
    """
    text = str(text or "")
    if not query_words:
        return escape(text)
    marked, position = [], 0
    for match in _WORD.finditer(text):
        if any(word.startswith(tuple(query_words)) for word in words(match.group(0))):
            marked.append(escape(text[position : match.start()]))
            marked.append(f"<mark>{escape(match.group(0))}</mark>")
            position = match.end()
    marked.append(escape(text[position:]))
    return mark_safe("".join(marked))  # noqa: S308 - every piece of text is escaped above


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key, "")
