from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from search.services import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index of every searchable model, or of those named (app_label.Model)."

    def add_arguments(self, parser):
        parser.add_argument("models", nargs="*", help="e.g. directory.Organisation; all registered models if none")

    def handle(self, *args, models, **options):
        try:
            targets = [apps.get_model(label) for label in models] or [None]
        except (LookupError, ValueError) as error:
            raise CommandError(error) from error
        for model in targets:
            try:
                indexed = index_rebuild(model)
            except ValueError as error:
                raise CommandError(error) from error
            name = model._meta.label if model else "all searchable models"
            self.stdout.write(f"Search index: {indexed} entries for {name}.")
