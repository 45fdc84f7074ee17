"""The task worker's retries and its take-over of tasks whose worker died (core.worker, docs/SCALING.md)."""

from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone
from django_tasks import task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from core.worker import RetryingWorker, tasks_requeue_abandoned, worker_lock_key

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def database_tasks(settings):
    """Tasks as rows in PostgreSQL, as in production (the tests' default runs them at once)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@task()
def failing() -> None:
    raise ValueError("the mail server is down")


def stored(*, status=TaskResultStatus.READY, worker_ids=()) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path=f"{__name__}.failing",
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        status=status,
        worker_ids=list(worker_ids),
    )


def worker(worker_id: str) -> RetryingWorker:
    return RetryingWorker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id=worker_id, excluded_queue_names=[],
    )  # fmt: skip


def test_a_failed_task_runs_again_after_a_growing_delay_until_its_attempts_are_used_up(settings):
    settings.TASK_RETRY_DELAYS = [10, 60]
    result = stored()
    for attempt, delay in enumerate([10, 60, None], start=1):
        result.claim(f"worker-{attempt}")
        before = timezone.now()
        worker(f"worker-{attempt}").run_task(result)
        result.refresh_from_db()
        if delay is None:
            assert result.status == TaskResultStatus.FAILED
            assert "the mail server is down" in result.traceback
        else:
            assert result.status == TaskResultStatus.READY
            assert before + timedelta(seconds=delay) <= result.run_after <= timezone.now() + timedelta(seconds=delay)
    assert result.worker_ids == ["worker-1", "worker-2", "worker-3"]


def test_a_task_left_running_by_a_dead_worker_is_run_again_and_a_living_workers_is_left_alone():
    abandoned = stored(status=TaskResultStatus.RUNNING, worker_ids=["dead"])
    running = stored(status=TaskResultStatus.RUNNING, worker_ids=["alive"])
    # The living worker's own connection holds its lock, as RetryingWorker.run() does.
    liveness = connections.create_connection("default")
    try:
        with liveness.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [worker_lock_key("alive")])
        assert tasks_requeue_abandoned() == 1
    finally:
        liveness.close()
    abandoned.refresh_from_db()
    running.refresh_from_db()
    assert abandoned.status == TaskResultStatus.READY and abandoned.run_after <= timezone.now()
    assert running.status == TaskResultStatus.RUNNING
    # Once the living worker's connection is gone, its task is taken over too.
    assert tasks_requeue_abandoned() == 1
    running.refresh_from_db()
    assert running.status == TaskResultStatus.READY


def test_a_task_abandoned_on_its_last_attempt_is_failed(settings):
    settings.TASK_RETRY_DELAYS = [10]
    result = stored(status=TaskResultStatus.RUNNING, worker_ids=["dead-1", "dead-2"])
    assert tasks_requeue_abandoned() == 0
    result.refresh_from_db()
    assert result.status == TaskResultStatus.FAILED
