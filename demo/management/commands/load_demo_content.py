import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from core.models import Municipality
from demo.content import civic as civic_demo
from demo.content import cooperation as cooperation_demo
from demo.content import directory as directory_demo
from demo.content import media_library as media_library_demo
from demo.content import portal as portal_demo
from demo.content import tourism as tourism_demo
from search import registry
from search.models import SearchEntry
from search.services import index_rebuild
from staff.history import recorded_changes
from staff.models import StaffRole
from staff.services import roles_sync, staff_member_appoint

CREDENTIALS_FILE = settings.VAR_DIR / "demo-credentials.txt"
DEMO_STAFF = [
    # username, superuser, municipality slug, role
    ("admin", True, None, None),
    ("editor-koprivshtitsa", False, "koprivshtitsa", StaffRole.EDITOR),
    ("moderator-koprivshtitsa", False, "koprivshtitsa", StaffRole.MODERATOR),
    ("editor-medijana", False, "medijana", StaffRole.EDITOR),
    ("moderator-medijana", False, "medijana", StaffRole.MODERATOR),
]


class Command(BaseCommand):
    help = (
        "Load the demo content of every app (demo/content/); safe to run again. "
        "With DEBUG on, also create demo staff accounts and print their credentials."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Load content only when no municipality exists yet."
        )
        parser.add_argument(
            "--smes",
            type=int,
            default=0,
            help="Also add this many synthetic SMEs to the directory, flagged as demo data "
            "(make run uses 7158, the original platform's size).",
        )

    def handle(self, *args, if_empty=False, smes=0, **options):
        if if_empty and Municipality.objects.exists():
            self.stdout.write("Demo content already loaded; leaving the database as it is.")
            self._index_new_kinds()
        else:
            # Recorded as the first version of every entry, so that its history starts here.
            with transaction.atomic(), recorded_changes(user=None, comment="Demo content"):
                # In dependency order: municipalities and centres first, then the directory,
                # whose organisations the sights and the cooperation board point to.
                portal_demo.load(self.stdout)
                directory_demo.load(self.stdout, smes=smes)
                tourism_demo.load(self.stdout)
                media_library_demo.load(self.stdout)
                civic_demo.load(self.stdout)
                cooperation_demo.load(self.stdout)
                # Last: the demo loads write content directly, not through the
                # services that keep the index current.
                self._index()
        roles_sync()
        if settings.DEBUG:
            self._ensure_demo_staff()
            self.stdout.write(self.style.SUCCESS(CREDENTIALS_FILE.read_text()))

    def _index(self):
        self.stdout.write(f"Search index: {index_rebuild()} entries.")

    def _index_new_kinds(self):
        """Index the searchable models that have no entry yet: those made searchable since the last run."""
        indexed = set(SearchEntry.objects.values_list("kind", flat=True).distinct())
        for searchable in registry.registered():
            if searchable.kind not in indexed:
                count = index_rebuild(searchable.model)
                self.stdout.write(f"Search index: {count} entries for {searchable.model._meta.label}.")

    def _ensure_demo_staff(self):
        """Development only: demo accounts with random passwords kept under var/.

        Passwords are set once (or again when an account of the list is missing); the
        accounts' memberships are brought up to date on every run.
        """
        users = get_user_model()
        usernames = [username for username, *_rest in DEMO_STAFF]
        if CREDENTIALS_FILE.exists() and users.objects.filter(username__in=usernames).count() == len(usernames):
            for username, _superuser, slug, role in DEMO_STAFF:
                if slug:
                    user = users.objects.get(username=username)
                    staff_member_appoint(user=user, municipality=Municipality.objects.get(slug=slug), role=role)
            return
        port = os.environ.get("PORT", "8000")
        lines = [f"Demo staff accounts (development only): http://127.0.0.1:{port}/admin/"]
        for username, superuser, slug, role in DEMO_STAFF:
            password = secrets.token_urlsafe(12)
            user, _ = users.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = superuser
            user.set_password(password)
            user.save()
            if slug:
                staff_member_appoint(user=user, municipality=Municipality.objects.get(slug=slug), role=role)
            lines.append(f"  {username:<24} {password}")
        CREDENTIALS_FILE.parent.mkdir(parents=True, exist_ok=True)
        CREDENTIALS_FILE.write_text("\n".join(lines) + "\n")
        CREDENTIALS_FILE.chmod(0o600)
