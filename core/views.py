"""What the views of several apps share: the site's address for links in mail, the answer to a rate limit,
and the one filtered, paginated list every public list page is."""

import datetime
import operator
from dataclasses import dataclass
from functools import reduce

from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.utils.functional import cached_property
from django.views.generic import ListView

from core.structured_data import CollectionStructuredDataMixin


def site_root(request) -> str:
    """The address of the site's root as the visitor reached it, for absolute links in mail sent now."""
    return request.build_absolute_uri("/")


def refused_for_rate(view, form, message):
    """The form shown again with ``message`` above it and status 429: too many tries, what was typed kept."""
    form.add_error(None, message)
    response = view.form_invalid(form)
    response.status_code = 429
    return response


class ListPaginator(Paginator):
    """Pages of a list whose length is known already (the filter set counted it), up to ``max_pages``.

    A page far into a list of 100,000 rows costs the database an OFFSET scan
    of every row before it, so numbered pages stop at ``max_pages``; the list
    goes on from there in keyset pages (``?after=``), which cost the same
    wherever they are.
    """

    def __init__(self, object_list, per_page, *, count: int | None = None, max_pages: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.total = count
        self.max_pages = max_pages

    @cached_property
    def count(self) -> int:
        total = super().count if self.total is None else self.total
        return total if self.max_pages is None else min(total, self.per_page * self.max_pages)

    @property
    def capped(self) -> bool:
        return self.total is not None and self.total > self.count

    def page(self, number):
        """The page's rows, found by their ids first: the skipped rows are read from an index only."""
        if not isinstance(self.object_list, QuerySet):
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list.filter(pk__in=self.object_list.values("pk")[bottom:top])
        return self._get_page(rows, number, self)


class KeysetPage:
    """A page after a given row, in the list's own order: the list beyond its numbered pages."""

    number = None
    keyset = True

    def __init__(self, rows: list, per_page: int, paginator):
        self.object_list = rows[:per_page]
        self.paginator = paginator
        self.next_after = self.object_list[-1].pk if len(rows) > per_page else None

    def has_next(self) -> bool:
        return self.next_after is not None

    def has_previous(self) -> bool:
        return False

    def has_other_pages(self) -> bool:
        return True


def keyset_condition(queryset, after_pk) -> Q | None:
    """The rows of ``queryset`` that come after row ``after_pk`` in its ordering (None: no such row).

    The ordering must end with the primary key, so that it is total. NULLs
    come last in ascending and first in descending order, as in PostgreSQL.
    """
    model = queryset.model
    ordering = [(name.lstrip("-"), name.startswith("-")) for name in queryset.query.order_by]
    names = [("pk" if name == model._meta.pk.name else name) for name, _desc in ordering]
    if not names or names[-1] != "pk":
        raise ValueError("A keyset ordering ends with the primary key.")
    values = model._base_manager.filter(pk=after_pk).values(*names).first()
    if values is None:
        return None
    disjuncts, equal = [], Q()
    for name, (_field, descending) in zip(names, ordering, strict=True):
        value = values[name]
        nullable = name != "pk" and model._meta.get_field(name).null
        if value is None:
            after = Q(**{f"{name}__isnull": False}) if descending else None
            same = Q(**{f"{name}__isnull": True})
        else:
            after = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
            if nullable and not descending:
                after |= Q(**{f"{name}__isnull": True})
            same = Q(**{name: value})
        if after is not None:
            disjuncts.append(equal & after)
        equal &= same
    return reduce(operator.or_, disjuncts) if disjuncts else Q(pk__in=[])


class FilteredListView(CollectionStructuredDataMixin, ListView):
    """A public list with its filters (a ``core.filters.FacetedFilterSet``), facet counts, chips and pages.

    Subclasses set ``filterset_class`` and ``get_base_queryset()``. Pages never
    answer 404 for a number a link could offer: a number past the end shows the
    last page, one that is not a number the first. With ``max_pages`` set, the
    numbered pages stop there and "next" goes on with keyset pages (``?after=``).
    """

    filterset_class = None
    paginate_by = 24
    max_pages: int | None = None
    # Whether the filter selects show how many results each option would give.
    facet_counts = True
    keyset_kwarg = "after"
    # Strict: a value no option has (?municipality=atlantis) selects nothing, and its field says why.
    # Not strict: such a value is left out and the rest of the filters apply.
    strict = True
    # Filters of the filter set this page does not offer (the event archive's dates).
    skip_filters = ()

    def get_base_queryset(self):
        raise NotImplementedError

    def get_filterset(self, queryset=None):
        if queryset is None:
            queryset = self.get_base_queryset()
        return self.filterset_class(self.request.GET, queryset=queryset, request=self.request)

    def get_queryset(self):
        self.filterset = self.get_filterset()
        return self.filterset.qs if self._selects_anything() else self.filterset.queryset.none()

    def _selects_anything(self) -> bool:
        return not self.strict or self.filterset.is_valid()

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        counted = self.facet_counts and isinstance(queryset, QuerySet)
        return ListPaginator(
            queryset,
            per_page,
            count=(self.filterset.count if self._selects_anything() else 0) if counted else None,
            max_pages=self.max_pages,
            orphans=orphans,
            allow_empty_first_page=allow_empty_first_page,
        )

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, orphans=self.get_paginate_orphans())
        after = self.request.GET.get(self.keyset_kwarg, "")
        if self.max_pages and after.isdigit():
            condition = keyset_condition(queryset, int(after))
            if condition is not None:
                page = KeysetPage(list(queryset.filter(condition)[: page_size + 1]), page_size, paginator)
                return paginator, page, page.object_list, True
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        page.keyset = False
        page.next_after = None
        if paginator.capped and page.number == paginator.num_pages and page.object_list:
            page.next_after = list(page.object_list)[-1].pk
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        facets = self.filterset.facets() if self.facet_counts else []
        context = super().get_context_data(**kwargs)
        context.update(filter_form_context(self.filterset, self.request, facets=facets, skip=self.skip_filters))
        context["facets"] = facets
        paginator = context.get("paginator")
        if paginator is not None:
            context["result_count"] = paginator.count if paginator.total is None else paginator.total
        return context


def filter_form_context(filterset, request, *, facets=(), skip=()) -> dict:
    """What ``includes/_filter_form.html`` shows: each field (with its facet counts, if any) and the chips.

    ``filter_query`` is the query string without the page, for links that keep the filters.
    """
    query = request.GET.copy()
    for name in ("page", FilteredListView.keyset_kwarg):
        query.pop(name, None)
    by_name = {facet.name: facet for facet in facets}
    return {
        "filter": filterset,
        "filter_fields": [(field, by_name.get(field.name)) for field in filterset.form if field.name not in skip],
        "filter_query": query.urlencode(),
        "chips": [chip for chip in filterset.chips(query) if chip["name"] not in skip],
    }


# The first path segment, after the language prefix, of every preview page (portal.preview):
# the page cache never stores or serves a page under it.
PREVIEW_SEGMENT = "preview"


@dataclass(frozen=True)
class Preview:
    """A page shown before its record is public: the record, and how the reader came (docs/STAFF.md).

    ``shared``: through a share link (a reviewer without an account), valid until ``expires_at``;
    otherwise a staff member of the record's municipality.
    """

    obj: object
    shared: bool = False
    expires_at: datetime.datetime | None = None

    @property
    def model(self):
        return type(self.obj)


class PreviewableDetailMixin:
    """A detail view of a publishable record that also shows the one record a preview names.

    The view defines ``get_detail_queryset()`` (its joins, without ``published()``); readers get
    ``published()`` of it. A preview page (``portal.preview``), which has checked the staff
    member's permission or the share link, sets ``request.preview``: then the record it names is
    shown whatever its state, through the same template, and the page says it is a preview.
    """

    def get_queryset(self):
        queryset = self.get_detail_queryset()
        preview = getattr(self.request, "preview", None)
        if preview is not None and preview.model is queryset.model:
            return queryset.filter(pk=preview.obj.pk)
        return queryset.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = getattr(self.request, "preview", None)
        return context
