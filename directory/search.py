"""Script- and diacritic-blind text matching for the directory.

Readers type "Nis", "Niš" or "Ниш" and expect the same results. Both the
stored text and the query are reduced to one form in Python (the embedded
PostgreSQL has no ``unaccent``): Cyrillic is written in Latin letters,
diacritics are dropped, and everything is lower case and split into words.
PostgreSQL then matches each typed word as a word prefix through a
``to_tsvector('simple', ...)`` column with a GIN index (core PostgreSQL, no
extension). Issue #8 (full-text search) will replace this behind
``OrganisationQuerySet.matching()``.
"""

import re
import unicodedata
from functools import lru_cache

from portal.transliteration import BULGARIAN, contains_cyrillic, to_latin

MAX_QUERY_WORDS = 10
NON_WORD = re.compile(r"[\W_]+")
# Letters that do not decompose into a base letter and a diacritic.
SPECIAL_LATIN = str.maketrans({"đ": "dj", "Đ": "Dj", "ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"})
_BULGARIAN_TABLE = str.maketrans(BULGARIAN)


def normalise(text: str) -> str:
    """Lower-case Latin words without diacritics, separated by single spaces."""
    text = to_latin(text or "").translate(SPECIAL_LATIN)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return NON_WORD.sub(" ", text.lower()).strip()


@lru_cache(maxsize=8192)  # names repeat a lot in bulk loads
def indexable(text: str) -> str:
    """The normalised forms a stored text can be found by.

    A Cyrillic word without a letter only Bulgarian has is read as Serbian
    (Жар → zar); a Bulgarian name may equally be typed in the Bulgarian
    Streamlined System (Zhar), so that romanisation is indexed as well.
    """
    forms = [normalise(text)]
    if contains_cyrillic(text or ""):
        forms.append(normalise(text.translate(_BULGARIAN_TABLE)))
    return " ".join(dict.fromkeys(form for form in forms if form))


def prefix_query(text: str) -> str:
    """A raw tsquery requiring every typed word as a word prefix, or "" if nothing is left to match."""
    words = normalise(text).split()[:MAX_QUERY_WORDS]
    return " & ".join(f"{word}:*" for word in words)
