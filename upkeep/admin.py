"""The staff queues of upkeep: mistake reports, entries that may be out of date, broken addresses, closures.

Each is scoped to the staff member's municipality; each decision is recorded in the entry's
version history (upkeep.services). The dashboard counts them (one query per queue).
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.views import site_root
from directory.models import Organisation
from staff import dashboard
from staff.admin.scoping import MunicipalityScopedAdminMixin, scope_queryset
from staff.roles import EDIT_ONLY
from upkeep import services
from upkeep.models import ConfirmationRequest, LinkCheck, MistakeReport, StaleOrganisation


class ReadOnlyQueueAdmin(MunicipalityScopedAdminMixin, admin.ModelAdmin):
    """A queue staff work through with actions: nothing is added or edited by hand."""

    role_permissions = EDIT_ONLY

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]


def _entry_admin_link(obj) -> str:
    entry = obj.entry
    if entry is None:
        return obj.entry_name
    opts = entry._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])
    return format_html('<a href="{}">{}</a>', url, obj.entry_name)


@admin.register(MistakeReport)
class MistakeReportAdmin(ReadOnlyQueueAdmin):
    municipality_lookup = "municipality"
    list_display = ["entry_name", "message_start", "status", "created_at", "has_email"]
    list_filter = ["status", "content_type"]
    search_fields = ["entry_name", "message"]
    actions = ["mark_fixed", "mark_nothing_to_fix"]
    fields = ["entry_link", "content_type", "message", "email", "status", "created_at", "decided_by", "decided_at"]

    @admin.display(description=_("what is wrong"))
    def message_start(self, obj):
        return obj.message[:120]

    @admin.display(description=_("reporter waits for an answer"), boolean=True)
    def has_email(self, obj):
        return bool(obj.email)

    @admin.display(description=_("entry"))
    def entry_link(self, obj):
        return _entry_admin_link(obj)

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "entry_link"]

    def _decide(self, request, queryset, *, fixed: bool):
        count = 0
        for report in queryset.filter(status=MistakeReport.Status.OPEN):
            services.report_decide(report=report, by=request.user, fixed=fixed, site_root=site_root(request))
            count += 1
        self.message_user(
            request, ngettext("%(count)d report closed.", "%(count)d reports closed.", count) % {"count": count}
        )

    @admin.action(description=_("Mark as fixed (the reporter is told)"), permissions=["change"])
    def mark_fixed(self, request, queryset):
        self._decide(request, queryset, fixed=True)

    @admin.action(description=_("Close: nothing to fix"), permissions=["change"])
    def mark_nothing_to_fix(self, request, queryset):
        self._decide(request, queryset, fixed=False)


@admin.register(StaleOrganisation)
class StaleOrganisationAdmin(ReadOnlyQueueAdmin):
    municipality_lookup = "municipality"
    list_display = ["name", "out_of_date_since", "last_confirmed", "created_at", "has_owner"]
    search_fields = ["name"]
    actions = ["confirm_by_staff"]
    fields = ["name", "confirmed_at", "stale_since", "created_at"]

    # Shown, never edited in the list: the dates change only through the services (and history).
    @admin.display(description=_("may be out of date since"), ordering="stale_since")
    def out_of_date_since(self, obj):
        return obj.stale_since

    @admin.display(description=_("last confirmed"), ordering="confirmed_at")
    def last_confirmed(self, obj):
        return obj.confirmed_at

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner")

    @admin.display(description=_("has an owner"), boolean=True)
    def has_owner(self, obj):
        return hasattr(obj, "owner")

    @admin.action(description=_("Mark as confirmed: staff checked the entry"), permissions=["change"])
    def confirm_by_staff(self, request, queryset):
        count = services.entries_confirm_by_staff(organisations=list(queryset), by=request.user)
        self.message_user(
            request, ngettext("%(count)d entry confirmed.", "%(count)d entries confirmed.", count) % {"count": count}
        )


@admin.register(LinkCheck)
class LinkCheckAdmin(ReadOnlyQueueAdmin):
    municipality_lookup = "municipality"
    list_display = ["entry_name", "kind", "target", "detail", "failing_since", "checked_at", "owner_told_at"]
    list_filter = ["kind", "ok"]
    search_fields = ["entry_name", "target"]

    def get_queryset(self, request):
        return super().get_queryset(request).broken()


@admin.register(ConfirmationRequest)
class ConfirmationRequestAdmin(ReadOnlyQueueAdmin):
    municipality_lookup = "organisation__municipality"
    list_display = ["organisation", "sent_at", "answer", "answered_at", "closure"]
    list_filter = ["closure", "answer"]
    list_select_related = ["organisation"]
    actions = ["closure_archive", "closure_keep"]

    def _decide(self, request, queryset, *, archive: bool):
        count = 0
        for confirmation in queryset.closures_waiting():
            services.closure_decide(confirmation=confirmation, by=request.user, archive=archive)
            count += 1
        self.message_user(
            request, ngettext("%(count)d decision recorded.", "%(count)d decisions recorded.", count) % {"count": count}
        )

    @admin.action(description=_("Agree that the company has closed: archive the entry"), permissions=["change"])
    def closure_archive(self, request, queryset):
        self._decide(request, queryset, archive=True)

    @admin.action(description=_("Keep the entry listed"), permissions=["change"])
    def closure_keep(self, request, queryset):
        self._decide(request, queryset, archive=False)


def _changelist(model, query: str = "") -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") + query


def upkeep_queues(request) -> list[dashboard.DashboardItem]:
    """The user's municipality: open reports, entries confirmed and out of date, broken addresses,
    closures to decide. Four queries, whatever the number of entries."""
    registry = admin.site._registry
    if not registry[StaleOrganisation].has_view_permission(request):
        return []
    counts = services.upkeep_counts(
        organisations=scope_queryset(Organisation.objects.all(), request.user, "municipality"),
        link_checks=registry[LinkCheck].get_queryset(request),
    )
    reports = registry[MistakeReport].get_queryset(request).open().count()
    closures = registry[ConfirmationRequest].get_queryset(request).closures_waiting().count()
    confirmed = gettext("Published entries confirmed in the last 18 months (of %(published)d)") % counts
    # Each count is shown even at zero: "0 out of date" is the news staff want.
    return [
        dashboard.DashboardItem(str(_("Mistake reports")), reports, _changelist(MistakeReport, "?status__exact=open")),
        dashboard.DashboardItem(str(confirmed), counts["confirmed"], ""),
        dashboard.DashboardItem(
            str(_("Entries that may be out of date")), counts["stale"], _changelist(StaleOrganisation)
        ),
        dashboard.DashboardItem(
            str(_("Entries with a broken website or e-mail domain")), counts["broken"], _changelist(LinkCheck)
        ),
        dashboard.DashboardItem(
            str(_("Companies that say they have closed")),
            closures,
            _changelist(ConfirmationRequest, "?closure__exact=waiting"),
        ),
    ]


dashboard.register_counter(dashboard.UPKEEP, upkeep_queues)
