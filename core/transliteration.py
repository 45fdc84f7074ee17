"""Cyrillic → Latin transliteration for the Serbian Latin (``sr-latn``) locale.

Staff type Serbian once, in Cyrillic; every ``sr-latn`` page is generated from
it. The Serbian table is the fixed one-to-one mapping of Serbian orthography
(see ``shared/data/domain-rules.md`` §3): Љ, Њ, Џ become the digraphs Lj, Nj,
Dž, written LJ, NJ, DŽ inside an all-caps word.

A ``sr-latn`` page may also show Bulgarian text (an entry with no Serbian
translation falls back to Bulgarian). Such a word contains letters Serbian
does not have (ъ, щ, ь, ю, я, й...) and is romanised with the official
Bulgarian Streamlined System instead (Копривщица → Koprivshtitsa), so that a
``sr-latn`` page never contains a Cyrillic letter.

What a person typed is never transliterated: a form value shown back, a
search query echoed, a message quoted in a mail stay in the script they were
typed in. Such text is wrapped in two private-use characters when it is
rendered (:func:`typed`); :func:`to_latin` leaves what is between them as it
is and removes every marker, so none reaches a reader. Markers a visitor
sends are dropped from the request (``core.middleware``).
"""

import re

SERBIAN = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Ђ": "Đ", "Е": "E",
    "Ж": "Ž", "З": "Z", "И": "I", "Ј": "J", "К": "K", "Л": "L", "Љ": "Lj",
    "М": "M", "Н": "N", "Њ": "Nj", "О": "O", "П": "P", "Р": "R", "С": "S",
    "Т": "T", "Ћ": "Ć", "У": "U", "Ф": "F", "Х": "H", "Ц": "C", "Ч": "Č",
    "Џ": "Dž", "Ш": "Š",
}  # fmt: skip
SERBIAN.update({cyr.lower(): lat.lower() for cyr, lat in SERBIAN.items()})

BULGARIAN = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ж": "Zh",
    "З": "Z", "И": "I", "Й": "Y", "К": "K", "Л": "L", "М": "M", "Н": "N",
    "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F",
    "Х": "H", "Ц": "Ts", "Ч": "Ch", "Ш": "Sh", "Щ": "Sht", "Ъ": "A",
    "Ь": "Y", "Ю": "Yu", "Я": "Ya",
}  # fmt: skip
BULGARIAN.update({cyr.lower(): lat.lower() for cyr, lat in BULGARIAN.items()})

# Letters of Cyrillic alphabets other than Serbian's, romanised by their
# closest reading, so that no Cyrillic letter is ever left on a Latin page.
OTHER_CYRILLIC = {
    "Ё": "Yo", "Э": "E", "Ы": "Y", "Є": "Ye", "І": "I", "Ї": "Yi", "Ґ": "G",
    "Ѓ": "Gj", "Ќ": "Kj", "Ѕ": "Dz", "Ў": "U",
}  # fmt: skip
OTHER_CYRILLIC.update({cyr.lower(): lat.lower() for cyr, lat in OTHER_CYRILLIC.items()})

# Around text a person typed (private-use characters: no text uses them).
TYPED_START = "\ue000"
TYPED_END = "\ue001"
TYPED_MARKERS = TYPED_START + TYPED_END
_TYPED_SPAN = re.compile(f"{TYPED_START}([^{TYPED_MARKERS}]*){TYPED_END}")
_WITHOUT_MARKERS = str.maketrans(dict.fromkeys(TYPED_MARKERS))

# Unicode's single-code-point Latin digraphs are not used in running text.
LATIN_DIGRAPH_CODEPOINTS = {
    "Ǆ": "DŽ", "ǅ": "Dž", "ǆ": "dž", "Ǉ": "LJ", "ǈ": "Lj", "ǉ": "lj",
    "Ǌ": "NJ", "ǋ": "Nj", "ǌ": "nj",
}  # fmt: skip

# Letters only Bulgarian (among the two) writes: a word containing one is Bulgarian.
BULGARIAN_ONLY = frozenset("ЪъЩщЬьЮюЯяЙй")

CYRILLIC_LETTER = re.compile(r"[\u0400-\u052F]")
# A word holding at least one Cyrillic letter, with the letters around it, so
# that the all-caps test sees the whole word; other words are never visited.
CYRILLIC_WORD = re.compile(r"\w*[\u0400-\u052F]\w*")

# Stray markers go with the digraphs: nothing outside a typed span keeps one.
_DIGRAPH_TABLE = str.maketrans({**LATIN_DIGRAPH_CODEPOINTS, **dict.fromkeys(TYPED_MARKERS)})
_SERBIAN_TABLE = str.maketrans({**OTHER_CYRILLIC, **SERBIAN})
_BULGARIAN_TABLE = str.maketrans({**OTHER_CYRILLIC, **BULGARIAN})
# In an all-caps word a capital that becomes two Latin letters is written in
# two capitals: ЉУБАВ → LJUBAV, ЩИПКА → SHTIPKA.
_SERBIAN_CAPITALS = {"Љ": "LJ", "Њ": "NJ", "Џ": "DŽ"}
_BULGARIAN_CAPITALS = {"Ж": "ZH", "Ц": "TS", "Ч": "CH", "Ш": "SH", "Щ": "SHT", "Ю": "YU", "Я": "YA"}


def _is_all_caps(word: str) -> bool:
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) > 1 and all(ch.isupper() for ch in letters)


def _transliterate_word(match: re.Match) -> str:
    word = match.group(0)
    bulgarian = any(ch in BULGARIAN_ONLY for ch in word)
    if bulgarian and word.lower().endswith("ия") and len(word) > 2:
        # Streamlined System: a final -ия is written -ia (София → Sofia).
        word = word[:-2] + ("ИA" if word[-1].isupper() else "иa")
    if _is_all_caps(word):
        capitals = _BULGARIAN_CAPITALS if bulgarian else _SERBIAN_CAPITALS
        word = "".join(capitals.get(ch, ch) for ch in word)
    return word.translate(_BULGARIAN_TABLE if bulgarian else _SERBIAN_TABLE)


def to_latin(text: str) -> str:
    """Return ``text`` with every Cyrillic word written in Latin letters, except what a person typed.

    Serbian words follow the Serbian table; words with letters only Bulgarian
    has follow the Bulgarian Streamlined System. Digraphs are ``Lj`` in a
    capitalised word and ``LJ`` in an all-caps one. Non-Cyrillic text is
    returned unchanged. Text marked by :func:`typed` is kept as it is; the
    markers themselves, paired or not, are removed.
    """
    if not text:
        return text
    if TYPED_START not in text:
        return _portal_text_to_latin(text)
    parts, end = [], 0
    for span in _TYPED_SPAN.finditer(text):
        parts += [_portal_text_to_latin(text[end : span.start()]), span[1]]
        end = span.end()
    parts.append(_portal_text_to_latin(text[end:]))
    return "".join(parts)


def _portal_text_to_latin(text: str) -> str:
    text = text.translate(_DIGRAPH_TABLE)
    if not CYRILLIC_LETTER.search(text):
        return text
    return CYRILLIC_WORD.sub(_transliterate_word, text)


def contains_cyrillic(text: str) -> bool:
    return bool(CYRILLIC_LETTER.search(text))


def typed(text: str) -> str:
    """``text`` marked as typed by a person, which :func:`to_latin` leaves as it is.

    Markers already in ``text`` are dropped first, so marking is idempotent
    and nothing inside can end the span early.
    """
    return f"{TYPED_START}{without_markers(text)}{TYPED_END}"


def without_markers(text: str) -> str:
    """``text`` without any typed-text marker: for what a visitor sends, and for output that is not transliterated."""
    return text.translate(_WITHOUT_MARKERS)
