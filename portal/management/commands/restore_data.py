from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backups import BackupError, backup_restore


class Command(BaseCommand):
    help = "Replace the database and the media files with a backup made by backup_data, then verify them."

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path, help="A folder written by backup_data.")
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, source, yes, **options):
        if not (source / "manifest.json").exists():
            raise CommandError(f"{source} is not a backup folder (no manifest.json).")
        if not yes and input("This replaces ALL data and media. Type 'restore' to go on: ") != "restore":
            raise CommandError("Restore cancelled.")
        try:
            report = backup_restore(source=source)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified: {report.tables_checked} tables, {report.media_files_checked} media files."
            )
        )
