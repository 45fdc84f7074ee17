from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and the uploaded media into a new dated folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--to", dest="destination", type=Path, default=settings.VAR_DIR / "backups", help="Parent folder."
        )

    def handle(self, *args, destination, **options):
        try:
            folder = backup_create(destination=destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
