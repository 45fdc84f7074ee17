"""Admin integration: re-index on every admin save, delete and bulk delete.

Apps add :class:`SearchIndexedAdminMixin` to the ModelAdmin of each
searchable model (before the admin base class). Custom bulk actions that
change what may be found run their change inside
``with self.search_reindexed(queryset):`` (or call a service of their app
that calls :func:`search.services.index_objects`).
"""

from contextlib import contextmanager

from django import forms
from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from search import registry
from search.models import Promotion, QueryStatistic, SearchEntry, Synonym, query_words
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
            for obj in formset.new_objects + [obj for obj, _changed in formset.changed_objects]:
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


class SynonymForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("type listed first"), required=False)

    class Meta:
        model = Synonym
        fields = ("term", "words", "kind")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "—"), *registry.kind_labels().items()]

    def clean_term(self):
        term = self.cleaned_data["term"]
        if not query_words(term):
            raise forms.ValidationError(_("Type a word: letters or digits."))
        return term

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("words") and not cleaned.get("kind"):
            raise forms.ValidationError(_("Give words to search for, a type to list first, or both."))
        return cleaned


@admin.register(Synonym)
class SynonymAdmin(PortalAdministratorsOnlyAdminMixin, admin.ModelAdmin):
    """Everyday words for kinds of things, in any language and script: what a query holding them also finds."""

    form = SynonymForm
    list_display = ("term", "words", "kind")
    list_filter = ("kind",)
    search_fields = ("term", "words", "canonical")


class NoResultsFilter(admin.SimpleListFilter):
    title = _("results")
    parameter_name = "found"

    def lookups(self, request, model_admin):
        return [("none", _("No results")), ("some", _("Some results"))]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(results=0)
        if self.value() == "some":
            return queryset.filter(results__gt=0)
        return queryset


@admin.register(QueryStatistic)
class QueryStatisticAdmin(PortalAdministratorsOnlyAdminMixin, admin.ModelAdmin):
    """The most frequent queries, and those that found nothing: counts only, nothing about who searched."""

    list_display = ("query", "searches", "results", "clicks", "last_searched")
    list_filter = (NoResultsFilter, "last_searched")
    search_fields = ("query",)
    ordering = ("-searches", "query")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PromotionForm(forms.ModelForm):
    class Meta:
        model = Promotion
        fields = ("query", "entry", "order")

    def clean_query(self):
        query = self.cleaned_data["query"]
        if not query_words(query):
            raise forms.ValidationError(_("Type a word: letters or digits."))
        return query


@admin.register(Promotion)
class PromotionAdmin(PortalAdministratorsOnlyAdminMixin, admin.ModelAdmin):
    """Results pinned to the top of a query's results, in their order."""

    list_display = ("query", "entry", "order")
    search_fields = ("query", "canonical")
    raw_id_fields = ("entry",)
    form = PromotionForm
