"""Keeping the public entries true: reports, yearly confirmations, staleness, link checks.

Every function is keyword-only. The periodic ones run as tasks (``upkeep.tasks``, enqueued by
``manage.py directory_upkeep``); each is idempotent: run twice, even at the same time, the
second run sends and changes nothing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urljoin

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import models, transaction
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from civic.models import Event, MunicipalService
from core.models import PublicationStatus
from directory import services as directory_services
from directory.models import Organisation
from notifications.services import email_send
from registrations.models import CompanyOwner
from staff.history import recorded_changes
from tourism.models import Sight
from upkeep.linkcheck import CheckResult, HostPacer, mail_domain_check, resolver, website_check
from upkeep.models import ConfirmationRequest, LinkCheck, MistakeReport

# The public entries a reader may report a mistake in, by "app_label.model_name".
REPORTABLE = {model._meta.label_lower: model for model in (Organisation, Sight, Event, MunicipalService)}
# The entries whose website and e-mail domain are checked (the ones with contact details).
CHECKED = (Organisation, Sight)

CONFIRMATION_SALT = "upkeep.confirmation"
CONFIRM_EVERY = timedelta(days=365)
STALE_AFTER = timedelta(days=548)  # 18 months


def confirmation_link_max_age() -> int:
    return settings.UPKEEP_CONFIRMATION_LINK_DAYS * 86400


def _absolute(site_root: str, path: str) -> str:
    return urljoin(site_root, path)


def _in_language(language: str, view: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(view, kwargs=kwargs)


def _record_on_entry(entry, *, by, comment: str) -> None:
    """Note a decision in the entry's version history (django-reversion), as the admin would."""
    if reversion.is_registered(type(entry)):
        with recorded_changes(user=by, comment=comment):
            reversion.add_to_revision(entry)


def _owner_of(entry) -> CompanyOwner | None:
    if isinstance(entry, Organisation):
        return CompanyOwner.objects.filter(organisation=entry).first()
    return None


# --- Report a mistake -----------------------------------------------------------------------------


def reportable_entry(label: str, pk: int):
    """The published entry ``label`` ("directory.organisation") ``pk`` names, or None."""
    model = REPORTABLE.get(label)
    if model is None:
        return None
    return model.objects.published().select_related("municipality").filter(pk=pk).first()


@transaction.atomic
def report_submit(*, entry, message: str, email: str, language: str, site_root: str) -> MistakeReport:
    """Keep a reader's report for the staff of the entry's municipality and tell the entry's owner, if any."""
    report = MistakeReport(
        content_type=ContentType.objects.get_for_model(entry),
        object_id=entry.pk,
        entry_name=str(entry)[:300],
        municipality_id=entry.municipality_id,
        message=message.strip(),
        email=email.strip(),
        language=language,
    )
    report.full_clean()
    report.save()
    owner = _owner_of(entry)
    if owner is not None:
        email_send(
            to=[owner.contact_email],
            template="upkeep/email/report_received",
            context={
                "owner_name": owner.contact_name,
                "organisation": entry,
                "report_message": report.message,
                "entry_url": _absolute(
                    site_root, _in_language(owner.language, "directory:organisation-detail", slug=entry.slug)
                ),
                "edit_url": _absolute(
                    site_root, _in_language(owner.language, "registrations:company-edit", slug=entry.slug)
                ),
            },
            language=owner.language,
        )
    return report


@transaction.atomic
def report_decide(*, report: MistakeReport, by, fixed: bool, message: str = "", site_root: str) -> MistakeReport:
    """Close a report as fixed (the reporter, if they left an address, is told) or as nothing to fix."""
    report = MistakeReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_open:
        return report
    report.status = MistakeReport.Status.FIXED if fixed else MistakeReport.Status.DISMISSED
    report.decide(by=by, message=message)
    report.save()
    entry = report.entry
    if entry is not None:
        comment = (
            gettext("Mistake report %(number)s fixed: %(message)s")
            if fixed
            else gettext("Mistake report %(number)s closed, nothing to fix: %(message)s")
        ) % {"number": report.pk, "message": report.message[:200]}
        _record_on_entry(entry, by=by, comment=comment)
    if fixed and report.email:
        entry_url = ""
        if entry is not None and hasattr(entry, "get_absolute_url"):
            with translation.override(report.language):
                entry_url = _absolute(site_root, entry.get_absolute_url())
        email_send(
            to=[report.email],
            template="upkeep/email/report_fixed",
            context={
                "report": report,
                "entry_name": report.entry_name,
                "entry_url": entry_url,
                "report_message": report.message,
            },
            language=report.language,
        )
    return report


# --- Yearly confirmation --------------------------------------------------------------------------


def confirmation_token(confirmation: ConfirmationRequest) -> str:
    return signing.dumps(confirmation.pk, salt=CONFIRMATION_SALT)


def confirmation_from_token(token: str) -> ConfirmationRequest | None:
    """The request a link names, while the link is valid (``UPKEEP_CONFIRMATION_LINK_DAYS``)."""
    try:
        pk = signing.loads(token, salt=CONFIRMATION_SALT, max_age=confirmation_link_max_age())
    except signing.BadSignature:
        return None
    return (
        ConfirmationRequest.objects.select_related("organisation__municipality", "organisation__owner")
        .filter(pk=pk, organisation__status=PublicationStatus.PUBLISHED)
        .first()
    )


def confirmations_due(*, now: datetime):
    """Owners of published entries last confirmed (or taken over) a year ago or more, not yet asked since."""
    base = Greatest(Coalesce("organisation__confirmed_at", "organisation__created_at"), "created_at")
    asked = ConfirmationRequest.objects.filter(
        organisation=models.OuterRef("organisation"), sent_at__gte=models.OuterRef("due_from")
    )
    return (
        CompanyOwner.objects.filter(organisation__in=Organisation.objects.published())
        .annotate(due_from=base)
        .filter(due_from__lte=now - CONFIRM_EVERY)
        .exclude(models.Exists(asked))
        .select_related("organisation")
    )


def confirmation_requests_send(*, site_root: str, now: datetime | None = None) -> int:
    """Ask each owner whose entry is due, once: an e-mail with a link valid for a limited time."""
    now = now or timezone.now()
    sent = 0
    for owner in confirmations_due(now=now):
        with transaction.atomic():
            # Lock the entry, then ask again: of two runs at once, the second finds the request sent.
            _lock(Organisation, owner.organisation_id)
            if not confirmations_due(now=now).filter(pk=owner.pk).exists():
                continue
            confirmation = ConfirmationRequest.objects.create(
                organisation=owner.organisation, sent_to=owner.contact_email, language=owner.language, sent_at=now
            )
            path = _in_language(owner.language, "upkeep:confirm", token=confirmation_token(confirmation))
            email_send(
                to=[owner.contact_email],
                template="upkeep/email/confirmation_request",
                context={
                    "owner_name": owner.contact_name,
                    "organisation": owner.organisation,
                    "confirm_url": _absolute(site_root, path),
                    "days": settings.UPKEEP_CONFIRMATION_LINK_DAYS,
                },
                language=owner.language,
            )
        sent += 1
    return sent


def _lock(model, pk: int) -> None:
    """Hold the entry's row until the transaction ends: one run at a time asks or tells about it."""
    list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))


def _confirm(organisation: Organisation, *, now: datetime) -> None:
    # A queryset update: the entry's own fields and its updated_at ("when it last changed") stay as they are.
    Organisation.objects.filter(pk=organisation.pk).update(confirmed_at=now, stale_since=None)
    organisation.confirmed_at, organisation.stale_since = now, None


@transaction.atomic
def entry_confirm(*, confirmation: ConfirmationRequest, now: datetime | None = None) -> ConfirmationRequest:
    """The owner says the entry is still right: it is confirmed now and no longer out of date."""
    now = now or timezone.now()
    confirmation = (
        ConfirmationRequest.objects.select_for_update().select_related("organisation").get(pk=confirmation.pk)
    )
    if confirmation.answer:
        return confirmation
    confirmation.answer, confirmation.answered_at = ConfirmationRequest.Answer.CONFIRMED, now
    confirmation.save(update_fields=["answer", "answered_at"])
    _confirm(confirmation.organisation, now=now)
    _record_on_entry(confirmation.organisation, by=None, comment=gettext("Confirmed as still right by the company."))
    return confirmation


@transaction.atomic
def entry_closure_report(*, confirmation: ConfirmationRequest, now: datetime | None = None) -> ConfirmationRequest:
    """The owner says the company has closed: staff of its municipality decide whether to archive it."""
    now = now or timezone.now()
    confirmation = ConfirmationRequest.objects.select_for_update().get(pk=confirmation.pk)
    if confirmation.answer:
        return confirmation
    confirmation.answer, confirmation.answered_at = ConfirmationRequest.Answer.CLOSED, now
    confirmation.closure = ConfirmationRequest.Closure.WAITING
    confirmation.save(update_fields=["answer", "answered_at", "closure"])
    return confirmation


@transaction.atomic
def closure_decide(*, confirmation: ConfirmationRequest, by, archive: bool) -> ConfirmationRequest:
    """Staff agree (the entry is archived, recorded in its history) or keep the entry listed."""
    confirmation = (
        ConfirmationRequest.objects.select_for_update().select_related("organisation").get(pk=confirmation.pk)
    )
    if confirmation.closure != ConfirmationRequest.Closure.WAITING:
        return confirmation
    organisation = confirmation.organisation
    with recorded_changes(
        user=by,
        comment=gettext("Archived: the company said it has closed.")
        if archive
        else gettext("Kept: staff did not agree that the company has closed."),
    ):
        if archive:
            directory_services.organisation_update(organisation=organisation, status=PublicationStatus.ARCHIVED)
        else:
            reversion.add_to_revision(organisation)
    confirmation.closure = ConfirmationRequest.Closure.ARCHIVED if archive else ConfirmationRequest.Closure.KEPT
    confirmation.decide(by=by)
    confirmation.save()
    return confirmation


@transaction.atomic
def entries_confirm_by_staff(*, organisations, by, now: datetime | None = None) -> int:
    """Staff checked the entries themselves (with the company, on the phone): they count as confirmed now."""
    now = now or timezone.now()
    count = 0
    for organisation in organisations:
        _confirm(organisation, now=now)
        _record_on_entry(organisation, by=by, comment=gettext("Confirmed as still right by staff."))
        count += 1
    return count


# --- Entries that may be out of date -------------------------------------------------------------


def stale_condition(now: datetime) -> models.Q:
    """Not confirmed (or, never confirmed, not added) in the last 18 months."""
    return models.Q(last_confirmed__lt=now - STALE_AFTER)


def entries_mark_stale(*, now: datetime | None = None) -> tuple[int, int]:
    """Mark published entries unconfirmed for 18 months, unmark those confirmed since; (marked, unmarked)."""
    now = now or timezone.now()
    entries = Organisation.objects.published().annotate(last_confirmed=Coalesce("confirmed_at", "created_at"))
    marked = entries.filter(stale_condition(now), stale_since__isnull=True).update(stale_since=now)
    unmarked = entries.filter(~stale_condition(now), stale_since__isnull=False).update(stale_since=None)
    return marked, unmarked


# --- Links and mail domains ----------------------------------------------------------------------


@dataclass
class LinkCheckCounts:
    checked: int = 0
    broken: int = 0
    repaired: int = 0
    unknown: int = 0


def _targets(entry) -> dict[str, str]:
    targets = {}
    if entry.website:
        targets[LinkCheck.Kind.WEBSITE] = entry.website
    if entry.email and "@" in entry.email:
        targets[LinkCheck.Kind.MAIL_DOMAIN] = entry.email.rpartition("@")[2].lower()
    return targets


def links_check(
    *, site_root: str, now: datetime | None = None, recheck_after: timedelta | None = None
) -> LinkCheckCounts:
    """Check each published entry's website and mail domain not checked in ``UPKEEP_LINK_CHECK_EVERY_DAYS``.

    A failure is recorded (``failing_since``) for staff, and the owner of the entry is told once;
    an address that works again clears it. A result that could not be told is not recorded as
    a failure. A changed address is checked at once.
    """
    now = now or timezone.now()
    recheck_after = (
        recheck_after if recheck_after is not None else timedelta(days=settings.UPKEEP_LINK_CHECK_EVERY_DAYS)
    )
    pacer, dns = HostPacer(settings.UPKEEP_LINK_CHECK_DELAY), resolver()
    counts = LinkCheckCounts()
    for model in CHECKED:
        content_type = ContentType.objects.get_for_model(model)
        previous = {
            (check.object_id, check.kind): check for check in LinkCheck.objects.filter(content_type=content_type)
        }
        seen = set()
        for entry in model.objects.published().exclude(website="", email="").order_by("pk"):
            for kind, target in _targets(entry).items():
                seen.add((entry.pk, kind))
                check = previous.get((entry.pk, kind))
                if check is not None and check.target == target and check.checked_at > now - recheck_after:
                    continue
                if kind == LinkCheck.Kind.WEBSITE:
                    result = website_check(target, pacer=pacer)
                else:
                    result = mail_domain_check(target, using=dns)
                counts.checked += 1
                _record_check(entry, content_type, kind, target, result, now=now, site_root=site_root, counts=counts)
        # Entries that lost their address, or are no longer public, keep no failure.
        gone = [check.pk for key, check in previous.items() if key not in seen]
        LinkCheck.objects.filter(pk__in=gone).delete()
    return counts


@transaction.atomic
def _record_check(entry, content_type, kind, target, result: CheckResult, *, now, site_root, counts) -> None:
    if result.ok is None:
        counts.unknown += 1
        return
    # The entry locked, its check read afresh: a run alongside this one waits, then sees the
    # owner already told (and the row already made).
    _lock(type(entry), entry.pk)
    check = LinkCheck.objects.filter(content_type=content_type, object_id=entry.pk, kind=kind).first()
    if check is None:
        check = LinkCheck(content_type=content_type, object_id=entry.pk, kind=kind)
    check.entry_name, check.municipality_id = str(entry)[:300], entry.municipality_id
    if check.target != target:
        check.failing_since = check.owner_told_at = None
    check.target, check.ok, check.detail, check.checked_at = target, bool(result.ok), result.detail[:300], now
    if result.ok:
        if check.failing_since is not None:
            counts.repaired += 1
        check.failing_since = check.owner_told_at = None
    else:
        counts.broken += 1
        check.failing_since = check.failing_since or now
    check.save()
    if not result.ok and check.owner_told_at is None:
        owner = _owner_of(entry)
        if owner is not None:
            email_send(
                to=[owner.contact_email],
                template="upkeep/email/link_broken",
                context={
                    "owner_name": owner.contact_name,
                    "organisation": entry,
                    "check": check,
                    "target": target,
                    "edit_url": _absolute(
                        site_root, _in_language(owner.language, "registrations:company-edit", slug=entry.slug)
                    ),
                },
                language=owner.language,
            )
            LinkCheck.objects.filter(pk=check.pk).update(owner_told_at=now)


# --- The numbers staff see ----------------------------------------------------------------------


def upkeep_counts(*, organisations, link_checks, now: datetime | None = None) -> dict[str, int]:
    """The numbers staff see (docs/DIRECTORY.md), in two queries: of the published entries in
    ``organisations``, how many there are, how many were confirmed in the last 18 months, how many
    are marked out of date; and how many entries of ``link_checks`` have a broken address."""
    now = now or timezone.now()
    totals = organisations.published().aggregate(
        published=models.Count("pk"),
        confirmed=models.Count("pk", filter=models.Q(confirmed_at__gte=now - STALE_AFTER)),
        stale=models.Count("pk", filter=models.Q(stale_since__isnull=False)),
    )
    totals["broken"] = link_checks.broken().values("content_type", "object_id").distinct().count()
    return totals
