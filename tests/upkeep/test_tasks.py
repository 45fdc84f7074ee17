"""The periodic jobs as tasks: ``directory_upkeep`` enqueues them on the database backend and real
task workers (``manage.py run_worker``, two processes at once) run them, each job twice over,
sending and changing nothing twice (docs/DIRECTORY.md, "Keeping entries true")."""

import os
import subprocess
import sys
import urllib.parse
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from directory.models import Organisation
from registrations.models import CompanyOwner
from tests.directory.factories import OrganisationFactory
from tests.upkeep.servers import Website
from upkeep import tasks
from upkeep.models import ConfirmationRequest, LinkCheck

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BASE_DIR = Path(django_settings.BASE_DIR)
UPKEEP_TASKS = {f"upkeep.tasks.{name}" for name in ("send_confirmation_requests", "mark_stale_entries", "check_links")}


def ago(days: int):
    return timezone.now() - timedelta(days=days)


def database_url() -> str:
    """This test's database (the test database, committed rows) as the worker's DATABASE_URL."""
    database = django_settings.DATABASES["default"]
    user = urllib.parse.quote(database.get("USER") or "")
    password = urllib.parse.quote(database.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if user else ""
    where = {key: database[key.upper()] for key in ("host", "port") if database.get(key.upper())}
    query = urllib.parse.urlencode(where)
    return f"postgres://{credentials}/{database['NAME']}?{query}"


def worker(folder: Path, name: str) -> subprocess.Popen:
    """``manage.py run_worker --batch``: runs every ready task, then exits."""
    environ = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST", "UPKEEP_"))}
    environ.update(
        DATABASE_URL=database_url(),
        DJANGO_DEBUG="true",
        TASKS_BACKEND="database",
        PORTAL_SITE_URL="https://most.example.org",
        MOST_VAR_DIR=str(folder),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        UPKEEP_LINK_CHECK_ALLOW_PRIVATE="true",  # the test's website listens on loopback
        UPKEEP_LINK_CHECK_DELAY="0",
        UPKEEP_LINK_CHECK_TIMEOUT="5",
    )
    command = [sys.executable, "manage.py", "run_worker", "--batch", "--interval", "0.1", "--no-startup-delay"]
    with (folder / f"{name}.log").open("wb") as log:
        return subprocess.Popen(command, cwd=BASE_DIR, env=environ, stdout=log, stderr=subprocess.STDOUT)


@pytest.fixture
def database_tasks(settings):
    """Tasks as rows in PostgreSQL, as in production (the tests' default runs them at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def entries(staff, django_user_model):
    """An owned entry due for its yearly question with a dead website, and an ownerless one unconfirmed for 2 years."""
    with Website() as site:
        owned = OrganisationFactory(municipality=staff.home, email="", website=f"{site.url}/gone")
        user = django_user_model.objects.create_user("owner@example.org", "owner@example.org")
        CompanyOwner.objects.create(
            user=user, organisation=owned, contact_name="Ана", contact_email="owner@example.org", language="sr-latn"
        )
        CompanyOwner.objects.filter(organisation=owned).update(created_at=ago(400))
        Organisation.objects.filter(pk=owned.pk).update(created_at=ago(400))
        forgotten = OrganisationFactory(municipality=staff.home, email="", website="")
        Organisation.objects.filter(pk=forgotten.pk).update(created_at=ago(730))
        yield owned, forgotten, site


def test_the_command_enqueues_each_job_and_two_workers_run_them_twice_with_one_effect(
    database_tasks, entries, tmp_path
):
    owned, forgotten, site = entries
    for _run in range(2):  # cron started twice
        output = StringIO()
        call_command("directory_upkeep", stdout=output)
        assert "Queued for the task worker: send_confirmation_requests, mark_stale_entries, check_links." in (
            output.getvalue()
        )
    queued = DBTaskResult.objects.filter(task_path__in=UPKEEP_TASKS)
    assert queued.count() == 6 and {result.status for result in queued} == {TaskResultStatus.READY}
    assert not ConfirmationRequest.objects.exists()  # queued, not run by the command

    workers = [worker(tmp_path, "worker-a"), worker(tmp_path, "worker-b")]
    for process in workers:
        assert process.wait(timeout=180) == 0, (tmp_path / "worker-a.log").read_text()[-3000:]

    results = DBTaskResult.objects.filter(task_path__in=UPKEEP_TASKS)
    assert {result.status for result in results} == {TaskResultStatus.SUCCESSFUL}, [
        result.traceback for result in results
    ]
    assert sum(result.return_value.get("reminders", 0) for result in results) == 1
    assert sum(result.return_value.get("stale_marked", 0) for result in results) == 1
    # One question to the owner; the website checked at most once per run, its failure told once.
    assert ConfirmationRequest.objects.filter(organisation=owned).count() == 1
    assert Organisation.objects.get(pk=forgotten.pk).stale_since is not None
    assert Organisation.objects.get(pk=owned.pk).stale_since is None
    check = LinkCheck.objects.broken().get()
    assert check.entry == owned and check.owner_told_at is not None
    assert 1 <= len([path for _method, path, *_rest in site.requests if path == "/gone"]) <= 4  # HEAD, GET; ≤2 runs

    # The e-mails went through the outbox's own tasks, on the same workers: exactly two.
    sent = "".join(path.read_text() for path in (tmp_path / "mail").glob("*.log"))
    assert sent.count("\nTo: owner@example.org") == 2
    assert "/sr-latn/companies/confirm-entry/" in sent
    assert DBTaskResult.objects.filter(task_path="notifications.tasks.deliver_email").count() == 2


def test_with_the_default_backend_the_command_runs_the_jobs_at_once(entries, committed):
    """No worker in development: enqueueing runs each job inside the command, and its figures are printed."""
    mail.outbox.clear()
    output = StringIO()
    with committed():
        call_command("directory_upkeep", stdout=output)
    assert "Directory upkeep: reminders 1, stale_marked 1, stale_unmarked 0, links_checked 1, links_broken 1" in (
        output.getvalue()
    )
    assert sorted(message.to[0] for message in mail.outbox) == ["owner@example.org", "owner@example.org"]
    results = tasks.upkeep_enqueue(site_root="https://most.example.org", check_links_too=False)
    assert [result.return_value for result in results] == [{"reminders": 0}, {"stale_marked": 0, "stale_unmarked": 0}]
