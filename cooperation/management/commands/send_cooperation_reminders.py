from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cooperation import services


class Command(BaseCommand):
    help = (
        "Remind owners once that an item leaves the cooperation board soon, and remove expired items "
        "from the search index. Run daily (just after midnight); running it again sends nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=services.REMINDER_DAYS,
            help=f"Remind this many days before expiry (default {services.REMINDER_DAYS}).",
        )

    def handle(self, *args, days, **options):
        if not settings.PORTAL_SITE_URL:
            raise CommandError("Set PORTAL_SITE_URL (e.g. https://most.example.org): the mail links to the portal.")
        sent = services.reminders_send(site_root=settings.PORTAL_SITE_URL, days=days)
        pruned = services.search_index_prune()
        self.stdout.write(f"Cooperation: {sent} reminders sent, {pruned} items no longer public left the search index.")
