from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from portal.models import Direction, InformationCentre, Municipality
from search.admin import SearchIndexedAdminMixin

admin.site.site_header = _("Most: administration")
admin.site.site_title = _("Most administration")
admin.site.index_title = _("Content of both municipalities")


class InformationCentreInline(TranslationStackedInline):
    model = InformationCentre
    can_delete = False


@admin.register(Municipality)
class MunicipalityAdmin(SearchIndexedAdminMixin, TabbedTranslationAdmin):
    list_display = ("name", "country", "seat", "population", "population_year")
    list_filter = ("country",)
    search_fields = ("name_bg", "name_sr", "name_en", "seat_bg", "seat_sr", "seat_en")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [InformationCentreInline]


@admin.register(InformationCentre)
class InformationCentreAdmin(SearchIndexedAdminMixin, TabbedTranslationAdmin):
    list_display = ("name", "municipality", "phone", "email")
    list_select_related = ("municipality",)


@admin.register(Direction)
class DirectionAdmin(TabbedTranslationAdmin):
    list_display = ("name", "slug", "order")
    # The four directions are the site's navigation; their keys never change.
    readonly_fields = ("slug",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
