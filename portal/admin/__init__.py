from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from portal.admin import users  # noqa: F401  (registers the staff user and group admins)
from portal.admin.options import GlobalContentAdmin, MunicipalityContentAdmin, MunicipalityScopedInlineMixin
from portal.admin.scoping import PortalAdministratorsOnlyAdminMixin
from portal.models import Direction, InformationCentre, Municipality
from portal.roles import EDIT_ONLY
from search.admin import SearchIndexedAdminMixin

admin.site.site_header = _("Most: administration")
admin.site.site_title = _("Most administration")
admin.site.index_title = _("Content of both municipalities")


class InformationCentreInline(MunicipalityScopedInlineMixin, TranslationStackedInline):
    model = InformationCentre
    can_delete = False


@admin.register(Municipality)
class MunicipalityAdmin(SearchIndexedAdminMixin, MunicipalityContentAdmin, TabbedTranslationAdmin):
    # Staff edit their own municipality's record; only portal administrators add or delete one.
    municipality_lookup = "pk"
    role_permissions = EDIT_ONLY
    list_display = ("name", "country", "seat", "population", "population_year")
    list_filter = ("country",)
    search_fields = ("name_bg", "name_sr", "name_en", "seat_bg", "seat_sr", "seat_en")
    prepopulated_fields = {"slug": ("name_en",)}
    inlines = [InformationCentreInline]


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


# Log-in attempts (django-axes) are the portal administrators' business.
for model, model_admin in (
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
        admin.site.register(model, type(model_admin.__name__, (PortalAdministratorsOnlyAdminMixin, model_admin), {}))
