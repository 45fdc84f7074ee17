"""What of a Serbian Latin page is written in the page's own language.

A ``sr-latn`` page may hold text in another language, marked with ``lang`` (WCAG 3.1.2): a
language's own name in the switcher, a Bulgarian text an entry falls back to. Such text keeps its
script ("Български", not "Balgarski"); everything else on the page must be Latin.
"""

from html.parser import HTMLParser

from django.conf import settings

# Void elements never get an end tag, so they never open a language scope.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
CYRILLIC_TAGS = {settings.LANGUAGE_TAGS["bg"], settings.LANGUAGE_TAGS["sr"]}


class _PageLanguageParts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: inside text of a Cyrillic language?
        self.parts: list[str] = []

    def _inside_other(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        other = attributes.get("lang") in CYRILLIC_TAGS if "lang" in attributes else self._inside_other()
        if not other:
            self.parts.append(f"<{tag} " + " ".join(f"{name}={value}" for name, value in attrs if value) + ">")
        if tag not in VOID:
            self.stack.append(other)

    def handle_startendtag(self, tag, attrs):
        if not self._inside_other():
            self.parts.append(" ".join(f"{name}={value}" for name, value in attrs if value))

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not self._inside_other():
            self.parts.append(data)

    def handle_comment(self, data):
        self.parts.append(data)


def in_page_language(html: str) -> str:
    """The markup and text of ``html`` outside the elements marked as Bulgarian or Serbian Cyrillic."""
    parser = _PageLanguageParts()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.parts)
