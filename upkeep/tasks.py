"""The periodic jobs of keeping the directory true, as tasks (docs/DIRECTORY.md, "Keeping entries true").

``manage.py directory_upkeep`` enqueues them (``upkeep_enqueue``): with the default backend they
run at once, inside the command; with ``TASKS_BACKEND=database`` the task worker runs them
(``manage.py run_worker``, docs/SCALING.md). A task may run twice (cron started twice, a retry,
the take-over of a dead worker's task, two workers at once), so each job is idempotent and
claims its own rows: an entry's row is locked before its owner is asked or told, and the
question is asked again under the lock.
"""

from django_tasks import TaskResult, task

from upkeep import services


@task()
def send_confirmation_requests(site_root: str) -> dict[str, int]:
    """Ask the owners whose entry is due for the yearly confirmation, each once."""
    return {"reminders": services.confirmation_requests_send(site_root=site_root)}


@task()
def mark_stale_entries() -> dict[str, int]:
    """Mark the entries unconfirmed for 18 months as possibly out of date; unmark those confirmed since."""
    marked, unmarked = services.entries_mark_stale()
    return {"stale_marked": marked, "stale_unmarked": unmarked}


@task()
def check_links(site_root: str) -> dict[str, int]:
    """Check the websites and mail domains not checked lately; tell owners of a new failure once."""
    counts = services.links_check(site_root=site_root)
    return {"links_checked": counts.checked, "links_broken": counts.broken, "links_repaired": counts.repaired}


def upkeep_enqueue(*, site_root: str, check_links_too: bool = True) -> list[TaskResult]:
    """Enqueue every periodic job, in order: reminders, stale marking, link checks."""
    results = [send_confirmation_requests.enqueue(site_root), mark_stale_entries.enqueue()]
    if check_links_too:
        results.append(check_links.enqueue(site_root))
    return results
