"""Presentation of tourism content: distances, durations, seasons and days. No tag starts a query."""

from datetime import date

from django import template
from django.utils import formats
from django.utils.translation import gettext, pgettext

from tourism.models import OpeningHours, Weekday

register = template.Library()


@register.filter
def distance(kilometres) -> str:
    """``0.35`` → "350 m", ``2.345`` → "2.3 km", in the reader's number format."""
    if kilometres is None:
        return ""
    if kilometres < 1:
        metres = max(10, round(kilometres * 100) * 10)
        return pgettext("distance", "%(metres)s m") % {"metres": formats.number_format(metres, use_l10n=True)}
    return pgettext("distance", "%(kilometres)s km") % {
        "kilometres": formats.number_format(round(kilometres, 1), decimal_pos=1, use_l10n=True)
    }


@register.filter
def duration(minutes) -> str:
    """``150`` → "2 h 30 min"."""
    if minutes is None:
        return ""
    hours, rest = divmod(int(minutes), 60)
    if not hours:
        return gettext("%(minutes)d min") % {"minutes": rest}
    if not rest:
        return gettext("%(hours)d h") % {"hours": hours}
    return gettext("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": rest}


@register.filter
def season(period: OpeningHours) -> str:
    """ "All year", or "1 April – 31 October" in the reader's language."""
    if period.is_all_year:
        return gettext("All year")
    first = formats.date_format(date(2000, period.from_month, period.from_day), "MONTH_DAY_FORMAT")
    last = formats.date_format(date(2000, period.to_month, period.to_day), "MONTH_DAY_FORMAT")
    return f"{first} – {last}"


@register.filter
def weekdays(days: list[int]) -> str:
    """``[1, 2, 3, 4, 5, 7]`` → "Monday–Friday, Sunday": runs of three or more days are joined."""
    runs: list[list[int]] = []
    for day in sorted(set(days)):
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{Weekday(run[0]).label}–{Weekday(run[-1]).label}")
        else:
            parts.extend(str(Weekday(day).label) for day in run)
    return ", ".join(parts)
