"""The audit log: who did what across the portal (docs/STAFF.md, "Audit log").

One table, ``AuditEvent``, written where each action happens: the admin bases (every add,
change, publication, deletion and role change), the services of imports and moderation
decisions, the log-in pages and Django's log-in signals. The municipality is stored with the
event, so the log is filtered by person, municipality, content type and date in one indexed
query, and kept for its own period (``AUDIT_LOG_RETENTION_DAYS``), apart from the version
history that revert needs.
"""

import json

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import override

from core.abuse import client_address
from core.models import Municipality, PublicationStatus
from staff.models import AuditAction, AuditEvent, StaffMembership
from staff.roles import municipality_ids_of


def municipality_of(obj, lookup: str | None) -> Municipality | None:
    """The one municipality ``obj`` belongs to through ``lookup``, or None (shared, or none)."""
    if obj is None or not lookup:
        return None
    try:
        ids = municipality_ids_of(obj, lookup)
    except (AttributeError, LookupError, ValueError):
        return None
    return Municipality(pk=next(iter(ids))) if len(ids) == 1 else None


def audit_event_record(
    *,
    action: AuditAction,
    actor=None,
    actor_name: str = "",
    obj: models.Model | None = None,
    municipality: Municipality | None = None,
    message: str | list = "",
    request=None,
) -> AuditEvent:
    """Write one event. ``message``: a plain note, or Django's structured change message (a list)."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if isinstance(message, list):
        message = json.dumps(message) if message else ""
    event = AuditEvent(
        action=action,
        actor=actor,
        actor_name=(actor.get_username() if actor is not None else actor_name)[:150],
        municipality=municipality,
        message=message,
        ip_address=client_address(request) if request is not None else None,
    )
    if obj is not None:
        event.content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        event.object_id = str(obj.pk)[:64]
        event.object_repr = str(obj)[:200]
    event.save()
    return event


def audit_message_text(event: AuditEvent) -> str:
    """The event's details in the reader's language (Django renders its structured change messages)."""
    if event.message.startswith("["):
        return LogEntry(change_message=event.message).get_change_message()
    return event.message


def _field_names_in(message: list) -> set[str]:
    """The labels of the fields a change message names, in lower case (Django capitalises them)."""
    return {
        str(name).lower()
        for part in message
        if isinstance(part, dict)
        for value in part.values()
        if isinstance(value, dict)
        for name in value.get("fields", [])
    }


def _untranslated_label(model, name: str) -> str | None:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    with override(None):
        return str(field.verbose_name).lower()


def change_action(obj, message: list, *, added: bool) -> AuditAction:
    """What an admin save was, read from Django's change message (stored with untranslated labels).

    A save that sets a publishable entry's status to published or scheduled is a publication; a
    change of a user's staff status, superuser status, groups, permissions or staff membership
    is a role change.
    """
    fields = _field_names_in(message)
    model = type(obj)
    status_label = _untranslated_label(model, "status")
    published = getattr(obj, "status", None) in (PublicationStatus.PUBLISHED, PublicationStatus.SCHEDULED)
    if status_label and published and (added or status_label in fields):
        return AuditAction.PUBLISHED
    if model._meta.label == settings.AUTH_USER_MODEL:
        role_labels = {_untranslated_label(model, name) for name in ("is_staff", "is_superuser", "groups")}
        role_labels.add(_untranslated_label(model, "user_permissions"))
        with override(None):
            membership = str(StaffMembership._meta.verbose_name).lower()
        names = {
            str(value.get("name", "")).lower()
            for part in message
            if isinstance(part, dict)
            for value in part.values()
            if isinstance(value, dict)
        }
        if fields & role_labels or membership in names:
            return AuditAction.ROLE_CHANGED
    if model._meta.label == "auth.Group" and not added:
        return AuditAction.ROLE_CHANGED
    return AuditAction.ADDED if added else AuditAction.CHANGED


def _message_list(message) -> list:
    if isinstance(message, list):
        return message
    try:
        parsed = json.loads(message) if message else []
    except ValueError:
        return []
    return parsed if isinstance(parsed, list) else []


class AuditedAdminMixin:
    """Every add, change and deletion in the admin goes to the audit log, beside Django's LogEntry.

    Both scoping bases (``MunicipalityScopedAdminMixin``, ``PortalAdministratorsOnlyAdminMixin``)
    include it, and every registered admin must use one of them (the permission-matrix test).
    """

    def _audit(self, request, obj, action, message=""):
        audit_event_record(
            action=action,
            actor=request.user,
            obj=obj,
            municipality=municipality_of(obj, getattr(self, "municipality_lookup", None)),
            message=message,
            request=request,
        )

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._audit(request, obj, change_action(obj, _message_list(message), added=True), message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        self._audit(request, obj, change_action(obj, _message_list(message), added=False), message)
        return entry

    def log_deletions(self, request, queryset):
        entries = super().log_deletions(request, queryset)
        for obj in queryset:
            self._audit(request, obj, AuditAction.DELETED)
        return entries


def record_log_in(sender, request, user, **kwargs):
    """Every successful log-in, the admin's and the owners', whichever page it came through."""
    if request is None:
        return
    membership = StaffMembership.objects.filter(user=user).only("municipality_id").first()
    audit_event_record(
        action=AuditAction.LOGGED_IN,
        actor=user,
        municipality=Municipality(pk=membership.municipality_id) if membership else None,
        request=request,
    )


def record_failed_log_in(sender, credentials, request=None, **kwargs):
    """Every failed password check of a log-in form; the user name as typed, never the password."""
    from django.contrib.auth import get_user_model

    username = str(credentials.get(get_user_model().USERNAME_FIELD) or credentials.get("username") or "")
    user = get_user_model()._default_manager.filter(username=username).first() if username else None
    membership = StaffMembership.objects.filter(user=user).only("municipality_id").first() if user else None
    audit_event_record(
        action=AuditAction.LOG_IN_FAILED,
        actor=user,
        actor_name=username,
        municipality=Municipality(pk=membership.municipality_id) if membership else None,
        request=request,
    )


def connect_log_in_signals():
    """Django's log-in signals are the one hook every log-in path passes (the admin's, the owners', axes)."""
    user_logged_in.connect(record_log_in, dispatch_uid="staff.audit.record_log_in")
    user_login_failed.connect(record_failed_log_in, dispatch_uid="staff.audit.record_failed_log_in")
