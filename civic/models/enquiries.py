"""Questions to an information centre, and the centre's answers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import InformationCentre, PageLanguage


class EnquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Enquiry(models.Model):
    Status = EnquiryStatus
    reference = models.CharField(_("reference number"), max_length=20, unique=True, editable=False)
    centre = models.ForeignKey(
        InformationCentre, on_delete=models.PROTECT, related_name="enquiries", verbose_name=_("information centre")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=7, choices=PageLanguage)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.NEW)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("enquiry")
        verbose_name_plural = _("enquiries")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=EnquiryStatus.values), name="enquiry_status_known"),
            models.CheckConstraint(condition=~Q(reference=""), name="enquiry_has_reference"),
        ]

    def __str__(self):
        return f"{self.reference}: {self.subject}"


class EnquiryReply(models.Model):
    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="replies", verbose_name=_("enquiry"))
    body = models.TextField(_("answer"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="enquiry_replies",
        verbose_name=_("sent by"),
    )

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.enquiry.reference} ({self.sent_at:%Y-%m-%d})"
