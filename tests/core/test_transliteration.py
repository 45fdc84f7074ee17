import pytest

from core.transliteration import contains_cyrillic, to_latin


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Медијана", "Medijana"),
        ("Ниш", "Niš"),
        ("Ћеле кула", "Ćele kula"),
        ("Ђурђевдан", "Đurđevdan"),
        ("Чачак и Жабаљ", "Čačak i Žabalj"),
        # Digraphs: title case in a capitalised word, both capitals in an all-caps word.
        ("Љубав", "Ljubav"),
        ("ЉУБАВ", "LJUBAV"),
        ("Његош", "Njegoš"),
        ("ЊЕГОШ", "NJEGOŠ"),
        ("Џеп", "Džep"),
        ("ЏУГАЊ", "DŽUGANJ"),
        ("љубав", "ljubav"),
        ("Љ", "Lj"),
        # Mixed case in one sentence; a lone capital digraph before a lower-case word.
        ("ЏЕМПЕР и Џемпер и џемпер", "DŽEMPER i Džemper i džemper"),
        ("Градска општина МЕДИЈАНА", "Gradska opština MEDIJANA"),
        # Latin text, digits, punctuation and markup pass through untouched.
        ('<a href="/sr-latn/">Ниш 18000</a>', '<a href="/sr-latn/">Niš 18000</a>'),
        ("Niš", "Niš"),
        # Unicode's single-code-point digraphs become two letters.
        ("ǈubav ǋegoš ǅep", "Ljubav Njegoš Džep"),
    ],
)
def test_serbian_cyrillic_becomes_serbian_latin(cyrillic, latin):
    """Serbian Cyrillic follows the one-to-one Serbian table with correct digraph capitals."""
    assert to_latin(cyrillic) == latin


@pytest.mark.parametrize(
    ("bulgarian", "latin"),
    [
        ("Копривщица", "Koprivshtitsa"),
        ("Български", "Balgarski"),
        ("София", "Sofia"),
        ("Ослекова къща", "Oslekova kashta"),
        ("ЩИПКА", "SHTIPKA"),
    ],
)
def test_bulgarian_words_use_the_streamlined_system(bulgarian, latin):
    """A word with letters only Bulgarian has (a fallback on a sr-latn page) is romanised the Bulgarian way."""
    assert to_latin(bulgarian) == latin


def test_no_cyrillic_letter_survives():
    text = "Ёлка Її Ґ ЭЫ Ѓ Ќ Ѕ Ў — Копривщица, Медијана"
    assert not contains_cyrillic(to_latin(text))
