"""The UI message catalogues: complete, never fuzzy, Serbian Latin generated, compiled."""

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from core.management.commands.build_serbian_latin_catalogue import serbian_latin_catalogue
from core.transliteration import contains_cyrillic

LOCALE = Path(settings.LOCALE_PATHS[0])
TRANSLATED_BY_HAND = ["bg", "sr", "en"]
# As the Makefile's `messages` target runs it.
MAKEMESSAGES_OPTIONS = ["--no-location", "--no-obsolete", "--ignore=.venv", "--ignore=var"]


def catalogue(locale: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / locale / "LC_MESSAGES" / "django.po"))


def untranslated_or_fuzzy(po: polib.POFile) -> list[str]:
    return [f"untranslated: {e.msgid}" for e in po.untranslated_entries()] + [
        f"fuzzy: {e.msgid}" for e in po.fuzzy_entries()
    ]


@pytest.mark.parametrize("locale", TRANSLATED_BY_HAND)
def test_every_ui_string_is_translated_and_none_is_fuzzy(locale):
    po = catalogue(locale)
    assert len(po) > 50
    assert untranslated_or_fuzzy(po) == []


def test_the_translation_gate_fails_on_an_untranslated_or_fuzzy_string():
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Home", msgstr="Начало"))
    assert untranslated_or_fuzzy(po) == []
    po.append(polib.POEntry(msgid="Contact", msgstr=""))
    po.append(polib.POEntry(msgid="Phone", msgstr="Телефон", flags=["fuzzy"]))
    assert untranslated_or_fuzzy(po) == ["untranslated: Contact", "fuzzy: Phone"]


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


def test_every_ui_string_in_the_code_is_in_the_catalogues(tmp_path):
    """A string marked for translation but never extracted (`make messages` forgotten) is caught here.

    The UI strings are extracted afresh from a copy of the project, as
    `make messages` does, and compared with the committed catalogues.
    """
    project = tmp_path / "most"
    shutil.copytree(
        settings.BASE_DIR,
        project,
        ignore=shutil.ignore_patterns(".git", ".venv", "var", ".tools", "node_modules", "__pycache__", "*.mo"),
    )
    environment = {**os.environ, "DJANGO_DEBUG": "true", "MOST_VAR_DIR": str(tmp_path / "var")}
    environment["DATABASE_URL"] = "postgres://unused@localhost/unused"  # extraction never connects
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", *MAKEMESSAGES_OPTIONS],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    extracted = {
        (e.msgctxt, e.msgid) for e in polib.pofile(str(project / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    }
    assert len(extracted) > 50
    for locale in TRANSLATED_BY_HAND:
        committed = {(e.msgctxt, e.msgid) for e in catalogue(locale) if not e.obsolete}
        assert sorted(extracted - committed, key=str) == [], f"{locale}: not extracted; run `make messages`"
        assert sorted(committed - extracted, key=str) == [], f"{locale}: no longer in the code; run `make messages`"
