"""One filter set for every public list: each facet declared once, as one ``Q``, with its counts derived.

Every filter lives in the query string (``?kind=company&municipality=medijana``),
so a list can be shared and works without JavaScript. A facet is a filter
declared with ``FacetFilter`` (or ``FacetBooleanFilter``); the condition it
stands for is one ``Q``, from ``condition_<name>(value)`` on the filter set or,
by default, ``Q(<field_name>=value)``. The same ``Q`` filters the list and
counts the options, so the two can never disagree.

Each option shows how many results choosing it would give: the count is taken
on the list filtered by all the *other* filters (standard faceting). Facets
whose own filter is not in use share one base, the filtered list, and are
counted together with the total in one aggregate query; each facet in use
needs one more. The counts are cached until content changes
(``core.pagecache``), for every page and sort order of one set of filters.
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from core.models import Direction, Municipality
from core.pagecache import cached_fragment


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    options: list[FacetOption]
    checkbox: bool = False
    empty_label: str = ""


class FacetMixin:
    """A filter whose condition is the filter set's ``condition(name, value)``: one ``Q`` for filtering and counting."""

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        return qs.filter(self.parent.condition(self.facet_name, value))


class FacetFilter(FacetMixin, django_filters.ChoiceFilter):
    pass


class FacetBooleanFilter(FacetMixin, django_filters.BooleanFilter):
    """A single tick box ("Open to cooperation"): ticked filters, unticked does not."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        return super().filter(qs, True) if value else qs


class MunicipalityFacet(FacetFilter):
    """The two municipalities by slug; their labels come from the rows read once per filter set."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Municipality"))
        kwargs.setdefault("empty_label", _("Both municipalities"))
        kwargs.setdefault("choices", [])
        super().__init__(*args, **kwargs)


class DirectionFacet(FacetFilter):
    """The portal's directions by slug (their keys are fixed), as a condition on the direction's id."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Direction"))
        kwargs.setdefault("empty_label", _("All directions"))
        kwargs.setdefault("choices", Direction.Key.choices)
        super().__init__(*args, **kwargs)


def direction_id(slug: str) -> int | None:
    """A direction's id by its slug, from a map read once until content changes."""
    ids = cached_fragment("direction-ids", None, lambda: dict(Direction.objects.values_list("slug", "pk")))
    return ids.get(slug)


class FacetedFilterSet(django_filters.FilterSet):
    """A FilterSet whose ``FacetFilter``s show counts; subclasses name their cache (``facet_cache``)."""

    # The fragment name the counts are cached under (``core.pagecache``); one per list.
    facet_cache = ""
    # Filters that order the list rather than select from it: never a facet, never a chip.
    ordering_filters = ("sort",)
    # Options no result has are left out (the board's many sectors); a selected one always stays.
    hide_empty_options = False
    # Lists that depend on today's date (what has expired, what is ongoing) count anew each day.
    facet_cache_by_day = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, each in self.filters.items():
            each.facet_name = name  # the filter's name in the query string, for condition()
        for each in self.filters.values():
            if isinstance(each, MunicipalityFacet):
                # Read only when the options are shown or a value is checked (a feed with no filter reads none).
                # A function, not a bound method: forms deep-copy their fields, and a function is copied as is.
                each.extra["choices"] = lambda: [(m.slug, m.name) for m in self.municipalities]

    @cached_property
    def municipalities(self) -> list[Municipality]:
        """Both municipalities, read once: they label the filter and turn it into a condition on
        municipality ids, so that no count joins the municipality table."""
        return list(Municipality.objects.all())

    def municipality_ids(self, *, slug: str | None = None, country: str | None = None) -> list[int]:
        return [m.pk for m in self.municipalities if m.slug == slug or m.country == country]

    # --- Conditions ---------------------------------------------------------

    def condition(self, name: str, value) -> Q:
        """The one ``Q`` a facet's value stands for: ``condition_<name>(value)``, else an equality."""
        method = getattr(self, f"condition_{name}", None)
        if method is not None:
            return method(value)
        field = self.filters[name]
        if isinstance(field, MunicipalityFacet):
            return Q(**{f"{field.field_name}_id__in": self.municipality_ids(slug=value)})
        if isinstance(field, DirectionFacet):
            return Q(**{f"{field.field_name}_id": direction_id(value)})
        if isinstance(field, FacetBooleanFilter):
            return Q(**{field.field_name: True})
        return Q(**{field.field_name: value})

    @property
    def facet_names(self) -> list[str]:
        return [name for name, each in self.filters.items() if isinstance(each, FacetMixin)]

    # --- What is chosen -----------------------------------------------------

    def active(self) -> dict:
        """The filters in use, with their values (an unticked box and the sort order are not filters)."""
        self.errors  # noqa: B018 (validates the form, so that cleaned_data exists)
        data = getattr(self.form, "cleaned_data", {})
        return {
            name: value
            for name, value in data.items()
            if name not in self.ordering_filters and value not in EMPTY_VALUES and value is not False
        }

    def chips(self, query) -> list[dict]:
        """Each filter in use as a chip: its label, its value's label and the list's address without it."""
        chips = []
        for name, value in self.active().items():
            field = self.form.fields[name]
            if isinstance(field, forms.BooleanField):
                shown = field.label
            elif hasattr(field, "choices"):
                shown = {str(key): label for key, label in field.choices}.get(
                    str(getattr(value, "pk", value)), str(value)
                )
                shown = f"{field.label}: {shown}"
            else:
                shown = f"{field.label}: {value}"
            without = query.copy()
            without.pop(name, None)
            chips.append({"name": name, "label": str(shown), "query": without.urlencode()})
        return chips

    # --- Counts -------------------------------------------------------------

    def facets(self) -> list[Facet]:
        """Every facet's options with the number of results each would give."""
        counts = self._counts["facets"]
        return [self._facet(name, counts[name]) for name in self.facet_names]

    @property
    def count(self) -> int:
        """How many rows the filters select: the list's total, without a query of its own."""
        return self._counts["total"]

    @cached_property
    def _counts(self) -> dict:
        active = tuple(sorted((name, str(getattr(value, "pk", value))) for name, value in self.active().items()))
        parts = (active, timezone.localdate()) if self.facet_cache_by_day else active
        return cached_fragment(f"facets:{self.facet_cache or type(self).__name__}", parts, self._count_all)

    def _count_all(self) -> dict:
        active = self.active()
        names = self.facet_names
        shared = [name for name in names if name not in active]
        counts = self._count(self._queryset_without(None), shared, total=True)
        for name in names:
            if name in active:
                counts.update(self._count(self._queryset_without(name), [name]))
        return {"total": counts.pop(None), "facets": counts}

    def _queryset_without(self, excluded: str | None):
        """The base queryset filtered by every active filter except ``excluded``, unordered."""
        queryset = self.queryset
        for name, value in self.active().items():
            if name != excluded:
                queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    def options(self, name: str) -> list[tuple[str, str]]:
        field = self.form.fields[name]
        if isinstance(field, forms.BooleanField):
            return [("on", str(field.label))]
        return [(str(value), str(label)) for value, label in field.choices if value not in EMPTY_VALUES]

    def _option_condition(self, name: str, value: str) -> Q:
        return self.condition(name, True if value == "on" else value)

    def _count(self, queryset, names: list[str], *, total: bool = False) -> dict:
        """Counts for every option of the named facets (and the total, under None) in one aggregate query."""
        aggregates = {
            f"f{index}_{option}": Count("pk", filter=self._option_condition(name, value))
            for index, name in enumerate(names)
            for option, (value, _label) in enumerate(self.options(name))
        }
        if total:
            aggregates["total"] = Count("pk")
        if not aggregates:
            return {}
        totals = queryset.aggregate(**aggregates)
        counts = {
            name: {value: totals[f"f{index}_{option}"] for option, (value, _label) in enumerate(self.options(name))}
            for index, name in enumerate(names)
        }
        if total:
            counts[None] = totals["total"]
        return counts

    def _facet(self, name: str, counts: dict[str, int]) -> Facet:
        field = self.form.fields[name]
        selected = self.active().get(name)
        checkbox = isinstance(field, forms.BooleanField)
        selected = ("on" if selected else None) if checkbox else str(getattr(selected, "pk", selected))
        options = [
            FacetOption(value=value, label=label, count=counts[value], selected=value == selected)
            for value, label in self.options(name)
            if counts[value] or value == selected or not self.hide_empty_options
        ]
        empty_label = next((str(label) for value, label in getattr(field, "choices", []) if value == ""), "")
        return Facet(name=name, label=str(field.label), options=options, checkbox=checkbox, empty_label=empty_label)
