import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from core.transliteration import to_latin


def serbian_latin_catalogue(cyrillic: polib.POFile) -> polib.POFile:
    """The sr_Latn catalogue: every Serbian Cyrillic translation, transliterated."""
    latin = polib.POFile(wrapwidth=cyrillic.wrapwidth)
    latin.header = cyrillic.header
    latin.metadata = {**cyrillic.metadata, "Language": "sr_Latn"}
    for entry in cyrillic:
        if entry.obsolete:
            continue
        latin.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                msgctxt=entry.msgctxt,
                msgstr=to_latin(entry.msgstr),
                msgstr_plural={index: to_latin(text) for index, text in entry.msgstr_plural.items()},
                flags=list(entry.flags),
            )
        )
    return latin


class Command(BaseCommand):
    help = "Generate locale/sr_Latn from locale/sr: Serbian Latin is never translated by hand."

    def handle(self, *args, **options):
        for locale_dir in settings.LOCALE_PATHS:
            # django: the templates and code; djangojs: the admin scripts' (the rich-text editor, passkeys).
            for domain in ("django", "djangojs"):
                source = locale_dir / "sr" / "LC_MESSAGES" / f"{domain}.po"
                if not source.exists():
                    continue
                target = locale_dir / "sr_Latn" / "LC_MESSAGES" / f"{domain}.po"
                target.parent.mkdir(parents=True, exist_ok=True)
                serbian_latin_catalogue(polib.pofile(str(source))).save(str(target))
                self.stdout.write(f"Wrote {target}")
