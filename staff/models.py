"""The staff workspace's own record: which municipality a staff user works for, and in what role;
the audit log of who did what.

And django-axes' log-in records under names in the staff's language (proxies: the same tables).
"""

import datetime

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import Municipality


class StaffRole(models.TextChoices):
    """What a member of an information centre may do in their municipality (docs/STAFF.md)."""

    EDITOR = "editor", _("editor")
    MODERATOR = "moderator", _("moderator")


class StaffMembershipQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("user", "municipality")


class StaffMembership(models.Model):
    """A staff user's place in one municipality's information centre.

    Portal administrators need none: they work across both municipalities.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_membership", verbose_name=_("user")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="staff_memberships", verbose_name=_("municipality")
    )
    role = models.CharField(_("role"), max_length=20, choices=StaffRole, default=StaffRole.EDITOR)

    objects = StaffMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff membership")
        verbose_name_plural = _("staff memberships")
        constraints = [
            models.CheckConstraint(condition=models.Q(role__in=StaffRole.values), name="staff_membership_role_known"),
        ]

    def __str__(self):
        return f"{self.user} · {self.municipality} · {self.get_role_display()}"


class SharedPreview(models.Model):
    """The share links of one draft or scheduled item: their version (docs/STAFF.md, "Share a preview").

    A link is signed with the version it was made under; revoking the item's links raises the
    version, so every link made before no longer opens (``staff.preview``).
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.CharField(_("object id"), max_length=64)
    version = models.PositiveIntegerField(_("version"), default=0)
    revoked_at = models.DateTimeField(_("links revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("shared preview")
        verbose_name_plural = _("shared previews")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="shared_preview_one_per_item"),
        ]

    def __str__(self):
        return f"{self.content_type} #{self.object_id}"


def _log_in_record_name(message: str, record) -> str:
    """``message`` with the record's user name and its moment: local time, in the language's short format."""
    moment = record.attempt_time
    when = formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else "—"
    return message % {"user": record.username or "—", "time": when}


class LogInAttempt(AccessAttempt):
    """django-axes' record of an address and user name still counting failures, named in the staff's language."""

    class Meta:
        proxy = True
        verbose_name = _("log-in attempt")
        verbose_name_plural = _("log-in attempts")

    def __str__(self):
        return _log_in_record_name(_("Attempts by %(user)s since %(time)s"), self)


class LogIn(AccessLog):
    """django-axes' record of a successful log-in, named in the staff's language."""

    class Meta:
        proxy = True
        verbose_name = _("log-in")
        verbose_name_plural = _("log-ins")

    def __str__(self):
        return _log_in_record_name(_("Log-in of %(user)s at %(time)s"), self)


class FailedLogIn(AccessFailureLog):
    """django-axes' record of a failed log-in, named in the staff's language."""

    class Meta:
        proxy = True
        verbose_name = _("failed log-in")
        verbose_name_plural = _("failed log-ins")

    def __str__(self):
        return _log_in_record_name(_("Failed log-in of %(user)s at %(time)s"), self)


class AuditAction(models.TextChoices):
    """What a person did, as the audit log names it (docs/STAFF.md, "Audit log")."""

    ADDED = "added", pgettext_lazy("audit action", "added")
    CHANGED = "changed", pgettext_lazy("audit action", "changed")
    DELETED = "deleted", pgettext_lazy("audit action", "deleted")
    PUBLISHED = "published", pgettext_lazy("audit action", "published")
    IMPORTED = "imported", pgettext_lazy("audit action", "imported")
    IMPORT_UNDONE = "import-undone", pgettext_lazy("audit action", "import undone")
    UPLOADED = "uploaded", pgettext_lazy("audit action", "uploaded")
    APPROVED = "approved", pgettext_lazy("audit action", "approved")
    REJECTED = "rejected", pgettext_lazy("audit action", "rejected")
    ROLE_CHANGED = "role-changed", pgettext_lazy("audit action", "role changed")
    LOGGED_IN = "logged-in", pgettext_lazy("audit action", "logged in")
    LOG_IN_FAILED = "log-in-failed", pgettext_lazy("audit action", "log-in failed")
    SECOND_FACTOR_PASSED = "second-factor-passed", pgettext_lazy("audit action", "second factor passed")
    SECOND_FACTOR_FAILED = "second-factor-failed", pgettext_lazy("audit action", "second factor failed")
    SECOND_FACTOR_ADDED = "second-factor-added", pgettext_lazy("audit action", "second factor added")
    SECOND_FACTOR_RESET = "second-factor-reset", pgettext_lazy("audit action", "second factor reset")


class AuditEventQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("actor", "municipality", "content_type")

    def older_than(self, days: int):
        return self.filter(at__lt=timezone.now() - datetime.timedelta(days=days))


class AuditEvent(models.Model):
    """One thing a person did on the portal: an edit, a decision, a log-in (docs/STAFF.md, "Audit log").

    Written by ``staff.audit.audit_event_record`` where the action happens; the municipality is
    stored with the event, so the log is filtered and scoped like content, in one query.
    """

    at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    # The user name as it was typed or stored: kept when the account is deleted, and for failed log-ins.
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=AuditAction)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("content type")
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("entry"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    # Django's structured change message (a JSON list, read in the reader's language) or a plain note.
    message = models.TextField(_("details"), blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["-at"], name="audit_event_at"),
            models.Index(fields=["actor", "-at"], name="audit_event_actor_at"),
            models.Index(fields=["municipality", "-at"], name="audit_event_municipality_at"),
            models.Index(fields=["content_type", "-at"], name="audit_event_content_type_at"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(action__in=AuditAction.values), name="audit_event_action_known"),
        ]

    def __str__(self):
        return f"{self.actor_name or '—'} · {self.get_action_display()} · {self.object_repr}".rstrip(" ·")


class OutdatedTranslationQuerySet(models.QuerySet):
    def for_object(self, obj):
        """The outdated translations of one entry."""
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))

    def for_model(self, model):
        return self.filter(content_type=ContentType.objects.get_for_model(model))


class OutdatedTranslation(models.Model):
    """A translation of one field of one entry whose source text changed after it was made
    (docs/STAFF.md, "Outdated translations").

    A row exists while the translation is outdated: it is written when the source changes and
    the translation does not, and deleted when staff update the translation or mark it current
    (``staff.services.translations_freshness_record``). ``source_text`` is the source as it was
    when the translation was last made, shown beside the source as it is now.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("content type"))
    object_id = models.CharField(_("object id"), max_length=64)
    field = models.CharField(_("field"), max_length=100)
    language = models.CharField(_("language"), max_length=10)
    source_language = models.CharField(_("source language"), max_length=10)
    source_text = models.TextField(_("source when translated"), blank=True)
    outdated_at = models.DateTimeField(_("outdated since"), default=timezone.now)
    outdated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source changed by"),
    )

    objects = OutdatedTranslationQuerySet.as_manager()

    class Meta:
        verbose_name = _("outdated translation")
        verbose_name_plural = _("outdated translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="outdated_translation_one_per_field"
            ),
            models.CheckConstraint(
                condition=~models.Q(language=models.F("source_language")),
                name="outdated_translation_not_its_own_source",
            ),
        ]

    def __str__(self):
        return f"{self.content_type} #{self.object_id} · {self.field} [{self.language}]"
