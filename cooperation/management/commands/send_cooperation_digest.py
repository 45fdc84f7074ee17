from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cooperation import services


class Command(BaseCommand):
    help = (
        "Email each owner who has not switched it off the partners suggested since their last digest. "
        "Run it daily or weekly: an owner gets at most one per --every-days, and none when nothing is new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every-days", type=int, default=7, help="At most one digest per owner per this many days."
        )

    def handle(self, *args, every_days, **options):
        if not settings.PORTAL_SITE_URL:
            raise CommandError("Set PORTAL_SITE_URL (e.g. https://most.example.org): the mail links to the portal.")
        sent = services.digests_send(site_root=settings.PORTAL_SITE_URL, every_days=every_days)
        self.stdout.write(f"Cooperation: {sent} digests sent.")
