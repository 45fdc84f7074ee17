import pytest

from search.normalise import normalise, words

SAME_WORD = [
    # Every spelling of a name meets its Bulgarian, Serbian and English siblings.
    ["Копривщица", "Копривштица", "Koprivštica", "Koprivstica", "Koprivshtitsa", "KOPRIVŠTICA"],
    ["Ниш", "Niš", "Nis", "Nish", "NIŠ"],
    ["Медиана", "Медијана", "Medijana", "Mediana"],
    ["София", "Софија", "Sofia", "Sofija", "Sofiya"],
    ["Войводенец", "Војводенец", "Voyvodenets", "Vojvodenec"],
    ["Ђорђе", "Đorđe", "Djordje", "Dorde"],
    ["Ћеле", "Челе", "Ćele", "Čele", "Cele", "Chele"],
    ["Чешма", "Чесма", "Česma", "Cesma", "Cheshma"],
    ["Џез", "Džez", "Dzhez", "Dzez"],
    ["Жеравна", "Žeravna", "Zheravna", "Zeravna"],
    ["Љубљана", "Ljubljana", "ǈubǉana"],
]


@pytest.mark.parametrize("spellings", SAME_WORD, ids=lambda spellings: spellings[0])
def test_every_spelling_of_a_word_has_one_canonical_form(spellings):
    forms = {normalise(spelling) for spelling in spellings}
    assert len(forms) == 1, forms


@pytest.mark.parametrize(
    ("word", "prefixes"),
    [
        ("Koprivshtitsa", ["K", "Kop", "Kopriv", "Koprivs", "Koprivsh", "Koprivsht", "Koprivshti", "Koprivshtit"]),
        ("Копривштица", ["Копр", "Копривш", "Копрившт", "Копривштиц", "Koprivš", "Koprivst", "Koprivštic"]),
        ("Medijana", ["Med", "Medi", "Medij", "Media", "Медиа", "Медија"]),
        ("Ђорђевић", ["Đ", "Đorđ", "Dj", "Djordj", "Dord", "Đorđevi", "Djordjevi", "Djordjevic"]),
        ("Чешма", ["Ч", "Č", "C", "Ch", "Che", "Ches", "Chesh", "Čes"]),
    ],
)
def test_the_canonical_form_of_a_words_beginning_begins_its_canonical_form(word, prefixes):
    """Folding keeps prefixes prefixes, so that "Koprivsht" still finds Копривщица."""
    whole = normalise(word)
    for prefix in prefixes:
        assert whole.startswith(normalise(prefix)), (prefix, normalise(prefix), whole)


def test_words_are_lower_case_ascii_without_punctuation():
    assert words("Ćele-kula, „Мост“! 2077 ЕООД") == ["tsele", "kula", "most", "2077", "eood"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pekara Nikolić d.o.o.", ["pekara", "nikolits", "doo"]),
        ("Пекара Николић д.о.о", ["pekara", "nikolits", "doo"]),
        ("„Мост“ А.Д., Ниш", ["most", "ad", "nis"]),
        ("U.S.A.", ["usa"]),
        # Not abbreviations: dates, numbers, words of two letters or more, a letter without a dot.
        ("5.12.2026.", ["5", "12", "2026"]),
        ("ul. Vojvode Mišića 1", ["ul", "vojvode", "misitsa", "1"]),
        ("St.Petersburg", ["st", "petersburg"]),
        ("d o o", ["d", "o", "o"]),
    ],
)
def test_an_abbreviation_with_a_dot_after_each_letter_is_one_word(text, expected):
    """So that "д.о.о.", "d.o.o." and "doo" find the same companies."""
    assert words(text) == expected


def test_empty_and_symbol_only_text_has_no_words():
    assert words("") == []
    assert words(" !?:*&|'\"()<> ") == []
