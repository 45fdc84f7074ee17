"""The staff dashboard on the admin index: what waits for the user's municipality.

Sections hold counters; a counter is a function ``(request) -> list[DashboardItem]`` that
counts rows through the admins' scoped querysets, with a fixed number of aggregate queries
(never one per row). Apps add theirs in their ``admin.py``:

    dashboard.register_counter(dashboard.PENDING, pending_registrations)
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Count, Q
from django.db.models.functions import Cast
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

from core.models import PublicationStatus, Publishable, ReviewState
from core.translation_status import LANGUAGES, missing_translation_counts, translated_fields
from staff.models import OutdatedTranslation, StaffRole
from staff.roles import staff_role, staff_scope

WAITING_FOR_ME = "waiting-for-me"
PENDING = "pending"
ENQUIRIES = "enquiries"
SCHEDULED = "scheduled"
DRAFTS = "drafts"
TRANSLATIONS = "translations"
OUTDATED = "outdated-translations"
UPKEEP = "upkeep"


@dataclass(frozen=True)
class DashboardItem:
    label: str
    count: int
    url: str = ""


@dataclass
class Section:
    key: str
    title: str
    empty: str
    counters: list[Callable] = field(default_factory=list)


SECTIONS = {
    WAITING_FOR_ME: Section(WAITING_FOR_ME, _("Waiting for me"), _("Nothing waits for you.")),
    PENDING: Section(PENDING, _("Waiting for moderation"), _("Nothing waits for moderation.")),
    ENQUIRIES: Section(ENQUIRIES, _("Citizen enquiries"), _("No enquiry waits for an answer.")),
    SCHEDULED: Section(SCHEDULED, _("Scheduled"), _("Nothing is scheduled.")),
    DRAFTS: Section(DRAFTS, _("Drafts"), _("No drafts.")),
    TRANSLATIONS: Section(TRANSLATIONS, _("Missing translations"), _("Every entry is translated.")),
    OUTDATED: Section(OUTDATED, _("Outdated translations"), _("Every translation is up to date.")),
    UPKEEP: Section(UPKEEP, _("Keeping entries true"), _("No reports, stale entries or broken addresses.")),
}


def register_counter(section: str, counter: Callable) -> Callable:
    """Add ``counter`` to a dashboard section; usable as a decorator."""
    if counter not in SECTIONS[section].counters:
        SECTIONS[section].counters.append(counter)
    return counter


def _admin_url(model_admin, name: str, *args) -> str:
    opts = model_admin.model._meta
    try:
        return reverse(f"{model_admin.admin_site.name}:{opts.app_label}_{opts.model_name}_{name}", args=args)
    except NoReverseMatch:
        return ""


def _viewable_admins(request):
    for model, model_admin in admin.site._registry.items():
        if model_admin.has_view_or_change_permission(request):
            yield model, model_admin


def drafts(request) -> list[DashboardItem]:
    """Drafts of every admin that declares ``draft_filter``: one count query per model."""
    items = []
    for model, model_admin in _viewable_admins(request):
        draft_filter = getattr(model_admin, "draft_filter", None)
        if draft_filter:
            count = model_admin.get_queryset(request).filter(**draft_filter).count()
            if count:
                url = _admin_url(model_admin, "changelist") + "?" + urlencode(draft_filter)
                items.append(DashboardItem(str(model._meta.verbose_name_plural), count, url))
    return items


def _publishable_admins(request):
    for model, model_admin in _viewable_admins(request):
        if issubclass(model, Publishable) and hasattr(model_admin, "municipality_lookup"):
            yield model, model_admin


def _counted(request, condition: dict, *, narrower: Q | None = None) -> list[DashboardItem]:
    """Rows matching ``condition`` (and ``narrower``, not in the link) in each publishable admin:
    one count query per model, linked to the change list filtered by ``condition``."""
    items = []
    for model, model_admin in _publishable_admins(request):
        queryset = model_admin.get_queryset(request).filter(**condition)
        count = (queryset.filter(narrower) if narrower is not None else queryset).count()
        if count:
            url = _admin_url(model_admin, "changelist") + "?" + urlencode(condition)
            items.append(DashboardItem(str(model._meta.verbose_name_plural), count, url))
    return items


def waiting_for_me(request) -> list[DashboardItem]:
    """What the review step hands the user: for moderators and administrators, entries submitted
    for review; for editors, entries a moderator sent back to them."""
    if staff_scope(request.user).everything or staff_role(request.user) == StaffRole.MODERATOR:
        state = ReviewState.SUBMITTED
    else:
        state = ReviewState.SENT_BACK
    return _counted(request, {"review_state__exact": state})


def scheduled(request) -> list[DashboardItem]:
    """Entries waiting for their publication time: one count query per publishable model.

    (A scheduled row whose time has passed is public already; it keeps its stored state until saved.)
    """
    return _counted(
        request, {"status__exact": PublicationStatus.SCHEDULED}, narrower=Q(published_at__gt=timezone.now())
    )


def missing_translations(request) -> list[DashboardItem]:
    """Entries lacking each language, per model: one aggregate query per translated model."""
    items = []
    for model, model_admin in _viewable_admins(request):
        fields = getattr(model_admin, "translation_fields_checked", None)
        if not hasattr(model_admin, "missing_translations") or not translated_fields(model, fields):
            continue
        counts = missing_translation_counts(model_admin.get_queryset(request), fields)
        for language in LANGUAGES:
            if counts[language]:
                url = _admin_url(model_admin, "changelist") + "?" + urlencode({"missing_translation": language})
                label = f"{model._meta.verbose_name_plural} · {language}"
                items.append(DashboardItem(label, counts[language], url))
    return items


def outdated_translations(request) -> list[DashboardItem]:
    """Entries with a translation outdated in each language, per model: one aggregate query per translated model."""
    items = []
    for model, model_admin in _viewable_admins(request):
        if not hasattr(model_admin, "missing_translations") or not translated_fields(model):
            continue
        object_ids = model_admin.get_queryset(request).order_by().values_list(Cast("pk", CharField()))
        counts = dict(
            OutdatedTranslation.objects.for_model(model)
            .filter(object_id__in=object_ids)
            .values_list("language")
            .annotate(entries=Count("object_id", distinct=True))
            .order_by()
        )
        for language in LANGUAGES:
            if counts.get(language):
                url = _admin_url(model_admin, "changelist") + "?" + urlencode({"outdated_translation": language})
                label = f"{model._meta.verbose_name_plural} · {language}"
                items.append(DashboardItem(label, counts[language], url))
    return items


register_counter(WAITING_FOR_ME, waiting_for_me)
register_counter(SCHEDULED, scheduled)
register_counter(DRAFTS, drafts)
register_counter(TRANSLATIONS, missing_translations)
register_counter(OUTDATED, outdated_translations)


def dashboard_sections(request) -> list[dict]:
    return [
        {"key": section.key, "title": section.title, "empty": section.empty, "items": items}
        for section in SECTIONS.values()
        if section.counters
        for items in [[item for counter in section.counters for item in counter(request)]]
    ]


def recent_changes(request, limit: int = 10) -> list[dict]:
    """The latest recorded changes to rows of the user's municipality, newest first (one query)."""
    scope = staff_scope(request.user)
    versions = Version.objects.select_related("revision__user", "content_type").order_by("-pk")
    admins = {}
    if not scope.everything:
        condition = Q(pk__in=[])
        for model, model_admin in _viewable_admins(request):
            if hasattr(model_admin, "municipality_lookup"):
                object_ids = model_admin.get_queryset(request).values_list(Cast("pk", CharField()))
                condition |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=object_ids)
        versions = versions.filter(condition)
    changes = []
    for version in versions[:limit]:
        model = version.content_type.model_class()
        model_admin = admins.setdefault(model, admin.site._registry.get(model))
        url = _admin_url(model_admin, "change", version.object_id) if model_admin else ""
        changes.append(
            {
                "revision": version.revision,
                "object_repr": version.object_repr,
                "model": model._meta.verbose_name if model else version.content_type.model,
                "url": url,
            }
        )
    return changes
