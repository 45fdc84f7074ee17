from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from core.worker import RetryingWorker


class Command(DatabaseWorkerCommand):
    help = (
        "Run background tasks (TASKS_BACKEND=database): django-tasks-db's db_worker, retrying failed tasks "
        "and taking over those of a worker that died (core.worker). Run as many as you like, on any server."
    )

    def handle(
        self,
        *,
        verbosity,
        queue_name,
        interval,
        batch,
        backend_name,
        startup_delay,
        max_tasks,
        worker_id,
        exclude_queues,
        **options,
    ):
        self.configure_logging(verbosity)
        # No autoreload: a reloaded worker would leave its task to the take-over.
        worker = RetryingWorker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )
        worker.configure_signals()
        worker.run()
