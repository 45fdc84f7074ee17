from django.core.management import call_command
from django.core.management.base import BaseCommand

from directory.demo import load_synthetic_smes
from directory.models import Organisation
from search.services import index_rebuild


class Command(BaseCommand):
    help = (
        "Fill the benchmark database: the demo content, then synthetic organisations up to the "
        "requested number (kept between runs when the number is unchanged)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=10_000)

    def handle(self, *args, organisations, **options):
        call_command("load_demo_content", if_empty=True, stdout=self.stdout)
        real = Organisation.objects.filter(is_demo=False).count()
        wanted = max(organisations - real, 0)
        if Organisation.objects.filter(is_demo=True).count() != wanted:
            load_synthetic_smes(wanted)
            self.stdout.write(f"Search index: {index_rebuild()} entries.")
        self.stdout.write(f"Benchmark data: {Organisation.objects.count():,} organisations.")
