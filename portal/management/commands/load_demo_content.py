import inspect
import os
import secrets
from importlib import import_module, util
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from core.models import Municipality
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
        "Load the demo content of every app (each app's demo.load()); safe to run again. "
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
            # An app's load() takes the options it knows by keyword, and only those.
            demo_options = {"smes": smes}
            # Recorded as the first version of every entry, so that its history starts here.
            with transaction.atomic(), recorded_changes(user=None, comment="Demo content"):
                for module in self._demo_modules():
                    accepted = inspect.signature(module.load).parameters
                    module.load(self.stdout, **{key: value for key, value in demo_options.items() if key in accepted})
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

    @staticmethod
    def _demo_modules():
        """Each installed project app's ``demo`` module, in INSTALLED_APPS order."""
        for config in apps.get_app_configs():
            name = f"{config.name}.demo"
            if Path(config.path).parent == settings.BASE_DIR and util.find_spec(name):
                yield import_module(name)

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
