"""The filters of the tourism lists and the map. Every filter lives in the query string."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import FacetedFilterSet, FacetFilter, MunicipalityFacet
from core.models import Municipality
from directory.models import Organisation, PriceRange, SpokenLanguage
from tourism.models import EAT, STAY, Difficulty, Route, RouteKind, Sight, SightCategory


class SightFilterSet(FacetedFilterSet):
    category = FacetFilter(choices=SightCategory.choices, label=_("Category"), empty_label=_("All"))
    municipality = MunicipalityFacet()

    facet_cache = "sight-facets"

    class Meta:
        model = Sight
        fields = []


class RouteFilterSet(FacetedFilterSet):
    kind = FacetFilter(choices=RouteKind.choices, label=_("Kind of route"), empty_label=_("All"))
    difficulty = FacetFilter(choices=Difficulty.choices, label=_("Difficulty"), empty_label=_("All"))
    municipality = MunicipalityFacet()

    facet_cache = "route-facets"

    class Meta:
        model = Route
        fields = []

    def condition_municipality(self, value) -> Q:
        # A route that crosses into a municipality belongs to its list too.
        ids = self.municipality_ids(slug=value)
        return Q(municipality_id__in=ids) | Q(crosses_into_id__in=ids)


STAY_OR_EAT = {"stay": (_("Places to stay"), STAY), "eat": (_("Places to eat"), EAT)}


class HospitalityFilterSet(FacetedFilterSet):
    """Accommodation and food from the directory, with the filters a visitor needs."""

    type = FacetFilter(
        choices=[(value, label) for value, (label, _condition) in STAY_OR_EAT.items()],
        label=_("Kind of place"),
        empty_label=_("Stay and eat"),
    )
    municipality = MunicipalityFacet()
    language = FacetFilter(choices=SpokenLanguage.choices, label=_("Language spoken"), empty_label=_("Any"))
    price = FacetFilter(
        field_name="price_range", choices=PriceRange.choices, label=_("Price range"), empty_label=_("Any price")
    )

    facet_cache = "hospitality-facets"

    class Meta:
        model = Organisation
        fields = []

    def condition_type(self, value) -> Q:
        return STAY_OR_EAT[value][1]

    def condition_language(self, value) -> Q:
        return Q(languages__contains=[value])


MAP_LAYERS = [
    ("sight", _("Sights")),
    ("route", _("Routes")),
    ("stay", _("Places to stay")),
    ("eat", _("Places to eat")),
]


class MapFilterForm(forms.Form):
    """What the map shows: some kinds of place, in one or both municipalities. Empty means everything."""

    type = forms.MultipleChoiceField(
        choices=MAP_LAYERS, required=False, widget=forms.CheckboxSelectMultiple, label=_("Show")
    )
    municipality = forms.ModelChoiceField(
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        required=False,
        label=_("Municipality"),
        empty_label=_("Both municipalities"),
    )

    def full_clean(self) -> None:
        """A value with no option is an error on its field (shown there, and read out), as on the list pages."""
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}_error"}
                )

    def layers(self) -> set[str]:
        """The kinds of place chosen; every kind when none is, or when what was sent is no kind."""
        self.is_valid()
        return set(self.cleaned_data.get("type") or []) or {value for value, _label in MAP_LAYERS}

    def chosen_municipality(self) -> Municipality | None:
        """The municipality chosen, if what was sent names one: a nonsense one leaves the kinds chosen standing."""
        self.is_valid()
        return self.cleaned_data.get("municipality")
