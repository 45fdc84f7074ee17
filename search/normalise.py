"""One canonical spelling for every way a word can be typed.

"Копривщица" (Bulgarian), "Копривштица" (Serbian Cyrillic), "Koprivštica"
(Serbian Latin), "Koprivstica" (Latin without diacritics) and
"Koprivshtitsa" (Bulgarian and English romanisation) must meet in the
index; so must "Ниш", "Niš", "Nis" and "Nish". PostgreSQL's own tools for
this (``unaccent``, ``pg_trgm``) are contrib extensions the embedded server
does not have, so the text is normalised here, in the application, the same
way for what is indexed and for what is searched.

Steps, for each word:

1. Cyrillic → Latin with :func:`core.transliteration.to_latin` (Serbian
   table; Bulgarian words by the Streamlined System), lower case.
2. Diacritics stripped (Unicode NFKD, combining marks dropped; đ → d).
3. Folding to an ASCII skeleton where the romanisations of the two
   languages disagree:

   ======================  ==========================================
   y → j                   Voyvodenets / Vojvodenec, Sofiya / Sofija
   c → ts                  Medijana's "ulica" / Bulgarian "ulitsa";
                           Serbian č, ć (after step 2) too
   sh → s, zh → z          Koprivshtitsa / Koprivštica; Nish / Niš;
                           ch → tsh → ts (Bulgarian ч, English ch)
   dj → d                  Serbian đ typed as "dj" or "d"
   ia → ija                Sofia / Sofija, Mediana / Medijana
   ======================  ==========================================

   Every rule maps a letter to itself or something that starts with it, or
   drops a letter (h, j) that follows one: so the folded form of the first
   letters of a word is always the start of the folded word, and prefix
   search ("Kopriv", "Koprivsht", "Medij") keeps working after folding.

An abbreviation written with a dot after each letter is one word: "д.о.о.",
"d.o.o." and "doo" meet, and so do "А.Д." and "AD".
"""

import re
import unicodedata
from functools import lru_cache

from core.transliteration import to_latin

# Latin letters NFKD does not decompose into a base letter and a mark.
_LATIN_EXTRAS = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"})
_WORD = re.compile(r"[a-z0-9]+")
# A run of letters and digits with the combining marks between them: the
# units in which to_latin reads a word (a decomposed "š" stays in its word).
_TOKEN = re.compile(r"[\w\u0300-\u036f]+")
_FOLDS = [
    (re.compile("y"), "j"),
    (re.compile("c"), "ts"),
    (re.compile("([sz])h"), r"\1"),
    (re.compile("dj"), "d"),
    (re.compile("ia"), "ija"),
]

# Single letters each followed by a dot ("d.o.o.", "д.о.о", "U.S.A."): one word.
_DOTTED_ABBREVIATION = re.compile(r"(?<![\w.])[^\W\d_](?:\.[^\W\d_])+\.?(?!\w)")

# Longest word kept; longer "words" are noise (hashes, pasted URLs).
MAX_WORD_LENGTH = 60


def fold(word: str) -> str:
    """The ASCII skeleton of one lower-case, diacritic-free Latin word."""
    for pattern, replacement in _FOLDS:
        word = pattern.sub(replacement, word)
    return word


@lru_cache(maxsize=100_000)
def _canonical(token: str) -> tuple[str, ...]:
    """The canonical words of one token of text (usually one; none for symbols)."""
    if token.isascii():  # nothing to transliterate or strip (most of an import's identifiers and numbers)
        stripped = token.lower()
    else:
        latin = to_latin(token).lower().translate(_LATIN_EXTRAS)
        stripped = "".join(ch for ch in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(ch))
    return tuple(fold(word) for word in _WORD.findall(stripped) if len(word) <= MAX_WORD_LENGTH)


def words(text: str) -> list[str]:
    """The canonical (folded) words of ``text``, in order, in any script or language.

    Text is cut into tokens (letters and digits, with any combining marks) and
    each token is canonicalised once: transliteration decides per word
    anyway, and the words of a directory repeat a lot, so indexing many
    entries reads most of them from the cache.
    """
    if not text:
        return []
    if "." in text:
        text = _DOTTED_ABBREVIATION.sub(lambda match: match[0].replace(".", ""), text)
    return [word for token in _TOKEN.findall(text) for word in _canonical(token)]


# The 'simple' parser reads "12e3abc" as scientific notation followed by a word.
_SCIENTIFIC_THEN_WORD = re.compile(r"(\d+e\d+)([a-z].*)")


def lexemes(canonical_words: list[str]) -> list[str]:
    """The words as PostgreSQL's 'simple' parser reads them: "12e3abc" is two lexemes, "12e3" and "abc"."""
    # Canonical words are [a-z0-9]+ and digits sort before letters: the least word tells.
    if not canonical_words or not min(canonical_words)[0].isdigit():
        return canonical_words
    found = []
    for word in canonical_words:
        split = _SCIENTIFIC_THEN_WORD.fullmatch(word) if word[0].isdigit() else None
        found.extend(split.groups() if split else (word,))
    return found


# The longest beginning of a word the index holds as a key; longer query words are cut to it.
MAX_KEY_LENGTH = 20


def keys(canonical_words: list[str]) -> set[str]:
    """What the index holds to match these words: each lexeme, and its beginnings of 2 to ``MAX_KEY_LENGTH`` letters.

    A query word is then looked up as one key (:func:`query_keys`): "kopriv"
    is a key of every entry with a word that starts with it. A prefix query
    ("kopriv:*") would make PostgreSQL merge the entries of every word
    starting so before it can intersect them with the query's other words;
    an exact key is read only as far as the rarest word needs.
    """
    whole = set(lexemes(canonical_words))
    found = set(whole)
    for lexeme in whole:
        found.update(lexeme[:length] for length in range(2, min(len(lexeme), MAX_KEY_LENGTH + 1)))
    return found


def query_keys(canonical_words: list[str]) -> list[str]:
    """The keys a query looks up, in order: one per lexeme, cut to ``MAX_KEY_LENGTH`` (see :func:`keys`).

    A one-letter word is a key only of one-letter words: matched whole.
    """
    return list(dict.fromkeys(lexeme[:MAX_KEY_LENGTH] for lexeme in lexemes(canonical_words)))


def normalise(text: str) -> str:
    """``text`` as the index stores it: canonical words separated by spaces."""
    return " ".join(words(text))


# Typo tolerance (see docs/SEARCH.md, "Typos"): how many edits a word of a given
# length forgives, and the deletion neighbourhood that finds such words by exact lookup.


def typo_distance(length: int) -> int:
    """Edits forgiven in a canonical word of ``length`` letters: none up to 3, one up to 7, then two."""
    if length <= 3:
        return 0
    return 1 if length <= 7 else 2


def deletions(word: str, distance: int | None = None) -> set[str]:
    """``word`` and every word made from it by deleting up to ``distance`` letters (default: :func:`typo_distance`).

    Two words within ``distance`` edits (insertions, deletions, substitutions,
    transpositions of neighbours) share at least one such variant, so the
    variants of a query word, looked up exactly, find every known word
    close to it (symmetric deletion, as SymSpell does); the few words found
    that are further away are dropped by :func:`edit_distance`.
    """
    if distance is None:
        distance = typo_distance(len(word))
    found = {word}
    frontier = {word}
    for _step in range(distance):
        frontier = {variant[:i] + variant[i + 1 :] for variant in frontier for i in range(len(variant))}
        frontier = {variant for variant in frontier if variant}
        found |= frontier
    return found


def edit_distance(first: str, second: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1."""
    if first == second:
        return 0
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            cost = 0 if a == b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
