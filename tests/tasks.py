"""Tasks as in production in a test: rows in PostgreSQL (django-tasks-db), run by the worker of core.worker."""

from django_tasks_db.models import DBTaskResult

from core.worker import RetryingWorker

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def run_worker() -> None:
    """What ``manage.py run_worker`` does with the tasks waiting now, in this process."""
    worker = RetryingWorker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip
    for result in DBTaskResult.objects.ready():
        result.claim("test-worker")
        worker.run_task(result)
