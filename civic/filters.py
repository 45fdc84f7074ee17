"""The filters of the public lists. The event list, its calendar and its iCal feed share one FilterSet."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from civic.models import Document, DocumentLanguage, Event, LifeSituation, MunicipalService, NewsArticle, Project
from civic.models.documents import DocumentKind
from civic.models.events import EventCategory
from core.filters import DirectionFacet, FacetedFilterSet, FacetFilter, MunicipalityFacet
from core.models import COUNTRY_TIME_ZONES
from search.filters import SearchTextFilter

UPCOMING_DAYS = 365
# A calendar day begins first in Sofia and ends last in Belgrade: a window from the
# one to the other holds every event of that day in either place.
EARLIEST_ZONE = ZoneInfo(COUNTRY_TIME_ZONES["BG"])
LATEST_ZONE = ZoneInfo(COUNTRY_TIME_ZONES["RS"])


def days_between(queryset, first: date, last: date):
    """The occurrences that fall, in their own place's time, on a day from ``first`` to ``last``."""
    start = datetime.combine(first, time.min, tzinfo=EARLIEST_ZONE)
    end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=LATEST_ZONE)
    return [
        occurrence
        for occurrence in queryset.occurrences(start, end)
        if occurrence.local_starts_at.date() <= last and occurrence.local_ends_at.date() >= first
    ]


class EventFilter(FacetedFilterSet):
    date_from = django_filters.DateFilter(
        label=_("From"), method="filter_nothing", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = django_filters.DateFilter(
        label=_("To"), method="filter_nothing", widget=forms.DateInput(attrs={"type": "date"})
    )
    municipality = MunicipalityFacet()
    direction = DirectionFacet()
    category = FacetFilter(choices=EventCategory.choices, label=_("Category"), empty_label=_("All categories"))

    facet_cache = "event-facets"
    facet_cache_by_day = True
    # The dates choose which occurrences are shown: neither a facet nor part of the event counts.
    ordering_filters = ()

    class Meta:
        model = Event
        fields = []

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


class NewsFilter(FacetedFilterSet):
    municipality = MunicipalityFacet()
    direction = DirectionFacet()

    facet_cache = "news-facets"

    class Meta:
        model = NewsArticle
        fields = []


class ServiceFilter(FacetedFilterSet):
    municipality = MunicipalityFacet()
    situation = FacetFilter(choices=[], label=_("Life situation"), empty_label=_("All life situations"))

    facet_cache = "service-facets"

    class Meta:
        model = MunicipalService
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["situation"].extra["choices"] = [(each.slug, each.name) for each in LifeSituation.objects.all()]

    def condition_situation(self, value) -> Q:
        return Q(pk__in=MunicipalService.objects.filter(life_situations__slug=value).values("pk"))


class DocumentFilter(FacetedFilterSet):
    # The site-wide search's matching: any script, diacritics, case or language.
    q = SearchTextFilter(label=_("Search"))
    kind = FacetFilter(choices=DocumentKind.choices, label=_("Kind"), empty_label=_("All kinds"))
    municipality = MunicipalityFacet()
    language = FacetFilter(choices=DocumentLanguage.choices, label=_("Language"), empty_label=_("All languages"))

    facet_cache = "document-facets"

    class Meta:
        model = Document
        fields = []


class ProjectFilter(FacetedFilterSet):
    municipality = MunicipalityFacet()
    status = FacetFilter(
        choices=[("ongoing", _("Ongoing")), ("completed", _("Completed"))],
        label=_("Status"),
        empty_label=_("Any status"),
    )

    facet_cache = "project-facets"
    facet_cache_by_day = True

    class Meta:
        model = Project
        fields = []

    def condition_municipality(self, value) -> Q:
        ids = self.municipality_ids(slug=value)
        return Q(pk__in=Project.objects.filter(municipalities__in=ids).values("pk"))

    def condition_status(self, value) -> Q:
        chosen = Project.objects.ongoing() if value == "ongoing" else Project.objects.completed()
        return Q(pk__in=chosen.values("pk"))
