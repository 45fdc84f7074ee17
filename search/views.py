from dataclasses import dataclass

from django.db.models import F
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.generic import TemplateView

from core.models import Direction, Municipality
from search import registry, services
from search.forms import SearchForm
from search.models import CANDIDATES, TOP_UP_BELOW, QueryStatistic, SearchEntry, query_words
from search.normalise import _TOKEN, normalise
from search.services import log_key

PAGE_SIZE = 20


@dataclass(frozen=True)
class ResultsPage:
    """One page of results; ``pages`` is None when only "more than CANDIDATES" is known.

    It answers what the one pagination partial (``includes/_pagination.html``) asks a
    Django page and its paginator (``page_obj=page paginator=page``).
    """

    number: int
    pages: int | None
    has_next: bool
    keyset = False
    next_after = None

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def num_pages(self) -> int | None:
        return self.pages

    @property
    def start_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1


class SearchView(TemplateView):
    """Results of every type together, with type, municipality and direction filters.

    Five queries whatever the number of hits: the navigation, the search's
    candidates (facet counts and ranking), the page's entries, the
    municipalities and the directions; each reads a bounded number of rows.
    """

    template_name = "search/searchentry_list.html"

    @cached_property
    def form(self) -> SearchForm:
        return SearchForm(self.request.GET or None)

    def get_context_data(self, **kwargs):
        text, filters, number = self.form.search_parameters()
        context = {"form": self.form, "query": text, "search_query": text, "filters": filters, **kwargs}
        if not query_words(text):
            return super().get_context_data(**context)
        found = SearchEntry.objects.search(text, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE + 1, **filters)
        facets, results = found.facets, found.entries
        if number == 1 and not any(filters.values()):
            services.log_search(text, facets.total)
        pages = max(1, -(-facets.total // PAGE_SIZE)) if facets.total_exact else None
        if number > (pages or -(-CANDIDATES // PAGE_SIZE)):
            raise Http404(_("There is no such page of results."))
        municipalities = {municipality.pk: municipality for municipality in Municipality.objects.all()}
        for result in results:
            result.shown_municipality = municipalities.get(result.municipality_id)
        return super().get_context_data(
            query_words=[*query_words(text), *found.suggestion.split()],
            results=results[:PAGE_SIZE],
            page=ResultsPage(number=number, pages=pages, has_next=len(results) > PAGE_SIZE),
            facets=facets,
            candidates=CANDIDATES,
            kind_labels=registry.kind_labels(),
            facet_menus=self.facet_menus(facets, filters, municipalities.values()),
            suggestion=self.suggestion(found, results),
            logged_query=log_key(text),
            **context,
        )

    def suggestion(self, found, results) -> str:
        """The close spelling that found the results, in the words the results' titles show, or ""."""
        if not found.suggestion or found.strict_total >= TOP_UP_BELOW:
            return ""
        shown = {}
        for result in results:
            for token in _TOKEN.findall(result.title):
                shown.setdefault(normalise(token), token.lower())
        return " ".join(shown.get(word, word) for word in found.suggestion.split())

    def facet_menus(self, facets, filters: dict, municipalities) -> list[dict]:
        """Each filter as a menu of links, with the number of results each option gives.

        Past CANDIDATES hits every option is offered and the counts are those of the
        first CANDIDATES hits: lower bounds, marked so (``at_least``); an option none of
        them has is offered without a count.
        """
        capped = facets.capped
        kinds = [
            (kind, label, facets.kinds[kind])
            for kind, label in registry.kind_labels().items()
            if capped or facets.kinds[kind] or kind == filters["kind"]
        ]
        municipalities = [
            (municipality.pk, municipality.name, facets.municipalities[municipality.pk])
            for municipality in municipalities
            if capped or facets.municipalities[municipality.pk] or municipality.pk == filters["municipality"]
        ]
        directions = [
            (direction.slug, direction.name, facets.directions[direction.slug])
            for direction in Direction.objects.all()
            if capped or facets.directions[direction.slug] or direction.slug == filters["direction"]
        ]
        return [
            self._menu("kind", _("Type"), _("All types"), kinds, filters, capped),
            self._menu("municipality", _("Municipality"), _("Both municipalities"), municipalities, filters, capped),
            self._menu("direction", _("Direction"), _("All directions"), directions, filters, capped),
        ]

    def _menu(
        self, name: str, heading: str, all_label: str, options: list[tuple], filters: dict, at_least: bool
    ) -> dict:
        selected = filters[name]
        return {
            "name": name,
            "heading": heading,
            "all_label": all_label,
            "all_url": self._url(**{name: None}),
            "selected": selected,
            "options": [
                {
                    "label": label,
                    "count": count if count or not at_least else None,
                    "at_least": at_least,
                    "url": self._url(**{name: value}),
                    "selected": value == selected,
                }
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


@csrf_exempt  # a browser's ping carries no token; it can only add one to a counter
@require_http_methods(["GET", "POST"])
def result_click(request, pk: int):
    """Count a click on a result for the query it answered (aggregated: nothing about the reader).

    Result links carry it in their ``ping`` attribute: the browser POSTs here as
    it follows the link, which stays the entry's own address. A GET (a browser
    without pings, a copied address) counts and redirects to the entry.
    """
    entry = get_object_or_404(SearchEntry.objects.visible(), pk=pk)
    query = log_key(request.GET.get("q", ""))
    if query:
        QueryStatistic.objects.filter(query=query).update(clicks=F("clicks") + 1)
    if request.method == "POST":
        return HttpResponse(status=204)
    return redirect(entry.get_absolute_url())
