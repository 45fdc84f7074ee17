"""The board's filters and their facet counts, shared by the list, the feeds and the JSON export.

Every filter lives in the URL (``?kind=offer&sector=C&side=RS``), so a view of
the board can be shared, subscribed to as a feed or downloaded, and works
without JavaScript. As in the directory (``core.filters.FacetedFilterSet``),
each option shows how many items choosing it would give, counted on the board
filtered by the *other* filters; options no item has are left out.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cooperation.models import CooperationType, Kind, Opportunity, Side
from core.filters import FacetedFilterSet, FacetFilter, MunicipalityFacet
from core.models import Country
from directory.models import SpokenLanguage
from directory.nace import NaceSection

SIDE_FILTER_CHOICES = Country.choices


class OpportunityFilterSet(FacetedFilterSet):
    kind = FacetFilter(choices=Kind.choices, label=_("Offers or requests"), empty_label=_("All"))
    type = FacetFilter(
        field_name="cooperation_type",
        choices=CooperationType.choices,
        label=_("Type of cooperation"),
        empty_label=_("All"),
    )
    sector = FacetFilter(
        field_name="nace_section", choices=NaceSection.choices, label=_("Sector"), empty_label=_("All")
    )
    side = FacetFilter(choices=SIDE_FILTER_CHOICES, label=_("Partners sought in"), empty_label=_("All"))
    language = FacetFilter(choices=SpokenLanguage.choices, label=_("Working language"), empty_label=_("All"))
    municipality = MunicipalityFacet(label=_("Posted from"), empty_label=_("All"))

    facet_cache = "board-facets"
    facet_cache_by_day = True
    hide_empty_options = True

    class Meta:
        model = Opportunity
        fields = []

    def condition_side(self, value) -> Q:
        # Looking for partners in Serbia: those who said Serbia, and those who said either side.
        return Q(seeks__in=[value, Side.EITHER])

    def condition_language(self, value) -> Q:
        return Q(languages__contains=[value])

    def condition_municipality(self, value) -> Q:
        # On the company's municipality_id, so that no count joins the municipality table.
        return Q(organisation__municipality_id__in=self.municipality_ids(slug=value))

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).newest_first()
