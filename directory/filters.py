"""The directory's filters and their facet counts (``core.filters.FacetedFilterSet``).

Every filter lives in the URL (``?q=mill&country=BG&kind=company``), so a
search can be shared and works without JavaScript. Each option of a filter
shows how many results choosing it would give, counted on the list filtered by
all the *other* filters, with at most one aggregate query per facet, cached
until content changes.
"""

import django_filters
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.filters import (
    DirectionFacet,
    FacetBooleanFilter,
    FacetedFilterSet,
    FacetFilter,
    MunicipalityFacet,
    direction_id,
)
from core.models import Country
from directory.models import Kind, Organisation, SizeClass, SpokenLanguage
from directory.nace import NaceRevision, NaceSection
from search.filters import SearchTextFilter


class Sort(models.TextChoices):
    NAME = "name", _("Name (A–Z)")
    NEWEST = "newest", _("Newest entries first")
    OLDEST = "founded", _("Oldest founded first")


# Each ends with the primary key: a total order, so that keyset pages (?after=) can go on from any row.
SORT_ORDER = {
    Sort.NAME: ("name", "pk"),
    Sort.NEWEST: ("-created_at", "-pk"),
    Sort.OLDEST: ("founded_year", "name", "pk"),
}


class OrganisationFilterSet(FacetedFilterSet):
    # The site-wide search's matching and index: any script, diacritics, case, language.
    q = SearchTextFilter(label=_("Name or identifier"))
    country = FacetFilter(choices=Country.choices, label=_("Country"), empty_label=_("Both countries"))
    municipality = MunicipalityFacet()
    direction = DirectionFacet()
    kind = FacetFilter(choices=Kind.choices, label=_("Kind"), empty_label=_("All kinds"))
    nace = FacetFilter(choices=NaceSection.choices, label=_("Activity (NACE)"), empty_label=_("All activities"))
    size = FacetFilter(field_name="size_class", choices=SizeClass.choices, label=_("Size"), empty_label=_("Any size"))
    language = FacetFilter(choices=SpokenLanguage.choices, label=_("Language spoken"), empty_label=_("Any"))
    cooperation = FacetBooleanFilter(field_name="open_to_cooperation", label=_("Open to cross-border cooperation"))
    sort = django_filters.ChoiceFilter(method="filter_sort", choices=Sort.choices, label=_("Sort by"), empty_label=None)

    facet_cache = "directory-facets"

    class Meta:
        model = Organisation
        fields = []

    def condition_country(self, value) -> Q:
        return Q(municipality_id__in=self.municipality_ids(country=value))

    def condition_direction(self, value) -> Q:
        # A semi-join by the direction's id: no join that could repeat rows, and a plan that
        # knows the direction's size (``OrganisationQuerySet.in_direction``).
        memberships = Organisation.directions.through.objects.filter(
            organisation_id=OuterRef("pk"), direction_id=direction_id(value)
        )
        return Q(Exists(memberships))

    def condition_nace(self, value) -> Q:
        # Sections are compared within the revision they belong to.
        return Q(nace_revision=NaceRevision.REV_2, nace_section=value)

    def condition_language(self, value) -> Q:
        return Q(languages__contains=[value])

    def filter_sort(self, queryset, name, value):
        return queryset  # applied last, in filter_queryset, so that there is always an order

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        sort = self.form.cleaned_data.get("sort") or Sort.NAME
        return queryset.order_by(*SORT_ORDER[sort])
