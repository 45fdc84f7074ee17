"""The rules every crawled page is held to, as functions that list what breaks them.

Each function returns a list of problems (empty when the page is fine), so
a test can assert on it and show every problem at once, and the gate
self-tests (``test_gates.py``) can feed it a broken page and see it fail.
"""

import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import polib
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.utils.translation import to_locale

from core.transliteration import CYRILLIC_WORD
from tests.languages import in_page_language
from tests.quality.crawler import LANGUAGES, Page

LANGUAGE_TAGS = settings.LANGUAGE_TAGS


def broken_links(pages: dict[str, Page]) -> list[str]:
    """Every URL that answered with a client or server error, and the pages linking to it."""
    return [
        f"{page.status} {page.url} (linked from {', '.join(page.linked_from[:3]) or 'the start'})"
        + (f": {page.error}" if page.error else "")
        for page in pages.values()
        if page.status >= 400
    ]


def missing_assets(page: Page) -> list[str]:
    """Images, styles, scripts and linked files (static or uploaded) that are not where their URL says."""
    problems = []
    for url in page.resources + page.links:
        parts = urlsplit(url)
        if parts.netloc:
            continue  # another site's file: not ours to check
        if parts.path.startswith(settings.STATIC_URL):
            found = finders.find(parts.path.removeprefix(settings.STATIC_URL))
        elif parts.path.startswith(settings.MEDIA_URL):
            found = default_storage.exists(parts.path.removeprefix(settings.MEDIA_URL))
        else:
            continue
        if not found:
            problems.append(f"{page.url}: missing file {url}")
    return problems


def structure_problems(page: Page, host: str = "http://testserver") -> list[str]:
    """A page has a title, one h1, its language tag, a canonical link and hreflang alternates for all languages."""
    problems = []
    if not (page.title or "").strip():
        problems.append("no title")
    if page.h1_count != 1:
        problems.append(f"{page.h1_count} h1 elements, not one")
    if page.language and page.html_lang != LANGUAGE_TAGS[page.language]:
        problems.append(f'<html lang="{page.html_lang}">, not "{LANGUAGE_TAGS[page.language]}"')
    expected_canonical = host + page.path
    if page.canonicals != [expected_canonical]:
        problems.append(f"canonical links {page.canonicals}, not [{expected_canonical!r}]")
    alternates = dict(page.alternates)
    if sorted(alternates) != sorted(LANGUAGE_TAGS.values()) or len(page.alternates) != len(LANGUAGES):
        problems.append(f"hreflang alternates {sorted(alternates)}, not {sorted(LANGUAGE_TAGS.values())}")
    elif page.language:
        # The alternate of each language is this page under that language's prefix.
        rest = page.path.removeprefix(f"/{page.language}/")
        for code in LANGUAGES:
            if alternates[LANGUAGE_TAGS[code]] != f"{host}/{code}/{rest}":
                problems.append(f"hreflang {LANGUAGE_TAGS[code]} points to {alternates[LANGUAGE_TAGS[code]]}")
    return [f"{page.url}: {problem}" for problem in problems]


def cyrillic_letters(page: Page) -> list[str]:
    """A Serbian Latin page, markup included, holds no Cyrillic letter outside text marked as Bulgarian or Cyrillic."""
    words = CYRILLIC_WORD.findall(in_page_language(page.html))
    return [f"{page.url}: Cyrillic on a Latin page: {words[:10]}"] if words else []


@cache
def translated_ui_strings(language: str) -> tuple[tuple[str, re.Pattern], ...]:
    """Patterns of the English UI texts that ``language`` translates, for finding them left in English.

    A message counts when its translation differs from the English text
    (a brand or a name kept as it is never counts). Placeholders and markup
    split a message into fragments; a fragment is looked for when it has at
    least two words or one word of five letters or more, because shorter
    ones ("Home", "Area", "km²") are also words of names, addresses and
    e-mail addresses that a page shows legitimately. A fragment matches as
    whole words, case-sensitively.
    """
    po = polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / to_locale(language) / "LC_MESSAGES" / "django.po"))
    fragments = set()
    for entry in po.translated_entries():
        english = [entry.msgid, entry.msgid_plural] if entry.msgid_plural else [entry.msgid]
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        if set(english) & set(translations):
            continue
        for fragment in re.split(r"%\(\w+\)[sd]|%[sd]|<[^>]*>|\{\{[^}]*\}\}|\n", "\n".join(english)):
            fragment = " ".join(fragment.split()).strip(" .,:;·()")
            words = re.findall(r"[A-Za-z]+", fragment)
            if any(fragment in translation for translation in translations):
                continue  # kept on purpose in the translation: a brand or a name ("Outlook.com (уеб)")
            if len(words) >= 2 or (words and len(words[0]) >= 5):
                fragments.add(fragment)
    return tuple(
        (fragment, re.compile(rf"(?<![\w@./-]){re.escape(fragment)}(?![\w@/-]|\.\w)")) for fragment in sorted(fragments)
    )


def english_leftovers(page: Page) -> list[str]:
    """A page in a language other than English shows no English UI text that has a translation."""
    if page.language in {None, "en"}:
        return []
    found = [fragment for fragment, pattern in translated_ui_strings(page.language) if pattern.search(page.text)]
    return [f"{page.url}: English UI text left untranslated: {found}"] if found else []
