"""Feeds: news as RSS 2.0 and Atom per language, events as iCalendar."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext

from civic.filters import NewsFilter
from civic.models import Event, NewsArticle
from civic.models.events import EventSchedule, EventTiming, format_recurrence, parse_recurrence
from core.opendata import FEED_RIGHTS

NEWS_FEED_LENGTH = 30

ICAL_STATUS = {
    EventSchedule.CONFIRMED: "CONFIRMED",
    EventSchedule.EXPECTED: "TENTATIVE",
    EventSchedule.POSTPONED: "TENTATIVE",
    EventSchedule.CANCELLED: "CANCELLED",
}


class NewsRssFeed(Feed):
    """The latest published news, in the language of the URL; ``?municipality=`` and ``?direction=`` narrow it."""

    feed_copyright = FEED_RIGHTS

    def get_object(self, request, *args, **kwargs):
        return NewsFilter(request.GET, queryset=NewsArticle.objects.published().for_listing().latest())

    def title(self, obj):
        return gettext("Most: news from Koprivshtitsa and Medijana")

    def link(self, obj):
        return reverse("civic:news-list")

    def description(self, obj):
        return gettext("News of the Municipality of Koprivshtitsa and the City Municipality of Medijana, Niš.")

    def items(self, obj):
        return obj.qs[:NEWS_FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.published_at

    def item_categories(self, item):
        return [str(value) for value in (item.municipality, item.direction) if value is not None]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


def ical_calendar(events, *, request, name: str) -> bytes:
    """An iCalendar file of ``events``, each linking back to its page.

    Times carry the place's TZID with its VTIMEZONE; whole days are ``VALUE=DATE``, each day of a
    festival a day; a series keeps its RRULE, so a calendar program repeats it as the portal does.
    An event known only by its month (dates not announced) is left out: a calendar program would
    show it as a month-long block.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Most//Koprivshtitsa and Medijana//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    zones = set()
    for event in events:
        if event.timing == EventTiming.MONTH:
            continue
        calendar.add_component(ical_event(event, request=request, stamp=stamp))
        if event.timing == EventTiming.TIMED:
            zones.add(event.time_zone)
    for zone_name in sorted(zones):
        calendar.add_component(summer_time_zone(zone_name))
    return calendar.to_ical()


# Both countries keep the EU's summer time, unchanged since 1996: from the last Sunday of March
# to the last Sunday of October, switching at 01:00 UTC.
EU_SUMMER_TIME_SINCE = (date(1996, 3, 31), date(1996, 10, 27))


def summer_time_zone(zone_name: str) -> icalendar.Timezone:
    """The VTIMEZONE of a place as two yearly rules (RRULE), the form every calendar program reads.

    icalendar's own ``add_missing_timezones`` lists each change as an RDATE; vobject (dateutil)
    reads that form as winter time all year, an hour off in summer.
    """
    zone = ZoneInfo(zone_name)
    winter, summer = datetime(2026, 1, 15, tzinfo=zone), datetime(2026, 7, 15, tzinfo=zone)
    standard, daylight = winter.utcoffset(), summer.utcoffset()
    component = icalendar.Timezone()
    component.add("tzid", zone_name)
    for kind, day, offset_from, offset_to, name, month in (
        (icalendar.TimezoneDaylight, EU_SUMMER_TIME_SINCE[0], standard, daylight, summer.tzname(), 3),
        (icalendar.TimezoneStandard, EU_SUMMER_TIME_SINCE[1], daylight, standard, winter.tzname(), 10),
    ):
        rule = kind()
        rule.add("tzname", name)
        rule.add("tzoffsetfrom", offset_from)
        rule.add("tzoffsetto", offset_to)
        # DTSTART is the local wall time just before the change (RFC 5545 §3.6.5).
        rule.add("dtstart", datetime.combine(day, time(1)) + offset_from)
        rule.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        component.add_component(rule)
    return component


def ical_event(event: Event, *, request, stamp: datetime) -> icalendar.Event:
    url = request.build_absolute_uri(event.get_absolute_url())
    entry = icalendar.Event()
    entry.add("uid", f"event-{event.pk}@{request.get_host()}")
    entry.add("dtstamp", stamp)
    entry.add("summary", event.title)
    if event.timing == EventTiming.TIMED:
        entry.add("dtstart", event.local_starts_at)
        entry.add("dtend", event.local_ends_at)
    else:
        # Whole days are dates; DTEND is the day after the last one (RFC 5545).
        entry.add("dtstart", event.local_starts_at.date())
        entry.add("dtend", event.local_ends_at.date() + timedelta(days=1))
    if event.recurrence_rule:
        entry.add("rrule", icalendar.vRecur.from_ical(ical_recurrence(event)))
        if event.exception_dates:
            # EXDATE takes the form of DTSTART: the local start time on each day, or the day itself.
            start = event.local_starts_at
            for day in sorted(event.exception_dates):
                if event.timing == EventTiming.TIMED:
                    entry.add("exdate", datetime.combine(day, start.time(), tzinfo=event.zone))
                else:
                    entry.add("exdate", day)
    description = "\n\n".join(part for part in (event.summary, strip_tags(event.description), url) if part)
    entry.add("description", description)
    location = ", ".join(part for part in (event.venue_name, event.venue_address) if part)
    if location:
        entry.add("location", location)
    entry.add("url", url)
    entry.add("status", ICAL_STATUS[event.schedule])
    entry.add("categories", [event.get_category_display()])
    return entry


def ical_recurrence(event: Event) -> str:
    """The stored rule with UNTIL in the form RFC 5545 asks for: UTC with a time, or a date for whole days."""
    parts = parse_recurrence(event.recurrence_rule)
    if "UNTIL" in parts and event.timing == EventTiming.TIMED:
        last_day = datetime.strptime(parts["UNTIL"], "%Y%m%d").date()
        until = datetime.combine(last_day, time(23, 59, 59), tzinfo=event.zone).astimezone(UTC)
        parts["UNTIL"] = until.strftime("%Y%m%dT%H%M%SZ")
    return format_recurrence(parts)
