from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import ListView

from portal.models import Direction, Municipality
from search import registry
from search.forms import SearchForm
from search.models import SearchEntry, query_words


class CountedPaginator(Paginator):
    """A paginator told the number of hits, which the facet query has already counted."""

    def __init__(self, object_list, per_page, *, count: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = count  # fills the cached property: no COUNT query


class SearchView(ListView):
    """Results of every type together, with type, municipality and direction filters.

    A fixed number of queries whatever the number of hits: the facet counts
    (one grouped query), the page of results, the municipalities and the
    directions named in the filters.
    """

    template_name = "search/searchentry_list.html"
    context_object_name = "results"
    paginate_by = 20

    @cached_property
    def form(self) -> SearchForm:
        return SearchForm(self.request.GET or None)

    @cached_property
    def parameters(self) -> tuple[str, dict]:
        return self.form.search_parameters() if self.form.is_bound else ("", SearchForm.empty_filters())

    @cached_property
    def facets(self):
        text, filters = self.parameters
        return SearchEntry.objects.matching(text).facets(**filters)

    def get_queryset(self):
        text, filters = self.parameters
        return SearchEntry.objects.ranked(text).filtered(**filters).select_related("municipality")

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return CountedPaginator(
            queryset, per_page, count=self.facets.total, orphans=orphans, allow_empty_first_page=allow_empty_first_page
        )

    def get_context_data(self, **kwargs):
        text, filters = self.parameters
        return super().get_context_data(
            form=self.form,
            query=text,
            search_query=text,
            query_words=query_words(text),
            filters=filters,
            total=self.facets.total,
            kind_labels=registry.kind_labels(),
            facets=self.facet_menus(filters) if text else [],
            **kwargs,
        )

    def facet_menus(self, filters: dict) -> list[dict]:
        """Each filter as a menu of links, with the number of results each option gives."""
        facets = self.facets
        kinds = [
            (kind, label, facets.kinds[kind])
            for kind, label in registry.kind_labels().items()
            if facets.kinds[kind] or kind == filters["kind"]
        ]
        shown = [*facets.municipalities, filters["municipality"] or 0]
        municipalities = [
            (municipality.pk, municipality.name, facets.municipalities[municipality.pk])
            for municipality in Municipality.objects.filter(pk__in=shown)
        ]
        directions = [
            (direction.slug, direction.name, facets.directions[direction.slug])
            for direction in Direction.objects.all()
            if facets.directions[direction.slug] or direction.slug == filters["direction"]
        ]
        return [
            self._menu("kind", _("Type"), _("All types"), kinds, filters["kind"]),
            self._menu(
                "municipality", _("Municipality"), _("Both municipalities"), municipalities, filters["municipality"]
            ),
            self._menu("direction", _("Direction"), _("All directions"), directions, filters["direction"]),
        ]

    def _menu(self, name: str, heading: str, all_label: str, options: list[tuple], selected) -> dict:
        return {
            "name": name,
            "heading": heading,
            "all_label": all_label,
            "all_url": self._url(**{name: None}),
            "selected": selected,
            "options": [
                {"label": label, "count": count, "url": self._url(**{name: value}), "selected": value == selected}
                for value, label, count in options
            ],
        }

    def _url(self, **changes) -> str:
        """This page's query string with ``changes``, back on the first page."""
        params = self.request.GET.copy()
        params.pop("page", None)
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return f"?{params.urlencode()}"
