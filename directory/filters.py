"""The directory's filters and their facet counts.

Every filter lives in the URL (``?q=mill&country=BG&kind=company``), so a
search can be shared and works without JavaScript. Each option of a filter
shows how many results choosing it would give: the count is taken on the list
filtered by all the *other* filters (standard faceting), with at most one
aggregate query per filter, never one per option; the counts are cached until
content changes.
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.db import models
from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from core.models import Country, Direction, Municipality
from core.pagecache import cached_fragment
from directory.models import Kind, Organisation, SizeClass, SpokenLanguage
from directory.nace import NaceRevision, NaceSection
from search.filters import SearchTextFilter


class Sort(models.TextChoices):
    NAME = "name", _("Name (A–Z)")
    NEWEST = "newest", _("Newest entries first")
    OLDEST = "founded", _("Oldest founded first")


SORT_ORDER = {
    Sort.NAME: ("name", "pk"),
    Sort.NEWEST: ("-created_at", "-pk"),
    Sort.OLDEST: ("founded_year", "name", "pk"),
}


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


class OrganisationFilterSet(django_filters.FilterSet):
    # The site-wide search's matching and index: any script, diacritics, case, language.
    q = SearchTextFilter(label=_("Name or identifier"))
    country = django_filters.ChoiceFilter(method="filter_country", choices=Country.choices, label=_("Country"))
    # Choices are set per request in __init__, from the municipalities loaded once.
    municipality = django_filters.ChoiceFilter(method="filter_municipality", choices=[], label=_("Municipality"))
    direction = django_filters.ChoiceFilter(
        method="filter_direction", choices=Direction.Key.choices, label=_("Direction")
    )
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("Kind"))
    nace = django_filters.ChoiceFilter(method="filter_nace", choices=NaceSection.choices, label=_("Activity (NACE)"))
    size = django_filters.ChoiceFilter(field_name="size_class", choices=SizeClass.choices, label=_("Size"))
    language = django_filters.ChoiceFilter(
        method="filter_language", choices=SpokenLanguage.choices, label=_("Language spoken")
    )
    cooperation = django_filters.BooleanFilter(
        method="filter_cooperation", widget=forms.CheckboxInput, label=_("Open to cross-border cooperation")
    )
    sort = django_filters.ChoiceFilter(method="filter_sort", choices=Sort.choices, label=_("Sort by"))

    # The filters whose options show counts, in the order the form shows them.
    FACETS = ("country", "municipality", "direction", "kind", "nace", "size", "language", "cooperation")

    class Meta:
        model = Organisation
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Both municipalities, read once: they label the municipality filter and
        # turn country and municipality filters into conditions on
        # municipality_id, so that no query joins the municipality table.
        self.municipalities = list(Municipality.objects.all())
        self.filters["municipality"].extra["choices"] = [(m.slug, m.name) for m in self.municipalities]

    def _municipality_ids(self, *, country: str | None = None, slug: str | None = None) -> list[int]:
        return [m.pk for m in self.municipalities if m.country == country or m.slug == slug]

    def filter_country(self, queryset, name, value):
        return queryset.filter(municipality_id__in=self._municipality_ids(country=value))

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(municipality_id__in=self._municipality_ids(slug=value))

    def _direction_id(self, slug: str) -> int | None:
        ids = cached_fragment("direction-ids", None, lambda: dict(Direction.objects.values_list("slug", "pk")))
        return ids.get(slug)

    def filter_direction(self, queryset, name, value):
        direction_id = self._direction_id(value)
        return queryset.none() if direction_id is None else queryset.in_direction(direction_id)

    def filter_nace(self, queryset, name, value):
        # Sections are compared within the revision they belong to.
        return queryset.filter(nace_revision=NaceRevision.REV_2, nace_section=value)

    def filter_language(self, queryset, name, value):
        return queryset.speaking(value)

    def filter_cooperation(self, queryset, name, value):
        return queryset.filter(open_to_cooperation=True) if value else queryset

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, so that there is always an order

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort") or Sort.NAME
        return queryset.order_by(*SORT_ORDER[sort])

    # --- Facets -------------------------------------------------------------

    def facets(self) -> list[Facet]:
        """Every filter's options with the number of results each would give."""
        counts = self._counts["facets"]
        return [self._facet(name, counts[name]) for name in self.FACETS]

    @property
    def count(self) -> int:
        """How many organisations the filters select: the list's total, without a query of its own."""
        return self._counts["total"]

    @cached_property
    def _counts(self) -> dict:
        """The total and the facet counts, cached until content changes (``core.pagecache``).

        They are the same for every page and sort order of one set of filters,
        and over 100,000 organisations they are the costliest part of the page.
        """
        self.errors  # noqa: B018 (validates the form, so that cleaned_data exists)
        active = tuple(sorted((name, str(value)) for name, value in self._active().items()))
        return cached_fragment("directory-facets", active, self._count_all)

    def _active(self) -> dict:
        """The filters in use, with their values (an unticked checkbox is not in use)."""
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if name != "sort" and value not in EMPTY_VALUES and value is not False
        }

    def _count_all(self) -> dict:
        """A facet counts on the list filtered by every *other* filter.

        Facets whose own filter is not in use therefore share one base, the
        filtered list, and are counted together in one aggregate query with
        the total; each facet in use needs one more. So at most one query per
        facet, and one in all when no filter is set.
        """
        active = [name for name in self.FACETS if name in self._active()]
        shared = [name for name in self.FACETS if name not in active]
        counts = self._count(self._queryset_without(None), shared, total=True)
        for name in active:
            counts.update(self._count(self._queryset_without(name), [name]))
        total = counts.pop(None)
        return {"total": total, "facets": counts}

    def _queryset_without(self, excluded: str | None):
        """The base queryset filtered by every active filter except ``excluded`` (and the sort)."""
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name in (excluded, "sort") or value in EMPTY_VALUES:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    def _options(self, name: str) -> list[tuple[str, str]]:
        if name == "cooperation":
            return [("on", self.form.fields[name].label)]
        return [(str(value), label) for value, label in self.form.fields[name].choices if value != ""]

    def _option_condition(self, name: str, value: str) -> Q:
        if name == "direction":
            memberships = Organisation.directions.through.objects.filter(direction_id=self._direction_id(value))
            return Q(pk__in=memberships.values("organisation_id"))
        return {
            "country": lambda: Q(municipality_id__in=self._municipality_ids(country=value)),
            "municipality": lambda: Q(municipality_id__in=self._municipality_ids(slug=value)),
            "kind": lambda: Q(kind=value),
            "nace": lambda: Q(nace_revision=NaceRevision.REV_2, nace_section=value),
            "size": lambda: Q(size_class=value),
            "language": lambda: Q(languages__contains=[value]),
            "cooperation": lambda: Q(open_to_cooperation=True),
        }[name]()

    def _count(self, queryset, names: list[str], *, total: bool = False) -> dict[str | None, dict[str, int] | int]:
        """Counts for every option of the named facets (and the total, under None) in one aggregate query."""
        aggregates = {
            f"{index}_{option}": Count("pk", filter=self._option_condition(name, value))
            for index, name in enumerate(names)
            for option, (value, _label) in enumerate(self._options(name))
        }
        if total:
            aggregates["total"] = Count("pk")
        totals = queryset.aggregate(**aggregates)
        counts = {
            name: {value: totals[f"{index}_{option}"] for option, (value, _label) in enumerate(self._options(name))}
            for index, name in enumerate(names)
        }
        if total:
            counts[None] = totals["total"]
        return counts

    def _facet(self, name: str, counts: dict[str, int]) -> Facet:
        selected = self.form.cleaned_data.get(name)
        if name == "cooperation":
            selected = "on" if selected else None
        options = [
            FacetOption(value=value, label=str(label), count=counts[value], selected=value == selected)
            for value, label in self._options(name)
        ]
        return Facet(name=name, label=str(self.form.fields[name].label), options=options)
