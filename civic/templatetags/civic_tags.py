"""Presentation of civic content: times in the place's zone, rich text (prices: portal_tags' ``money``).

No tag here starts a query: each formats what the view has loaded.
"""

from datetime import UTC, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from django import template
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from civic.models.events import EventTiming, Occurrence
from civic.richtext import sanitise_html
from core.formats import day_range, month_range, time_range
from core.models import COUNTRY_TIME_ZONES

register = template.Library()

TIME_FORMAT = "TIME_FORMAT"  # CLDR's short time of the reader's language (portal/formats)


@register.filter
def rich_text(html: str) -> str:
    """Stored rich text, sanitised again on the way out: defence in depth."""
    return mark_safe(sanitise_html(html or ""))  # noqa: S308 - nh3 has just cleaned it


def utc_offset(moment) -> str:
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def describe_when(occurrence: Occurrence) -> dict:
    """What the reader needs to know of an occurrence's time, formatted in the place's time zone."""
    event = occurrence.event
    start, end = occurrence.local_starts_at, occurrence.local_ends_at
    when = {
        "timing": event.timing,
        "start_iso": start.isoformat(),
        "end_iso": end.isoformat(),
        "zone": event.time_zone,
        "offset": utc_offset(start),
    }
    if event.timing == EventTiming.MONTH:
        # A season ("June – September 2026") or a month whose days are not yet announced.
        when["text"] = month_range(start, end)
        when["start_iso"], when["end_iso"] = start.strftime("%Y-%m"), end.strftime("%Y-%m")
        return when
    if event.timing == EventTiming.ALL_DAY:
        # A festival of several days: CLDR's interval ("12 – 14 май 2026 г.", "12.–14. маја 2026.").
        when["text"] = day_range(start.date(), end.date())
        when["start_iso"], when["end_iso"] = start.date().isoformat(), end.date().isoformat()
        return when
    first, last = formats.date_format(start), formats.date_format(end)
    when["start_date"] = first
    when["start_time"] = formats.date_format(start, TIME_FORMAT)
    when["end_date"] = "" if first == last else last
    when["end_time"] = formats.date_format(end, TIME_FORMAT)
    # Hours of one day: CLDR's interval ("10:00–18:30", "7:00 – 10:00 PM").
    when["times"] = time_range(start, end) if first == last and end != start else when["start_time"]
    # The same moment for a reader across the border, when their clocks differ.
    when["elsewhere"] = []
    for zone_name in COUNTRY_TIME_ZONES.values():
        there = start.astimezone(ZoneInfo(zone_name))
        if zone_name != event.time_zone and there.utcoffset() != start.utcoffset():
            when["elsewhere"].append({"zone": zone_name, "time": formats.date_format(there, TIME_FORMAT)})
    return when


@register.inclusion_tag("civic/includes/_event_when.html")
def event_when(occurrence: Occurrence, detailed: bool = False):
    return {"when": describe_when(occurrence), "detailed": detailed}


@register.simple_tag
def add_to_calendar_links(occurrence: Occurrence, page_url: str) -> list[dict]:
    """Links that open the event in the big web calendars, with the place's time zone."""
    event = occurrence.event
    location = ", ".join(part for part in (event.venue_name, event.venue_address) if part)
    details = f"{event.summary}\n\n{page_url}".strip()
    occurrence_span = (occurrence.starts_at, occurrence.ends_at)
    if event.timing == EventTiming.TIMED:
        google_dates = "/".join(moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ") for moment in occurrence_span)
        outlook = {"startdt": occurrence.local_starts_at.isoformat(), "enddt": occurrence.local_ends_at.isoformat()}
    else:
        last = occurrence.local_ends_at.date() + timedelta(days=1)
        google_dates = f"{occurrence.local_starts_at:%Y%m%d}/{last:%Y%m%d}"
        outlook = {
            "startdt": occurrence.local_starts_at.date().isoformat(),
            "enddt": last.isoformat(),
            "allday": "true",
        }
    google = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": google_dates,
        "ctz": event.time_zone,
        "details": details,
        "location": location,
    }
    outlook.update({"path": "/calendar/action/compose", "rru": "addevent", "subject": event.title, "body": details})
    outlook["location"] = location
    return [
        {"name": gettext("Google Calendar"), "url": "https://calendar.google.com/calendar/render?" + urlencode(google)},
        {
            "name": gettext("Outlook.com"),
            "url": "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(outlook),
        },
    ]


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters changed (``None`` removes one); ``page`` is reset."""
    query = context["request"].GET.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode() if query else "?"
