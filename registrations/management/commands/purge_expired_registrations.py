from django.conf import settings
from django.core.management.base import BaseCommand

from registrations.services import registrations_purge_expired


class Command(BaseCommand):
    help = (
        "Delete company applications whose email address was not confirmed within REGISTRATIONS_CONFIRMATION_DAYS, "
        "with their logo and photos; run it daily."
    )

    def handle(self, *args, **options):
        deleted = registrations_purge_expired()
        days = settings.REGISTRATIONS_CONFIRMATION_DAYS
        self.stdout.write(f"{deleted} unconfirmed application(s) older than {days} days deleted.")
