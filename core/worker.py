"""The task worker: django-tasks-db's, with retries and the take-over of tasks whose worker died.

django-tasks-db claims a task (its row becomes RUNNING, with the worker's id) and runs it; it
has no retries, and a task whose worker was killed stays RUNNING for ever. This worker adds:

- **Liveness.** Each worker holds a PostgreSQL advisory lock named after its id, on a
  connection of its own, for as long as it lives. PostgreSQL releases it the moment that
  connection ends: the process was killed, or its machine went away (once TCP notices).
- **Take-over.** A RUNNING task whose worker's lock is free was abandoned: every worker, at
  start and every ``SWEEP_SECONDS``, makes it READY again (``tasks_requeue_abandoned``), so
  another worker runs it.
- **Retries.** A failed task runs again after ``settings.TASK_RETRY_DELAYS`` seconds, one delay
  per attempt; after the last one it stays FAILED (the admin's task list shows it).

An attempt is a claim: ``len(worker_ids)``. Since a task may thus run twice, every task is
idempotent: it claims its own rows (the outbox locks a message while it sends it, and deletes
it in the same transaction).
"""

import contextlib
import hashlib
import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

SWEEP_SECONDS = 5


def worker_lock_key(worker_id: str) -> int:
    """The advisory lock (a signed 64-bit number) a worker holds while it lives."""
    return int.from_bytes(hashlib.blake2b(worker_id.encode(), digest_size=8).digest(), "big", signed=True)


def worker_is_alive(worker_id: str) -> bool:
    """Whether some session holds ``worker_id``'s lock: taking it for a moment succeeds only when none does."""
    key = worker_lock_key(worker_id)
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        (taken,) = cursor.fetchone()
        if taken:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
    return not taken


def retry_delay(attempts: int) -> timedelta | None:
    """How long to wait before attempt ``attempts + 1``; None when the attempts are used up."""
    delays = settings.TASK_RETRY_DELAYS
    return timedelta(seconds=delays[attempts - 1]) if attempts <= len(delays) else None


def tasks_requeue_abandoned() -> int:
    """Make READY again every RUNNING task whose worker is gone; returns how many."""
    requeued = 0
    with transaction.atomic():
        for result in DBTaskResult.objects.running().select_for_update(skip_locked=True):
            if result.worker_ids and worker_is_alive(result.worker_ids[-1]):
                continue
            delay = retry_delay(len(result.worker_ids))
            if delay is None:
                result.status = TaskResultStatus.FAILED
                result.finished_at = timezone.now()
                result.traceback = "The worker running this task died; no attempts left."
                result.save(update_fields=["status", "finished_at", "traceback"])
                continue
            logger.warning("Task %s (%s) was abandoned by its worker: run again.", result.pk, result.task_path)
            result.status = TaskResultStatus.READY
            result.run_after = timezone.now()
            result.save(update_fields=["status", "run_after"])
            requeued += 1
    return requeued


def task_retry_later(result: DBTaskResult) -> bool:
    """Make a failed task READY again after its attempt's delay; False when its attempts are used up."""
    delay = retry_delay(len(result.worker_ids))
    if delay is None:
        return False
    DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=timezone.now() + delay, finished_at=None
    )
    logger.warning("Task %s (%s) failed: run again in %s.", result.pk, result.task_path, delay)
    return True


class RetryingWorker(Worker):
    """django-tasks-db's worker, alive in PostgreSQL's eyes, retrying failures, taking over the abandoned."""

    def run(self) -> None:
        self.alive = threading.Event()
        self.sweeper = threading.Thread(target=self.sweep, name="task-sweeper", daemon=True)
        self.sweeper.start()
        if not self.alive.wait(30):
            raise RuntimeError("The task worker could not take its liveness lock in PostgreSQL.")
        super().run()

    def hold_liveness(self) -> None:
        """Hold this worker's lock on a connection of its own, taken again after a database restart.

        Its own: Django closes its connections between tasks (CONN_MAX_AGE), which would
        release the lock. Until it is taken again, another worker may take over the task
        running here; tasks are idempotent, so that costs time, never a second e-mail.
        """
        liveness = getattr(self, "liveness", None)
        if liveness is not None and liveness.connection is not None and liveness.is_usable():
            return
        if liveness is not None:
            with contextlib.suppress(Exception):
                liveness.close()
        self.liveness = connections.create_connection("default")
        with self.liveness.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [worker_lock_key(self.worker_id)])
        self.alive.set()

    def sweep(self) -> None:
        pause = threading.Event()
        while self.running:
            try:
                self.hold_liveness()
                tasks_requeue_abandoned()
            except Exception:  # the database restarting: try again at the next sweep
                logger.exception("Could not hold the worker's lock or look for abandoned tasks.")
            finally:
                close_old_connections()
            pause.wait(SWEEP_SECONDS)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == TaskResultStatus.FAILED:
            task_retry_later(db_task_result)
