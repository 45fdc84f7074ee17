"""Every write of the cooperation board: owners' items, moderation, interest, reminders and digests.

Mail goes through ``notifications.services.email_send``: written in the
caller's transaction, sent after commit, kept for ``send_pending_emails`` when
the mail server is down. Writes to items are recorded in their history
(django-reversion) and keep the search index current in the same transaction.
"""

from collections import defaultdict
from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from cooperation.matching import Suggestions, suggestions_for
from cooperation.models import (
    OWNER_FIELDS,
    CooperationPreference,
    Interest,
    Opportunity,
    Status,
    default_expiry,
)
from core.models import published_q
from core.pagecache import content_changed
from directory.models import Organisation
from notifications.services import email_send
from registrations.models import CompanyOwner
from search.models import SearchEntry
from search.services import index_update
from staff.audit import audit_event_record
from staff.history import recorded_changes
from staff.models import AuditAction

UNSUBSCRIBE_SALT = "cooperation.digest-unsubscribe"
# Owners are reminded this many days before their item leaves the board.
REMINDER_DAYS = 14
# Fields whose change an owner makes without moderation: the text stays the same.
UNMODERATED_FIELDS = ("expires_on",)


def _absolute(site_root: str, path: str) -> str:
    return site_root.rstrip("/") + path


def _path(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def _owner(opportunity: Opportunity) -> CompanyOwner | None:
    return getattr(opportunity.organisation, "owner", None)


def _tell_owner(opportunity: Opportunity, template: str, *, site_root: str, **context) -> None:
    owner = _owner(opportunity)
    if owner is None:
        return
    email_send(
        to=[owner.contact_email],
        template=f"cooperation/email/{template}",
        context={
            "opportunity": opportunity,
            "account_url": _absolute(site_root, _path("cooperation:owner-opportunity-list", owner.language)),
            "url": _absolute(site_root, _path("cooperation:opportunity-detail", owner.language, pk=opportunity.pk)),
            **context,
        },
        language=owner.language,
    )


def json_value(value):
    if isinstance(value, date):
        return value.isoformat()
    # An empty translation is stored as NULL or as "": the same thing to the owner.
    return "" if value is None else value


def owner_values(opportunity: Opportunity, fields=OWNER_FIELDS) -> dict:
    """The fields an owner controls, as JSON-ready values."""
    return {field: json_value(getattr(opportunity, field)) for field in fields}


def with_proposed(opportunity: Opportunity) -> Opportunity:
    """An unsaved copy of ``opportunity`` showing its owner's edit that waits for moderation."""
    copy = Opportunity.objects.select_related("organisation__municipality").get(pk=opportunity.pk)
    return opportunity.with_proposed(copy)


# --- Owners ---------------------------------------------------------------------------------------


def _locked(opportunity: Opportunity) -> Opportunity:
    return (
        Opportunity.objects.select_for_update(of=("self",))
        .select_related("organisation__municipality", "organisation__owner")
        .get(pk=opportunity.pk)
    )


@transaction.atomic
def opportunity_create(*, opportunity: Opportunity, by, submit: bool) -> Opportunity:
    """Keep a new item (``opportunity``: unsaved, cleaned by the form) as a draft or send it for moderation."""
    organisation = opportunity.organisation
    if not organisation.is_public:
        raise ValidationError(_("Only a company whose profile is published can post."), code="not_published")
    opportunity.created_by = by
    opportunity.status = Status.PENDING if submit else Status.DRAFT
    opportunity.submitted_at = timezone.now() if submit else None
    opportunity.full_clean()
    with recorded_changes(user=by, comment="Posted by the owner" if submit else "Saved as a draft by the owner"):
        opportunity.save()
    return opportunity


@transaction.atomic
def opportunity_update(*, opportunity: Opportunity, edited: Opportunity, by, submit: bool) -> Opportunity | None:
    """Save an owner's edit (``edited``: an edited, cleaned, unsaved copy of ``opportunity``).

    An item that is not public yet (draft, pending, rejected) changes at once
    and becomes a draft again or goes (back) to the moderators. An approved
    item keeps its public text: the changed fields wait in ``proposed``, and a
    newer edit replaces an older one. Returns None when nothing changed.
    """
    current = _locked(opportunity)
    if current.status == Status.WITHDRAWN:
        raise ValidationError(_("A withdrawn item cannot be changed."), code="withdrawn")
    edited_values = owner_values(edited)
    if current.status != Status.APPROVED:
        for field in edited_values:
            setattr(current, field, getattr(edited, field))
        current.status = Status.PENDING if submit else Status.DRAFT
        current.submitted_at = timezone.now() if submit else current.submitted_at
        current.full_clean()
        with recorded_changes(user=by, comment="Changed by the owner"):
            current.save()
        return current

    live_values = owner_values(current)
    changed = {field: value for field, value in edited_values.items() if value != live_values[field]}
    direct = {field: changed.pop(field) for field in UNMODERATED_FIELDS if field in changed}
    if not changed and not direct and not current.has_proposed_changes:
        return None
    for field in direct:
        setattr(current, field, getattr(edited, field))
        if field == "expires_on":
            current.reminded_at = None
    # An edit back to the public text cancels the proposal that waited.
    current.propose(changed)
    current.full_clean()
    with recorded_changes(user=by, comment="Changes proposed by the owner" if changed else "Changed by the owner"):
        current.save()
    index_update(current)
    return current


@transaction.atomic
def opportunity_submit(*, opportunity: Opportunity, by) -> Opportunity:
    current = _locked(opportunity)
    if current.status not in (Status.DRAFT, Status.REJECTED):
        raise ValidationError(_("Only a draft or a rejected item can be sent for moderation."), code="not_draft")
    current.status = Status.PENDING
    current.submitted_at = timezone.now()
    with recorded_changes(user=by, comment="Sent for moderation by the owner"):
        current.save()
    return current


@transaction.atomic
def opportunity_renew(*, opportunity: Opportunity, by, today: date | None = None) -> Opportunity:
    """Keep an item on the board for another six months from today (an expired one comes back as it was)."""
    current = _locked(opportunity)
    if current.status in (Status.WITHDRAWN, Status.REJECTED):
        raise ValidationError(_("A withdrawn or rejected item cannot be renewed."), code="not_renewable")
    current.expires_on = default_expiry(today)
    current.reminded_at = None
    with recorded_changes(user=by, comment="Renewed by the owner"):
        current.save()
    index_update(current)
    return current


@transaction.atomic
def opportunity_withdraw(*, opportunity: Opportunity, by) -> Opportunity:
    """Take an item off the board for good; its interest stays visible to the owner."""
    current = _locked(opportunity)
    current.status = Status.WITHDRAWN
    current.discard_proposed()
    with recorded_changes(user=by, comment="Withdrawn by the owner"):
        current.save()
    index_update(current)
    return current


# --- Moderation -----------------------------------------------------------------------------------


def _lock_waiting(opportunity: Opportunity) -> Opportunity:
    current = _locked(opportunity)
    if not (current.status == Status.PENDING or (current.status == Status.APPROVED and current.has_proposed_changes)):
        raise ValidationError(_("Only an item waiting for moderation can be decided."), code="not_waiting")
    return current


def opportunity_check(*, opportunity: Opportunity) -> None:
    """Raise the ``ValidationError`` approving the item (with its proposed changes) would raise now."""
    with_proposed(opportunity).full_clean()


@transaction.atomic
def opportunity_approve(*, opportunity: Opportunity, by, site_root: str) -> Opportunity:
    """Publish a new item, or apply an approved item's proposed changes; the owner is told."""
    current = _lock_waiting(opportunity)
    now = timezone.now()
    if current.status == Status.PENDING:
        template = "approved"
        current.status = Status.APPROVED
        current.published_at = current.published_at or now
        if current.is_expired:  # moderation took longer than the owner's chosen time
            current.expires_on = default_expiry()
    else:
        template = "changes_accepted"
    current.apply_proposed()
    current.decide(by=by, message="")
    current.full_clean()
    with recorded_changes(user=by, comment=f"Approved cooperation item {current.pk}"):
        current.save()
    audit_event_record(
        action=AuditAction.APPROVED, actor=by, obj=current, municipality=current.organisation.municipality
    )
    index_update(current)
    _tell_owner(current, template, site_root=site_root)
    return current


@transaction.atomic
def opportunity_reject(*, opportunity: Opportunity, by, reason: str, site_root: str) -> Opportunity:
    """Refuse a new item, or an approved item's proposed changes (the item stays as it was); the owner is told why."""
    if not reason.strip():
        raise ValidationError(_("Tell the owner why."), code="message_required")
    current = _lock_waiting(opportunity)
    if current.status == Status.PENDING:
        template = "rejected"
        current.status = Status.REJECTED
    else:
        template = "changes_rejected"
    current.discard_proposed()
    current.decide(by=by, message=reason)
    with recorded_changes(user=by, comment=f"Rejected cooperation item {current.pk}"):
        current.save()
    audit_event_record(
        action=AuditAction.REJECTED,
        actor=by,
        obj=current,
        municipality=current.organisation.municipality,
        message=reason,
    )
    _tell_owner(current, template, site_root=site_root, reason=current.moderator_message)
    return current


# --- Interest -------------------------------------------------------------------------------------


def interested_companies(user) -> list[Organisation]:
    """The published companies ``user`` owns: those that may post and express interest."""
    return list(
        Organisation.objects.published()
        .filter(owner__user=user)
        .select_related("owner", "municipality")
        .order_by("name", "pk")
    )


@transaction.atomic
def interest_express(*, opportunity: Opportunity, organisation: Organisation, by, message: str, site_root: str):
    """Send the poster a company's message through the portal; neither side's address is shown on the site.

    The poster receives it by email with Reply-To the interested company's
    contact address, and sees it in their owner area. A company answers an
    item once.
    """
    opportunity = (
        Opportunity.objects.public()
        .select_related("organisation__owner", "organisation__municipality")
        .filter(pk=opportunity.pk)
        .first()
    )
    if opportunity is None:
        raise ValidationError(_("This item is no longer on the board."), code="not_public")
    owner = getattr(organisation, "owner", None)
    if owner is None or owner.user_id != by.pk or not organisation.is_public:
        raise ValidationError(_("Only the owner of a published company can express interest."), code="not_owner")
    if organisation.pk == opportunity.organisation_id:
        raise ValidationError(_("This is your own company's item."), code="own_item")
    if not message.strip():
        raise ValidationError(_("Write a message to the company."), code="message_required")
    interest = Interest(opportunity=opportunity, organisation=organisation, sent_by=by, message=message.strip())
    try:
        with transaction.atomic():
            interest.save()
    except IntegrityError as error:
        raise ValidationError(
            _("Your company has already expressed interest in this item."), code="already_interested"
        ) from error
    poster = _owner(opportunity)
    if poster is not None:
        email_send(
            to=[poster.contact_email],
            reply_to=[owner.contact_email],
            template="cooperation/email/interest",
            context={
                "opportunity": opportunity,
                "interest": interest,
                "company": organisation,
                "company_url": _absolute(
                    site_root, _path("directory:organisation-detail", poster.language, slug=organisation.slug)
                ),
                "account_url": _absolute(site_root, _path("cooperation:owner-opportunity-list", poster.language)),
            },
            language=poster.language,
        )
    return interest


# --- Reminders, search and digests (management commands) ----------------------------------------


def reminders_send(*, site_root: str, today: date | None = None, days: int = REMINDER_DAYS) -> int:
    """Remind each owner once that an approved item leaves the board within ``days``; returns how many.

    Safe to run again, and from two places at once: a reminded item is
    marked in the same transaction as its mail is queued, and rows another
    run holds are skipped. Renewing clears the mark.
    """
    today = today or timezone.localdate()
    sent = 0
    with transaction.atomic():
        due = (
            Opportunity.objects.public(today)
            .filter(reminded_at__isnull=True, expires_on__lte=today + timedelta(days=days))
            .select_related("organisation__owner")
            .select_for_update(of=("self",), skip_locked=True)
        )
        now = timezone.now()
        for opportunity in due:
            owner = _owner(opportunity)
            if owner is not None:
                _tell_owner(
                    opportunity,
                    "expiry_reminder",
                    site_root=site_root,
                    days_left=(opportunity.expires_on - today).days,
                )
                sent += 1
            Opportunity.objects.filter(pk=opportunity.pk).update(reminded_at=now)
    return sent


def search_index_prune() -> int:
    """Remove from the search index every item that is no longer public (expired above all); returns how many."""
    content_type = ContentType.objects.get_for_model(Opportunity)
    deleted, _ = (
        SearchEntry.objects.filter(content_type=content_type)
        .exclude(object_id__in=Opportunity.objects.public().values("pk"))
        .delete()
    )
    if deleted:
        content_changed()  # boards and search results in the page cache, which expiry by the calendar does not reach
    return deleted


def unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)


def user_from_unsubscribe_token(token: str):
    from django.contrib.auth import get_user_model

    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()


def preference_of(user) -> CooperationPreference:
    preference, _ = CooperationPreference.objects.get_or_create(user=user)
    return preference


@transaction.atomic
def digest_set(*, user, enabled: bool) -> CooperationPreference:
    preference = preference_of(user)
    preference.match_digest = enabled
    preference.save(update_fields=["match_digest"])
    return preference


def digest_suggestions(items: list[Opportunity], since: datetime | None) -> list[Suggestions]:
    """What a digest tells: every partner of an item published since the last digest, and new partners of the others."""
    if since is None:
        return [found for found in suggestions_for(items) if found]
    new = [item for item in items if item.published_at and item.published_at > since]
    old = [item for item in items if item not in new]
    found = suggestions_for(new) + suggestions_for(old, since=since)
    return [suggestions for suggestions in found if suggestions]


def digests_send(*, site_root: str, now: datetime | None = None, every_days: int = 7) -> int:
    """Mail each owner who wants it the partners suggested since their last digest; returns how many were sent.

    An owner gets at most one digest per ``every_days`` and none when there is
    nothing new, so running the command again (or daily) sends nothing twice.
    """
    now = now or timezone.now()
    owners = (
        CompanyOwner.objects.filter(published_q("organisation__"), user__is_active=True)
        .select_related("user")
        .order_by("user_id")
    )
    by_user = defaultdict(list)
    for owner in owners:
        by_user[owner.user].append(owner)
    sent = 0
    for user, owned in by_user.items():
        with transaction.atomic():
            CooperationPreference.objects.get_or_create(user=user)
            preference = CooperationPreference.objects.select_for_update().get(user=user)
            if not preference.match_digest:
                continue
            if preference.digest_sent_at and preference.digest_sent_at > now - timedelta(days=every_days):
                continue
            items = list(
                Opportunity.objects.public()
                .for_listing()
                .filter(organisation__in=[owner.organisation_id for owner in owned])
                .order_by("pk")
            )
            found = digest_suggestions(items, preference.digest_sent_at)
            preference.digest_sent_at = now
            preference.save(update_fields=["digest_sent_at"])
            if not found:
                continue
            owner = owned[0]
            email_send(
                to=[owner.contact_email],
                template="cooperation/email/digest",
                context={
                    "suggestions": found,
                    "site_root": site_root.rstrip("/"),
                    "matches_url": _absolute(site_root, _path("cooperation:owner-matches", owner.language)),
                    "unsubscribe_url": _absolute(
                        site_root, _path("cooperation:unsubscribe", owner.language, token=unsubscribe_token(user))
                    ),
                },
                language=owner.language,
            )
            sent += 1
    return sent


# --- Privacy: the owner's data export and erasure (registrations.services) ----------------------


def owner_cooperation_data(organisations: list[Organisation]) -> dict:
    """The items of an owner's companies, the interest they received and the interest they sent."""
    items = Opportunity.objects.filter(organisation__in=organisations).select_related("organisation")
    received = Interest.objects.filter(opportunity__organisation__in=organisations).select_related("organisation")
    sent = Interest.objects.filter(organisation__in=organisations).select_related("opportunity")
    return {
        "items": [
            {
                "id": item.pk,
                "company": item.organisation.slug,
                "status": item.status,
                "written_in": item.language,
                "created": item.created_at.isoformat(),
                "published": item.published_at.isoformat() if item.published_at else None,
                "moderator_message": item.moderator_message,
                "proposed_changes": item.proposed,
                **owner_values(item),
            }
            for item in items
        ],
        "interest_received": [
            {
                "item": interest.opportunity_id,
                "from": interest.organisation.slug,
                "message": interest.message,
                "sent": interest.created_at.isoformat(),
            }
            for interest in received
        ],
        "interest_sent": [
            {
                "item": interest.opportunity_id,
                "title": interest.opportunity.title,
                "message": interest.message,
                "sent": interest.created_at.isoformat(),
            }
            for interest in sent
        ],
    }


def owner_cooperation_history(organisations: list[Organisation]) -> list[Opportunity]:
    """The items whose recorded versions go when their owner erases their account."""
    return list(Opportunity.objects.filter(organisation__in=organisations))


def privacy_register() -> None:
    from registrations import services as registrations

    registrations.OWNER_DATA_SECTIONS["cooperation"] = owner_cooperation_data
    if owner_cooperation_history not in registrations.OWNER_HISTORY_SOURCES:
        registrations.OWNER_HISTORY_SOURCES.append(owner_cooperation_history)
