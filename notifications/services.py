"""Every e-mail the portal sends: rendered in the recipient's language, kept in the outbox, sent after commit.

``email_send`` renders a message and writes it as an ``OutgoingEmail`` row in
the caller's transaction; it is delivered once that transaction commits and,
inside a web request, once the response has been sent: the reader never waits
for the mail server, and the time a request takes does not tell whether it
sent mail (a password reset for an address that has an account and for one
that has none answer alike). A failure (mail server down) leaves the row for
``manage.py send_pending_emails``.
So nothing a person did is lost because a mail could not go out, and no mail
announces something that was rolled back. This is the only module that talks
to ``django.core.mail`` (``tests/notifications/test_layering.py`` keeps it so).
"""

import logging
import threading
from collections.abc import Iterable, Sequence

from django.core.mail import EmailMessage
from django.db import DatabaseError, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.transliteration import to_latin, typed
from notifications.models import OutgoingEmail

logger = logging.getLogger(__name__)

SERBIAN_LATIN = "sr-latn"


def email_render(*, template: str, context: dict, language: str) -> tuple[str, str]:
    """Subject and body of ``templates/<template>_subject.txt`` and ``<template>.txt`` in ``language``.

    ``template`` names the app's folder: ``"registrations/email/verify"``.
    Serbian Latin is produced from the Cyrillic catalogue and text, as on the site:
    the Latin middleware covers HTTP responses only, so mail is transliterated here.
    What a person typed is quoted as typed: the context's plain strings (a
    message, its subject, a name, a link) are marked so (``portal.transliteration.typed``),
    and templates mark typed attributes of objects with ``|typed``; the portal's
    own text comes from the templates and the objects in the context.
    """
    if language == SERBIAN_LATIN:
        context = {key: typed(value) if type(value) is str else value for key, value in context.items()}
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    if language == SERBIAN_LATIN:
        subject, body = to_latin(subject), to_latin(body)
    return subject, body


def email_send(
    *, to: Sequence[str], template: str, context: dict, language: str, reply_to: Sequence[str] | None = None
) -> OutgoingEmail:
    """Render a message in the recipient's ``language``, keep it in this transaction, send it after commit.

    Outside a transaction (autocommit) it is sent at once; either way a failed
    delivery stays in the outbox for ``send_pending_emails``.
    """
    subject, body = email_render(template=template, context=context, language=language)
    # A subject quotes what a person typed (an enquiry's own subject, a company's name): however
    # long that is, the message is kept and sent, its subject shortened to what the outbox holds.
    limit = OutgoingEmail._meta.get_field("subject").max_length
    if len(subject) > limit:
        subject = subject[: limit - 1].rstrip() + "…"
    email = OutgoingEmail.objects.create(to=list(to), reply_to=list(reply_to or ()), subject=subject, body=body)
    transaction.on_commit(lambda: _deliver_after_response(email))
    return email


# The messages committed during the web request this thread is serving, delivered when its
# response has gone out (``request_finished``); None outside a request (commands, the shell).
_request = threading.local()


def request_started(**_signal_arguments) -> None:
    _request.emails = []


def request_finished(**_signal_arguments) -> None:
    emails, _request.emails = getattr(_request, "emails", None), None
    for email in emails or ():
        try:
            email_deliver_later(email=email)
        except DatabaseError as error:
            # The database went away after the response (a restart) and the outbox row could not be
            # updated: it stays there, and ``send_pending_emails`` tries it again (docs/NOTIFICATIONS.md).
            logger.warning("Email %s: the outbox could not be updated, the database is gone: %s", email.pk, error)


def _deliver_after_response(email: OutgoingEmail) -> None:
    waiting = getattr(_request, "emails", None)
    if waiting is None:
        email_deliver_later(email=email)
    else:
        waiting.append(email)


def email_deliver_later(*, email: OutgoingEmail) -> None:
    """Hand a kept message to the task worker (sent at once in development: the immediate backend)."""
    from notifications.tasks import deliver_email

    deliver_email.enqueue(email.pk)


def email_deliver(*, email: OutgoingEmail) -> bool:
    """Send one kept message and delete it, in one transaction that holds its row; False when it failed.

    The row stays locked while the mail server takes the message, so two workers (a retried
    task, ``send_pending_emails``) never send it twice: the second skips it, and finds it gone
    once the first commits. A worker killed mid-send leaves the row for a retry; only a death in
    the instant between the server's "250 OK" and the commit could send a message twice, and
    its fixed Message-ID then lets any reader's mail program show it once.
    """
    with transaction.atomic():
        kept = OutgoingEmail.objects.select_for_update(skip_locked=True).filter(pk=email.pk).first()
        if kept is None:  # sent already, discarded, or being sent by another worker right now
            return True
        try:
            EmailMessage(
                subject=kept.subject,
                body=kept.body,
                to=kept.to,
                reply_to=kept.reply_to or None,
                headers={"Message-ID": kept.message_id},
            ).send()
        except Exception as error:  # any failure of the mail server or the network
            logger.warning("Email %s not sent: %s", kept.pk, error)
            OutgoingEmail.objects.filter(pk=kept.pk).update(
                attempts=models.F("attempts") + 1, last_error=str(error)[:1000], last_attempt_at=timezone.now()
            )
            return False
        kept.delete()
    return True


def emails_send_pending(*, limit: int = 500) -> tuple[int, int]:
    """Try every kept message again, oldest first; returns (sent, still failing)."""
    sent = failed = 0
    for email in OutgoingEmail.objects.order_by("created_at").only("pk")[:limit]:
        if email_deliver(email=email):
            sent += 1
        else:
            failed += 1
    return sent, failed


def emails_discard(*, addresses: Iterable[str]) -> int:
    """Delete the undelivered messages to or replying to any of ``addresses`` (case-insensitive); returns how many.

    For erasing a person: a kept message may hold their name, their words or a personal link.
    """
    addresses = {address.lower() for address in addresses}
    doomed = [
        email.pk
        for email in OutgoingEmail.objects.only("to", "reply_to")
        if addresses & {address.lower() for address in email.to + email.reply_to}
    ]
    return OutgoingEmail.objects.filter(pk__in=doomed).delete()[0]
