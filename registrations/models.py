"""Companies that register themselves, their owners, and what they propose to change.

Nothing here is public. A registration holds the company's data as submitted
(``company``: the values of ``directory.Organisation`` fields) until a
moderator approves it; only then does an ``Organisation`` exist, so no page,
search, export, sitemap or feed can show a pending or rejected company. An
owner's edits wait the same way in a ``ProposedChange`` while the published
profile stays as it is.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ChoiceLabelsModel, ModerationDecision, Municipality
from core.storage import storage_alias
from directory.models import Organisation
from media_library.fields import CheckedImageField
from registrations.images import validate_claim_document

IDENTIFIER_FIELDS = ("eik", "vat_number", "pib", "mb")

DUPLICATE_MESSAGE = _(
    "A company with this identifier is already registered on the portal. If it is yours, please contact the "
    "information centre of your municipality: they can give you access to the entry or correct it."
)


def unconfirmed_expiry() -> datetime:
    """Applications received before this moment and still unconfirmed have expired."""
    return timezone.now() - timedelta(days=settings.REGISTRATIONS_CONFIRMATION_DAYS)


class RegistrationQuerySet(models.QuerySet):
    def waiting(self):
        """Registrations a moderator has to decide on."""
        return self.filter(status=CompanyRegistration.Status.PENDING)

    def with_identifier(self, field: str, value: str):
        return self.filter(**{field: value}) if value else self.none()

    def expired(self):
        """Unconfirmed applications older than ``REGISTRATIONS_CONFIRMATION_DAYS``: their link no longer works."""
        return self.filter(status=CompanyRegistration.Status.UNVERIFIED, created_at__lt=unconfirmed_expiry())

    def holding_identifiers(self):
        """Applications that keep their identifiers reserved: neither rejected nor expired unconfirmed."""
        return self.exclude(status=CompanyRegistration.Status.REJECTED).exclude(pk__in=self.expired().values("pk"))


class RegistrationStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Email address not yet confirmed")
    PENDING = "pending", _("Waiting for moderation")
    CHANGES_REQUESTED = "changes-requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class CompanyRegistration(ModerationDecision, ChoiceLabelsModel):
    Status = RegistrationStatus

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="company_registrations", verbose_name=_("municipality")
    )
    name = models.CharField(_("company name"), max_length=200)
    eik = models.CharField(_("EIK/BULSTAT"), max_length=13, blank=True)
    vat_number = models.CharField(_("VAT number"), max_length=12, blank=True)
    pib = models.CharField(_("PIB"), max_length=9, blank=True)
    mb = models.CharField(_("MB"), max_length=8, blank=True)
    company = models.JSONField(_("company data"), default=dict, help_text=_("The profile as the applicant sent it."))
    logo = CheckedImageField(_("logo"), upload_to="registrations/logos/", blank=True, max_width=512)

    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    consented_at = models.DateTimeField(_("consent to the privacy notice given"))

    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.UNVERIFIED)
    verified_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    moderator_message = models.TextField(_("message to the applicant"), blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="registrations",
        verbose_name=_("directory entry"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="company_registrations",
        verbose_name=_("owner account"),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("company registration")
        verbose_name_plural = _("company registrations")
        constraints = [
            *(
                # A rejected application frees its identifiers; an expired unconfirmed one is
                # deleted before a new application takes them (services.registration_submit).
                models.UniqueConstraint(
                    fields=[field],
                    condition=~models.Q(**{field: ""}) & ~models.Q(status=RegistrationStatus.REJECTED),
                    name=f"registration_{field}_unique",
                    violation_error_message=DUPLICATE_MESSAGE,
                )
                for field in IDENTIFIER_FIELDS
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RegistrationStatus.values),
                name="registration_status_known",
                violation_error_message=_("Choose a status from the list."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status=RegistrationStatus.APPROVED) | models.Q(organisation__isnull=False),
                name="registration_approved_has_organisation",
                violation_error_message=_("An approved application needs its directory entry."),
            ),
        ]
        indexes = [models.Index(fields=["status", "municipality"], name="registration_status_munic")]

    @property
    def is_unverified(self) -> bool:
        return self.status == RegistrationStatus.UNVERIFIED

    def __str__(self):
        return self.name

    @property
    def identifiers(self) -> dict[str, str]:
        return {field: getattr(self, field) for field in IDENTIFIER_FIELDS if getattr(self, field)}


class CompanyPhoto(models.Model):
    """A photo sent with a registration, re-encoded without metadata; the company's once approved."""

    registration = models.ForeignKey(
        CompanyRegistration, on_delete=models.CASCADE, null=True, blank=True, related_name="photos"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="company_photos"
    )
    image = CheckedImageField(_("photo"), upload_to="registrations/photos/")
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("company photo")
        verbose_name_plural = _("company photos")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration__isnull=False, organisation__isnull=True)
                | models.Q(registration__isnull=True, organisation__isnull=False),
                name="company_photo_of_a_registration_or_an_organisation",
                violation_error_message=_(
                    "A company photo belongs to a registration or, once approved, to its organisation: exactly one."
                ),
            ),
        ]

    def __str__(self):
        return self.image.name


class CompanyOwner(models.Model):
    """The account that keeps a company's profile, and the private address messages to the company go to."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="owned_companies")
    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="owner")
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("company owner")
        verbose_name_plural = _("company owners")

    def __str__(self):
        return self.contact_name

    def get_absolute_url(self):
        return reverse("registrations:company-edit", kwargs={"slug": self.organisation.slug})


class ProposedChangeQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=ProposedChange.Status.PENDING)


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Replaced by a later proposal")


class ProposedChange(ModerationDecision, ChoiceLabelsModel):
    """An owner's edit of a published profile; the profile changes only when a moderator accepts it."""

    Status = ProposalStatus

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="proposed_changes", verbose_name=_("organisation")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="proposed_changes"
    )
    data = models.JSONField(_("proposed values"), default=dict)
    logo = CheckedImageField(_("new logo"), upload_to="registrations/logos/", blank=True, max_width=512)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)

    objects = ProposedChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("proposed change")
        verbose_name_plural = _("proposed changes")
        constraints = [
            # One proposal waits per company at a time: a new one replaces the old.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status=ProposalStatus.PENDING),
                name="proposed_change_one_pending",
                violation_error_message=_("A proposed change for this company is already waiting for moderation."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ProposalStatus.values),
                name="proposed_change_status_known",
                violation_error_message=_("Choose a status from the list."),
            ),
        ]

    def __str__(self):
        return str(self.organisation)


# --- Claims of existing entries ----------------------------------------------------------------

# Directory entries a business can claim: the kinds a company registers as (institutions are the staff's).
CLAIMABLE_KINDS = ("company", "accommodation", "food-service")


def claim_documents_storage():
    """Supporting documents are private: kept with the photo originals, never served.

    The ``originals`` storage (core.storage): a folder outside MEDIA_ROOT
    (``MEDIA_LIBRARY_ORIGINALS_ROOT``, in the backups of ``portal/backups.py``) by default, the
    bucket's ``originals/`` prefix when ``S3_BUCKET`` is set, so every app server reads what
    another stored. Neither has a URL: staff of the entry's municipality read a document
    through the admin only (``CompanyClaimAdmin``).
    """
    return storage_alias("originals")


class ClaimQuerySet(models.QuerySet):
    def open(self):
        """Claims not yet decided: waiting for the address on record, for staff, or for the claimant."""
        return self.filter(status__in=OPEN_CLAIM_STATUSES)

    def waiting(self):
        """Claims staff have to decide on."""
        return self.filter(status=ClaimStatus.PENDING)


class ClaimStatus(models.TextChoices):
    UNVERIFIED = "unverified", _("Waiting for the confirmation from the address on record")
    PENDING = "pending", _("Waiting for the information centre")
    CHANGES_REQUESTED = "changes-requested", _("The information centre asked for more")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    SUPERSEDED = "superseded", _("Another claim was granted")


OPEN_CLAIM_STATUSES = (ClaimStatus.UNVERIFIED, ClaimStatus.PENDING, ClaimStatus.CHANGES_REQUESTED)


class ClaimMethod(models.TextChoices):
    EMAIL = "email", _("Confirmation from the address on record")
    DOCUMENT = "document", _("Supporting document, decided by the information centre")


class CompanyClaim(ModerationDecision, ChoiceLabelsModel):
    """Someone says an existing directory entry is their company and asks to keep it.

    Proved by the entry's identifier and either a link mailed to the entry's address on
    record (granted when it is followed) or a supporting document the staff of the entry's
    municipality judge. Granting makes the claimant the entry's ``CompanyOwner``; the other
    open claims of the entry are then superseded and told.
    """

    Status = ClaimStatus
    Method = ClaimMethod

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="claims", verbose_name=_("directory entry")
    )
    method = models.CharField(_("proof"), max_length=10, choices=Method)
    identifier = models.CharField(_("identifier given"), max_length=13, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    explanation = models.TextField(_("explanation"), blank=True)
    document = models.FileField(
        _("supporting document"),
        upload_to="claim-documents/%Y/",
        storage=claim_documents_storage,
        blank=True,
        max_length=200,
        # The one strict check, wherever a document comes from (the claim form, an answer, the admin).
        validators=[validate_claim_document],
    )
    consented_at = models.DateTimeField(_("consent to the privacy notice given"))
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING)
    verified_at = models.DateTimeField(_("confirmed from the address on record"), null=True, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="company_claims",
        verbose_name=_("owner account"),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("claim of a directory entry")
        verbose_name_plural = _("claims of directory entries")
        constraints = [
            # Several people may claim one entry at once; only one of them can ever be granted.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status=ClaimStatus.GRANTED),
                name="claim_one_granted_per_entry",
                violation_error_message=_("Another claim of this entry has already been granted."),
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=ClaimStatus.values),
                name="claim_status_known",
                violation_error_message=_("Choose a status from the list."),
            ),
            models.CheckConstraint(
                condition=models.Q(method__in=ClaimMethod.values),
                name="claim_method_known",
                violation_error_message=_("Choose how the claim is proved."),
            ),
            models.CheckConstraint(
                condition=~models.Q(method=ClaimMethod.DOCUMENT) | ~models.Q(document=""),
                name="claim_document_has_file",
                violation_error_message=_("Attach the supporting document."),
            ),
        ]
        indexes = [models.Index(fields=["status", "organisation"], name="claim_status_organisation")]

    def __str__(self):
        return f"{self.organisation} · {self.contact_name}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CLAIM_STATUSES

    @property
    def document_name(self) -> str:
        return self.document.name.rsplit("/", 1)[-1] if self.document else ""


class ApplicantReply(models.Model):
    """What an applicant answered staff from their own view of a registration or a claim."""

    registration = models.ForeignKey(
        CompanyRegistration, on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    claim = models.ForeignKey(CompanyClaim, on_delete=models.CASCADE, null=True, blank=True, related_name="replies")
    text = models.TextField(_("answer"), max_length=5000)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("answer of the applicant")
        verbose_name_plural = _("answers of the applicant")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration__isnull=False, claim__isnull=True)
                | models.Q(registration__isnull=True, claim__isnull=False),
                name="applicant_reply_of_one_application",
                violation_error_message=_("An answer belongs to one registration or one claim."),
            ),
        ]

    def __str__(self):
        return self.text[:60]
