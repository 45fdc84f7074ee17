"""The joint directory: every organisation of both municipalities in one model.

Companies, cultural institutions, public bodies, NGOs and tourism providers
share one table: readers search and filter them together, and the kind says
what each one is. Identifiers are validated per country with the rules in
``directory.identifiers``.
"""

from functools import cache
from zoneinfo import ZoneInfo

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from PIL import Image, UnidentifiedImageError

from core.models import (
    Coordinates,
    Country,
    Direction,
    Municipality,
    Publishable,
    PublishableQuerySet,
    WebAddressField,
    coordinate_constraints,
    normalise_phone,
    publication_constraints,
)
from directory import identifiers
from directory.nace import NaceRevision, division_section, section_label
from media_library.fields import CheckedImageField
from search.filters import filter_matching

LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}


def validate_logo(file) -> None:
    """A logo is a real PNG, JPEG, WebP or GIF image of at most 1 MB, whatever its name says."""
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(_("A logo may be at most 1 MB."), code="logo_size")
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(_("This file is not an image we can read."), code="logo_content") from error
    finally:
        file.seek(0)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(_("A logo must be a PNG, JPEG, WebP or GIF image."), code="logo_format")


class Kind(models.TextChoices):
    COMPANY = "company", _("Company")
    ACCOMMODATION = "accommodation", _("Accommodation")
    FOOD_SERVICE = "food-service", _("Restaurant or café")
    MUSEUM = "museum", _("Museum")
    COMMUNITY_CENTRE = "community-centre", _("Community centre (chitalishte)")
    THEATRE = "theatre", _("Theatre")
    LIBRARY = "library", _("Library")
    GALLERY = "gallery", _("Gallery")
    PUBLIC_AUTHORITY = "public-authority", _("Public authority")
    SCHOOL = "school", _("School")
    HEALTH_SERVICE = "health-service", _("Health service")
    SOCIAL_SERVICE = "social-service", _("Social service")
    NGO = "ngo", _("Non-governmental organisation")


# The schema.org type that describes each kind best (all are Organization subtypes).
SCHEMA_ORG_TYPES = {
    Kind.COMPANY: "LocalBusiness",
    Kind.ACCOMMODATION: "LodgingBusiness",
    Kind.FOOD_SERVICE: "FoodEstablishment",
    Kind.MUSEUM: "Organization",
    Kind.COMMUNITY_CENTRE: "Organization",
    Kind.THEATRE: "PerformingGroup",
    Kind.LIBRARY: "Library",
    Kind.GALLERY: "Organization",
    Kind.PUBLIC_AUTHORITY: "GovernmentOrganization",
    Kind.SCHOOL: "EducationalOrganization",
    Kind.HEALTH_SERVICE: "MedicalOrganization",
    Kind.SOCIAL_SERVICE: "Organization",
    Kind.NGO: "NGO",
}
NACE_SCHEMA_ORG_TYPES = {"55": "LodgingBusiness", "56": "FoodEstablishment"}


class LegalForm(models.TextChoices):
    BG_SOLE_TRADER = "bg-et", _("Sole trader (ET)")
    BG_LIMITED = "bg-ood", _("Limited liability company (OOD)")
    BG_SINGLE_MEMBER_LIMITED = "bg-eood", _("Single-member limited liability company (EOOD)")
    BG_JOINT_STOCK = "bg-ad", _("Joint-stock company (AD)")
    BG_SINGLE_MEMBER_JOINT_STOCK = "bg-ead", _("Single-member joint-stock company (EAD)")
    BG_GENERAL_PARTNERSHIP = "bg-sd", _("General partnership (SD)")
    BG_LIMITED_PARTNERSHIP = "bg-kd", _("Limited partnership (KD)")
    BG_CHITALISHTE = "bg-chitalishte", _("Community centre (chitalishte)")
    RS_ENTREPRENEUR = "rs-pr", _("Entrepreneur (preduzetnik)")
    RS_LIMITED = "rs-doo", _("Limited liability company (d.o.o.)")
    RS_JOINT_STOCK = "rs-ad", _("Joint-stock company (a.d.)")
    RS_GENERAL_PARTNERSHIP = "rs-od", _("General partnership (o.d.)")
    RS_LIMITED_PARTNERSHIP = "rs-kd", _("Limited partnership (k.d.)")
    COOPERATIVE = "cooperative", _("Cooperative")
    ASSOCIATION = "association", _("Association")
    FOUNDATION = "foundation", _("Foundation")
    PUBLIC_INSTITUTION = "public-institution", _("Public body or institution")

    @classmethod
    @cache  # asked for every row of a bulk import
    def for_country(cls, country: str) -> tuple[str, ...]:
        other = "rs-" if country == Country.BULGARIA else "bg-"
        return tuple(value for value in cls.values if not value.startswith(other))


class SizeClass(models.TextChoices):
    """EU SME size classes (Commission Recommendation 2003/361/EC), by staff headcount."""

    MICRO = "micro", _("Micro (fewer than 10 staff)")
    SMALL = "small", _("Small (fewer than 50 staff)")
    MEDIUM = "medium", _("Medium (fewer than 250 staff)")
    LARGE = "large", _("Large (250 staff or more)")


class PriceRange(models.TextChoices):
    """How dear a place to stay or eat is, as guides put it: a visitor's filter on "Where to stay and eat"."""

    BUDGET = "budget", pgettext_lazy("price range", "Budget")
    MODERATE = "moderate", pgettext_lazy("price range", "Moderate")
    UPMARKET = "upmarket", pgettext_lazy("price range", "Upmarket")


class SpokenLanguage(models.TextChoices):
    BULGARIAN = "bg", _("Bulgarian")
    SERBIAN = "sr", _("Serbian")
    ENGLISH = "en", _("English")
    GERMAN = "de", _("German")
    RUSSIAN = "ru", _("Russian")
    FRENCH = "fr", _("French")
    ITALIAN = "it", _("Italian")
    GREEK = "el", _("Greek")
    MACEDONIAN = "mk", _("Macedonian")
    ROMANIAN = "ro", _("Romanian")
    TURKISH = "tr", _("Turkish")


UNIQUE_IDENTIFIER_MESSAGES = {
    "eik": _("Another organisation already has this EIK/BULSTAT."),
    "vat_number": _("Another organisation already has this VAT number."),
    "pib": _("Another organisation already has this PIB."),
    "mb": _("Another organisation already has this MB."),
}


class OrganisationQuerySet(PublishableQuerySet):
    """``published()`` (``core.models.PublishableQuerySet``) is what the public may see: drafts, archived
    entries and those scheduled for later never leave the admin."""

    def for_listing(self):
        """What a list row shows: the organisation and its municipality, in one query."""
        return self.select_related("municipality")

    def for_detail(self):
        """What the detail page shows: municipality and owner (registrations) joined, directions and the
        owner's photos prefetched (``photo_list``)."""
        return (
            self.select_related("municipality", "owner")
            .prefetch_related("directions")
            .prefetch_related(models.Prefetch("company_photos", to_attr="photo_list"))
        )

    def for_export(self):
        """One row per organisation with its direction slugs aggregated in, for CSV and JSON."""
        from django.contrib.postgres.aggregates import ArrayAgg

        return self.select_related("municipality").annotate(
            direction_slugs=ArrayAgg("directions__slug", distinct=True, default=models.Value([]))
        )

    def matching(self, text: str):
        """Organisations whose search entry holds every typed word (or its beginning).

        The site-wide search's matching (names, places, description, kind and
        identifiers; any script, diacritics, case or language), answered by
        its index: only published organisations can match. Text with no word
        in it matches everything.
        """
        return filter_matching(self, text)

    def in_direction(self, direction_id: int):
        """Organisations in a direction, as a semi-join: no join that could repeat rows or narrow aggregates.

        By the direction's id, not its slug: with the value known when the query is planned,
        PostgreSQL knows how many organisations a direction holds and, with a search narrowing
        the list, looks up each candidate's membership instead of collecting every member of
        the direction first (100 ms of 150 at 100,000 organisations).
        """
        memberships = self.model.directions.through.objects.filter(
            organisation_id=OuterRef("pk"), direction_id=direction_id
        )
        return self.filter(Exists(memberships))

    def in_country(self, country: str):
        return self.filter(municipality__country=country)

    def speaking(self, language: str):
        return self.filter(languages__contains=[language])


class Organisation(Coordinates, Publishable):
    slug = models.SlugField(
        _("slug"), max_length=120, unique=True, help_text=_("Used in addresses; Latin letters only.")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind)
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm, blank=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("municipality")
    )
    directions = models.ManyToManyField(Direction, related_name="organisations", verbose_name=_("directions"))

    eik = models.CharField(
        _("EIK/BULSTAT"), max_length=13, blank=True, help_text=_("Bulgaria: 9 digits, or 13 for a branch.")
    )
    vat_number = models.CharField(
        _("VAT number"), max_length=12, blank=True, help_text=_("Bulgaria: BG followed by 9 or 10 digits.")
    )
    pib = models.CharField(_("PIB"), max_length=9, blank=True, help_text=_("Serbia: tax number, 9 digits."))
    mb = models.CharField(_("MB"), max_length=8, blank=True, help_text=_("Serbia: registration number, 8 digits."))
    mb_checksum_mismatch = models.BooleanField(
        _("MB check digit differs"),
        default=False,
        editable=False,
        help_text=_("The MB does not match the unofficial check digit rule: worth a second look."),
    )

    nace_revision = models.CharField(_("NACE revision"), max_length=3, choices=NaceRevision, default=NaceRevision.REV_2)
    nace_section = models.CharField(_("NACE section"), max_length=1, blank=True)
    nace_division = models.CharField(
        _("NACE division"), max_length=2, blank=True, help_text=_("Two digits; the section follows from it.")
    )
    size_class = models.CharField(_("size class"), max_length=10, choices=SizeClass, blank=True)
    founded_year = models.PositiveSmallIntegerField(_("founded in"), null=True, blank=True)

    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    settlement = models.CharField(_("settlement"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)

    phones = ArrayField(
        models.CharField(max_length=20),
        size=3,
        default=list,
        blank=True,
        verbose_name=_("phone numbers"),
        help_text=_("Up to three, separated by commas; stored in international form."),
    )
    email = models.EmailField(_("email"), blank=True)
    website = WebAddressField(_("website"), blank=True)
    social_links = ArrayField(
        WebAddressField(max_length=200),
        size=5,
        default=list,
        blank=True,
        verbose_name=_("social media links"),
        help_text=_("Up to five addresses, separated by commas."),
    )
    languages = ArrayField(
        models.CharField(max_length=2, choices=SpokenLanguage),
        default=list,
        blank=True,
        verbose_name=_("languages spoken"),
        help_text=_("Language codes separated by commas, e.g. bg,sr,en."),
    )
    opening_hours = models.TextField(_("opening hours"), blank=True)
    price_range = models.CharField(
        _("price range"),
        max_length=10,
        choices=PriceRange,
        blank=True,
        help_text=_("For places to stay and eat: how dear they are, as visitors compare them."),
    )
    logo = CheckedImageField(
        _("logo"), upload_to="directory/logos/", blank=True, validators=[validate_logo], max_width=512
    )

    open_to_cooperation = models.BooleanField(_("open to cross-border cooperation"), default=False)
    cooperation_offers = models.TextField(_("what it offers partners"), blank=True)
    cooperation_seeks = models.TextField(_("what it seeks from partners"), blank=True)

    is_demo = models.BooleanField(
        _("demo data"),
        default=False,
        help_text=_("A synthetic entry made up for demonstration; not a real organisation."),
    )
    # Freshness (docs/DIRECTORY.md, "Keeping entries true"): written by upkeep's services.
    confirmed_at = models.DateTimeField(
        _("last confirmed"),
        null=True,
        blank=True,
        help_text=_("When the company or staff last said the entry is right."),
    )
    stale_since = models.DateTimeField(
        _("may be out of date since"),
        null=True,
        blank=True,
        help_text=_("Set by the periodic upkeep when the entry has not been confirmed for 18 months."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            GinIndex(fields=["languages"], name="organisation_languages_gin"),
            # Counting what the public sees (``published()``: the state and the time) from the index alone.
            models.Index(fields=["status", "municipality"], include=["published_at"], name="organisation_status_munic"),
            # The list is sorted by name in the reader's language: an index per language
            # lets PostgreSQL read a page in order instead of sorting every row, and with
            # the publication state in it, skip the rows of the pages before from the index alone.
            *(
                models.Index(
                    fields=[f"name_{code}", "id"], include=["status", "published_at"], name=f"organisation_name_{code}"
                )
                for code in ("bg", "sr", "en")
            ),
            # "Newest entries first", read backwards.
            models.Index(fields=["created_at", "id"], include=["status", "published_at"], name="organisation_created"),
        ]
        constraints = [
            *coordinate_constraints("organisation"),
            *publication_constraints("organisation"),
            *(
                models.UniqueConstraint(
                    fields=[field],
                    condition=~models.Q(**{field: ""}),
                    name=f"organisation_{field}_unique",
                    violation_error_message=message,
                )
                for field, message in UNIQUE_IDENTIFIER_MESSAGES.items()
            ),
            models.CheckConstraint(
                condition=models.Q(eik="") | models.Q(eik__regex=r"^([0-9]{9}|[0-9]{13})$"),
                name="organisation_eik_format",
                violation_error_message=_("An EIK/BULSTAT has 9 digits, or 13 for a branch."),
            ),
            models.CheckConstraint(
                condition=models.Q(vat_number="") | models.Q(vat_number__regex=r"^BG[0-9]{9,10}$"),
                name="organisation_vat_number_format",
                violation_error_message=_("A Bulgarian VAT number is BG followed by 9 or 10 digits."),
            ),
            models.CheckConstraint(
                condition=models.Q(pib="") | models.Q(pib__regex=r"^[0-9]{9}$"),
                name="organisation_pib_format",
                violation_error_message=_("A PIB has 9 digits."),
            ),
            models.CheckConstraint(
                condition=models.Q(mb="") | models.Q(mb__regex=r"^[0-9]{8}$"),
                name="organisation_mb_format",
                violation_error_message=_("An MB has 8 digits."),
            ),
            # An organisation is registered in one country: Bulgarian or Serbian identifiers, never both.
            models.CheckConstraint(
                condition=models.Q(eik="", vat_number="") | models.Q(pib="", mb=""),
                name="organisation_one_country_ids",
                violation_error_message=_(
                    "Give Bulgarian (EIK, VAT number) or Serbian (PIB, MB) identifiers, not both."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(postal_code="") | models.Q(postal_code__regex=r"^[0-9]{4,5}$"),
                name="organisation_postal_code_format",
                violation_error_message=_("A postal code has 4 or 5 digits."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=Kind.values),
                name="organisation_kind_known",
                violation_error_message=_("Choose a kind from the list."),
            ),
            models.CheckConstraint(
                condition=models.Q(size_class="") | models.Q(size_class__in=SizeClass.values),
                name="organisation_size_class_known",
                violation_error_message=_("Choose a size class from the list."),
            ),
            models.CheckConstraint(
                condition=models.Q(nace_revision__in=NaceRevision.values),
                name="organisation_nace_revision_known",
                violation_error_message=_("Choose a NACE revision from the list."),
            ),
            models.CheckConstraint(
                condition=models.Q(nace_section="") | models.Q(nace_section__regex=r"^[A-V]$"),
                name="organisation_nace_section_format",
                violation_error_message=_("A NACE section is one letter from A to V."),
            ),
            models.CheckConstraint(
                condition=models.Q(nace_division="")
                | (models.Q(nace_division__regex=r"^[0-9]{2}$") & ~models.Q(nace_section="")),
                name="organisation_nace_division_in_section",
                violation_error_message=_("A NACE division has two digits and belongs to a section."),
            ),
            models.CheckConstraint(
                condition=models.Q(founded_year__isnull=True) | models.Q(founded_year__gte=800, founded_year__lte=2100),
                name="organisation_founded_year_plausible",
                violation_error_message=_("Give a year between 800 and 2100."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:organisation-detail", kwargs={"slug": self.slug})

    @property
    def contact_address(self) -> str:
        """Where messages to the company go: its owner's private address (registrations), else its public one."""
        owner = getattr(self, "owner", None)
        return owner.contact_email if owner is not None else self.email

    def clean(self):
        errors = {}
        if not (self.name_bg or self.name_sr or self.name_en):
            errors["name_bg"] = _("Give the name in at least one language.")
        country = self.municipality.country if self.municipality_id else None
        validators = {
            "eik": identifiers.validate_eik,
            "vat_number": identifiers.validate_bg_vat,
            "pib": identifiers.validate_pib,
            "mb": identifiers.validate_mb,
        }
        for field, validate in validators.items():
            if getattr(self, field):
                try:
                    setattr(self, field, validate(getattr(self, field)))
                except ValidationError as error:
                    errors[field] = error
        if country == Country.BULGARIA:
            for field in ("pib", "mb"):
                if getattr(self, field):
                    errors[field] = _("PIB and MB are Serbian identifiers; this organisation is in Bulgaria.")
        elif country == Country.SERBIA:
            for field in ("eik", "vat_number"):
                if getattr(self, field):
                    errors[field] = _("EIK and VAT number are Bulgarian identifiers; this organisation is in Serbia.")
        if (
            "eik" not in errors
            and "vat_number" not in errors
            and len(self.vat_number) == 11
            and self.eik
            and self.vat_number[2:] != self.eik[:9]
        ):
            errors["vat_number"] = _("The VAT number of a legal entity is BG followed by its EIK.")
        self.mb_checksum_mismatch = bool(self.mb) and not identifiers.mb_checksum_matches(self.mb)

        # The database allows up to 2100 (a constraint cannot read the clock); a form or an import
        # refuses a year still to come, in the organisation's own time zone.
        if self.founded_year and self.founded_year > self._this_year():
            errors["founded_year"] = _("A year still to come cannot be the founding year.")
        if self.legal_form and country and self.legal_form not in LegalForm.for_country(country):
            errors["legal_form"] = _("This legal form does not exist in the organisation's country.")
        if self.postal_code and country:
            try:
                self.postal_code = identifiers.validate_postal_code(self.postal_code, country)
            except ValidationError as error:
                errors["postal_code"] = error
        if self.phones and country:
            try:
                self.phones = [normalise_phone(phone, country) for phone in self.phones if phone.strip()]
            except ValidationError as error:
                errors["phones"] = error
        errors.update(self._clean_nace())
        errors.update(self.coordinate_errors())
        if errors:
            raise ValidationError(errors)

    def _this_year(self) -> int:
        """The current year where the organisation is (Sofia or Belgrade: the same year but for an hour)."""
        zone = self.municipality.time_zone if self.municipality_id else None
        return timezone.localtime(timezone=ZoneInfo(zone) if zone else None).year

    def _clean_nace(self) -> dict:
        if not self.nace_division:
            if self.nace_section and section_label(self.nace_section, self.nace_revision) == self.nace_section:
                return {"nace_section": _("There is no such section in this NACE revision.")}
            return {}
        section = division_section(self.nace_division, self.nace_revision)
        if section is None:
            return {"nace_division": _("There is no such division in this NACE revision.")}
        if self.nace_section and self.nace_section != section:
            return {"nace_section": _("This division belongs to section %(section)s.") % {"section": section}}
        self.nace_section = section
        return {}

    @property
    def schema_org_type(self) -> str:
        # A company whose activity is accommodation (NACE 55) or food service (56) is listed where to
        # stay and eat (tourism.models.STAY, EAT), and is a LodgingBusiness or FoodEstablishment.
        if self.kind == Kind.COMPANY and self.nace_division in NACE_SCHEMA_ORG_TYPES:
            return NACE_SCHEMA_ORG_TYPES[self.nace_division]
        return SCHEMA_ORG_TYPES.get(self.kind, "Organization")

    @property
    def nace_section_label(self) -> str:
        return section_label(self.nace_section, self.nace_revision) if self.nace_section else ""

    @property
    def nace_code(self) -> str:
        return self.nace_division or self.nace_section

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def get_languages_display(self) -> list[str]:
        labels = dict(SpokenLanguage.choices)
        return [str(labels.get(code, code)) for code in self.languages]

    def openstreetmap_url(self) -> str:
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=17/{self.latitude}/{self.longitude}"
        )


class OrganisationImport(models.Model):
    """One bulk import of organisations: its summary in the history, and what undoing it needs.

    An import is recorded as one django-reversion revision (who, when, the comment with the
    file and the counts) and this row, instead of a version per organisation: the ids it
    created and, for each organisation it updated, the stored and imported value of every
    column it changed. ``services.organisations_import_undo`` reverts it (docs/STAFF.md).
    """

    revision = models.OneToOneField(
        "reversion.Revision", on_delete=models.CASCADE, related_name="organisation_import", verbose_name=_("revision")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organisation_imports", verbose_name=_("municipality")
    )
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    created_count = models.PositiveIntegerField(_("new"))
    updated_count = models.PositiveIntegerField(_("updated"))
    unchanged_count = models.PositiveIntegerField(_("unchanged"))
    created_ids = ArrayField(models.BigIntegerField(), default=list, editable=False)
    # {organisation id: {column: [stored value, imported value]}}; "directions": direction ids.
    changes = models.JSONField(default=dict, editable=False, encoder=DjangoJSONEncoder)
    undone_by = models.OneToOneField(
        "reversion.Revision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="undone_organisation_import",
        verbose_name=_("undone"),
    )

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("import of organisations")
        verbose_name_plural = _("imports of organisations")

    def __str__(self):
        return self.revision.comment
