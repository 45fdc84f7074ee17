from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from core.models import PublicationStatus
from media_library.admin import AttachedAlbumsInline
from search.admin import SearchIndexedAdminMixin
from staff.admin.options import MunicipalityContentAdmin, MunicipalityScopedInlineMixin
from tourism.forms import OpeningHoursForm
from tourism.models import OpeningHours, Route, RouteStop, Sight, TicketPrice


class PartOfParentInlineMixin:
    """Rows that are part of their sight or route (prices, hours, stops, attached albums).

    Whoever may change the sight or route may change them, as Django does for the rows of a
    many-to-many: the role groups hold the permissions of the registered admins only, and
    these rows need no permissions of their own.
    """

    def _parent_admin(self):
        return self.admin_site._registry[self.parent_model]

    def has_view_permission(self, request, obj=None):
        return self._parent_admin().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        parent = self._parent_admin()
        return parent.has_change_permission(request, obj) if obj else parent.has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        parent = self._parent_admin()
        return parent.has_change_permission(request, obj) if obj else parent.has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class AlbumsInline(PartOfParentInlineMixin, AttachedAlbumsInline):
    pass


class TicketPriceInline(PartOfParentInlineMixin, MunicipalityScopedInlineMixin, TranslationTabularInline):
    model = TicketPrice
    municipality_lookup = "sight__municipality"
    extra = 0
    fields = ("label", "amount", "currency", "order")


class OpeningHoursInline(PartOfParentInlineMixin, MunicipalityScopedInlineMixin, TranslationTabularInline):
    model = OpeningHours
    form = OpeningHoursForm
    municipality_lookup = "sight__municipality"
    extra = 0
    fields = ("from_day", "from_month", "to_day", "to_month", "weekdays", "opens", "closes", "note", "order")


class PublishActionsMixin:
    """Publish and unpublish in bulk; search finds the published entries and only them."""

    actions = ["publish", "unpublish"]

    @admin.action(description=_("Publish the selected entries"))
    def publish(self, request, queryset):
        with self.search_reindexed(queryset):
            updated = queryset.update(status=PublicationStatus.PUBLISHED)
        message = ngettext("%(count)d entry published.", "%(count)d entries published.", updated)
        self.message_user(request, message % {"count": updated})

    @admin.action(description=_("Return the selected entries to draft"))
    def unpublish(self, request, queryset):
        with self.search_reindexed(queryset):
            updated = queryset.update(status=PublicationStatus.DRAFT)
        self.message_user(
            request,
            ngettext("%(count)d entry returned to draft.", "%(count)d entries returned to draft.", updated)
            % {"count": updated},
            messages.INFO,
        )


@admin.register(Sight)
class SightAdmin(SearchIndexedAdminMixin, PublishActionsMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    municipality_lookup = "municipality"
    draft_filter = {"status__exact": PublicationStatus.DRAFT}
    translation_fields_checked = ("name", "summary", "description")
    list_display = ("name", "category", "municipality", "placement", "coordinates_approximate", "status", "updated_at")
    list_filter = ("status", "category", "municipality", "placement", "coordinates_approximate", "wheelchair_access")
    list_select_related = ("municipality",)
    search_fields = ("name_bg", "name_sr", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("organisation",)
    readonly_fields = ("created_at", "updated_at")
    inlines = [TicketPriceInline, OpeningHoursInline, AlbumsInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "category", "municipality", "status", "published_at")}),
        (_("Description"), {"fields": ("summary", "description")}),
        (
            _("Place"),
            {
                "fields": (
                    "placement",
                    "placement_note",
                    "address",
                    "latitude",
                    "longitude",
                    "coordinates_approximate",
                )
            },
        ),
        (_("Visiting"), {"fields": ("prices_note", "wheelchair_access", "accessibility_notes")}),
        (_("Contact"), {"fields": ("organisation", "phone", "email", "website")}),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )


class RouteStopInline(PartOfParentInlineMixin, MunicipalityScopedInlineMixin, admin.TabularInline):
    model = RouteStop
    municipality_lookup = "route__municipality"
    extra = 0
    autocomplete_fields = ("sight",)
    fields = ("sight", "order")


@admin.register(Route)
class RouteAdmin(SearchIndexedAdminMixin, PublishActionsMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    municipality_lookup = "municipality"
    draft_filter = {"status__exact": PublicationStatus.DRAFT}
    translation_fields_checked = ("name", "summary", "description")
    list_display = ("name", "kind", "difficulty", "municipality", "crosses_into", "distance_km", "status")
    list_filter = ("status", "kind", "difficulty", "municipality", "is_demo")
    list_select_related = ("municipality", "crosses_into")
    search_fields = ("name_bg", "name_sr", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("distance_m", "elevation_gain_m", "created_at", "updated_at")
    inlines = [RouteStopInline, AlbumsInline]
    fieldsets = (
        (None, {"fields": ("name", "slug", "kind", "difficulty", "municipality", "status", "published_at", "is_demo")}),
        (_("Description"), {"fields": ("summary", "description")}),
        (
            _("Track"),
            {"fields": ("gpx_file", "distance_m", "elevation_gain_m", "duration_minutes", "start_name", "end_name")},
        ),
        (_("Across the border"), {"fields": ("crosses_into", "border_crossing_note")}),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )

    @admin.display(description=_("distance (km)"), ordering="distance_m")
    def distance_km(self, route):
        return f"{route.distance_km:.1f}"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "crosses_into":
            # The other municipality is the point of this field: it is a destination, not an
            # owner, so it is not narrowed to the user's own municipality like ``municipality``.
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
