"""The UI message catalogues: complete, never fuzzy, Serbian Latin generated, compiled."""

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings

from portal.management.commands.build_serbian_latin_catalogue import serbian_latin_catalogue
from portal.transliteration import contains_cyrillic

LOCALE = Path(settings.LOCALE_PATHS[0])
TRANSLATED_BY_HAND = ["bg", "sr", "en"]


def catalogue(locale: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / locale / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("locale", TRANSLATED_BY_HAND)
def test_every_ui_string_is_translated_and_none_is_fuzzy(locale):
    po = catalogue(locale)
    assert len(po) > 50
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{locale}: untranslated {untranslated}"
    assert not fuzzy, f"{locale}: fuzzy {fuzzy}"


@pytest.mark.parametrize("locale", ["bg", "sr"])
def test_cyrillic_catalogues_are_not_left_in_english(locale):
    """A bg or sr translation identical to the English text is a forgotten string."""
    allowed = {"Most"}  # never: the brand is "Мост"; listed so the rule is explicit
    same = [e.msgid for e in catalogue(locale) if e.msgstr == e.msgid and e.msgid not in allowed and e.msgid.isascii()]
    same = [msgid for msgid in same if any(ch.isalpha() for ch in msgid.replace("%(", "").split(")")[-1])]
    assert not same, f"{locale}: left in English: {same}"


def test_serbian_latin_catalogue_is_generated_from_serbian_cyrillic():
    expected = serbian_latin_catalogue(catalogue("sr"))
    actual = catalogue("sr_Latn")
    assert {(e.msgctxt, e.msgid): e.msgstr for e in actual} == {(e.msgctxt, e.msgid): e.msgstr for e in expected}
    assert not any(contains_cyrillic(entry.msgstr) for entry in actual)


@pytest.mark.parametrize("locale", [*TRANSLATED_BY_HAND, "sr_Latn"])
def test_compiled_catalogue_matches_its_source(locale):
    """The committed .mo file holds exactly what the .po says (run `make messages` after editing)."""
    with open(LOCALE / locale / "LC_MESSAGES" / "django.mo", "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    for entry in catalogue(locale).translated_entries():
        if entry.msgid_plural:
            continue
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        assert compiled.gettext(key) == entry.msgstr, entry.msgid
