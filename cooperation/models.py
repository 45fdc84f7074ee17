"""The cooperation board: offers and requests that approved companies post for partners across the border.

An ``Opportunity`` belongs to a published directory ``Organisation`` and is
written by the company's owner (``registrations.CompanyOwner``). It is public
only while it is approved, unexpired and its company is published:
``OpportunityQuerySet.public()`` is the one gate every public surface reads
(board, detail page, feeds, JSON, search, matches, digests, sitemap), so an
expired or unapproved item cannot leak through any of them.

An owner's edit of an approved item waits in ``proposed`` (only the changed
fields) while the approved text stays public, as a company profile's edit waits
in a ``ProposedChange``; the moderators of the company's municipality accept or
reject it.
"""

from datetime import date, timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ChoiceLabelsModel, Country, Moderated, published_q
from directory.models import Organisation, SpokenLanguage
from directory.nace import NaceRevision, NaceSection, division_section, section_label

# How long an item stays on the board unless its owner chooses a shorter time or renews it.
VALIDITY_DAYS = 183


def default_expiry(today: date | None = None) -> date:
    """Six months from today: the longest an item stays on the board without renewal."""
    return (today or timezone.localdate()) + timedelta(days=VALIDITY_DAYS)


class Kind(models.TextChoices):
    OFFER = "offer", _("Offer")
    REQUEST = "request", _("Request")


class CooperationType(models.TextChoices):
    """The poster's part in the cooperation (see ``cooperation.matching.COMPLEMENTARY``)."""

    SUPPLIER = "supplier", _("Supplier")
    BUYER = "buyer", _("Buyer")
    DISTRIBUTOR = "distributor", _("Distributor or agent")
    JOINT_PROJECT = "joint-project", _("Joint project")
    SUBCONTRACTING = "subcontracting", _("Subcontracting")
    TOURISM_PACKAGE = "tourism-package", _("Tourism package")
    KNOW_HOW = "know-how", _("Know-how or technology")
    OTHER = "other", _("Other")


class Side(models.TextChoices):
    """Where the poster looks for partners."""

    BULGARIA = Country.BULGARIA, _("In Bulgaria")
    SERBIA = Country.SERBIA, _("In Serbia")
    EITHER = "any", _("On either side of the border")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Sent, waiting for moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# The fields an owner writes; ``proposed`` holds a subset of them.
CONTENT_LANGUAGES = ("bg", "sr", "en")
TRANSLATED_FIELDS = ("title", "description")
PLAIN_FIELDS = ("kind", "cooperation_type", "nace_section", "nace_division", "seeks", "languages", "expires_on")
OWNER_FIELDS = (
    *(f"{field}_{language}" for field in TRANSLATED_FIELDS for language in CONTENT_LANGUAGES),
    *PLAIN_FIELDS,
)


class OpportunityQuerySet(models.QuerySet):
    def public(self, today: date | None = None):
        """What the public may see: approved, not expired, of a published company.

        The date is read when the queryset is built: call it per request, never
        in a class attribute. An item is shown through its expiry date.
        """
        return self.filter(
            published_q("organisation__"),
            status=Status.APPROVED,
            expires_on__gte=today or timezone.localdate(),
        )

    def expired(self, today: date | None = None):
        return self.filter(expires_on__lt=today or timezone.localdate())

    def for_listing(self):
        """What a card shows: the company and its municipality, joined in one query."""
        return self.select_related("organisation__municipality")

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def awaiting_decision(self):
        """New items waiting for moderation, and approved items whose owner's edit waits."""
        return self.filter(
            models.Q(status=Status.PENDING) | models.Q(status=Status.APPROVED, proposed_at__isnull=False)
        )

    def of_user(self, user):
        """The items of the companies ``user`` owns, in any status."""
        return self.filter(organisation__owner__user=user)


class Opportunity(Moderated, ChoiceLabelsModel):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="cooperation_opportunities",
        verbose_name=_("company"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("offer or request"), max_length=10, choices=Kind)
    cooperation_type = models.CharField(
        _("type of cooperation"),
        max_length=20,
        choices=CooperationType,
        help_text=_(
            "Your company's part: a supplier sells, a buyer buys, a distributor or agent sells "
            "others' products; the other types are shared by both partners."
        ),
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    language = models.CharField(
        _("written in"),
        max_length=2,
        choices=[(code, name) for code, name in settings.LANGUAGES if code in CONTENT_LANGUAGES],
        help_text=_("The language the owner wrote the item in."),
    )
    # Items are classified in NACE Rev. 2, as both countries' registers are.
    nace_section = models.CharField(_("sector (NACE section)"), max_length=1)
    nace_division = models.CharField(
        _("NACE division"),
        max_length=2,
        blank=True,
        help_text=_("Two digits, e.g. 10 for food products; leave empty for the whole sector."),
    )
    seeks = models.CharField(_("partners sought"), max_length=3, choices=Side, default=Side.EITHER)
    languages = ArrayField(
        models.CharField(max_length=2, choices=SpokenLanguage),
        default=list,
        blank=True,
        verbose_name=_("working languages"),
        help_text=_("The languages the company can work in with a partner."),
    )
    expires_on = models.DateField(_("on the board until"), default=default_expiry)

    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("sent for moderation"), null=True, blank=True)
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    reminded_at = models.DateTimeField(
        _("expiry reminder sent"), null=True, blank=True, help_text=_("Cleared when the item is renewed.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("cooperation offer or request")
        verbose_name_plural = _("cooperation offers and requests")
        constraints = [
            models.CheckConstraint(condition=models.Q(kind__in=Kind.values), name="opportunity_kind_known"),
            models.CheckConstraint(
                condition=models.Q(cooperation_type__in=CooperationType.values), name="opportunity_type_known"
            ),
            models.CheckConstraint(condition=models.Q(seeks__in=Side.values), name="opportunity_seeks_known"),
            models.CheckConstraint(condition=models.Q(status__in=Status.values), name="opportunity_status_known"),
            models.CheckConstraint(
                condition=models.Q(nace_section__regex=r"^[A-U]$"), name="opportunity_nace_section_format"
            ),
            models.CheckConstraint(
                condition=models.Q(nace_division="") | models.Q(nace_division__regex=r"^[0-9]{2}$"),
                name="opportunity_nace_division_format",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.APPROVED) | models.Q(published_at__isnull=False),
                name="opportunity_approved_has_publication_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "expires_on"], name="opportunity_status_expiry"),
            models.Index(fields=["-published_at", "-id"], name="opportunity_newest"),
            GinIndex(fields=["languages"], name="opportunity_languages_gin"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cooperation:opportunity-detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        language = self.language if self.language in CONTENT_LANGUAGES else CONTENT_LANGUAGES[0]
        for field in TRANSLATED_FIELDS:
            if not any(getattr(self, f"{field}_{code}") for code in CONTENT_LANGUAGES):
                errors[f"{field}_{language}"] = _("Write it in at least one language.")
        if self.nace_division:
            section = division_section(self.nace_division, NaceRevision.REV_2)
            if section is None:
                errors["nace_division"] = _("There is no such division in this NACE revision.")
            elif self.nace_section and self.nace_section != section:
                errors["nace_division"] = _("This division belongs to section %(section)s.") % {"section": section}
            else:
                self.nace_section = section
        if self.nace_section and self.nace_section not in NaceSection.values:
            errors["nace_section"] = _("There is no such section in this NACE revision.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_expired(self) -> bool:
        return self.expires_on < timezone.localdate()

    @property
    def is_public(self) -> bool:
        return self.status == Status.APPROVED and not self.is_expired and self.organisation.is_public

    # The states templates ask about, so that no template spells a status out.
    @property
    def is_draft(self) -> bool:
        return self.status == Status.DRAFT

    @property
    def is_approved(self) -> bool:
        return self.status == Status.APPROVED

    @property
    def is_rejected(self) -> bool:
        return self.status == Status.REJECTED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN

    def proposed_value(self, field: str, value):
        return date.fromisoformat(value) if field == "expires_on" and value else value

    @property
    def country(self) -> str:
        """The poster's country (BG or RS), from its company's municipality."""
        return self.organisation.municipality.country

    @property
    def sector_label(self) -> str:
        return section_label(self.nace_section, NaceRevision.REV_2)

    @property
    def nace_code(self) -> str:
        return self.nace_division or self.nace_section

    def get_languages_display(self) -> list[str]:
        labels = dict(SpokenLanguage.choices)
        return [str(labels.get(code, code)) for code in self.languages]


class Interest(models.Model):
    """A company's answer to an item: its message reaches the poster through the portal."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="interests", verbose_name=_("offer or request")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="cooperation_interests", verbose_name=_("company")
    )
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        constraints = [
            # A company answers an item once; a second message would be a reply, which is mail's job.
            models.UniqueConstraint(fields=["opportunity", "organisation"], name="interest_once_per_company"),
        ]

    def __str__(self):
        return f"{self.organisation} → {self.opportunity}"


class CooperationPreference(models.Model):
    """An owner's choices about cooperation mail: the digest of suggested partners, and when it last went out."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cooperation_preference"
    )
    match_digest = models.BooleanField(_("email me new suggested partners"), default=True)
    digest_sent_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("cooperation preference")
        verbose_name_plural = _("cooperation preferences")

    def __str__(self):
        return str(self.user)
