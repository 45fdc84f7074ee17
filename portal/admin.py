"""The admin of the site core's records, here because it joins core, the staff workspace and search."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from core.models import AccessibilityStatement, Direction, InformationCentre, Municipality
from media_library.fields import CheckedImageFormField, image_reencoded
from portal.models import FeaturedSight
from search.admin import SearchIndexedAdminMixin
from staff.admin.options import GlobalContentAdmin, MunicipalityContentAdmin, MunicipalityScopedInlineMixin
from staff.models import StaffRole
from staff.roles import EDIT_ONLY, staff_role, staff_scope


class InformationCentreInline(MunicipalityScopedInlineMixin, TranslationStackedInline):
    model = InformationCentre
    can_delete = False


class MunicipalityForm(forms.ModelForm):
    """The emblem goes through the media library's checks and is re-encoded, like every image of the portal.

    (core cannot use ``media_library.fields.CheckedImageField`` itself: core imports no app.)
    """

    emblem = CheckedImageFormField(required=False, label=Municipality._meta.get_field("emblem").verbose_name)

    def clean_emblem(self):
        emblem = self.cleaned_data.get("emblem")
        if emblem and emblem is not self.initial.get("emblem") and hasattr(emblem, "content_type"):
            return image_reencoded(emblem, max_width=512)
        return emblem


@admin.register(Municipality)
class MunicipalityAdmin(SearchIndexedAdminMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    form = MunicipalityForm
    # Staff edit their own municipality's record; only portal administrators add or delete one.
    municipality_lookup = "pk"
    role_permissions = EDIT_ONLY
    list_display = ("name", "country", "seat", "population", "population_year")
    list_filter = ("country",)
    search_fields = ("name_bg", "name_sr", "name_en", "seat_bg", "seat_sr", "seat_en")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [InformationCentreInline]

    def get_readonly_fields(self, request, obj=None):
        # The review step is the moderators' to turn on or off: an editor cannot skip it.
        readonly = tuple(super().get_readonly_fields(request, obj))
        if not staff_scope(request.user).everything and staff_role(request.user) != StaffRole.MODERATOR:
            readonly = (*readonly, "review_required")
        return readonly


@admin.register(InformationCentre)
class InformationCentreAdmin(SearchIndexedAdminMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    municipality_lookup = "municipality"
    role_permissions = EDIT_ONLY
    list_display = ("name", "municipality", "phone", "email")
    list_select_related = ("municipality",)
    search_fields = ("name_bg", "name_sr", "name_en")
    autocomplete_fields = ("municipality",)


@admin.register(Direction)
class DirectionAdmin(GlobalContentAdmin, TabbedTranslationAdmin):
    list_display = ("name", "slug", "order")
    # The four directions are the site's navigation; their keys never change.
    readonly_fields = ("slug",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessibilityStatement)
class AccessibilityStatementAdmin(MunicipalityContentAdmin, TabbedTranslationAdmin):
    """Each municipality's statement in the EU model (Decision (EU) 2018/1523), kept by its own staff."""

    municipality_lookup = "municipality"
    role_permissions = EDIT_ONLY
    list_display = ("municipality", "compliance", "prepared_on", "reviewed_on")
    list_select_related = ("municipality",)
    fieldsets = [
        (None, {"fields": ("municipality", "standard", "compliance")}),
        (_("Content that is not accessible"), {"fields": ("non_accessible_content", "alternatives")}),
        (_("Preparation"), {"fields": ("prepared_on", "reviewed_on", "method", "method_notes")}),
        (_("Enforcement procedure"), {"fields": ("enforcement",)}),
    ]


@admin.register(FeaturedSight)
class FeaturedSightAdmin(MunicipalityContentAdmin, admin.ModelAdmin):
    """The sights on the home page; a municipality with none gets its sights with photos."""

    municipality_lookup = "municipality"
    list_display = ("sight", "municipality", "order")
    list_editable = ("order",)
    list_select_related = ("sight", "municipality")
    autocomplete_fields = ("sight",)
