"""What keeps the public entries true: mistake reports, yearly confirmations, checks of links and mail domains.

The entries themselves belong to the content apps (directory, tourism, civic); this app sits
above them and points at any of them through a generic relation, with the entry's
municipality and name copied in, so that staff lists are scoped and shown without a query
per row. docs/DIRECTORY.md, "Keeping entries true".
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import ChoiceLabelsModel, ModerationDecision, Municipality
from directory.models import Organisation, OrganisationQuerySet


class EntryReference(models.Model):
    """A public entry of any content app: its type and id, its municipality and name when recorded."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("kind of entry"))
    object_id = models.PositiveBigIntegerField(_("entry id"))
    entry = GenericForeignKey("content_type", "object_id")
    entry_name = models.CharField(_("entry"), max_length=300)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, verbose_name=_("municipality"))

    class Meta:
        abstract = True

    def __str__(self):
        return self.entry_name


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Open")
    FIXED = "fixed", _("Fixed")
    DISMISSED = "dismissed", _("Nothing to fix")


class MistakeReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=ReportStatus.OPEN)


class MistakeReport(EntryReference, ModerationDecision, ChoiceLabelsModel):
    """A reader's "Report a mistake": what is wrong, and an address to tell them when it is fixed."""

    Status = ReportStatus

    message = models.TextField(_("what is wrong"), max_length=2000)
    email = models.EmailField(_("reporter's email"), blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus, default=ReportStatus.OPEN)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    objects = MistakeReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mistake report")
        verbose_name_plural = _("mistake reports")
        indexes = [models.Index(fields=["status", "municipality"], name="mistake_report_status_munic")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ReportStatus.values),
                name="mistake_report_status_known",
                violation_error_message=_("Choose a status from the list."),
            ),
        ]

    @property
    def is_open(self) -> bool:
        return self.status == ReportStatus.OPEN


class CheckKind(models.TextChoices):
    WEBSITE = "website", _("Website")
    MAIL_DOMAIN = "mail-domain", _("Email domain")


class LinkCheckQuerySet(models.QuerySet):
    def broken(self):
        """Checks that failed and have not worked since: what staff and owners are asked to correct."""
        return self.filter(failing_since__isnull=False)


class LinkCheck(EntryReference, ChoiceLabelsModel):
    """The last check of one entry's website or e-mail domain; never shown to the public."""

    Kind = CheckKind

    kind = models.CharField(_("what was checked"), max_length=20, choices=CheckKind)
    target = models.CharField(_("address checked"), max_length=500)
    ok = models.BooleanField(_("works"), default=True)
    detail = models.CharField(_("result"), max_length=300, blank=True)
    checked_at = models.DateTimeField(_("checked"))
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True)
    owner_told_at = models.DateTimeField(_("owner told"), null=True, blank=True)

    objects = LinkCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-failing_since", "entry_name"]
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "kind"],
                name="link_check_one_per_entry_and_kind",
                violation_error_message=_("This entry's address has a check already."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=CheckKind.values),
                name="link_check_kind_known",
                violation_error_message=_("Choose a kind from the list."),
            ),
        ]
        indexes = [models.Index(fields=["municipality", "failing_since"], name="link_check_munic_failing")]


class Answer(models.TextChoices):
    CONFIRMED = "confirmed", _("Still right")
    CLOSED = "closed", _("The company has closed")


class ClosureStatus(models.TextChoices):
    NONE = "", _("—")
    WAITING = "waiting", _("Waiting for staff")
    ARCHIVED = "archived", _("Archived")
    KEPT = "kept", _("Kept in the directory")


class ConfirmationRequestQuerySet(models.QuerySet):
    def closures_waiting(self):
        return self.filter(closure=ClosureStatus.WAITING)


class ConfirmationRequest(ModerationDecision, ChoiceLabelsModel):
    """The yearly question to a company's owner: is the entry still right? One per organisation a year."""

    Answer = Answer
    Closure = ClosureStatus

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="confirmation_requests", verbose_name=_("organisation")
    )
    sent_to = models.EmailField(_("sent to"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    sent_at = models.DateTimeField(_("sent"))
    answer = models.CharField(_("answer"), max_length=20, choices=Answer, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closure = models.CharField(_("closure"), max_length=20, choices=ClosureStatus, blank=True)

    objects = ConfirmationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("yearly confirmation")
        verbose_name_plural = _("yearly confirmations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answer__in=["", *Answer.values]),
                name="confirmation_answer_known",
                violation_error_message=_("Choose an answer from the list."),
            ),
            models.CheckConstraint(
                condition=models.Q(closure__in=ClosureStatus.values),
                name="confirmation_closure_known",
                violation_error_message=_("Choose a closure state from the list."),
            ),
        ]
        indexes = [models.Index(fields=["closure"], name="confirmation_closure")]

    def __str__(self):
        return str(self.organisation)


class StaleOrganisationManager(models.Manager.from_queryset(OrganisationQuerySet)):
    def get_queryset(self):
        return super().get_queryset().published().filter(stale_since__isnull=False)


class StaleOrganisation(Organisation):
    """The directory's published entries marked as possibly out of date: a staff queue, no table of its own."""

    objects = StaleOrganisationManager()

    class Meta:
        proxy = True
        verbose_name = _("entry that may be out of date")
        verbose_name_plural = _("entries that may be out of date")
