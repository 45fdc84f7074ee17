from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from directory.models import Organisation
from upkeep import services, tasks
from upkeep.models import LinkCheck


class Command(BaseCommand):
    help = (
        "Keep the directory true (docs/DIRECTORY.md): ask owners whose entry is due for the yearly "
        "confirmation, mark entries unconfirmed for 18 months as possibly out of date, and check "
        "websites and e-mail domains. Each job is a task: run at once with the default TASKS_BACKEND, "
        "left to the task worker with TASKS_BACKEND=database. Run it daily; running it twice sends "
        "and changes nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument("--skip-links", action="store_true", help="Leave out the link check (no network).")

    def handle(self, *args, skip_links, **options):
        if not settings.PORTAL_SITE_URL:
            raise CommandError("Set PORTAL_SITE_URL (e.g. https://most.example.org): the mail links to the portal.")
        results = tasks.upkeep_enqueue(site_root=settings.PORTAL_SITE_URL, check_links_too=not skip_links)
        failed = [result for result in results if result.status == TaskResultStatus.FAILED]
        done = [result for result in results if result.status == TaskResultStatus.SUCCESSFUL]
        queued = [result for result in results if result.status == TaskResultStatus.READY]
        if done:
            figures = [f"{key} {value}" for result in done for key, value in result.return_value.items()]
            self.stdout.write("Directory upkeep: " + ", ".join(figures) + ".")
        if queued:
            self.stdout.write("Queued for the task worker: " + ", ".join(result.task.name for result in queued) + ".")
        counts = services.upkeep_counts(organisations=Organisation.objects.all(), link_checks=LinkCheck.objects.all())
        self.stdout.write(
            "Published entries: {published}, confirmed in the last 18 months {confirmed}, "
            "may be out of date {stale}, with a broken address {broken}.".format(**counts)
        )
        if failed:
            raise CommandError(
                "Failed: "
                + "; ".join(f"{result.task.name}: {result.errors[-1].traceback.splitlines()[-1]}" for result in failed)
            )
