from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from directory.models import Organisation
from upkeep import services
from upkeep.models import LinkCheck


class Command(BaseCommand):
    help = (
        "Keep the directory true (docs/DIRECTORY.md): ask owners whose entry is due for the yearly "
        "confirmation, mark entries unconfirmed for 18 months as possibly out of date, and check "
        "websites and e-mail domains. Run it daily; running it twice sends and changes nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--skip-links", action="store_true", help="Leave out the link check (no network).")

    def handle(self, *args, skip_links, **options):
        if not settings.PORTAL_SITE_URL:
            raise CommandError("Set PORTAL_SITE_URL (e.g. https://most.example.org): the mail links to the portal.")
        result = services.upkeep_run(site_root=settings.PORTAL_SITE_URL, check_links=not skip_links)
        self.stdout.write("Directory upkeep: " + ", ".join(f"{key} {value}" for key, value in result.items()) + ".")
        counts = services.upkeep_counts(organisations=Organisation.objects.all(), link_checks=LinkCheck.objects.all())
        self.stdout.write(
            "Published entries: {published}, confirmed in the last 18 months {confirmed}, "
            "may be out of date {stale}, with a broken address {broken}.".format(**counts)
        )
