"""The outbox's background task: deliver one kept message (``services.email_deliver``)."""

from django_tasks import task

from notifications.models import OutgoingEmail
from notifications.services import email_deliver


class EmailNotSent(Exception):
    """The mail server did not take the message: the worker runs the task again later (core.worker)."""


@task()
def deliver_email(email_id: int) -> None:
    email = OutgoingEmail(pk=email_id)
    if not email_deliver(email=email):
        raise EmailNotSent(f"Email {email_id} not sent; it stays in the outbox.")
