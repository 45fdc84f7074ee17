from django.core.management.base import BaseCommand

from notifications.services import emails_send_pending


class Command(BaseCommand):
    help = "Send again the emails that could not be delivered (mail server down); run it every few minutes."

    def handle(self, *args, **options):
        sent, failed = emails_send_pending()
        self.stdout.write(f"{sent} sent, {failed} still failing.")
