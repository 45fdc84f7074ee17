"""What every app builds on: the two municipalities, their information centres, the four directions,
the countries and currencies, and the shared field and choice-label handling."""

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _


class ChoiceLabelsModel(models.Model):
    """The abstract base of every model with choices: ``get_FOO_display()`` looks the label up.

    Django's version builds a dict of the field's choices on every call, and
    hashing a lazy label translates it: a card showing a kind of five choices
    paid five translations. Here each field's labels are collected once and
    only the label shown is translated (in the active language, at each call).
    """

    class Meta:
        abstract = True

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


class PublicationStatus(models.TextChoices):
    """Where a public record stands: the one set of states every content type uses."""

    DRAFT = "draft", _("Draft")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class ReviewState(models.TextChoices):
    """Where a record stands in its municipality's review step (docs/STAFF.md, "Review").

    Blank: not in review. An editor submits, a moderator publishes (the state goes blank again)
    or sends it back with a comment, and the editor submits it again.
    """

    NONE = "", _("Not in review")
    SUBMITTED = "submitted", _("Waiting for review")
    SENT_BACK = "sent_back", _("Sent back for changes")


# The states a reader may see once the publication time has come.
VISIBLE_STATUSES = (PublicationStatus.PUBLISHED, PublicationStatus.SCHEDULED)


def published_q(prefix: str = "") -> models.Q:
    """``published()`` as a condition, for a join (``published_q("sight__")``) or an annotation."""
    return models.Q(**{f"{prefix}status__in": VISIBLE_STATUSES, f"{prefix}published_at__lte": timezone.now()})


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Records a reader may see: published, or scheduled and their publication time has come.

        The one gate for every public surface (lists, detail pages, feeds,
        iCal, sitemaps, direction pages, the home page): a draft, an archived
        record or one scheduled for later is never shown. ``save()`` stores a
        published record with a future time as scheduled, so "published" and
        "time has come" are the same; the time is checked here all the same
        (rows written with ``update()`` or ``bulk_create()`` skip ``save()``).
        The time is read when the queryset is built: call it per request
        (``get_queryset()``), never in a class attribute.
        """
        return self.filter(published_q())

    def published_or_scheduled(self):
        """Published records and those scheduled for later.

        For search, which indexes a scheduled record when it is saved and finds
        it only from its publication time on (``search.registry.register``'s
        ``published_at``): nothing has to run at that moment.
        """
        return self.filter(status__in=VISIBLE_STATUSES)


PublishableManager = models.Manager.from_queryset(PublishableQuerySet)


class Publishable(ChoiceLabelsModel):
    """The abstract base of every public content type: one status and one publication time.

    A model's own queryset derives from ``PublishableQuerySet``, so
    ``Model.objects.published()`` is the same test everywhere.
    """

    status = models.CharField(
        _("publication status"), max_length=10, choices=PublicationStatus, default=PublicationStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_("A time in the future schedules the publication: the item stays hidden until then."),
    )
    # Moved only by staff.services' review functions, never typed in a form: not editable.
    # Database defaults too: rows written by code that predates the columns (a release being rolled
    # out, the migration tests' earlier models) get the same values.
    review_state = models.CharField(
        _("review"),
        max_length=10,
        choices=ReviewState,
        blank=True,
        default=ReviewState.NONE,
        db_default=ReviewState.NONE,
        editable=False,
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True, default="", db_default="", editable=False)

    objects = PublishableManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.status = scheduled_status(self.status, self.published_at)
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.status in VISIBLE_STATUSES and self.published_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status in VISIBLE_STATUSES and self.published_at > timezone.now()


def scheduled_status(status: str, published_at, now=None) -> str:
    """Published with a time still to come is scheduled; scheduled whose time has passed is published."""
    if status not in VISIBLE_STATUSES or published_at is None:
        return status
    now = now or timezone.now()
    return PublicationStatus.SCHEDULED if published_at > now else PublicationStatus.PUBLISHED


def publication_constraints(prefix: str) -> list:
    """The constraints every publishable model repeats, named after it."""
    return [
        models.CheckConstraint(
            condition=models.Q(status__in=PublicationStatus.values),
            name=f"{prefix}_status_known",
            violation_error_message=_("Choose one of the publication states."),
        ),
        models.CheckConstraint(
            condition=models.Q(review_state__in=ReviewState.values),
            name=f"{prefix}_review_state_known",
            violation_error_message=_("Choose one of the review states."),
        ),
    ]


class WebAddressField(models.URLField):
    """A URL whose form field reads a bare domain ("koprivshtitsa-bg.com") as https, Django 6's default.

    On the model, so that every form built from it (the admin, its inlines,
    the public registration form, a list of addresses) gets it.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


class Coordinates(models.Model):
    """A point on the map: latitude and longitude, both or neither (``coordinate_constraints()`` in Meta)."""

    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)

    class Meta:
        abstract = True

    def coordinate_errors(self) -> dict:
        """The one-sided pair, said on the field that is missing (for ``clean()``)."""
        if (self.latitude is None) != (self.longitude is None):
            return {"longitude" if self.longitude is None else "latitude": _("Give both coordinates or neither.")}
        return {}

    def clean(self):
        super().clean()
        if errors := self.coordinate_errors():
            raise ValidationError(errors)


def coordinate_constraints(prefix: str) -> list:
    """The database's side of ``Coordinates``: on the globe, and both or neither."""
    return [
        models.CheckConstraint(
            condition=models.Q(latitude__isnull=True) | models.Q(latitude__gte=-90, latitude__lte=90),
            name=f"{prefix}_latitude_range",
            violation_error_message=_("A latitude lies between -90 and 90."),
        ),
        models.CheckConstraint(
            condition=models.Q(longitude__isnull=True) | models.Q(longitude__gte=-180, longitude__lte=180),
            name=f"{prefix}_longitude_range",
            violation_error_message=_("A longitude lies between -180 and 180."),
        ),
        models.CheckConstraint(
            condition=models.Q(latitude__isnull=True, longitude__isnull=True)
            | models.Q(latitude__isnull=False, longitude__isnull=False),
            name=f"{prefix}_both_coordinates_or_neither",
            violation_error_message=_("Give both coordinates or neither."),
        ),
    ]


class Address(models.Model):
    """A postal address as one line, as people write it."""

    address = models.CharField(_("address"), max_length=300, blank=True)

    class Meta:
        abstract = True


class Contact(models.Model):
    """How to reach someone: a phone number (stored in international form), an e-mail address and a website."""

    phone = models.CharField(_("phone"), max_length=20, blank=True, help_text=_("Stored in international form."))
    email = models.EmailField(_("email"), blank=True)
    website = WebAddressField(_("website"), blank=True)

    class Meta:
        abstract = True

    def phone_errors(self, country: str | None) -> dict:
        """Normalise the phone number for ``country`` (for ``clean()``); the error on the field if it is not one."""
        if self.phone and country:
            try:
                self.phone = normalise_phone(self.phone, country)
            except ValidationError as error:
                return {"phone": error}
        return {}


class ModerationDecision(models.Model):
    """How staff decide on what someone sent them, recorded the same way everywhere.

    Company registrations, owners' proposed changes and cooperation items
    keep who decided, when, and what they told the sender; ``decide()`` writes it.
    """

    moderator_message = models.TextField(_("message to the owner"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        abstract = True

    def decide(self, *, by, message: str | None = None) -> None:
        """Record the decision (not saved): ``by`` decided now; ``message``, when given, replaces the last one."""
        if message is not None:
            self.moderator_message = message.strip()
        self.decided_at = timezone.now()
        self.decided_by = by


class Moderated(ModerationDecision):
    """Owner edits held for staff: a public record keeps its text until a moderator accepts the edit.

    The changed fields wait in ``proposed`` (field name -> value, as JSON holds it);
    ``propose()`` holds them, ``with_proposed()`` shows the record as it would
    be, ``apply_proposed()`` and ``discard_proposed()`` end the wait, and the
    decision is recorded by ``decide()``.
    """

    proposed = models.JSONField(
        _("proposed changes"), default=dict, blank=True, help_text=_("The owner's edit, waiting for moderation.")
    )
    proposed_at = models.DateTimeField(_("changes proposed"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def has_proposed_changes(self) -> bool:
        return self.proposed_at is not None

    def propose(self, changed: dict) -> None:
        """Hold ``changed`` for moderation (an empty dict withdraws what was held)."""
        self.proposed = changed
        self.proposed_at = timezone.now() if changed else None

    def proposed_value(self, field: str, value):
        """``value`` as the model holds it (JSON has no dates): override for fields JSON changes."""
        return value

    def with_proposed(self, instance=None):
        """``instance`` (default: this record) with the held changes set on it, unsaved."""
        instance = self if instance is None else instance
        for field, value in self.proposed.items():
            setattr(instance, field, self.proposed_value(field, value))
        return instance

    def apply_proposed(self) -> None:
        self.with_proposed()
        self.discard_proposed()

    def discard_proposed(self) -> None:
        self.proposed = {}
        self.proposed_at = None


class Country(models.TextChoices):
    BULGARIA = "BG", _("Bulgaria")
    SERBIA = "RS", _("Serbia")


class Currency(models.TextChoices):
    # Bulgaria adopted the euro on 1 January 2026 (1 EUR = 1.95583 BGN).
    EUR = "EUR", _("euro")
    RSD = "RSD", _("Serbian dinar")


class PageLanguage(models.TextChoices):
    """The portal's four languages (``settings.LANGUAGES``), named in the reader's language.

    ``settings.LANGUAGES`` names each in its own language, as the language switcher shows them;
    a record's language (an enquiry's, say) is read by staff, who read it in theirs.
    """

    BULGARIAN = "bg", _("Bulgarian")
    SERBIAN_CYRILLIC = "sr", _("Serbian (Cyrillic)")
    SERBIAN_LATIN = "sr-latn", _("Serbian (Latin)")
    ENGLISH = "en", _("English")


# Each country has one time zone and one currency; they follow from the country.
COUNTRY_TIME_ZONES = {Country.BULGARIA: "Europe/Sofia", Country.SERBIA: "Europe/Belgrade"}
COUNTRY_CURRENCIES = {Country.BULGARIA: Currency.EUR, Country.SERBIA: Currency.RSD}
# The language each municipality's information centre writes in: its entries' source language
# (translations into the others are made from it), its enquiries' replies.
COUNTRY_LANGUAGES = {Country.BULGARIA: "bg", Country.SERBIA: "sr"}
# Each zone as people name it; the city is CLDR's exemplar city (tests/core/test_formats.py).
TIME_ZONE_NAMES = {"Europe/Sofia": _("Sofia time"), "Europe/Belgrade": _("Belgrade time")}


class MunicipalityQuerySet(models.QuerySet):
    def with_information_centre(self):
        """Municipalities with their information centre joined in one query."""
        return self.select_related("information_centre")


class Municipality(Coordinates, ChoiceLabelsModel):
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
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)
    website = WebAddressField(_("website"), blank=True)
    review_required = models.BooleanField(
        _("publishing needs a review"),
        default=False,
        db_default=False,
        help_text=_(
            "Editors submit their drafts for review; a moderator of the municipality publishes them or sends "
            "them back with a comment."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(condition=models.Q(country__in=Country.values), name="municipality_country_known"),
            *coordinate_constraints("municipality"),
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
        errors = self.coordinate_errors()
        if self.postal_code:
            length = 4 if self.country == Country.BULGARIA else 5
            if not (self.postal_code.isdigit() and len(self.postal_code) == length):
                errors["postal_code"] = _("A postal code in this country has %(digits)d digits.") % {"digits": length}
        if errors:
            raise ValidationError(errors)

    @property
    def time_zone(self) -> str:
        return COUNTRY_TIME_ZONES[self.country]

    @property
    def currency(self) -> str:
        return COUNTRY_CURRENCIES[self.country]

    @property
    def language(self) -> str:
        """The language the municipality's centre writes its entries in (``bg`` or ``sr``)."""
        return COUNTRY_LANGUAGES[self.country]


def normalise_phone(value: str, country: str) -> str:
    """Return ``value`` in international E.164 form, or raise ValidationError."""
    try:
        number = phonenumbers.parse(value, country)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(_("Enter a valid phone number.")) from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(_("Enter a valid phone number."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class InformationCentre(Address, Contact, Coordinates, models.Model):
    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="information_centre", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what the centre does"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)

    class Meta:
        ordering = ["municipality__order"]
        constraints = coordinate_constraints("informationcentre")
        verbose_name = _("information centre")
        verbose_name_plural = _("information centres")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portal:information-centre-detail", kwargs={"slug": self.municipality.slug})

    def clean(self):
        if errors := self.phone_errors(self.municipality.country if self.municipality_id else None):
            raise ValidationError(errors)

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


class AccessibilityStatement(ChoiceLabelsModel):
    """A municipality's accessibility statement for the portal, in the EU model form
    (Commission Implementing Decision (EU) 2018/1523): compliance status, the content that is
    not accessible and why, how and when the statement was prepared, where to send feedback
    (the municipality's enquiry form) and the enforcement procedure of its country."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Method(models.TextChoices):
        SELF_ASSESSMENT = "self", _("a self-assessment")
        THIRD_PARTY = "third-party", _("an assessment by a third party")

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="accessibility_statement", verbose_name=_("municipality")
    )
    standard = models.CharField(
        _("standard"),
        max_length=200,
        default="EN 301 549 V3.2.1 (WCAG 2.1 AA)",
        help_text=_("What the site is measured against."),
    )
    compliance = models.CharField(_("compliance status"), max_length=10, choices=Compliance, default=Compliance.PARTIAL)
    non_accessible_content = models.TextField(
        _("content that is not accessible"),
        blank=True,
        help_text=_(
            "What is not accessible and why (non-compliance, disproportionate burden, outside the law's scope)."
        ),
    )
    alternatives = models.TextField(
        _("accessible alternatives"), blank=True, help_text=_("How to get the same content in another way.")
    )
    prepared_on = models.DateField(_("prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"), null=True, blank=True)
    method = models.CharField(_("how it was prepared"), max_length=12, choices=Method, default=Method.SELF_ASSESSMENT)
    method_notes = models.TextField(_("notes on the assessment"), blank=True)
    enforcement = models.TextField(
        _("enforcement procedure"),
        help_text=_("Who to turn to when the answer to feedback is not satisfactory, under this country's law."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["municipality__order"]
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(compliance__in=["full", "partial", "none"]),
                name="accessibility_statement_compliance_known",
            ),
            models.CheckConstraint(
                condition=models.Q(method__in=["self", "third-party"]), name="accessibility_statement_method_known"
            ),
            models.CheckConstraint(
                condition=models.Q(reviewed_on__isnull=True) | models.Q(reviewed_on__gte=models.F("prepared_on")),
                name="accessibility_statement_reviewed_after_prepared",
                violation_error_message=_("A statement is reviewed after it was prepared."),
            ),
        ]

    def __str__(self):
        return str(self.municipality)

    def get_absolute_url(self):
        return reverse("portal:accessibility-statement", kwargs={"slug": self.municipality.slug})
