"""Delete audit events older than the retention period (docs/STAFF.md, "Audit log"); run daily from cron."""

from django.conf import settings
from django.core.management.base import BaseCommand

from staff.models import AuditEvent


class Command(BaseCommand):
    help = "Delete audit events older than AUDIT_LOG_RETENTION_DAYS (default 365)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Keep this many days instead of AUDIT_LOG_RETENTION_DAYS."
        )

    def handle(self, *args, days=None, **options):
        days = settings.AUDIT_LOG_RETENTION_DAYS if days is None else days
        deleted, _counts = AuditEvent.objects.older_than(days).delete()
        self.stdout.write(f"Deleted {deleted} audit events older than {days} days.")
