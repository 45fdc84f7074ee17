"""Registrations, moderation, owners, contact and privacy: every write that spans models or sends mail.

Mail goes through ``notifications.services.email_send``: kept in the outbox in
the caller's transaction and sent once that commits, so a registration is never
lost because a mail could not go out, and no mail announces something that was
rolled back.
"""

import logging
import uuid
from collections.abc import Callable, Iterable, Sequence

import reversion
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from reversion.models import Revision, Version

from core.models import Direction, PublicationStatus
from directory import identifiers
from directory.models import Kind, Organisation
from directory.services import organisation_create, organisation_update
from notifications.models import OutgoingEmail
from notifications.services import email_send, emails_discard
from registrations import images
from registrations.models import (
    CLAIMABLE_KINDS,
    DUPLICATE_MESSAGE,
    IDENTIFIER_FIELDS,
    ApplicantReply,
    CompanyClaim,
    CompanyOwner,
    CompanyPhoto,
    CompanyRegistration,
    ProposedChange,
    claim_documents_storage,
)
from search.services import index_remove
from staff.audit import audit_event_record
from staff.history import record_objects, recorded_changes
from staff.models import AuditAction, AuditEvent

logger = logging.getLogger(__name__)

CONTENT_LANGUAGES = ("bg", "sr", "en")
# Organisation fields an applicant or owner fills in; the translated ones are kept per language.
TRANSLATED_FIELDS = ("name", "description", "street_address", "settlement", "cooperation_offers", "cooperation_seeks")
PLAIN_FIELDS = (
    "legal_form",
    *IDENTIFIER_FIELDS,
    "nace_revision",
    "nace_section",
    "nace_division",
    "size_class",
    "founded_year",
    "postal_code",
    "phones",
    "website",
    "open_to_cooperation",
)
COMPANY_FIELDS = (
    *(f"{field}_{language}" for field in TRANSLATED_FIELDS for language in CONTENT_LANGUAGES),
    *PLAIN_FIELDS,
)
# Owners do not change identifiers themselves: a changed identifier is a different company.
OWNER_EDITABLE_FIELDS = tuple(field for field in COMPANY_FIELDS if field not in IDENTIFIER_FIELDS)

VERIFY_SALT = "registrations.verify"
EDIT_SALT = "registrations.edit"
# The confirmation link lasts as long as an unconfirmed application is kept.
VERIFY_MAX_AGE = settings.REGISTRATIONS_CONFIRMATION_DAYS * 24 * 60 * 60
EDIT_MAX_AGE = 30 * 24 * 60 * 60
MAX_PHOTOS = 5


# --- Company data -----------------------------------------------------------------------------


def company_values(organisation: Organisation, fields: Iterable[str] = COMPANY_FIELDS) -> dict:
    """The fields an applicant or owner controls, as JSON-ready values."""
    return {field: getattr(organisation, field) for field in fields}


def organisation_from_values(values: dict, *, base: Organisation | None = None) -> Organisation:
    """An unsaved Organisation carrying ``values`` (on a copy of ``base`` when given)."""
    organisation = Organisation() if base is None else Organisation.objects.get(pk=base.pk)
    for field, value in values.items():
        if field in COMPANY_FIELDS or field == "municipality_id":
            setattr(organisation, field, value)
    return organisation


def identifier_taken(field: str, value: str, *, exclude_registration: int | None = None) -> bool:
    """Whether a directory entry or an application holding it (not rejected, not expired) has this identifier."""
    if not value:
        return False
    if Organisation.objects.filter(**{field: value}).exists():
        return True
    registrations = CompanyRegistration.objects.holding_identifiers().with_identifier(field, value)
    if exclude_registration:
        registrations = registrations.exclude(pk=exclude_registration)
    return registrations.exists()


def _display_name(values: dict, language: str) -> str:
    content = "sr" if language.startswith("sr") else language
    order = [content, *(code for code in CONTENT_LANGUAGES if code != content)]
    return next((values.get(f"name_{code}") for code in order if values.get(f"name_{code}")), "")


def _absolute(request_root: str, path: str) -> str:
    return request_root.rstrip("/") + path


# --- Registration -------------------------------------------------------------------------------


@transaction.atomic
def registration_submit(
    *,
    organisation: Organisation,
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    language: str,
    site_root: str,
    logo=None,
    photos: Sequence = (),
    registration: CompanyRegistration | None = None,
) -> CompanyRegistration:
    """Keep an application (``organisation``: unsaved, already cleaned by the form) and ask to confirm the email.

    A new application waits unverified until its email address is confirmed; an
    application sent back for changes goes straight back to the moderators.
    Logo and photos are re-encoded here. Raises ``ValidationError`` for a
    duplicate identifier (also when two applications race for one).
    """
    values = company_values(organisation)
    resubmission = registration is not None
    # An expired unconfirmed application gives its identifiers up to this one.
    same_identifiers = [Q(**{field: values[field]}) for field in IDENTIFIER_FIELDS if values[field]]
    if same_identifiers:
        expired = CompanyRegistration.objects.expired().filter(Q(*same_identifiers, _connector=Q.OR))
        registrations_delete(registrations=expired.select_for_update())
    if registration is None:
        registration = CompanyRegistration(status=CompanyRegistration.Status.UNVERIFIED)
    else:
        registration = CompanyRegistration.objects.select_for_update().get(pk=registration.pk)
        if registration.status != CompanyRegistration.Status.CHANGES_REQUESTED:
            raise ValidationError(_("This application can no longer be changed."), code="not_editable")
        registration.status = CompanyRegistration.Status.PENDING
    for field in IDENTIFIER_FIELDS:
        if identifier_taken(field, values[field], exclude_registration=registration.pk):
            raise ValidationError({field: DUPLICATE_MESSAGE}, code="duplicate")
    registration.municipality_id = organisation.municipality_id
    registration.name = _display_name(values, language)
    registration.company = values
    for field in IDENTIFIER_FIELDS:
        setattr(registration, field, values[field])
    registration.contact_name = contact_name
    registration.contact_email = contact_email
    registration.contact_phone = contact_phone
    registration.language = language
    registration.consented_at = timezone.now()
    files_written = []
    try:
        if logo:
            old_logo = registration.logo.name
            content = images.reencode(logo, max_width=images.LOGO_WIDTH)
            registration.logo.save(content.name, content, save=False)
            files_written.append(registration.logo.name)
            if old_logo:
                transaction.on_commit(lambda: default_storage.delete(old_logo))
        registration.full_clean(exclude=["company"])
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:
            raise ValidationError(DUPLICATE_MESSAGE, code="duplicate") from error
        if photos:
            old = list(registration.photos.all())
            for photo in old:
                transaction.on_commit(lambda name=photo.image.name: default_storage.delete(name))
                photo.delete()
            for order, upload in enumerate(photos[:MAX_PHOTOS]):
                content = images.reencode(upload, max_width=images.PHOTO_WIDTH)
                photo = CompanyPhoto(registration=registration, order=order, width=content.width, height=content.height)
                photo.image.save(content.name, content, save=False)
                files_written.append(photo.image.name)
                photo.save()
    except Exception:
        for name in files_written:
            default_storage.delete(name)
        raise
    if resubmission:
        email_send(
            to=[registration.contact_email],
            template="registrations/email/resubmitted",
            context={"registration": registration},
            language=language,
        )
    else:
        registration_send_verification(registration=registration, site_root=site_root)
    return registration


def registrations_delete(*, registrations: Iterable[CompanyRegistration]) -> int:
    """Delete applications with their photos; their files go once the deletion has committed."""
    registrations = list(registrations)
    photos = list(CompanyPhoto.objects.filter(registration__in=registrations))
    files = [registration.logo.name for registration in registrations] + [photo.image.name for photo in photos]
    CompanyPhoto.objects.filter(pk__in=[photo.pk for photo in photos]).delete()
    CompanyRegistration.objects.filter(pk__in=[registration.pk for registration in registrations]).delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in files if name])
    return len(registrations)


@transaction.atomic
def registrations_purge_expired() -> int:
    """Delete unconfirmed applications older than ``REGISTRATIONS_CONFIRMATION_DAYS``, with their files.

    Their confirmation link no longer works, so nobody can complete them; run
    ``manage.py purge_expired_registrations`` daily. Returns how many were deleted.
    """
    return registrations_delete(registrations=CompanyRegistration.objects.expired().select_for_update())


def verification_token(registration: CompanyRegistration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.contact_email}, salt=VERIFY_SALT)


def edit_token(registration: CompanyRegistration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.contact_email}, salt=EDIT_SALT)


def registration_from_token(token: str, *, salt: str, max_age: int) -> CompanyRegistration | None:
    """The registration a signed link names, if the link is genuine, current and its address unchanged."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None
    return CompanyRegistration.objects.filter(pk=data.get("r"), contact_email=data.get("e")).first()


def registration_send_verification(*, registration: CompanyRegistration, site_root: str) -> OutgoingEmail:
    with translation.override(registration.language):
        path = reverse("registrations:registration-verify", kwargs={"token": verification_token(registration)})
    return email_send(
        to=[registration.contact_email],
        template="registrations/email/verify",
        context={"registration": registration, "url": _absolute(site_root, path)},
        language=registration.language,
    )


@transaction.atomic
def registration_verify(*, registration: CompanyRegistration, site_root: str = "") -> CompanyRegistration:
    """The applicant confirmed their address: the application goes to the moderators (once; repeats are harmless).

    With ``site_root`` the mail links the applicant's own view of the application.
    """
    registration = CompanyRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == CompanyRegistration.Status.UNVERIFIED:
        registration.status = CompanyRegistration.Status.PENDING
        registration.verified_at = timezone.now()
        registration.save(update_fields=["status", "verified_at", "updated_at"])
        email_send(
            to=[registration.contact_email],
            template="registrations/email/received",
            context={
                "registration": registration,
                "status_url": application_url(registration, site_root=site_root) if site_root else "",
            },
            language=registration.language,
        )
    return registration


def _lock_waiting(registration: CompanyRegistration) -> CompanyRegistration:
    registration = CompanyRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != CompanyRegistration.Status.PENDING:
        raise ValidationError(_("Only an application waiting for moderation can be decided."), code="not_waiting")
    return registration


def registration_check(*, registration: CompanyRegistration) -> None:
    """Raise the ``ValidationError`` an approval would raise now (e.g. the identifier was taken meanwhile)."""
    organisation = organisation_from_values(registration.company)
    organisation.municipality_id = registration.municipality_id
    organisation.kind = Kind.COMPANY
    organisation.full_clean(exclude=["slug"])


@transaction.atomic
def registration_approve(*, registration: CompanyRegistration, by, site_root: str) -> Organisation:
    """Publish the company, give the applicant an owner account and mail them a link to set its password."""
    registration = _lock_waiting(registration)
    with recorded_changes(user=by, comment=f"Approved company registration {registration.pk}"):
        organisation = organisation_create(
            directions=[Direction.Key.BUSINESS],
            municipality_id=registration.municipality_id,
            kind=Kind.COMPANY,
            status=PublicationStatus.PUBLISHED,
            logo=registration.logo.name,
            **registration.company,
        )
    registration.photos.update(organisation=organisation, registration=None)  # the company's from now on
    user = _owner_account(registration)
    CompanyOwner.objects.create(
        user=user,
        organisation=organisation,
        contact_name=registration.contact_name,
        contact_email=registration.contact_email,
        contact_phone=registration.contact_phone,
        language=registration.language,
    )
    registration.logo = ""  # the file now belongs to the organisation
    registration.status = CompanyRegistration.Status.APPROVED
    registration.organisation = organisation
    registration.owner = user
    registration.decide(by=by)
    registration.save()
    audit_event_record(action=AuditAction.APPROVED, actor=by, obj=registration, municipality=registration.municipality)
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    with translation.override(registration.language):
        path = reverse(
            "registrations:set-password", kwargs={"uidb64": uidb64, "token": default_token_generator.make_token(user)}
        )
        company_path = organisation.get_absolute_url()
    email_send(
        to=[registration.contact_email],
        template="registrations/email/approved",
        context={
            "registration": registration,
            "username": user.get_username(),
            "url": _absolute(site_root, path),
            "company_url": _absolute(site_root, company_path),
        },
        language=registration.language,
    )
    return organisation


def _owner_account(registration: CompanyRegistration):
    """The applicant's account: an existing one with this address, or a new one without a usable password."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=registration.contact_email, is_staff=False).first()
    if user is None:
        user = User(username=registration.contact_email.lower()[:150], email=registration.contact_email.lower())
        user.set_unusable_password()
        user.full_clean()
        user.save()
    return user


@transaction.atomic
def owner_password_reset(*, email: str, language: str, site_root: str) -> int:
    """Mail a link to choose a new password to each company owner's account that uses ``email``.

    Staff accounts are never reset here (they use the admin's own page), and
    the caller tells nobody whether the address was known. An owner who
    never chose a password (the approval link expired) gets a link too.
    Returns the number of messages queued.
    """
    users = (
        get_user_model()
        .objects.filter(email__iexact=email.strip(), is_active=True, is_staff=False, owned_companies__isnull=False)
        .distinct()
    )
    for user in users:
        uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
        with translation.override(language):
            path = reverse(
                "registrations:set-password",
                kwargs={"uidb64": uidb64, "token": default_token_generator.make_token(user)},
            )
        email_send(
            to=[user.email],
            template="registrations/email/password_reset",
            context={"username": user.get_username(), "url": _absolute(site_root, path)},
            language=language,
        )
    return len(users)


@transaction.atomic
def registration_reject(*, registration: CompanyRegistration, by, reason: str) -> CompanyRegistration:
    """Refuse an application with a reason the applicant is told; nothing becomes public."""
    registration = _lock_waiting(registration)
    registration.status = CompanyRegistration.Status.REJECTED
    audit_event_record(
        action=AuditAction.REJECTED,
        actor=by,
        obj=registration,
        municipality=registration.municipality,
        message=reason,
    )
    return _decide(registration, by=by, message=reason, template="registrations/email/rejected")


@transaction.atomic
def registration_request_changes(
    *, registration: CompanyRegistration, by, message: str, site_root: str
) -> CompanyRegistration:
    """Send an application back to the applicant with what to change and a link to change it."""
    registration = _lock_waiting(registration)
    registration.status = CompanyRegistration.Status.CHANGES_REQUESTED
    with translation.override(registration.language):
        path = reverse("registrations:registration-edit", kwargs={"token": edit_token(registration)})
    return _decide(
        registration,
        by=by,
        message=message,
        template="registrations/email/changes_requested",
        url=_absolute(site_root, path),
        status_url=application_url(registration, site_root=site_root),
    )


def _decide(registration: CompanyRegistration, *, by, message: str, template: str, **context) -> CompanyRegistration:
    if not message.strip():
        raise ValidationError(_("Tell the applicant why."), code="message_required")
    registration.decide(by=by, message=message)
    registration.full_clean(exclude=["company"])
    registration.save()
    email_send(
        to=[registration.contact_email],
        template=template,
        context={"registration": registration, **context},
        language=registration.language,
    )
    return registration


# --- Owners and proposed changes -------------------------------------------------------------


@transaction.atomic
def change_propose(*, owner: CompanyOwner, organisation: Organisation, logo=None) -> ProposedChange | None:
    """Keep an owner's edit (``organisation``: an edited, cleaned, unsaved copy) for moderation.

    Only the fields that differ from the published profile are kept. A proposal
    still waiting is replaced by the new one. Returns None when nothing changed.
    """
    current = Organisation.objects.select_for_update().get(pk=owner.organisation_id)
    proposed = company_values(organisation, OWNER_EDITABLE_FIELDS)
    published = company_values(current, OWNER_EDITABLE_FIELDS)
    # What the form showed for a translation that is empty was another language's text (the
    # fallback): sent back unchanged, it is no change.
    shown = {field: getattr(current, field) for field in TRANSLATED_FIELDS}
    data = {}
    for field, value in proposed.items():
        before = published[field]
        if (value or "") == (before or ""):
            continue
        base = field.rpartition("_")[0]
        if base in TRANSLATED_FIELDS and not before and value == shown[base]:
            continue
        data[field] = value
    if not data and not logo:
        return None
    ProposedChange.objects.waiting().filter(organisation=current).update(status=ProposedChange.Status.SUPERSEDED)
    change = ProposedChange(organisation=current, proposed_by=owner.user, data=data)
    if logo:
        content = images.reencode(logo, max_width=images.LOGO_WIDTH)
        change.logo.save(content.name, content, save=False)
    try:
        change.full_clean()
        change.save()
    except Exception:
        if change.logo:
            default_storage.delete(change.logo.name)
        raise
    return change


def _lock_waiting_change(change: ProposedChange) -> ProposedChange:
    change = (
        ProposedChange.objects.select_for_update(of=("self",)).select_related("organisation__owner").get(pk=change.pk)
    )
    if change.status != ProposedChange.Status.PENDING:
        raise ValidationError(_("Only a change waiting for moderation can be decided."), code="not_waiting")
    return change


def change_check(*, change: ProposedChange) -> None:
    """Raise the ``ValidationError`` accepting the change would raise now."""
    organisation_from_values(change.data, base=change.organisation).full_clean()


@transaction.atomic
def change_accept(*, change: ProposedChange, by) -> Organisation:
    """Apply an owner's proposal to the published profile; the owner is told."""
    change = _lock_waiting_change(change)
    fields = {field: value for field, value in change.data.items() if field in OWNER_EDITABLE_FIELDS}
    old_logo = change.organisation.logo.name
    if change.logo:
        fields["logo"] = change.logo.name
    with recorded_changes(user=by, comment=f"Accepted the owner's proposed change {change.pk}"):
        organisation = organisation_update(organisation=change.organisation, **fields)
    if change.logo and old_logo:
        transaction.on_commit(lambda: default_storage.delete(old_logo))
    change.status = ProposedChange.Status.ACCEPTED
    change.decide(by=by)
    change.save()
    audit_event_record(action=AuditAction.APPROVED, actor=by, obj=change, municipality=change.organisation.municipality)
    _tell_owner(change, "registrations/email/change_accepted")
    return organisation


@transaction.atomic
def change_reject(*, change: ProposedChange, by, reason: str) -> ProposedChange:
    change = _lock_waiting_change(change)
    if not reason.strip():
        raise ValidationError(_("Tell the owner why."), code="message_required")
    change.status = ProposedChange.Status.REJECTED
    change.decide(by=by, message=reason)
    change.save()
    audit_event_record(
        action=AuditAction.REJECTED,
        actor=by,
        obj=change,
        municipality=change.organisation.municipality,
        message=reason,
    )
    _tell_owner(change, "registrations/email/change_rejected")
    if change.logo:
        name = change.logo.name
        transaction.on_commit(lambda: default_storage.delete(name))
    return change


def _tell_owner(change: ProposedChange, template: str) -> None:
    owner = getattr(change.organisation, "owner", None)
    if owner is not None:
        email_send(to=[owner.contact_email], template=template, context={"change": change}, language=owner.language)


# --- Contact a company ----------------------------------------------------------------------


def company_contact_address(organisation: Organisation) -> str:
    """Where messages to a company go: its owner's private address, else its public one."""
    return organisation.contact_address


@transaction.atomic
def company_contact(
    *, organisation: Organisation, name: str, email: str, subject: str, message: str, language: str
) -> None:
    """Relay a message to the company without showing its address; the sender gets a copy.

    The company can answer with Reply, which goes to the sender. Subject and
    addresses come from validated form fields, and Django's mail refuses line
    breaks in headers, so nothing can be injected into the message's headers.
    """
    address = company_contact_address(organisation)
    if not address:
        raise ValidationError(_("This company cannot be contacted through the portal."), code="no_address")
    owner = getattr(organisation, "owner", None)
    context = {"organisation": organisation, "name": name, "email": email, "subject": subject, "message": message}
    email_send(
        to=[address],
        reply_to=[email],
        template="registrations/email/contact_message",
        context=context,
        language=owner.language if owner is not None else language,
    )
    email_send(to=[email], template="registrations/email/contact_copy", context=context, language=language)


# --- Privacy -------------------------------------------------------------------------------------


def _owner_registrations(user) -> models.QuerySet:
    return CompanyRegistration.objects.filter(
        Q(owner=user) | Q(organisation__owner__user=user) | Q(contact_email__iexact=user.email)
    ).distinct()


def _owner_claims(user) -> models.QuerySet:
    return CompanyClaim.objects.filter(Q(owner=user) | Q(contact_email__iexact=user.email)).distinct()


# Other apps that keep data of an owner's companies (the cooperation board) add it to the export and
# to the erasure: ``OWNER_DATA_SECTIONS[name] = function(organisations) -> JSON-ready data`` and
# ``OWNER_HISTORY_SOURCES.append(function(organisations) -> objects whose history goes too)``.
OWNER_DATA_SECTIONS: dict[str, Callable[[list[Organisation]], object]] = {}
OWNER_HISTORY_SOURCES: list[Callable[[list[Organisation]], Iterable[models.Model]]] = []


def owner_data_export(*, user) -> dict:
    """Everything the portal holds about an owner and their companies, as JSON-ready data."""
    owned = CompanyOwner.objects.filter(user=user).select_related("organisation__municipality")
    organisations = [owner.organisation for owner in owned]
    return {
        **{name: section(organisations) for name, section in OWNER_DATA_SECTIONS.items()},
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "companies": [
            {
                "contact_name": owner.contact_name,
                "contact_email": owner.contact_email,
                "contact_phone": owner.contact_phone,
                "language": owner.language,
                "organisation": {
                    "slug": owner.organisation.slug,
                    "municipality": owner.organisation.municipality.slug,
                    "status": owner.organisation.status,
                    "logo": owner.organisation.logo.name,
                    "photos": [photo.image.name for photo in owner.organisation.company_photos.all()],
                    **company_values(owner.organisation),
                },
            }
            for owner in owned
        ],
        "registrations": [
            {
                "status": registration.status,
                "received": registration.created_at.isoformat(),
                "contact_name": registration.contact_name,
                "contact_email": registration.contact_email,
                "contact_phone": registration.contact_phone,
                "language": registration.language,
                "consented_at": registration.consented_at.isoformat(),
                "moderator_message": registration.moderator_message,
                "company": registration.company,
            }
            for registration in _owner_registrations(user)
        ],
        "claims": [
            {
                "organisation": claim.organisation.slug,
                "status": claim.status,
                "method": claim.method,
                "received": claim.created_at.isoformat(),
                "identifier": claim.identifier,
                "contact_name": claim.contact_name,
                "contact_email": claim.contact_email,
                "contact_phone": claim.contact_phone,
                "language": claim.language,
                "explanation": claim.explanation,
                "document": claim.document.name,
                "consented_at": claim.consented_at.isoformat(),
                "moderator_message": claim.moderator_message,
                "answers": [reply.text for reply in claim.replies.all()],
            }
            for claim in _owner_claims(user).select_related("organisation").prefetch_related("replies")
        ],
        "proposed_changes": [
            {
                "status": change.status,
                "proposed": change.created_at.isoformat(),
                "data": change.data,
                "moderator_message": change.moderator_message,
            }
            for change in ProposedChange.objects.filter(organisation__in=organisations)
        ],
    }


def _erase_history(objects: Iterable[models.Model]) -> None:
    """Remove the versions and admin log entries of ``objects``, and revisions left empty."""
    by_type: dict[ContentType, list[str]] = {}
    for obj in objects:
        by_type.setdefault(ContentType.objects.get_for_model(obj), []).append(str(obj.pk))
    for content_type, ids in by_type.items():
        revision_ids = set(
            Version.objects.filter(content_type=content_type, object_id__in=ids).values_list("revision_id", flat=True)
        )
        Version.objects.filter(content_type=content_type, object_id__in=ids).delete()
        Revision.objects.filter(pk__in=revision_ids, version__isnull=True).delete()
        LogEntry.objects.filter(content_type=content_type, object_id__in=ids).delete()


@transaction.atomic
def _audit_about(objects) -> Q:
    """Audit events about any of ``objects``."""
    condition = Q(pk__in=[])
    for obj in objects:
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        condition |= Q(content_type=content_type, object_id=str(obj.pk))
    return condition


def owner_erase(*, user) -> None:
    """Delete an owner's account, their companies' entries and everything about them.

    Rows (account, owner records, companies, registrations, proposals, kept
    mail), their history (reversion versions, admin log) and their files
    (logos, photos) go; files are removed once the deletion has committed.
    """
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    owned = list(CompanyOwner.objects.filter(user=user).select_related("organisation"))
    organisations = [owner.organisation for owner in owned]
    registrations = list(_owner_registrations(user))
    changes = list(ProposedChange.objects.filter(organisation__in=organisations))
    claims = list(CompanyClaim.objects.filter(Q(pk__in=_owner_claims(user)) | Q(organisation__in=organisations)))
    photos = list(CompanyPhoto.objects.filter(Q(organisation__in=organisations) | Q(registration__in=registrations)))
    files = [
        *(organisation.logo.name for organisation in organisations),
        *(registration.logo.name for registration in registrations),
        *(change.logo.name for change in changes),
        *(photo.image.name for photo in photos),
    ]
    addresses = {user.email.lower(), *(owner.contact_email.lower() for owner in owned)}
    addresses |= {registration.contact_email.lower() for registration in registrations}
    addresses |= {claim.contact_email.lower() for claim in claims if claim.owner_id == user.pk}
    others = [obj for source in OWNER_HISTORY_SOURCES for obj in source(organisations)]
    _erase_history([*organisations, *owned, *registrations, *changes, *photos, *claims, *others, user])
    if reversion.is_registered(type(user)):
        Version.objects.get_for_object(user).delete()
    Revision.objects.filter(user=user).update(user=None)
    emails_discard(addresses=addresses)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=[user.get_username(), *addresses]).delete()
    # The audit log's events of the account (log-ins, its own actions) and about its entries.
    AuditEvent.objects.filter(
        Q(actor=user)
        | Q(actor_name__in=[user.get_username(), *addresses])
        | _audit_about([*organisations, *owned, *registrations, *changes, *photos, *others, user])
    ).delete()
    for photo in photos:
        photo.delete()
    for registration in registrations:
        registration.delete()
    documents = [claim.document.name for claim in claims if claim.document]
    for claim in claims:
        claim.delete()
    transaction.on_commit(lambda: [claim_documents_storage().delete(name) for name in documents])
    index_remove(model=Organisation, pks=[organisation.pk for organisation in organisations])
    for organisation in organisations:
        organisation.delete()
    user.delete()
    transaction.on_commit(lambda: [default_storage.delete(name) for name in files if name])


# --- Claims of existing entries ---------------------------------------------------------------

CLAIM_SALT = "registrations.claim"
# The link to the address on record: long enough for a colleague to forward it, short enough to go stale.
CLAIM_MAX_AGE = 7 * 24 * 60 * 60
APPLICATION_SALT = "registrations.application"
# The applicant's own view of an application: as long as a decision may take and a little after.
APPLICATION_MAX_AGE = 365 * 24 * 60 * 60


def mask_email(address: str) -> str:
    """An address with only its first letters shown (``a•••@e•••.bg``): enough to recognise, not to use."""
    if "@" not in (address or ""):
        return ""
    local, _at, domain = address.partition("@")
    host, dot, tld = domain.rpartition(".")
    host = host or tld
    return f"{local[:1]}•••@{host[:1]}•••{dot}{tld if dot else ''}"


def claimable(organisation: Organisation) -> bool:
    """Whether "Is this your company?" is offered: a public business entry that nobody keeps yet."""
    return (
        organisation.kind in CLAIMABLE_KINDS and organisation.is_public and getattr(organisation, "owner", None) is None
    )


def claimable_entry_with_identifier(field: str, value: str) -> Organisation | None:
    """The public, unowned business entry that already has this identifier (the registration offers its claim)."""
    if not value:
        return None
    entry = (
        Organisation.objects.published().select_related("owner").filter(**{field: value}, kind__in=CLAIMABLE_KINDS)
    ).first()
    return entry if entry is not None and claimable(entry) else None


def claim_identifier_matches(organisation: Organisation, typed: str) -> bool:
    """Whether ``typed`` (any spacing, with or without ``BG``) is one of the entry's identifiers."""
    value = identifiers.compact(typed)
    known = {getattr(organisation, field) for field in IDENTIFIER_FIELDS if getattr(organisation, field)}
    if organisation.vat_number:
        known.add(organisation.vat_number.removeprefix("BG"))
    return bool(value) and value in known


def claim_token(claim: CompanyClaim) -> str:
    """The link mailed to the address on record; it stops working if that address changes."""
    return signing.dumps({"c": claim.pk, "e": claim.organisation.email}, salt=CLAIM_SALT)


def claim_from_token(token: str) -> CompanyClaim | None:
    try:
        data = signing.loads(token, salt=CLAIM_SALT, max_age=CLAIM_MAX_AGE)
    except signing.BadSignature:
        return None
    claim = CompanyClaim.objects.select_related("organisation").filter(pk=data.get("c")).first()
    return claim if claim is not None and claim.organisation.email == data.get("e") else None


def application_token(application: CompanyRegistration | CompanyClaim) -> str:
    kind = "c" if isinstance(application, CompanyClaim) else "r"
    return signing.dumps({"k": kind, "p": application.pk, "e": application.contact_email}, salt=APPLICATION_SALT)


def application_from_token(token: str) -> CompanyRegistration | CompanyClaim | None:
    """The registration or claim a link to the applicant's own view names, if genuine, current and unchanged."""
    try:
        data = signing.loads(token, salt=APPLICATION_SALT, max_age=APPLICATION_MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("k") == "c":
        queryset = CompanyClaim.objects.select_related("organisation__municipality")
    else:
        queryset = CompanyRegistration.objects.select_related("municipality")
    return queryset.filter(pk=data.get("p"), contact_email=data.get("e")).first()


def application_url(application: CompanyRegistration | CompanyClaim, *, site_root: str) -> str:
    with translation.override(application.language):
        path = reverse("registrations:application", kwargs={"token": application_token(application)})
    return _absolute(site_root, path)


def _store_claim_document(claim: CompanyClaim, upload) -> None:
    """A scan or photo is re-encoded without metadata; a PDF (checked by the form) is kept under a random name."""
    if getattr(upload, "content_type", "") == "application/pdf" or upload.name.lower().endswith(".pdf"):
        upload.seek(0)
        claim.document.save(f"{uuid.uuid4().hex}.pdf", upload, save=False)
    else:
        content = images.reencode(upload, max_width=images.DOCUMENT_WIDTH)
        claim.document.save(content.name, content, save=False)


@transaction.atomic
def claim_start(
    *,
    organisation: Organisation,
    method: str,
    identifier: str,
    contact_name: str,
    contact_email: str,
    contact_phone: str = "",
    language: str,
    explanation: str = "",
    document=None,
    site_root: str,
) -> CompanyClaim:
    """Keep a claim of an entry and start its proof.

    By e-mail: a link goes to the entry's address on record (never shown to the claimant), and
    following it grants the claim. By document: the claim waits for the staff of the entry's
    municipality. Either way the claimant is mailed a link to their own view of the claim.
    Raises ``ValidationError`` when the entry is kept already, the identifier is not the
    entry's, or there is no address on record to write to.
    """
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if CompanyOwner.objects.filter(organisation=organisation).exists():
        raise ValidationError(_("This entry is already kept by its company."), code="owned")
    if any(getattr(organisation, field) for field in IDENTIFIER_FIELDS) and not claim_identifier_matches(
        organisation, identifier
    ):
        raise ValidationError({"identifier": _("This is not the identifier of this entry.")}, code="identifier")
    if method == CompanyClaim.Method.EMAIL and not organisation.email:
        raise ValidationError(
            _("This entry has no address on record: send a supporting document instead."), code="no_address"
        )
    claim = CompanyClaim(
        organisation=organisation,
        method=method,
        identifier=identifiers.compact(identifier),
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        language=language,
        explanation=explanation,
        consented_at=timezone.now(),
        status=CompanyClaim.Status.UNVERIFIED if method == CompanyClaim.Method.EMAIL else CompanyClaim.Status.PENDING,
    )
    if method == CompanyClaim.Method.DOCUMENT and document:
        _store_claim_document(claim, document)
    try:
        claim.full_clean()
        claim.save()
    except Exception:
        if claim.document:
            claim_documents_storage().delete(claim.document.name)
        raise
    if method == CompanyClaim.Method.EMAIL:
        with translation.override(language):
            path = reverse("registrations:claim-confirm", kwargs={"token": claim_token(claim)})
        email_send(
            to=[organisation.email],
            template="registrations/email/claim_confirm",
            context={"claim": claim, "organisation": organisation, "url": _absolute(site_root, path)},
            language=language,
        )
    email_send(
        to=[claim.contact_email],
        template="registrations/email/claim_received",
        context={
            "claim": claim,
            "organisation": organisation,
            "masked": mask_email(organisation.email),
            "status_url": application_url(claim, site_root=site_root),
        },
        language=language,
    )
    return claim


def _lock_claim(claim: CompanyClaim) -> tuple[Organisation, CompanyClaim]:
    """Lock the entry first, then the claim: every decision about one entry waits for the one before."""
    organisation = Organisation.objects.select_for_update().get(pk=claim.organisation_id)
    claim = CompanyClaim.objects.select_for_update().get(pk=claim.pk)
    claim.organisation = organisation
    if not claim.is_open:
        raise ValidationError(_("This claim has already been decided."), code="decided")
    return organisation, claim


def claim_decision_comment(claim: CompanyClaim) -> str:
    """How a decision reads in the entry's history (written by code, shown as written, as imports are)."""
    if claim.status == CompanyClaim.Status.GRANTED:
        how = "confirmed from the address on record" if claim.verified_at else "granted by staff"
    elif claim.status == CompanyClaim.Status.REFUSED:
        how = "refused"
    else:
        how = "more asked of the claimant"
    return f"Claim {claim.pk} by {claim.contact_name}: {how}"


def _record_claim_decision(organisation: Organisation, claims: Iterable[CompanyClaim], *, by, comment: str) -> None:
    """The decision goes into the entry's history (and the claim's), attributed to ``by``."""
    with recorded_changes(user=by, comment=comment):
        record_objects([organisation, *claims])


def _claim_mail(claim: CompanyClaim, template: str, *, site_root: str, **context) -> None:
    email_send(
        to=[claim.contact_email],
        template=f"registrations/email/{template}",
        context={
            "claim": claim,
            "organisation": claim.organisation,
            "status_url": application_url(claim, site_root=site_root),
            **context,
        },
        language=claim.language,
    )


@transaction.atomic
def claim_confirm(*, claim: CompanyClaim, site_root: str) -> CompanyClaim:
    """The link mailed to the address on record was followed: the claim is proved and granted.

    A repeat (the page reloaded) changes nothing; a claim decided otherwise meanwhile (another
    claim was granted) stays as it is.
    """
    current = CompanyClaim.objects.get(pk=claim.pk)
    if current.status != CompanyClaim.Status.UNVERIFIED:
        return current
    return claim_grant(claim=current, by=None, site_root=site_root, confirmed=True)


@transaction.atomic
def claim_grant(*, claim: CompanyClaim, by, site_root: str, confirmed: bool = False) -> CompanyClaim:
    """Make the claimant the entry's owner; every other open claim of the entry is superseded and told.

    The entry's row is locked first, so two grants of one entry (two moderators, or a
    moderator and a confirmation link) run one after the other: the second finds the
    owner and is refused. The partial unique constraint keeps it so in the database too.
    """
    organisation, claim = _lock_claim(claim)
    if CompanyOwner.objects.filter(organisation=organisation).exists():
        raise ValidationError(_("This entry already has an owner."), code="owned")
    now = timezone.now()
    if confirmed:
        claim.verified_at = now
    user = _owner_account(claim)
    CompanyOwner.objects.create(
        user=user,
        organisation=organisation,
        contact_name=claim.contact_name,
        contact_email=claim.contact_email,
        contact_phone=claim.contact_phone,
        language=claim.language,
    )
    # The owner has just proved the entry is theirs: it counts as confirmed now (docs/DIRECTORY.md,
    # "Keeping entries true"), so the yearly question comes a year from today and it is not out of
    # date. A queryset update, as upkeep's confirmation does: the entry's updated_at stays.
    Organisation.objects.filter(pk=organisation.pk).update(confirmed_at=now, stale_since=None)
    organisation.confirmed_at, organisation.stale_since = now, None
    claim.status = CompanyClaim.Status.GRANTED
    claim.owner = user
    claim.decide(by=by)
    claim.full_clean()
    claim.save()
    others = list(
        CompanyClaim.objects.open().filter(organisation=organisation).exclude(pk=claim.pk).select_for_update()
    )
    for other in others:
        other.status = CompanyClaim.Status.SUPERSEDED
        other.organisation = organisation
        other.decide(by=by)
        other.save()
        _claim_mail(other, "claim_superseded", site_root=site_root)
    _record_claim_decision(organisation, [claim, *others], by=by, comment=claim_decision_comment(claim))
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    with translation.override(claim.language):
        path = reverse(
            "registrations:set-password", kwargs={"uidb64": uidb64, "token": default_token_generator.make_token(user)}
        )
        company_path = organisation.get_absolute_url()
    _claim_mail(
        claim,
        "claim_granted",
        site_root=site_root,
        username=user.get_username(),
        url=_absolute(site_root, path),
        company_url=_absolute(site_root, company_path),
    )
    return claim


@transaction.atomic
def claim_refuse(*, claim: CompanyClaim, by, reason: str, site_root: str) -> CompanyClaim:
    """Refuse a claim with a reason the claimant is told; the entry stays as it is."""
    if not reason.strip():
        raise ValidationError(_("Tell the applicant why."), code="message_required")
    organisation, claim = _lock_claim(claim)
    claim.status = CompanyClaim.Status.REFUSED
    claim.decide(by=by, message=reason)
    claim.save()
    _record_claim_decision(organisation, [claim], by=by, comment=claim_decision_comment(claim))
    _claim_mail(claim, "claim_refused", site_root=site_root)
    return claim


@transaction.atomic
def claim_request_more(*, claim: CompanyClaim, by, message: str, site_root: str) -> CompanyClaim:
    """Ask the claimant for more (another document, an explanation); they answer from their own view."""
    if not message.strip():
        raise ValidationError(_("Tell the applicant why."), code="message_required")
    organisation, claim = _lock_claim(claim)
    claim.status = CompanyClaim.Status.CHANGES_REQUESTED
    claim.decide(by=by, message=message)
    claim.save()
    _record_claim_decision(organisation, [claim], by=by, comment=claim_decision_comment(claim))
    _claim_mail(claim, "claim_more", site_root=site_root)
    return claim


REPLYABLE_REGISTRATION = (CompanyRegistration.Status.PENDING, CompanyRegistration.Status.CHANGES_REQUESTED)
REPLYABLE_CLAIM = (CompanyClaim.Status.PENDING, CompanyClaim.Status.CHANGES_REQUESTED)


def can_reply(application: CompanyRegistration | CompanyClaim) -> bool:
    replyable = REPLYABLE_CLAIM if isinstance(application, CompanyClaim) else REPLYABLE_REGISTRATION
    return application.status in replyable


@transaction.atomic
def application_reply(*, application: CompanyRegistration | CompanyClaim, text: str, document=None) -> ApplicantReply:
    """The applicant answers staff from their own view; the answer is kept for staff to read.

    A claim the staff asked more about goes back to their queue (and may bring a new
    document); a registration sent back is changed with its own link, the answer goes with it.
    """
    model = type(application)
    application = model.objects.select_for_update().get(pk=application.pk)
    if not can_reply(application):
        raise ValidationError(_("This application has been decided; it takes no more answers."), code="decided")
    if not text.strip():
        raise ValidationError({"text": _("Write your answer.")}, code="required")
    is_claim = isinstance(application, CompanyClaim)
    reply = ApplicantReply(text=text.strip(), **({"claim": application} if is_claim else {"registration": application}))
    reply.full_clean()
    reply.save()
    if is_claim:
        old_document = application.document.name
        if document:
            _store_claim_document(application, document)
        if application.status == CompanyClaim.Status.CHANGES_REQUESTED:
            application.status = CompanyClaim.Status.PENDING
        application.save()
        if document and old_document:
            transaction.on_commit(lambda: claim_documents_storage().delete(old_document))
    return reply


def _sent_label(name: str) -> str:
    base, _sep, language = name.rpartition("_")
    if language in CONTENT_LANGUAGES and base in TRANSLATED_FIELDS:
        return f"{Organisation._meta.get_field(base).verbose_name} [{language}]"
    return str(Organisation._meta.get_field(name).verbose_name)


def _sent_value(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    return "" if value is None else str(value)


def application_sent_rows(application: CompanyRegistration | CompanyClaim) -> list[tuple[str, str]]:
    """What the applicant sent, as labelled rows in the reader's language (only what they gave)."""
    if isinstance(application, CompanyClaim):
        rows = [
            (CompanyClaim._meta.get_field("organisation").verbose_name, str(application.organisation)),
            (CompanyClaim._meta.get_field("method").verbose_name, application.get_method_display()),
            (CompanyClaim._meta.get_field("identifier").verbose_name, application.identifier),
            (CompanyClaim._meta.get_field("document").verbose_name, application.document_name),
            (CompanyClaim._meta.get_field("explanation").verbose_name, application.explanation),
        ]
    else:
        rows = [(_sent_label(name), _sent_value(value)) for name, value in application.company.items()]
    rows += [
        (CompanyClaim._meta.get_field("contact_name").verbose_name, application.contact_name),
        (CompanyClaim._meta.get_field("contact_email").verbose_name, application.contact_email),
        (CompanyClaim._meta.get_field("contact_phone").verbose_name, application.contact_phone),
    ]
    return [(str(label), value) for label, value in rows if value not in ("", None)]
