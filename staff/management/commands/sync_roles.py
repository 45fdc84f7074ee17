from django.core.management.base import BaseCommand

from staff.services import roles_sync


class Command(BaseCommand):
    help = (
        "Create the staff role groups (editors, moderators, portal administrators) and give each "
        "exactly the model permissions declared by the admins; safe to run again (after every migrate)."
    )

    def handle(self, *args, **options):
        for group, count in roles_sync().items():
            self.stdout.write(f"{group}: {count} permissions")
