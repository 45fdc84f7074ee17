"""Admin integration: re-index on every admin save, delete and bulk delete.

Apps add :class:`SearchIndexedAdminMixin` to the ModelAdmin of each
searchable model (before the admin base class). Custom bulk actions that
change what may be found run their change inside
``with self.search_reindexed(queryset):`` (or call a service of their app
that calls :func:`search.services.index_objects`).
"""

from contextlib import contextmanager

from django.contrib import admin
from django.db import transaction

from search import registry
from search.models import SearchEntry
from search.services import index_objects, index_remove, index_update
from staff.admin.scoping import PortalAdministratorsOnlyAdminMixin


class SearchIndexedAdminMixin:
    def save_related(self, request, form, formsets, change):
        # Called after save_model by the change form and by list_editable
        # saves, once inlines are saved, so the index sees them too.
        super().save_related(request, form, formsets, change)
        if registry.get(type(form.instance)):
            index_update(form.instance)
        for formset in formsets:
            if not registry.get(formset.model):
                continue
            for obj in formset.new_objects + [obj for obj, _ in formset.changed_objects]:
                index_update(obj)
            if formset.deleted_objects:
                index_remove(model=formset.model, pks=[obj.pk for obj in formset.deleted_objects if obj.pk])

    def delete_model(self, request, obj):
        model, pk = type(obj), obj.pk
        super().delete_model(request, obj)
        index_remove(model=model, pks=[pk])

    def delete_queryset(self, request, queryset):
        model, pks = queryset.model, list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        index_remove(model=model, pks=pks)

    @contextmanager
    def search_reindexed(self, queryset):
        """Re-index the objects of ``queryset`` once the block has changed them (publish, archive...).

        Their keys are read before the block: an action's queryset carries the
        change list's filters ("drafts"), which may no longer select them after
        the change. One transaction: the index changes with the objects or not at all.
        """
        with transaction.atomic():
            pks = list(queryset.values_list("pk", flat=True))
            yield
            index_objects(model=queryset.model, pks=pks)


@admin.register(SearchEntry)
class SearchEntryAdmin(PortalAdministratorsOnlyAdminMixin, admin.ModelAdmin):
    """The index, read-only: for staff to see what search finds and why."""

    list_display = ("__str__", "kind", "municipality", "indexed_at")
    list_filter = ("kind", "municipality")
    search_fields = ("title_bg", "title_sr", "title_en")
    list_select_related = ("municipality",)
    exclude = ("document", "keys", "title_keys")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
