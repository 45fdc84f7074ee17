"""What every app builds on: the two municipalities, their information centres, the four directions,
the countries and currencies, and the shared field and choice-label handling."""

import phonenumbers
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _


class ChoiceLabelsMixin:
    """``get_FOO_display()`` that looks the label up instead of translating every choice's label.

    Django's version builds a dict of the field's choices on every call, and
    hashing a lazy label translates it: a card showing a kind of five choices
    paid five translations. Here each field's labels are collected once and
    only the label shown is translated (in the active language, at each call).
    """

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(_choice_labels(field).get(make_hashable(value), value), strings_only=True)


_CHOICE_LABELS: dict = {}


def _choice_labels(field) -> dict:
    labels = _CHOICE_LABELS.get(field)
    if labels is None:
        labels = {make_hashable(value): label for value, label in field.flatchoices}
        if not isinstance(field.choices, CallableChoiceIterator):  # choices worked out per call stay so
            _CHOICE_LABELS[field] = labels
    return labels


class WebAddressField(models.URLField):
    """A URL whose form field reads a bare domain ("koprivshtitsa-bg.com") as https, Django 6's default.

    On the model, so that every form built from it (the admin, its inlines,
    the public registration form, a list of addresses) gets it.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class Country(models.TextChoices):
    BULGARIA = "BG", _("Bulgaria")
    SERBIA = "RS", _("Serbia")


class Currency(models.TextChoices):
    # Bulgaria adopted the euro on 1 January 2026 (1 EUR = 1.95583 BGN).
    EUR = "EUR", _("euro")
    RSD = "RSD", _("Serbian dinar")


# Each country has one time zone and one currency; they follow from the country.
COUNTRY_TIME_ZONES = {Country.BULGARIA: "Europe/Sofia", Country.SERBIA: "Europe/Belgrade"}
COUNTRY_CURRENCIES = {Country.BULGARIA: Currency.EUR, Country.SERBIA: Currency.RSD}


class MunicipalityQuerySet(models.QuerySet):
    def with_information_centre(self):
        """Municipalities with their information centre joined in one query."""
        return self.select_related("information_centre")


class Municipality(ChoiceLabelsMixin, models.Model):
    slug = models.SlugField(_("slug"), unique=True, help_text=_("Used in addresses; Latin letters only."))
    name = models.CharField(_("name"), max_length=200)
    seat = models.CharField(_("seat"), max_length=200, help_text=_("The town or city the municipality belongs to."))
    region = models.CharField(_("region"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=Country)
    emblem = models.ImageField(_("emblem"), upload_to="municipalities/", blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=9, decimal_places=3, null=True, blank=True)
    elevation_m = models.PositiveSmallIntegerField(_("elevation (m)"), null=True, blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    website = WebAddressField(_("website"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(condition=models.Q(country__in=Country.values), name="municipality_country_known"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
                name="municipality_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
                name="municipality_longitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(population_year__isnull=True) | models.Q(population_year__gte=1800),
                name="municipality_population_year_plausible",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:municipality-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.postal_code:
            length = 4 if self.country == Country.BULGARIA else 5
            if not (self.postal_code.isdigit() and len(self.postal_code) == length):
                raise ValidationError(
                    {"postal_code": _("A postal code in this country has %(digits)d digits.") % {"digits": length}}
                )

    @property
    def time_zone(self) -> str:
        return COUNTRY_TIME_ZONES[self.country]

    @property
    def currency(self) -> str:
        return COUNTRY_CURRENCIES[self.country]


def normalise_phone(value: str, country: str) -> str:
    """Return ``value`` in international E.164 form, or raise ValidationError."""
    try:
        number = phonenumbers.parse(value, country)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(_("Enter a valid phone number.")) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Enter a valid phone number."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class InformationCentre(models.Model):
    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="information_centre", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what the centre does"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, help_text=_("Stored in international form."))
    email = models.EmailField(_("email"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        ordering = ["municipality__order"]
        verbose_name = _("information centre")
        verbose_name_plural = _("information centres")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:information-centre-detail", kwargs={"slug": self.municipality.slug})

    def clean(self):
        if self.phone and self.municipality_id:
            try:
                self.phone = normalise_phone(self.phone, self.municipality.country)
            except ValidationError as error:
                raise ValidationError({"phone": error}) from error

    @property
    def has_contact_details(self) -> bool:
        return bool(self.address or self.opening_hours or self.phone or self.email)

    @property
    def openstreetmap_url(self) -> str:
        if self.latitude is None or self.longitude is None:
            return ""
        return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=18/{self.latitude}/{self.longitude}"


class Direction(models.Model):
    """One of the portal's four directions, the main navigation."""

    class Key(models.TextChoices):
        BUSINESS = "business", _("Business")
        CULTURE = "culture", _("Culture")
        TOURISM = "tourism", _("Tourism")
        ADMINISTRATION = "administration-and-social-life", _("Administration and social life")

    slug = models.SlugField(_("slug"), max_length=40, unique=True, choices=Key)
    name = models.CharField(_("name"), max_length=100)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("direction")
        verbose_name_plural = _("directions")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:direction-detail", kwargs={"slug": self.slug})
