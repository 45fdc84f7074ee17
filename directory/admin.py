from django.contrib import admin, messages
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from core.models import PublicationStatus
from directory import admin_import
from directory.models import Organisation
from search.admin import SearchIndexedAdminMixin
from staff.admin.options import MunicipalityContentAdmin


@admin.register(Organisation)
class OrganisationAdmin(SearchIndexedAdminMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    municipality_lookup = "municipality"
    draft_filter = {"status__exact": PublicationStatus.DRAFT}
    change_list_template = "admin/directory/organisation/change_list.html"
    list_display = (
        "name",
        "kind",
        "municipality",
        "status",
        "eik_or_pib",
        "mb_checksum_mismatch",
        "is_demo",
        "updated_at",
    )
    list_filter = (
        "status",
        "kind",
        "municipality",
        "directions",
        "size_class",
        "open_to_cooperation",
        "mb_checksum_mismatch",
        "is_demo",
    )
    list_select_related = ("municipality",)
    # Identifiers are searched as typed (digits); names in every language.
    search_fields = ("name_bg", "name_sr", "name_en", "=eik", "=vat_number", "=pib", "=mb", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    filter_horizontal = ("directions",)
    readonly_fields = ("mb_checksum_mismatch", "created_at", "updated_at")
    date_hierarchy = "created_at"
    actions = ["publish", "archive"]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "name",
                    "slug",
                    "kind",
                    "legal_form",
                    "municipality",
                    "directions",
                    "status",
                    "published_at",
                    "is_demo",
                )
            },
        ),
        (_("Description"), {"fields": ("description", "logo")}),
        (
            _("Identifiers"),
            {"fields": ("eik", "vat_number", "pib", "mb", "mb_checksum_mismatch")},
        ),
        (_("Activity"), {"fields": ("nace_revision", "nace_section", "nace_division", "size_class", "founded_year")}),
        (
            _("Address and contact"),
            {
                "fields": (
                    "street_address",
                    "settlement",
                    "postal_code",
                    "latitude",
                    "longitude",
                    "phones",
                    "email",
                    "website",
                    "social_links",
                    "languages",
                    "opening_hours",
                    "price_range",
                )
            },
        ),
        (
            _("Cross-border cooperation"),
            {"fields": ("open_to_cooperation", "cooperation_offers", "cooperation_seeks")},
        ),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )

    def get_urls(self):
        def view(function, **kwargs):
            return self.admin_site.admin_view(
                lambda request, **url_kwargs: function(self, request, **kwargs, **url_kwargs)
            )

        return [
            path("import/", view(admin_import.upload_view), name="directory_organisation_import"),
            path("import/check/", view(admin_import.preview_view), name="directory_organisation_import_preview"),
            path(
                "import/wait/<str:result_id>/", view(admin_import.wait_view), name="directory_organisation_import_wait"
            ),
            path("imports/", view(admin_import.history_view), name="directory_organisation_import_history"),
            path("imports/<int:pk>/", view(admin_import.detail_view), name="directory_organisation_import_detail"),
            path("imports/<int:pk>/undo/", view(admin_import.undo_view), name="directory_organisation_import_undo"),
            *(
                path(
                    f"import/template.{file_format}",
                    view(admin_import.template_view, file_format=file_format),
                    name=f"directory_organisation_import_template_{file_format}",
                )
                for file_format in ("csv", "xlsx")
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        # The "Import" button extends whichever change list template the bases use.
        parent = super().change_list_template or "admin/change_list.html"
        return super().changelist_view(request, {"change_list_parent": parent, **(extra_context or {})})

    def extra_history_entries(self, request, obj):
        """The imports that created or changed ``obj``: recorded as one summary each, not as versions."""
        return admin_import.history_entries(obj)

    @admin.display(description=_("EIK or PIB"))
    def eik_or_pib(self, organisation):
        return organisation.eik or organisation.pib

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.mb_checksum_mismatch:
            self.message_user(
                request,
                _(
                    "The MB %(mb)s does not match the usual check digit. It was saved; "
                    "please compare it with the business register."
                )
                % {"mb": obj.mb},
                messages.WARNING,
            )

    @admin.action(description=_("Publish the selected organisations"))
    def publish(self, request, queryset):
        # updated_at too: undoing an import keeps what was changed after it (services.organisations_import_undo).
        with self.search_reindexed(queryset):
            updated = queryset.update(status=PublicationStatus.PUBLISHED, updated_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d organisation published.", "%(count)d organisations published.", updated)
            % {"count": updated},
        )

    @admin.action(description=_("Archive the selected organisations"))
    def archive(self, request, queryset):
        with self.search_reindexed(queryset):
            updated = queryset.update(status=PublicationStatus.ARCHIVED, updated_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d organisation archived.", "%(count)d organisations archived.", updated)
            % {"count": updated},
        )
