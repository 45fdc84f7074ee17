"""Events: a time in the place's own time zone, a price in the place's currency, and recurrence."""

import calendar
import itertools
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule as dateutil_rrule
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.models import (
    Currency,
    Direction,
    Municipality,
    Publishable,
    PublishableQuerySet,
    WebAddressField,
    publication_constraints,
)

# Recurrence is an RFC 5545 RRULE. Editors use the common forms; the parts below
# are those the expansion, the iCal export and the description in words support.
RECURRENCE_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
RECURRENCE_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYSETPOS", "WKST")


def parse_recurrence(rule: str) -> dict[str, str]:
    """The parts of an RRULE: ``"FREQ=YEARLY;INTERVAL=5"`` → ``{"FREQ": "YEARLY", "INTERVAL": "5"}``."""
    text = rule.strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    parts = {}
    for item in filter(None, text.split(";")):
        key, separator, value = item.partition("=")
        if not separator or not value.strip():
            raise ValueError(item)
        parts[key.strip().upper()] = value.strip().upper()
    return parts


def format_recurrence(parts: dict[str, str]) -> str:
    return ";".join(f"{key}={value}" for key, value in parts.items())


@dataclass(frozen=True)
class Occurrence:
    """One date of an event: the event itself, or one repetition of a series."""

    event: "Event"
    starts_at: datetime
    ends_at: datetime

    @property
    def local_starts_at(self) -> datetime:
        return timezone.localtime(self.starts_at, self.event.zone)

    @property
    def local_ends_at(self) -> datetime:
        return timezone.localtime(self.ends_at, self.event.zone)

    @property
    def local_days(self) -> list[date]:
        """The calendar days, in the place's time, that the occurrence covers."""
        first, last = self.local_starts_at.date(), self.local_ends_at.date()
        return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]

    def get_absolute_url(self) -> str:
        return self.event.get_absolute_url()


class EventQuerySet(PublishableQuerySet):
    def for_listing(self):
        """Events with what a list, a calendar or a feed shows of them, in one query."""
        return self.select_related("municipality", "direction")

    def in_window(self, start: datetime, end: datetime):
        """Events that can have an occurrence between ``start`` and ``end``.

        Single events that overlap the window, and series that began before it
        ends; the series are expanded in Python (``occurrences``), so the number
        of queries does not depend on how often an event repeats.
        """
        single = Q(recurrence_rule="", ends_at__gte=start, starts_at__lt=end)
        series = ~Q(recurrence_rule="") & Q(starts_at__lt=end)
        return self.filter(single | series)

    def past(self):
        """Single events that are over: the archive. Series stay on the upcoming list."""
        return self.filter(recurrence_rule="", ends_at__lt=timezone.now()).order_by("-starts_at")

    def occurrences(self, start: datetime, end: datetime, *, cache_key=None) -> "Occurrences":
        """Every occurrence between ``start`` and ``end``, in time order, read as far as it is used.

        ``cache_key`` names what this queryset selects (its filters) when the
        times of its occurrences may be cached until content changes.
        """
        return Occurrences(self, start, end, cache_key=cache_key)


class Occurrences:
    """The occurrences of some events between ``start`` and ``end``, in time order: a sequence.

    The events of the window are read in one query and their occurrences
    (series expanded in Python) reduced to (start, event id, end) triples.
    With a ``cache_key`` the triples of the hour are cached until content
    changes (``core.pagecache``), and a later request loads only the
    events of the slice it shows, in one query: a year of a busy calendar is
    some 2,000 occurrences, and a page shows 20.
    """

    def __init__(self, events: "EventQuerySet", start: datetime, end: datetime, *, cache_key=None):
        self.events = events
        self.start, self.end = start, end
        self.cache_key = cache_key

    @cached_property
    def _spans(self) -> list[tuple[datetime, int, datetime]]:
        if self.cache_key is None:
            return self._load(self.start, self.end)
        from core.pagecache import cached_fragment

        # Worked out for whole hours around the window, then cut to it exactly.
        first = self.start.replace(minute=0, second=0, microsecond=0)
        last = self.end.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
        spans = cached_fragment(
            "event-occurrences", (self.cache_key, first.isoformat(), last.isoformat()), lambda: self._load(first, last)
        )
        return [span for span in spans if span[2] >= self.start and span[0] < self.end]

    def _load(self, start: datetime, end: datetime) -> list[tuple[datetime, int, datetime]]:
        """Every event of the window in one query, kept for this sequence, and the times of its occurrences."""
        self._loaded = {event.pk: event for event in self.events.in_window(start, end)}
        return sorted(
            (occurrence.starts_at, event.pk, occurrence.ends_at)
            for event in self._loaded.values()
            for occurrence in event.occurrences_between(start, end)
        )

    def _occurrences(self, spans) -> list[Occurrence]:
        events = getattr(self, "_loaded", None)
        if events is None:
            events = self.events.in_bulk({pk for _start, pk, _end in spans}) if spans else {}
        return [Occurrence(events[pk], starts_at, ends_at) for starts_at, pk, ends_at in spans]

    def __len__(self) -> int:
        return len(self._spans)

    def __getitem__(self, index):
        if isinstance(index, int):
            return self._occurrences([self._spans[index]])[0]
        return self._occurrences(self._spans[index])

    def __iter__(self):
        return iter(self._occurrences(self._spans))

    def __bool__(self) -> bool:
        return bool(self._spans)


class EventCategory(models.TextChoices):
    FESTIVAL = "festival", _("Festival")
    CONCERT = "concert", _("Concert")
    PERFORMANCE = "performance", _("Performance")
    EXHIBITION = "exhibition", _("Exhibition")
    COMMEMORATION = "commemoration", _("Commemoration")
    FAIR = "fair", _("Fair or market")
    TRAINING = "training", _("Seminar or training")
    MEETING = "meeting", _("Public meeting")
    SPORT = "sport", _("Sport")
    OTHER = "other", _("Other")


class EventTiming(models.TextChoices):
    TIMED = "timed", _("At a set time")
    ALL_DAY = "all-day", _("Whole days")
    MONTH = "month", _("Month only (dates not yet announced)")


class EventSchedule(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    EXPECTED = "expected", _("Expected, not yet confirmed")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class Event(Publishable):
    Category = EventCategory
    Timing = EventTiming
    Schedule = EventSchedule
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="events", verbose_name=_("municipality")
    )
    direction = models.ForeignKey(
        Direction, on_delete=models.PROTECT, related_name="events", verbose_name=_("direction")
    )
    category = models.CharField(_("category"), max_length=20, choices=Category, default=Category.OTHER)
    starts_at = models.DateTimeField(
        _("starts"),
        help_text=_("The local time of the place: Bulgarian time in Koprivshtitsa, Serbian time in Medijana."),
    )
    ends_at = models.DateTimeField(_("ends"))
    timing = models.CharField(_("timing"), max_length=10, choices=Timing, default=Timing.TIMED)
    schedule = models.CharField(_("schedule"), max_length=10, choices=Schedule, default=Schedule.CONFIRMED)
    recurrence_rule = models.CharField(
        _("repeats"),
        max_length=200,
        blank=True,
        help_text=_(
            "Leave empty for a single event. An iCalendar rule, e.g. FREQ=YEARLY (every year), "
            "FREQ=YEARLY;INTERVAL=5 (every five years), FREQ=WEEKLY;BYDAY=SA (every Saturday), "
            "FREQ=MONTHLY;UNTIL=20271231 (monthly until a date)."
        ),
    )
    exception_dates = ArrayField(
        models.DateField(),
        verbose_name=_("except on"),
        blank=True,
        default=list,
        help_text=_(
            "Days, in the place's time, on which a repeating event does not take place, separated by commas "
            "(e.g. 2027-12-26,2028-01-02). Each must be one of the series' dates."
        ),
    )
    venue_name = models.CharField(_("venue"), max_length=200, blank=True)
    venue_address = models.CharField(_("venue address"), max_length=300, blank=True)
    venue_url = WebAddressField(_("venue link"), blank=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    organiser_url = WebAddressField(_("organiser's website"), blank=True)
    is_free = models.BooleanField(_("free admission"), default=False)
    price = models.DecimalField(
        _("price"), max_digits=10, decimal_places=2, null=True, blank=True, help_text=_("Leave empty if unknown.")
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=Currency,
        blank=True,
        help_text=_("The municipality's currency: euro in Bulgaria, dinar in Serbia."),
    )
    website = WebAddressField(_("more information"), blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["status", "published_at", "starts_at"])]
        constraints = [
            *publication_constraints("event"),
            models.CheckConstraint(condition=Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(condition=Q(category__in=EventCategory.values), name="event_category_known"),
            models.CheckConstraint(condition=Q(timing__in=EventTiming.values), name="event_timing_known"),
            models.CheckConstraint(condition=Q(schedule__in=EventSchedule.values), name="event_schedule_known"),
            models.CheckConstraint(condition=Q(price__isnull=True) | Q(price__gte=0), name="event_price_not_negative"),
            models.CheckConstraint(
                condition=~(Q(is_free=True) & Q(price__isnull=False)), name="event_free_has_no_price"
            ),
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(currency__in=Currency.values), name="event_price_has_currency"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("civic:event-detail", kwargs={"slug": self.slug})

    def get_ical_url(self):
        return reverse("civic:event-ical", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.municipality_id:
            if self.price is not None and not self.currency:
                self.currency = self.municipality.currency
            if self.currency and self.currency != self.municipality.currency:
                errors["currency"] = _("Prices in %(municipality)s are in %(currency)s.") % {
                    "municipality": self.municipality,
                    "currency": Currency(self.municipality.currency).label,
                }
        if self.is_free and self.price is not None:
            errors["price"] = _("A free event has no price.")
        if self.starts_at and self.ends_at and self.municipality_id:
            self._normalise_to_timing()
            if self.ends_at < self.starts_at:
                errors["ends_at"] = _("The event cannot end before it starts.")
        if self.recurrence_rule:
            try:
                self.recurrence_rule = self._validated_recurrence()
            except ValidationError as error:
                errors["recurrence_rule"] = error
        if self.exception_dates and "recurrence_rule" not in errors:
            try:
                self.exception_dates = self._validated_exception_dates()
            except ValidationError as error:
                errors["exception_dates"] = error
        if errors:
            raise ValidationError(errors)

    def _normalise_to_timing(self):
        """Whole-day and month-only events span whole days in the place's time."""
        if self.timing == self.Timing.TIMED:
            return
        first, last = self.local_starts_at.date(), self.local_ends_at.date()
        if self.timing == self.Timing.MONTH:
            first = first.replace(day=1)
            last = last.replace(day=calendar.monthrange(last.year, last.month)[1])
        self.starts_at = datetime.combine(first, time.min, tzinfo=self.zone)
        self.ends_at = datetime.combine(last, time(23, 59, 59), tzinfo=self.zone)

    def _validated_recurrence(self) -> str:
        try:
            parts = parse_recurrence(self.recurrence_rule)
        except ValueError as error:
            raise ValidationError(_("Write the rule as KEY=VALUE pairs separated by semicolons.")) from error
        if parts.get("FREQ") not in RECURRENCE_FREQUENCIES:
            raise ValidationError(_("The rule needs FREQ=YEARLY, MONTHLY, WEEKLY or DAILY."))
        unknown = sorted(set(parts) - set(RECURRENCE_PARTS))
        if unknown:
            raise ValidationError(_("Unsupported parts of the rule: %(parts)s.") % {"parts": ", ".join(unknown)})
        if "COUNT" in parts and "UNTIL" in parts:
            raise ValidationError(_("Give either COUNT or UNTIL, not both."))
        if "UNTIL" in parts:
            try:
                datetime.strptime(parts["UNTIL"], "%Y%m%d")
            except ValueError as error:
                raise ValidationError(_("UNTIL is a date written as YYYYMMDD, e.g. UNTIL=20301231.")) from error
        rule = format_recurrence(parts)
        if self.starts_at and self.municipality_id:
            try:
                self._dateutil_rule(rule)
            except (ValueError, TypeError) as error:
                raise ValidationError(_("This is not a valid recurrence rule.")) from error
        return rule

    def _validated_exception_dates(self) -> list[date]:
        if not self.recurrence_rule:
            raise ValidationError(_("Only a repeating event can have days on which it does not take place."))
        days = sorted(set(self.exception_dates))
        if self.starts_at and self.municipality_id:
            rule = self._dateutil_rule()
            start = self.local_starts_at.time()
            for day in days:
                moment = datetime.combine(day, start)
                if not rule.between(moment, moment, inc=True):
                    raise ValidationError(
                        _("%(date)s is not one of the event's dates.") % {"date": formats.date_format(day)}
                    )
        return days

    # --- Time: stored in UTC, always shown in the place's zone.

    @property
    def time_zone(self) -> str:
        return self.municipality.time_zone

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def local_starts_at(self) -> datetime:
        return timezone.localtime(self.starts_at, self.zone)

    @property
    def local_ends_at(self) -> datetime:
        return timezone.localtime(self.ends_at, self.zone)

    @property
    def first_occurrence(self) -> Occurrence:
        return Occurrence(self, self.starts_at, self.ends_at)

    @property
    def is_over(self) -> bool:
        return not self.recurrence_rule and self.ends_at < timezone.now()

    # --- Recurrence, expanded in the place's wall-clock time: a 19:00 event
    # stays at 19:00 on both sides of a daylight-saving change.

    def _dateutil_rule(self, rule: str | None = None):
        parts = parse_recurrence(rule if rule is not None else self.recurrence_rule)
        if "UNTIL" in parts:  # the series ends with that day, in the place's time
            parts["UNTIL"] += "T235959"
        return dateutil_rrule.rrulestr(format_recurrence(parts), dtstart=self.local_starts_at.replace(tzinfo=None))

    @property
    def _excluded_days(self) -> frozenset[date]:
        """The days (EXDATE) on which the series does not take place."""
        return frozenset(self.exception_dates or ())

    def _occurrence_at(self, local_start: datetime) -> Occurrence:
        wall_clock_length = self.local_ends_at.replace(tzinfo=None) - self.local_starts_at.replace(tzinfo=None)
        return Occurrence(
            self, local_start.replace(tzinfo=self.zone), (local_start + wall_clock_length).replace(tzinfo=self.zone)
        )

    def occurrences_between(self, start: datetime, end: datetime) -> list[Occurrence]:
        """The occurrences that overlap ``[start, end)``."""
        if not self.recurrence_rule:
            return (
                [Occurrence(self, self.starts_at, self.ends_at)]
                if self.ends_at >= start and self.starts_at < end
                else []
            )
        length = self.ends_at - self.starts_at
        local_from = timezone.localtime(start - length - timedelta(days=1), self.zone).replace(tzinfo=None)
        local_to = timezone.localtime(end, self.zone).replace(tzinfo=None)
        occurrences = (
            self._occurrence_at(moment)
            for moment in self._dateutil_rule().between(local_from, local_to, inc=True)
            if moment.date() not in self._excluded_days
        )
        return [occurrence for occurrence in occurrences if occurrence.ends_at >= start and occurrence.starts_at < end]

    def next_occurrences(self, limit: int = 5, after: datetime | None = None) -> list[Occurrence]:
        """The next ``limit`` occurrences that have not ended by ``after`` (default: now)."""
        after = after or timezone.now()
        if not self.recurrence_rule:
            return [Occurrence(self, self.starts_at, self.ends_at)] if self.ends_at >= after else []
        local_from = timezone.localtime(after - (self.ends_at - self.starts_at), self.zone).replace(tzinfo=None)
        moments = (m for m in self._dateutil_rule().xafter(local_from, inc=True) if m.date() not in self._excluded_days)
        occurrences = (self._occurrence_at(moment) for moment in moments)
        return list(itertools.islice((o for o in occurrences if o.ends_at >= after), limit))

    def recurrence_description(self) -> str:
        """The rule in words, e.g. "every 5 years" or "every week until 31 December 2027"."""
        if not self.recurrence_rule:
            return ""
        parts = parse_recurrence(self.recurrence_rule)
        interval = int(parts.get("INTERVAL", "1"))
        words = {
            "YEARLY": ngettext("every year", "every %(count)d years", interval),
            "MONTHLY": ngettext("every month", "every %(count)d months", interval),
            "WEEKLY": ngettext("every week", "every %(count)d weeks", interval),
            "DAILY": ngettext("every day", "every %(count)d days", interval),
        }[parts["FREQ"]] % {"count": interval}
        if "UNTIL" in parts:
            until = datetime.strptime(parts["UNTIL"], "%Y%m%d").date()
            words = gettext("%(rule)s until %(date)s") % {"rule": words, "date": formats.date_format(until)}
        return words
