"""The filters of the public lists. The event list, its calendar and its iCal feed share one FilterSet."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.models import Document, DocumentLanguage, Event, LifeSituation, MunicipalService, NewsArticle, Project
from civic.models.documents import DocumentKind
from civic.models.events import EventCategory
from core.models import COUNTRY_TIME_ZONES, Direction, Municipality
from search.filters import SearchTextFilter

UPCOMING_DAYS = 365
# A calendar day begins first in Sofia and ends last in Belgrade: a window from the
# one to the other holds every event of that day in either place.
EARLIEST_ZONE = ZoneInfo(COUNTRY_TIME_ZONES["BG"])
LATEST_ZONE = ZoneInfo(COUNTRY_TIME_ZONES["RS"])


def municipality_filter(**kwargs):
    return django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        label=_("Municipality"),
        empty_label=_("Both municipalities"),
        **kwargs,
    )


def direction_filter(**kwargs):
    return django_filters.ModelChoiceFilter(
        queryset=Direction.objects.all(),
        to_field_name="slug",
        label=_("Direction"),
        empty_label=_("All directions"),
        **kwargs,
    )


def days_between(queryset, first: date, last: date):
    """The occurrences that fall, in their own place's time, on a day from ``first`` to ``last``."""
    start = datetime.combine(first, time.min, tzinfo=EARLIEST_ZONE)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=LATEST_ZONE)
    return [
        occurrence
        for occurrence in queryset.occurrences(start, end)
        if occurrence.local_starts_at.date() <= last and occurrence.local_ends_at.date() >= first
    ]


class EventFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        label=_("From"), method="filter_nothing", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        label=_("To"), method="filter_nothing", widget=forms.DateInput(attrs={"type": "date"})
    )
    municipality = municipality_filter()
    direction = direction_filter()
    category = django_filters.ChoiceFilter(
        choices=EventCategory.choices, label=_("Category"), empty_label=_("All categories")
    )

    class Meta:
        model = Event
        fields = ["municipality", "direction", "category"]

    def filter_nothing(self, queryset, name, value):
        """Dates select occurrences, not events: ``occurrences()`` applies them."""
        return queryset

    def occurrences(self) -> list:
        """The filtered occurrences: from now on (the upcoming list), or within the chosen dates."""
        data = self.form.cleaned_data if self.is_valid() else {}
        first, last = data.get("date_from"), data.get("date_to")
        if first is None and last is None:
            now = timezone.now()
            # The filters in use name the events selected: their occurrences are cached under them.
            chosen = tuple(
                (name, str(getattr(value, "pk", value)))
                for name, value in sorted(data.items())
                if value not in (None, "")
            )
            return self.qs.occurrences(now, now + timedelta(days=UPCOMING_DAYS), cache_key=("event-filter", chosen))
        first = first or timezone.localdate()
        last = last or first + timedelta(days=UPCOMING_DAYS)
        return days_between(self.qs, first, last)


class NewsFilter(django_filters.FilterSet):
    municipality = municipality_filter()
    direction = direction_filter()

    class Meta:
        model = NewsArticle
        fields = ["municipality", "direction"]


class ServiceFilter(django_filters.FilterSet):
    municipality = municipality_filter()
    situation = django_filters.ModelChoiceFilter(
        field_name="life_situations",
        queryset=LifeSituation.objects.all(),
        to_field_name="slug",
        label=_("Life situation"),
        empty_label=_("All life situations"),
    )

    class Meta:
        model = MunicipalService
        fields = ["municipality", "situation"]


class DocumentFilter(django_filters.FilterSet):
    # The site-wide search's matching: any script, diacritics, case or language.
    q = SearchTextFilter(label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices, label=_("Kind"), empty_label=_("All kinds"))
    municipality = municipality_filter()
    language = django_filters.ChoiceFilter(
        choices=DocumentLanguage.choices, label=_("Language"), empty_label=_("All languages")
    )

    class Meta:
        model = Document
        fields = ["q", "kind", "municipality", "language"]


class ProjectFilter(django_filters.FilterSet):
    municipality = django_filters.ModelChoiceFilter(
        field_name="municipalities",
        queryset=Municipality.objects.all(),
        to_field_name="slug",
        label=_("Municipality"),
        empty_label=_("Both municipalities"),
    )
    status = django_filters.ChoiceFilter(
        choices=[("ongoing", _("Ongoing")), ("completed", _("Completed"))],
        label=_("Status"),
        empty_label=_("Any status"),
        method="filter_status",
    )

    class Meta:
        model = Project
        fields = ["municipality", "status"]

    def filter_status(self, queryset, name, value):
        return queryset.ongoing() if value == "ongoing" else queryset.completed()
