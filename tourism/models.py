"""Sights, routes and their practical details, in both municipalities.

Places to stay and eat are not modelled here: they are the directory's organisations in
NACE section I (accommodation and food service), shown with tourism filters
(``HOSPITALITY``).
"""

import math
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import (
    Address,
    Contact,
    Coordinates,
    Currency,
    Municipality,
    Publishable,
    PublishableQuerySet,
    coordinate_constraints,
    publication_constraints,
    published_q,
)
from directory.models import Kind, Organisation
from tourism import gpx

# The directory's accommodation and food-service providers: by kind, or by NACE section I
# ("Accommodation and food service activities", the same letter in Rev. 2 and Rev. 2.1).
STAY = Q(kind=Kind.ACCOMMODATION) | Q(nace_division="55")
EAT = Q(kind=Kind.FOOD_SERVICE) | Q(nace_division="56")
HOSPITALITY = STAY | EAT | Q(nace_section="I")


class SightCategory(models.TextChoices):
    HOUSE_MUSEUM = "house-museum", _("House-museum")
    MUSEUM = "museum", _("Museum")
    MONUMENT = "monument", _("Monument")
    MEMORIAL = "memorial", _("Memorial")
    HISTORIC_SITE = "historic-site", _("Historic site")
    HISTORIC_BUILDING = "historic-building", _("Historic building")
    CHURCH = "church", _("Church")
    ARCHAEOLOGICAL_SITE = "archaeological-site", _("Archaeological site")
    FORTRESS = "fortress", _("Fortress")
    VENUE = "venue", _("Theatre or venue")
    NATURE = "nature", _("Nature")
    OTHER = "other", _("Other")


class Placement(models.TextChoices):
    WITHIN = "within", _("In the municipality")
    NEARBY = "nearby", _("Near the municipality")


class WheelchairAccess(models.TextChoices):
    UNKNOWN = "", _("Not known")
    YES = "yes", _("Step-free access")
    PARTLY = "partly", _("Partly accessible")
    NO = "no", _("Not accessible by wheelchair")


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


def clean_fields_and_name(instance, exclude, clean_fields) -> None:
    """Field validation plus one rule: a name in at least one language.

    Checked with the fields rather than in ``clean()``, so that a form without the name
    fields (list editing) skips it, as Django skips the fields a form leaves out.
    """
    errors = {}
    try:
        clean_fields(exclude=exclude)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if "name_bg" not in (exclude or ()) and not (instance.name_bg or instance.name_sr or instance.name_en):
        errors.setdefault("name_bg", []).append(ValidationError(_("Give the name in at least one language.")))
    if errors:
        raise ValidationError(errors)


class SightQuerySet(PublishableQuerySet):
    def for_listing(self):
        """A card or a map marker: the sight with its municipality, in one query."""
        return self.select_related("municipality")

    def for_detail(self):
        """The detail page: municipality and organisation joined, prices and hours prefetched."""
        return self.select_related("municipality", "organisation").prefetch_related("ticket_prices", "opening_hours")

    def located(self):
        """Sights with coordinates, exact or approximate."""
        return self.filter(latitude__isnull=False)

    def near(self, latitude: float, longitude: float, radius_km: float):
        """Sights with exact coordinates inside a box around a point; ``nearby()`` measures them."""
        lat_span = radius_km / 111.2
        lon_span = radius_km / (111.2 * max(math.cos(math.radians(latitude)), 0.01))
        return self.filter(
            coordinates_approximate=False,
            latitude__range=(latitude - lat_span, latitude + lat_span),
            longitude__range=(longitude - lon_span, longitude + lon_span),
        )


class Sight(Address, Coordinates, Contact, Publishable):
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Used in addresses; Latin letters only.")
    )
    name = models.CharField(_("name"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True, help_text=_("One sentence for cards."))
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=30, choices=SightCategory)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="sights", verbose_name=_("municipality")
    )
    placement = models.CharField(
        _("where it lies"),
        max_length=10,
        choices=Placement,
        default=Placement.WITHIN,
        help_text=_("Near the municipality: a sight its visitors go to that lies in a neighbouring one."),
    )
    placement_note = models.CharField(
        _("note on where it lies"), max_length=200, blank=True, help_text=_("E.g. in the Crveni Krst municipality.")
    )
    coordinates_approximate = models.BooleanField(
        _("position is approximate"),
        default=False,
        help_text=_(
            "Tick when the exact position is not known and the marker stands for the town or the "
            "municipality centre. Approximate places are marked so on the map and get no distances."
        ),
    )
    wheelchair_access = models.CharField(
        _("wheelchair access"), max_length=10, choices=WheelchairAccess, blank=True, default=WheelchairAccess.UNKNOWN
    )
    accessibility_notes = models.TextField(
        _("accessibility"), blank=True, help_text=_("Steps, toilets, parking, guides for blind visitors…")
    )
    prices_note = models.CharField(
        _("note on prices"), max_length=300, blank=True, help_text=_("E.g. free on the last Sunday of the month.")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sights",
        verbose_name=_("run by"),
        help_text=_("The directory entry of the museum or institution that runs it."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SightQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("sight")
        verbose_name_plural = _("sights")
        indexes = [models.Index(fields=["status", "municipality"], name="sight_status_municipality")]
        constraints = [
            *publication_constraints("sight"),
            models.CheckConstraint(condition=Q(category__in=SightCategory.values), name="sight_category_known"),
            models.CheckConstraint(condition=Q(placement__in=Placement.values), name="sight_placement_known"),
            models.CheckConstraint(
                condition=Q(wheelchair_access__in=WheelchairAccess.values), name="sight_wheelchair_access_known"
            ),
            *coordinate_constraints("sight"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("tourism:sight-detail", kwargs={"slug": self.slug})

    def clean_fields(self, exclude=None):
        clean_fields_and_name(self, exclude, super().clean_fields)

    def clean(self):
        errors = self.coordinate_errors() | self.phone_errors(
            self.municipality.country if self.municipality_id else None
        )
        if errors:
            raise ValidationError(errors)

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def has_exact_location(self) -> bool:
        return self.has_location and not self.coordinates_approximate

    @property
    def currency(self) -> str:
        return self.municipality.currency

    def distance_km(self, other: "Sight") -> float:
        here = (float(self.latitude), float(self.longitude))
        there = (float(other.latitude), float(other.longitude))
        return gpx.haversine_m(here, there) / 1000

    def nearby(self, *, radius_km: float = 10, limit: int = 6) -> list[tuple["Sight", float]]:
        """Other published sights with exact positions within ``radius_km``, nearest first (one query).

        A sight placed approximately has no honest distance to anything, so it gets none.
        """
        if not self.has_exact_location:
            return []
        latitude, longitude = float(self.latitude), float(self.longitude)
        # The database orders the box by a flat-earth distance, good enough at this scale to pick
        # the nearest few (with some to spare); they are then measured exactly. Hundreds of sights
        # around a town are never all loaded.
        squared = (F("latitude") - latitude) ** 2 + (
            (F("longitude") - longitude) * math.cos(math.radians(latitude))
        ) ** 2
        candidates = (
            Sight.objects.published()
            .for_listing()
            .near(latitude, longitude, radius_km)
            .exclude(pk=self.pk)
            .annotate(flat_distance=ExpressionWrapper(squared, output_field=models.FloatField()))
            .order_by("flat_distance", "pk")[: limit * 2]
        )
        measured = sorted(((sight, self.distance_km(sight)) for sight in candidates), key=lambda pair: pair[1])
        return [(sight, distance) for sight, distance in measured if distance <= radius_km][:limit]

    def openstreetmap_url(self) -> str:
        zoom = 14 if self.coordinates_approximate else 17
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map={zoom}/{self.latitude}/{self.longitude}"
        )


class TicketPrice(models.Model):
    """One kind of ticket, priced in the municipality's currency: euro in Bulgaria, dinar in Serbia."""

    sight = models.ForeignKey(Sight, on_delete=models.CASCADE, related_name="ticket_prices", verbose_name=_("sight"))
    label = models.CharField(_("ticket"), max_length=100, help_text=_("E.g. adults, pupils and students, families."))
    amount = models.DecimalField(_("price"), max_digits=10, decimal_places=2)
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=Currency,
        blank=True,
        help_text=_("The municipality's currency: euro in Bulgaria, dinar in Serbia. Filled in when left empty."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("ticket price")
        verbose_name_plural = _("ticket prices")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="ticket_price_not_negative"),
            # Never a bare number: the database refuses a price without a known currency.
            models.CheckConstraint(condition=Q(currency__in=Currency.values), name="ticket_price_has_currency"),
        ]

    def __str__(self):
        return f"{self.label}: {self.amount} {self.currency}"

    def clean(self):
        if not self.sight_id:
            return
        expected = self.sight.municipality.currency
        if not self.currency:
            self.currency = expected
        if self.currency != expected:
            raise ValidationError(
                {
                    "currency": _("Prices in %(municipality)s are in %(currency)s.")
                    % {"municipality": self.sight.municipality, "currency": Currency(expected).label}
                }
            )


class OpeningHours(models.Model):
    """Opening times for some days of the week during a season (the whole year by default)."""

    sight = models.ForeignKey(Sight, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("sight"))
    from_month = models.PositiveSmallIntegerField(_("from month"), default=1)
    from_day = models.PositiveSmallIntegerField(_("from day"), default=1)
    to_month = models.PositiveSmallIntegerField(_("to month"), default=12)
    to_day = models.PositiveSmallIntegerField(_("to day"), default=31)
    weekdays = models.JSONField(_("days"), default=list, help_text=_("The days of the week these hours apply to."))
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("E.g. lunch break 12:00–13:00."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "from_month", "from_day", "pk"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(from_month__gte=1, from_month__lte=12, to_month__gte=1, to_month__lte=12),
                name="opening_hours_months",
            ),
            models.CheckConstraint(
                condition=Q(from_day__gte=1, from_day__lte=31, to_day__gte=1, to_day__lte=31),
                name="opening_hours_days",
            ),
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="opening_hours_closes_after"),
        ]

    def __str__(self):
        return f"{self.sight}: {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        errors = {}
        for month_field, day_field in (("from_month", "from_day"), ("to_month", "to_day")):
            try:
                date(2024, getattr(self, month_field), getattr(self, day_field))  # a leap year: 29 February exists
            except (TypeError, ValueError):
                errors[day_field] = _("There is no such day in that month.")
        if not self.weekdays:
            errors["weekdays"] = _("Choose at least one day.")
        elif not all(isinstance(day, int) and 1 <= day <= 7 for day in self.weekdays):
            errors["weekdays"] = _("Days are numbered 1 (Monday) to 7 (Sunday).")
        else:
            self.weekdays = sorted(set(self.weekdays))
        if self.opens and self.closes and self.closes <= self.opens:
            errors["closes"] = _("Closing time must come after opening time.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_all_year(self) -> bool:
        return (self.from_month, self.from_day, self.to_month, self.to_day) == (1, 1, 12, 31)

    @property
    def season_start(self) -> date:
        return date(2000, self.from_month, self.from_day)

    @property
    def season_end(self) -> date:
        return date(2000, self.to_month, self.to_day)

    def get_weekdays_display(self) -> list[str]:
        return [str(Weekday(day).label) for day in self.weekdays]


class RouteKind(models.TextChoices):
    WALKING = "walking", _("Walking")
    CYCLING = "cycling", _("Cycling")
    DRIVING = "driving", _("Driving")


class Difficulty(models.TextChoices):
    EASY = "easy", _("Easy")
    MODERATE = "moderate", _("Moderate")
    HARD = "hard", _("Hard")


class RouteQuerySet(PublishableQuerySet):
    def for_listing(self):
        """A card or a map line: the route with its municipalities, in one query."""
        return self.select_related("municipality", "crosses_into")

    def for_detail(self):
        """The detail page: the stops and their sights in one more query."""
        stops = RouteStop.objects.filter(published_q("sight__")).select_related("sight__municipality")
        return self.for_listing().prefetch_related(models.Prefetch("stops", queryset=stops))


def validate_gpx_file(file) -> None:
    """Refuse what is not a readable GPX track, before anything is stored."""
    file.seek(0)
    try:
        gpx.parse_gpx(file.read(gpx_read_limit()))
    finally:
        file.seek(0)


def gpx_read_limit() -> int:
    """Read one byte past the limit, so that ``parse_gpx`` sees an oversized file as one."""
    return settings.TOURISM_MAX_GPX_BYTES + 1


class Route(Publishable):
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Used in addresses; Latin letters only.")
    )
    name = models.CharField(_("name"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True, help_text=_("One sentence for cards."))
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=RouteKind, default=RouteKind.WALKING)
    difficulty = models.CharField(_("difficulty"), max_length=10, choices=Difficulty, default=Difficulty.EASY)
    duration_minutes = models.PositiveIntegerField(
        _("duration (minutes)"), null=True, blank=True, help_text=_("How long it usually takes, without long stops.")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="routes", verbose_name=_("municipality")
    )
    crosses_into = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="routes_crossing_in",
        verbose_name=_("continues into"),
        help_text=_("The other municipality, when the route crosses from one municipality's area to the other's."),
    )
    border_crossing_note = models.TextField(
        _("border crossing"),
        blank=True,
        help_text=_("Which checkpoint, its hours, the documents travellers need."),
    )
    start_name = models.CharField(_("start"), max_length=200, blank=True)
    end_name = models.CharField(_("end"), max_length=200, blank=True)
    gpx_file = models.FileField(
        _("GPX file"),
        upload_to="tourism/routes/",
        validators=[FileExtensionValidator(["gpx"]), validate_gpx_file],
        help_text=_("The track as a GPX file: distance, climb and the line on the map are computed from it."),
    )
    distance_m = models.PositiveIntegerField(_("distance (m)"), default=0, editable=False)
    elevation_gain_m = models.PositiveIntegerField(_("elevation gain (m)"), null=True, blank=True, editable=False)
    line = models.JSONField(_("line on the map"), default=dict, blank=True, editable=False)
    sights = models.ManyToManyField(
        Sight, through="RouteStop", related_name="routes", blank=True, verbose_name=_("sights along the way")
    )
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Made up for demonstration; not a surveyed route.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RouteQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("route")
        verbose_name_plural = _("routes")
        constraints = [
            *publication_constraints("route"),
            models.CheckConstraint(condition=Q(kind__in=RouteKind.values), name="route_kind_known"),
            models.CheckConstraint(condition=Q(difficulty__in=Difficulty.values), name="route_difficulty_known"),
            models.CheckConstraint(
                condition=Q(crosses_into__isnull=True) | ~Q(crosses_into=models.F("municipality")),
                name="route_crosses_into_the_other_municipality",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("tourism:route-detail", kwargs={"slug": self.slug})

    def clean_fields(self, exclude=None):
        clean_fields_and_name(self, exclude, super().clean_fields)

    def clean(self):
        errors = {}
        if self.crosses_into_id and self.crosses_into_id == self.municipality_id:
            errors["crosses_into"] = _("A route can only continue into the other municipality.")
        if self.crosses_into_id and not (
            self.border_crossing_note_bg or self.border_crossing_note_sr or self.border_crossing_note_en
        ):
            errors["border_crossing_note_bg"] = _("Say where and how the route crosses the border.")
        if errors:
            raise ValidationError(errors)
        self.apply_track()

    def apply_track(self) -> None:
        """Distance, climb and map line from a newly uploaded GPX file (a stored one was read when it came)."""
        if not self.gpx_file or (self.gpx_file._committed and self.line):
            return
        self.gpx_file.seek(0)
        try:
            track = gpx.parse_gpx(self.gpx_file.read(gpx_read_limit()))
        except ValidationError as error:
            raise ValidationError({"gpx_file": error}) from error
        finally:
            self.gpx_file.seek(0)
        self.distance_m = track.distance_m
        self.elevation_gain_m = track.elevation_gain_m
        self.line = track.line

    @property
    def distance_km(self) -> float:
        return self.distance_m / 1000

    @property
    def start_point(self) -> list[float] | None:
        """[longitude, latitude] of the first point of the line."""
        coordinates = self.line.get("coordinates") if self.line else None
        return coordinates[0] if coordinates else None


class RouteStop(models.Model):
    route = models.ForeignKey(Route, on_delete=models.CASCADE, related_name="stops", verbose_name=_("route"))
    sight = models.ForeignKey(Sight, on_delete=models.CASCADE, related_name="route_stops", verbose_name=_("sight"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("sight along the way")
        verbose_name_plural = _("sights along the way")
        constraints = [models.UniqueConstraint(fields=["route", "sight"], name="route_stop_unique")]

    def __str__(self):
        return f"{self.route} · {self.sight}"
