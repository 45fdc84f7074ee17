"""The ModelAdmin bases of the staff workspace: what another app's admin adopts (docs/STAFF.md).

    @admin.register(Organisation)
    class OrganisationAdmin(MunicipalityContentAdmin, TabbedTranslationAdmin):
        municipality_lookup = "municipality"

gives row-level scoping by municipality, version history with diffs and revert, conflict
detection on save, and translation completeness, and puts the model's permissions in the
editor and moderator groups (``role_permissions``, written by ``manage.py sync_roles``).
"""

from staff.admin.conflicts import ConflictAdminMixin
from staff.admin.history import HistoryAdminMixin
from staff.admin.publishing import PublishingAdminMixin
from staff.admin.scoping import (
    MunicipalityScopedAdminMixin,
    MunicipalityScopedInlineMixin,
    PortalAdministratorsOnlyAdminMixin,
)
from staff.admin.translations import TranslationCompletenessAdminMixin

__all__ = ["GlobalContentAdmin", "MunicipalityContentAdmin", "MunicipalityScopedInlineMixin"]


class MunicipalityContentAdmin(
    PublishingAdminMixin,
    MunicipalityScopedAdminMixin,
    ConflictAdminMixin,
    TranslationCompletenessAdminMixin,
    HistoryAdminMixin,
):
    """Content that belongs to one municipality; set ``municipality_lookup``.

    A ``Publishable`` model also gets its preview, share links and the review step
    (``staff.admin.publishing``).

    Optional: ``role_permissions`` (default: editors and moderators hold every action),
    ``draft_filter`` (a changelist query, e.g. ``{"status__exact": "draft"}``, counted on the
    dashboard), ``translation_fields_checked``.
    """

    draft_filter: dict[str, str] | None = None


class GlobalContentAdmin(
    PortalAdministratorsOnlyAdminMixin, ConflictAdminMixin, TranslationCompletenessAdminMixin, HistoryAdminMixin
):
    """Content shared by the whole portal (the four directions): portal administrators only."""

    draft_filter: dict[str, str] | None = None
