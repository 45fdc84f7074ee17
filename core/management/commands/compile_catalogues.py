import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po (django; djangojs for the admin scripts) to .mo in pure Python."

    def handle(self, *args, **options):
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                # Fuzzy entries are guesses: never shown to readers.
                for entry in catalogue.fuzzy_entries():
                    catalogue.remove(entry)
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                self.stdout.write(f"Compiled {po_path.with_suffix('.mo')}")
