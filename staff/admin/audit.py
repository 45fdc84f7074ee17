"""The audit log in the admin: who did what, filtered by person, municipality, content type and
date, exported as CSV (docs/STAFF.md, "Audit log").

Moderators read their municipality's events; portal administrators read every event,
including those of no municipality (failed log-ins under unknown names, administrators' work).
"""

import csv

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.spreadsheets import formula_safe_row
from staff.admin.scoping import MunicipalityScopedAdminMixin
from staff.audit import audit_message_text
from staff.models import AuditEvent, StaffRole

EXPORT_COLUMNS = (
    _("time"),
    _("person"),
    _("action"),
    _("content type"),
    _("object id"),
    _("entry"),
    _("municipality"),
    _("details"),
    _("address"),
)


@admin.register(AuditEvent)
class AuditEventAdmin(MunicipalityScopedAdminMixin, admin.ModelAdmin):
    municipality_lookup = "municipality"
    role_permissions = {StaffRole.MODERATOR: ("view",)}
    change_list_template = "admin/staff/auditevent/change_list.html"
    list_display = ("at", "actor_name", "action", "content_type", "object_repr", "municipality", "details")
    list_filter = (
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("municipality", admin.RelatedOnlyFieldListFilter),
        ("content_type", admin.RelatedOnlyFieldListFilter),
        "action",
        "at",
    )
    date_hierarchy = "at"
    search_fields = ("actor_name", "object_repr")
    list_per_page = 100
    show_full_result_count = False
    fields = (
        "at",
        "actor",
        "actor_name",
        "action",
        "content_type",
        "object_id",
        "object_repr",
        "municipality",
        "details",
        "ip_address",
    )
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).for_listing()

    @admin.display(description=_("details"))
    def details(self, event):
        return audit_message_text(event)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path("export/", self.admin_site.admin_view(self.export_view), name="staff_auditevent_export"),
            *super().get_urls(),
        ]

    def export_view(self, request):
        """The change list as filtered, every row of it, as CSV (cells made safe for spreadsheets)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        changelist = self.get_changelist_instance(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="audit-log-{stamp}.csv"'
        response.write("\ufeff")  # spreadsheet programs then read UTF-8 (Cyrillic) right
        writer = csv.writer(response)
        writer.writerow([str(column) for column in EXPORT_COLUMNS])
        for event in changelist.get_queryset(request).iterator(chunk_size=2000):
            writer.writerow(
                formula_safe_row(
                    [
                        timezone.localtime(event.at).isoformat(timespec="seconds"),
                        event.actor_name,
                        event.get_action_display(),
                        str(event.content_type) if event.content_type else "",
                        event.object_id,
                        event.object_repr,
                        str(event.municipality) if event.municipality else "",
                        audit_message_text(event),
                        event.ip_address or "",
                    ]
                )
            )
        return response
