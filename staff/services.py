"""Writes of the staff workspace that span several models: staff roles and memberships, the review step,
and which translations went out of date."""

import json

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from reversion.models import Version

from core.models import VISIBLE_STATUSES, Municipality, PublicationStatus, ReviewState
from core.translation_status import LANGUAGES, translated_fields
from notifications.services import email_send
from staff.history import recorded_changes
from staff.models import OutdatedTranslation, StaffMembership, StaffRole
from staff.roles import PORTAL_ADMINISTRATORS_GROUP, ROLE_GROUPS, municipality_ids_of


def role_permission_codenames() -> dict[str, set[tuple[str, str]]]:
    """For each role, the (app_label, codename) pairs its group holds.

    Declared next to each model's admin as ``role_permissions`` (docs/STAFF.md), so that a
    model joins the roles when its admin is registered.
    """
    wanted: dict[str, set[tuple[str, str]]] = {role: set() for role in StaffRole.values}
    for model, model_admin in admin.site._registry.items():
        for role, actions in getattr(model_admin, "role_permissions", {}).items():
            for action in actions:
                wanted[role].add((model._meta.app_label, f"{action}_{model._meta.model_name}"))
    return wanted


@transaction.atomic
def roles_sync() -> dict[str, int]:
    """Create the role groups and give each exactly its declared permissions; safe to run again.

    Portal administrators hold every permission. Returns the number of permissions per group.
    """
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0)
    counts = {}
    for role, codenames in role_permission_codenames().items():
        group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[role])
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in sorted(codenames)
        ]
        group.permissions.set(permissions)
        counts[group.name] = len(permissions)
    administrators, _created = Group.objects.get_or_create(name=PORTAL_ADMINISTRATORS_GROUP)
    administrators.permissions.set(Permission.objects.all())
    counts[administrators.name] = administrators.permissions.count()
    return counts


@transaction.atomic
def staff_groups_sync(*, user) -> None:
    """Put ``user`` in the group of their membership's role and in no other role group."""
    membership = StaffMembership.objects.filter(user=user).first()
    role_groups = Group.objects.filter(name__in=ROLE_GROUPS.values())
    user.groups.remove(*role_groups)
    if membership is not None:
        group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[membership.role])
        user.groups.add(group)


@transaction.atomic
def staff_member_appoint(*, user, municipality: Municipality, role: StaffRole) -> StaffMembership:
    """Make ``user`` a staff member of ``municipality`` with ``role`` (replacing any earlier membership)."""
    membership = StaffMembership.objects.filter(user=user).first() or StaffMembership(user=user)
    membership.municipality = municipality
    membership.role = role
    membership.full_clean()
    membership.save()
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    staff_groups_sync(user=user)
    return membership


# --- The review step (docs/STAFF.md, "Review") -------------------------------------------------
# Each move is a revision of the item by the person who made it, so its history shows who
# submitted, sent back (with the comment) and published. The revision's comment is structured
# (``review_history_comment``) so that each reader's history page says it in their language.


def review_history_comment(action: str, comment: str = "") -> str:
    """The revision comment of a review move, read by ``staff.history.revision_action``."""
    return json.dumps([{"review": {"action": action, "comment": comment}}], ensure_ascii=False)


def _review_save(obj: models.Model, *, by, action: str, comment: str = "") -> None:
    obj.full_clean()
    with recorded_changes(user=by, comment=review_history_comment(action, comment)):
        obj.save()


def _review_municipality(obj: models.Model) -> Municipality | None:
    """The one municipality an entry belongs to, through its admin's ``municipality_lookup``."""
    model_admin = admin.site._registry.get(type(obj))
    lookup = getattr(model_admin, "municipality_lookup", None)
    ids = municipality_ids_of(obj, lookup) if lookup else set()
    return Municipality.objects.filter(pk=next(iter(ids))).first() if len(ids) == 1 else None


def _review_mail(
    obj: models.Model, *, to: list[str], template: str, page: str, by, municipality, site_root: str, **context
):
    """One message to the staff ``to``, in their municipality's language, linking the entry's admin ``page``."""
    opts = obj._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_{page}", args=[quote(obj.pk)])
    email_send(
        to=to,
        template=f"staff/email/{template}",
        context={
            "entry": str(obj),
            "kind": opts.verbose_name,
            "by": by.get_full_name() or by.get_username(),
            "url": site_root.rstrip("/") + path,
            **context,
        },
        language=municipality.language,
    )


def _submitter(obj: models.Model):
    """Who last submitted ``obj`` for review (from its history), or None."""
    for version in Version.objects.get_for_object(obj).select_related("revision__user"):
        try:
            message = json.loads(version.revision.comment)
        except ValueError:
            continue
        if isinstance(message, list) and any(
            isinstance(part, dict) and part.get("review", {}).get("action") == "submitted" for part in message
        ):
            return version.revision.user
    return None


@transaction.atomic
def review_submit(*, obj: models.Model, by, site_root: str = "") -> None:
    """An editor hands a draft to the municipality's moderators; it waits for them, and they are told by e-mail."""
    if obj.status in VISIBLE_STATUSES:
        raise ValidationError(_("Only a draft or an archived entry is submitted for review."))
    if obj.review_state == ReviewState.SUBMITTED:
        raise ValidationError(_("This entry already waits for review."))
    obj.review_state = ReviewState.SUBMITTED
    _review_save(obj, by=by, action="submitted")
    municipality = _review_municipality(obj)
    if municipality is None:
        return
    moderators = (
        StaffMembership.objects.filter(municipality=municipality, role=StaffRole.MODERATOR, user__is_active=True)
        .exclude(user__email="")
        .exclude(user=by)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )
    for address in moderators:  # one message each: no moderator sees the others' addresses
        _review_mail(
            obj,
            to=[address],
            template="review_submitted",
            page="review",
            by=by,
            municipality=municipality,
            site_root=site_root,
        )


@transaction.atomic
def review_send_back(*, obj: models.Model, by, comment: str, site_root: str = "") -> None:
    """A moderator returns a submitted entry to its editors, saying what to change; the editor who
    submitted it is told by e-mail."""
    comment = comment.strip()
    if obj.review_state != ReviewState.SUBMITTED:
        raise ValidationError(_("This entry does not wait for review."))
    if not comment:
        raise ValidationError({"comment": _("Say what should change before it can be published.")})
    editor = _submitter(obj)
    obj.review_state = ReviewState.SENT_BACK
    obj.review_comment = comment
    _review_save(obj, by=by, action="sent_back", comment=comment)
    municipality = _review_municipality(obj)
    if editor is not None and editor.is_active and editor.email and editor != by and municipality is not None:
        _review_mail(
            obj,
            to=[editor.email],
            template="review_sent_back",
            page="change",
            by=by,
            municipality=municipality,
            site_root=site_root,
            comment=comment,
        )


@transaction.atomic
def review_publish(*, obj: models.Model, by) -> None:
    """A moderator publishes a submitted entry: at once, or at its publication time if that is still to come."""
    if obj.review_state != ReviewState.SUBMITTED:
        raise ValidationError(_("This entry does not wait for review."))
    obj.status = PublicationStatus.PUBLISHED  # Publishable.save() makes it scheduled if its time is to come
    obj.review_state = ReviewState.NONE
    obj.review_comment = ""
    _review_save(obj, by=by, action="published")


@transaction.atomic
def translations_freshness_record(
    *,
    obj: models.Model,
    before: dict[str, str | None],
    source_language: str,
    marked_current: set[tuple[str, str]] = frozenset(),
    by=None,
) -> list[OutdatedTranslation]:
    """After a save of ``obj``: mark its translations that the source change left behind, clear the updated ones.

    ``before`` holds the stored values of ``obj``'s language columns before the save. For each
    translated field, a translation (a non-empty value in another language than
    ``source_language``) goes outdated when the source changed and the translation did not; it
    keeps the source it was made from, however often the source changes again. It is current
    again when it is changed, emptied (then it is missing, not outdated), named in
    ``marked_current`` (``(field, language)`` pairs staff confirmed), or when the source comes
    back to the text it was made from. Returns the entry's outdated translations.
    """
    stored = {(row.field, row.language): row for row in OutdatedTranslation.objects.for_object(obj)}
    content_type = ContentType.objects.get_for_model(obj)
    for field in translated_fields(type(obj)):
        source_before = before.get(build_localized_fieldname(field, source_language)) or ""
        source_now = getattr(obj, build_localized_fieldname(field, source_language)) or ""
        for language in LANGUAGES:
            if language == source_language:
                continue
            name = build_localized_fieldname(field, language)
            translation = getattr(obj, name) or ""
            row = stored.get((field, language))
            current = (
                not translation
                or translation != (before.get(name) or "")
                or (field, language) in marked_current
                or (row is not None and row.source_text == source_now)
            )
            if current:
                if row is not None:
                    row.delete()
                    del stored[(field, language)]
            elif row is None and source_before and source_now != source_before:
                stored[(field, language)] = OutdatedTranslation.objects.create(
                    content_type=content_type,
                    object_id=str(obj.pk),
                    field=field,
                    language=language,
                    source_language=source_language,
                    source_text=source_before,
                    outdated_by=by,
                )
    return list(stored.values())
