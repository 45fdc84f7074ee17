"""The outbox: every e-mail the portal sends is a row here until it has been delivered."""

from email.utils import parseaddr

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """A message that could not be delivered yet; ``manage.py send_pending_emails`` retries it.

    Every message is written here inside the transaction that causes it and sent
    after commit; a delivered message is deleted (its body may hold a personal
    link), so what remains is exactly what still has to go out.
    """

    to = models.JSONField(default=list)
    reply_to = models.JSONField(default=list, blank=True)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("undelivered email")
        verbose_name_plural = _("undelivered emails")

    def __str__(self):
        return self.subject

    @property
    def message_id(self) -> str:
        """The same Message-ID at every attempt and on every server, so that a message delivered twice reads as one."""
        domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "localhost"
        return f"<outbox-{self.pk}-{self.created_at:%Y%m%d%H%M%S%f}@{domain}>"
