import calendar
from collections import defaultdict
from datetime import date, timedelta

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.views import View
from django.views.generic import DetailView, TemplateView

from civic.feeds import ical_calendar
from civic.filters import EventFilter, days_between
from civic.models import Event
from civic.models.events import EventSchedule, EventTiming
from core.opendata import licensed
from core.structured_data import SCHEMA, StructuredDataMixin, area, known, postal_address, thing
from core.views import FilteredListView, PreviewableDetailMixin, filter_form_context

ICAL_CONTENT_TYPE = "text/calendar; charset=utf-8"
DATE_FILTERS = ("date_from", "date_to")


class EventFilterMixin:
    """The list, the calendar, the archive and the iCal feed read the same filters."""

    def get_filterset(self, queryset=None):
        if queryset is None:
            queryset = Event.objects.published().for_listing()
        return EventFilter(self.request.GET, queryset=queryset, request=self.request)

    # The calendar and the archive choose their days themselves.
    skip_filters = ()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **filter_form_context(self.filterset, self.request, skip=self.skip_filters), **kwargs
        )


class EventListView(FilteredListView):
    """Upcoming occurrences: an event leaves the list when it ends.

    Its rows are occurrences, not events: the options show no counts of events.
    """

    filterset_class = EventFilter
    template_name = "civic/event_list.html"
    context_object_name = "occurrences"
    paginate_by = 20
    facet_counts = False

    def get_base_queryset(self):
        return Event.objects.published().for_listing()

    def get_queryset(self):
        self.filterset = self.get_filterset()
        return self.filterset.occurrences()

    def structured_data_item(self, occurrence):
        return occurrence.event


class EventArchiveView(FilteredListView):
    filterset_class = EventFilter
    template_name = "civic/event_archive.html"
    context_object_name = "events"
    paginate_by = 20

    # The archive is every past event: the dates of upcoming occurrences do not apply.
    skip_filters = DATE_FILTERS

    def get_base_queryset(self):
        return Event.objects.published().for_listing().past()


class EventCalendarView(EventFilterMixin, TemplateView):
    """A month as a table, usable without JavaScript; ``?month=2026-08`` picks the month."""

    template_name = "civic/event_calendar.html"
    skip_filters = DATE_FILTERS

    def get_month(self) -> date:
        try:
            year, month = (int(part) for part in self.request.GET.get("month", "").split("-"))
            if 1900 <= year <= 2200:
                return date(year, month, 1)
        except ValueError:
            pass
        return timezone.localdate().replace(day=1)

    def get_context_data(self, **kwargs):
        month = self.get_month()
        last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        self.filterset = self.get_filterset()
        by_day, month_only = defaultdict(list), []
        for occurrence in days_between(self.filterset.qs, month, last):
            if occurrence.event.timing == EventTiming.MONTH:
                month_only.append(occurrence)
                continue
            for day in occurrence.local_days:
                by_day[day].append(occurrence)
        weeks = [
            [{"date": day, "in_month": day.month == month.month, "occurrences": by_day.get(day, [])} for day in week]
            for week in calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(month.year, month.month)
        ]
        weekdays = [
            {"short": formats.date_format(day["date"], "D"), "long": formats.date_format(day["date"], "l")}
            for day in weeks[0]
        ]
        return super().get_context_data(
            month=month,
            month_name=formats.date_format(month, "YEAR_MONTH_FORMAT"),
            previous_month=(month - timedelta(days=1)).strftime("%Y-%m"),
            next_month=(last + timedelta(days=1)).strftime("%Y-%m"),
            weeks=weeks,
            weekdays=weekdays,
            month_only=month_only,
            today=timezone.localdate(),
            **kwargs,
        )


# What schema.org calls each schedule; an expected event is scheduled as far as a reader can tell.
EVENT_STATUS = {
    EventSchedule.CONFIRMED: "EventScheduled",
    EventSchedule.EXPECTED: "EventScheduled",
    EventSchedule.POSTPONED: "EventPostponed",
    EventSchedule.CANCELLED: "EventCancelled",
}


def event_schema_org(event: Event, *, url: str, shown) -> dict:
    """The event as a schema.org Event: the date shown on the page, in the place's time with its UTC offset."""
    if event.timing == EventTiming.TIMED:
        start, end = shown.local_starts_at.isoformat(), shown.local_ends_at.isoformat()
    elif event.timing == EventTiming.ALL_DAY:
        start, end = shown.local_starts_at.date().isoformat(), shown.local_ends_at.date().isoformat()
    else:  # only the month is known
        start, end = shown.local_starts_at.strftime("%Y-%m"), shown.local_ends_at.strftime("%Y-%m")
    municipality = event.municipality
    place = {
        "@type": "Place",
        "name": event.venue_name or municipality.seat,
        "address": postal_address(municipality, street=event.venue_address),
        **known(url=event.venue_url),
    }
    data = thing(
        "Event",
        url=url,
        name=event.title,
        description=event.summary,
        startDate=start,
        endDate=end,
        eventStatus=SCHEMA + EVENT_STATUS[event.schedule],
        eventAttendanceMode=SCHEMA + "OfflineEventAttendanceMode",
        location=place,
        isAccessibleForFree=True if event.is_free else None,
        sameAs=event.website,
    )
    if event.is_free or event.price is not None:
        data["offers"] = {
            "@type": "Offer",
            "url": url,
            "price": 0 if event.is_free else event.price,
            # The municipality's currency: euro in Bulgaria, dinar in Serbia.
            "priceCurrency": event.currency or municipality.currency,
        }
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser, **known(url=event.organiser_url)}
    data["location"]["containedInPlace"] = area(municipality)
    return data


class EventDetailView(StructuredDataMixin, PreviewableDetailMixin, DetailView):
    context_object_name = "event"

    def get_detail_queryset(self):
        return Event.objects.for_listing()

    def get_context_data(self, **kwargs):
        upcoming = self.object.next_occurrences(limit=5)
        return super().get_context_data(
            upcoming=upcoming,
            # Past single events keep their page: the occurrence is their own date.
            shown=upcoming[0] if upcoming else self.object.first_occurrence,
            **kwargs,
        )

    def structured_data_extra(self, context) -> dict:
        return {"shown": context["shown"]}

    def structured_data(self, obj, *, url, shown):
        return event_schema_org(obj, url=url, shown=shown)


class EventIcalView(View):
    """One event as an .ics file to open in any calendar program; none until its days are announced."""

    def get(self, request, slug):
        events = Event.objects.published().for_listing().exclude(timing=EventTiming.MONTH)
        event = get_object_or_404(events, slug=slug)
        response = HttpResponse(
            ical_calendar([event], request=request, name=event.title), content_type=ICAL_CONTENT_TYPE
        )
        response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
        return licensed(response)


class EventIcalFeedView(EventFilterMixin, View):
    """A calendar to subscribe to, with the same filters as the list that links to it."""

    def get(self, request):
        self.filterset = self.get_filterset()
        events = list(dict.fromkeys(occurrence.event for occurrence in self.filterset.occurrences()))
        body = ical_calendar(events, request=request, name=gettext("Most: events in Koprivshtitsa and Medijana"))
        return licensed(HttpResponse(body, content_type=ICAL_CONTENT_TYPE))
