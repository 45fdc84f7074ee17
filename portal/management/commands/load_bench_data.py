from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Fill the benchmark database: the demo content, then synthetic data at the requested scale."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=10_000)

    def handle(self, *args, organisations, **options):
        call_command("load_demo_content", if_empty=True, stdout=self.stdout)
