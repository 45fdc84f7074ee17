import os
import secrets
from importlib import import_module, util
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.models import Municipality
from search.models import SearchEntry
from search.services import index_rebuild

CREDENTIALS_FILE = settings.VAR_DIR / "demo-credentials.txt"
DEMO_STAFF = [
    # username, superuser
    ("admin", True),
    ("editor-koprivshtitsa", False),
    ("editor-medijana", False),
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

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Municipality.objects.exists():
            self.stdout.write("Demo content already loaded; leaving the database as it is.")
            if not SearchEntry.objects.exists():
                self._index()
        else:
            with transaction.atomic():
                for module in self._demo_modules():
                    module.load(self.stdout)
                # Last: the demo loads write content directly, not through the
                # services that keep the index current.
                self._index()
        if settings.DEBUG:
            self._ensure_demo_staff()
            self.stdout.write(self.style.SUCCESS(CREDENTIALS_FILE.read_text()))

    def _index(self):
        self.stdout.write(f"Search index: {index_rebuild()} entries.")

    @staticmethod
    def _demo_modules():
        """Each installed project app's ``demo`` module, in INSTALLED_APPS order."""
        for config in apps.get_app_configs():
            name = f"{config.name}.demo"
            if Path(config.path).parent == settings.BASE_DIR and util.find_spec(name):
                yield import_module(name)

    def _ensure_demo_staff(self):
        """Development only: demo accounts with random passwords kept under var/."""
        if CREDENTIALS_FILE.exists():
            return
        users = get_user_model()
        port = os.environ.get("PORT", "8000")
        lines = [f"Demo staff accounts (development only): http://127.0.0.1:{port}/admin/"]
        for username, superuser in DEMO_STAFF:
            password = secrets.token_urlsafe(12)
            user, _ = users.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = superuser
            user.set_password(password)
            user.save()
            lines.append(f"  {username:<22} {password}")
        CREDENTIALS_FILE.parent.mkdir(parents=True, exist_ok=True)
        CREDENTIALS_FILE.write_text("\n".join(lines) + "\n")
        CREDENTIALS_FILE.chmod(0o600)
