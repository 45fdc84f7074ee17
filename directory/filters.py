"""The directory's filters and their facet counts.

Every filter lives in the URL (``?q=mill&country=BG&kind=company``), so a
search can be shared and works without JavaScript. Each option of a filter
shows how many results choosing it would give: the count is taken on the list
filtered by all the *other* filters (standard faceting), with one aggregate
query per filter, never one per option.
"""

from dataclasses import dataclass

import django_filters
from django import forms
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from directory.models import Kind, Organisation, SizeClass, SpokenLanguage
from directory.nace import NaceRevision, NaceSection
from portal.models import Country, Direction, Municipality


class Sort(models.TextChoices):
    NAME = "name", _("Name (A–Z)")
    NEWEST = "newest", _("Newest entries first")
    OLDEST = "founded", _("Oldest founded first")


SORT_ORDER = {
    Sort.NAME: ("name", "pk"),
    Sort.NEWEST: ("-created_at", "-pk"),
    Sort.OLDEST: ("founded_year", "name", "pk"),
}


def municipality_choices():
    return [(municipality.slug, municipality.name) for municipality in Municipality.objects.all()]


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
    q = django_filters.CharFilter(method="filter_text", label=_("Name or identifier"))
    country = django_filters.ChoiceFilter(method="filter_country", choices=Country.choices, label=_("Country"))
    municipality = django_filters.ChoiceFilter(
        field_name="municipality__slug", choices=municipality_choices, label=_("Municipality")
    )
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
    # Facets counted by grouping on one column; the others have a _count_<name> method.
    FIELDS = {"municipality": "municipality__slug", "kind": "kind", "size": "size_class"}

    class Meta:
        model = Organisation
        fields = []

    def filter_text(self, queryset, name, value):
        return queryset.matching(value)

    def filter_country(self, queryset, name, value):
        return queryset.in_country(value)

    def filter_direction(self, queryset, name, value):
        return queryset.in_direction(value)

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
        self.errors  # noqa: B018 (validates the form, so that cleaned_data exists)
        return [self._facet(name) for name in self.FACETS]

    def _queryset_without(self, excluded: str):
        """The base queryset filtered by every active filter except ``excluded`` (and the sort)."""
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name in (excluded, "sort") or value in django_filters.constants.EMPTY_VALUES:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    def _facet(self, name: str) -> Facet:
        queryset = self._queryset_without(name)
        counts = getattr(self, f"_count_{name}", None)
        counts = counts(queryset) if counts else self._count_by(queryset, self.FIELDS[name])
        field = self.form.fields[name]
        selected = self.form.cleaned_data.get(name)
        if name == "cooperation":
            choices = [("on", field.label)]
            selected = "on" if selected else None
        else:
            choices = [(value, label) for value, label in field.choices if value != ""]
        options = [
            FacetOption(value=str(value), label=str(label), count=counts.get(value, 0), selected=str(value) == selected)
            for value, label in choices
        ]
        return Facet(name=name, label=str(field.label), options=options)

    @staticmethod
    def _count_by(queryset, field: str) -> dict:
        return dict(queryset.values_list(field).annotate(count=Count("pk")).values_list(field, "count"))

    def _count_country(self, queryset):
        return self._count_by(queryset, "municipality__country")

    def _count_direction(self, queryset):
        return self._count_by(queryset, "directions__slug")

    def _count_nace(self, queryset):
        return self._count_by(queryset.filter(nace_revision=NaceRevision.REV_2), "nace_section")

    def _count_language(self, queryset):
        return queryset.aggregate(
            **{code: Count("pk", filter=Q(languages__contains=[code])) for code in SpokenLanguage.values}
        )

    def _count_cooperation(self, queryset):
        return queryset.aggregate(on=Count("pk", filter=Q(open_to_cooperation=True)))
