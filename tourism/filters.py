"""The filters of the tourism lists and the map. Every filter lives in the query string."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import Municipality
from directory.models import Organisation, SpokenLanguage
from tourism.models import EAT, STAY, Difficulty, Route, RouteKind, Sight, SightCategory


def municipality_filter(**kwargs):
    return django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        label=_("Municipality"),
        empty_label=_("Both municipalities"),
        **kwargs,
    )


class SightFilterSet(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(choices=SightCategory.choices, label=_("Category"), empty_label=_("All"))
    municipality = municipality_filter()

    class Meta:
        model = Sight
        fields = []


class RouteFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=RouteKind.choices, label=_("Kind of route"), empty_label=_("All"))
    difficulty = django_filters.ChoiceFilter(choices=Difficulty.choices, label=_("Difficulty"), empty_label=_("All"))
    municipality = municipality_filter(method="filter_municipality")

    class Meta:
        model = Route
        fields = []

    def filter_municipality(self, queryset, name, value):
        # A route that crosses into a municipality belongs to its list too.
        return queryset.filter(Q(municipality=value) | Q(crosses_into=value))


STAY_OR_EAT = [("stay", _("Places to stay")), ("eat", _("Places to eat"))]


class HospitalityFilterSet(django_filters.FilterSet):
    """Accommodation and food from the directory, with the filters a visitor needs."""

    type = django_filters.ChoiceFilter(
        choices=STAY_OR_EAT, method="filter_type", label=_("Type"), empty_label=_("Stay and eat")
    )
    municipality = municipality_filter()
    language = django_filters.ChoiceFilter(
        choices=SpokenLanguage.choices, method="filter_language", label=_("Language spoken"), empty_label=_("Any")
    )

    class Meta:
        model = Organisation
        fields = []

    def filter_type(self, queryset, name, value):
        return queryset.filter(STAY if value == "stay" else EAT)

    def filter_language(self, queryset, name, value):
        return queryset.filter(languages__contains=[value])


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

    def layers(self) -> set[str]:
        chosen = set(self.cleaned_data.get("type") or []) if self.is_valid() else set()
        return chosen or {value for value, _label in MAP_LAYERS}

    def chosen_municipality(self) -> Municipality | None:
        return self.cleaned_data.get("municipality") if self.is_valid() else None
