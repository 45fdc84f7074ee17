"""The board's filters and their facet counts, shared by the list, the feeds and the JSON export.

Every filter lives in the URL (``?kind=offer&sector=C&side=RS``), so a view of
the board can be shared, subscribed to as a feed or downloaded, and works
without JavaScript. As in the directory, each option shows how many items
choosing it would give, counted on the board filtered by the *other* filters,
with one aggregate query per facet in use (one in all when none is).
"""

from dataclasses import dataclass

import django_filters
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from cooperation.models import CooperationType, Kind, Opportunity, Side
from core.models import Country, Municipality
from directory.models import SpokenLanguage
from directory.nace import NaceSection

SIDE_FILTER_CHOICES = Country.choices


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


class OpportunityFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("Offers or requests"))
    type = django_filters.ChoiceFilter(
        field_name="cooperation_type", choices=CooperationType.choices, label=_("Type of cooperation")
    )
    sector = django_filters.ChoiceFilter(field_name="nace_section", choices=NaceSection.choices, label=_("Sector"))
    side = django_filters.ChoiceFilter(method="filter_side", choices=SIDE_FILTER_CHOICES, label=_("Partners sought in"))
    language = django_filters.ChoiceFilter(
        method="filter_language", choices=SpokenLanguage.choices, label=_("Working language")
    )
    # Choices are set per request in __init__, from the municipalities loaded once.
    municipality = django_filters.ChoiceFilter(method="filter_municipality", choices=[], label=_("Posted from"))

    FACETS = ("kind", "type", "sector", "side", "language", "municipality")

    class Meta:
        model = Opportunity
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once: they label the municipality filter and turn it into a condition on
        # the company's municipality_id, so that no count joins the municipality table.
        self.municipalities = list(Municipality.objects.all())
        self.filters["municipality"].extra["choices"] = [(m.slug, m.name) for m in self.municipalities]

    def _municipality_ids(self, slug: str) -> list[int]:
        return [m.pk for m in self.municipalities if m.slug == slug]

    def filter_side(self, queryset, name, value):
        return queryset.filter(self._option_condition("side", value))

    def filter_language(self, queryset, name, value):
        return queryset.filter(self._option_condition("language", value))

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(self._option_condition("municipality", value))

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).newest_first()

    def _option_condition(self, name: str, value: str) -> Q:
        return {
            "kind": lambda: Q(kind=value),
            "type": lambda: Q(cooperation_type=value),
            "sector": lambda: Q(nace_section=value),
            # Looking for partners in Serbia: those who said Serbia, and those who said either side.
            "side": lambda: Q(seeks__in=[value, Side.EITHER]),
            "language": lambda: Q(languages__contains=[value]),
            "municipality": lambda: Q(organisation__municipality_id__in=self._municipality_ids(value)),
        }[name]()

    # --- Facets -------------------------------------------------------------

    def facets(self) -> list[Facet]:
        """Every filter's options with the number of items each would give (options of no item are left out)."""
        self.errors  # noqa: B018 (validates the form, so that cleaned_data exists)
        data = self.form.cleaned_data
        active = [name for name in self.FACETS if data.get(name) not in EMPTY_VALUES]
        counts = {}
        shared = [name for name in self.FACETS if name not in active]
        if shared:
            counts.update(self._count(self._queryset_without(None), shared))
        for name in active:
            counts.update(self._count(self._queryset_without(name), [name]))
        return [self._facet(name, counts[name]) for name in self.FACETS]

    def _queryset_without(self, excluded: str | None):
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name == excluded or value in EMPTY_VALUES:
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset.order_by()

    def _options(self, name: str) -> list[tuple[str, str]]:
        return [(str(value), label) for value, label in self.form.fields[name].choices if value != ""]

    def _count(self, queryset, names: list[str]) -> dict[str, dict[str, int]]:
        """Counts for every option of the named facets, in one aggregate query over ``queryset``."""
        aggregates = {
            f"{index}_{option}": Count("pk", filter=self._option_condition(name, value))
            for index, name in enumerate(names)
            for option, (value, _label) in enumerate(self._options(name))
        }
        totals = queryset.aggregate(**aggregates)
        return {
            name: {value: totals[f"{index}_{option}"] for option, (value, _label) in enumerate(self._options(name))}
            for index, name in enumerate(names)
        }

    def _facet(self, name: str, counts: dict[str, int]) -> Facet:
        selected = self.form.cleaned_data.get(name)
        options = [
            FacetOption(value=value, label=str(label), count=counts[value], selected=value == selected)
            for value, label in self._options(name)
            if counts[value] or value == selected
        ]
        return Facet(name=name, label=str(self.form.fields[name].label), options=options)
