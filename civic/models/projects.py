"""EU cooperation projects, recorded as keep.eu and the programme sites record them."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import (
    ChoiceLabelsModel,
    Country,
    Municipality,
    Publishable,
    PublishableQuerySet,
    WebAddressField,
    publication_constraints,
)


class Programme(models.Model):
    """A cooperation programme, e.g. the Bulgaria–Serbia IPA Cross-border Programme 2007–2013."""

    name = models.CharField(_("name"), max_length=200)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    website = WebAddressField(_("website"), blank=True)

    class Meta:
        ordering = ["-first_year", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(condition=Q(last_year__gte=models.F("first_year")), name="programme_period_order"),
        ]

    def __str__(self):
        return self.name

    @property
    def period(self) -> str:
        return f"{self.first_year}–{self.last_year}"


class ProjectQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("programme").prefetch_related("partners")

    def for_detail(self):
        return self.select_related("programme").prefetch_related("partners", "municipalities")

    def ongoing(self):
        today = timezone.localdate()
        return self.filter(starts_on__lte=today).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))

    def completed(self):
        return self.filter(ends_on__lt=timezone.localdate())


class Project(Publishable):
    class Progress(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        UNKNOWN = "unknown", _("Dates not known")

    title = models.CharField(_("title"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=50, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    code = models.CharField(_("project code"), max_length=50, blank=True, help_text=_("E.g. CB007.1.11.118."))
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="projects", verbose_name=_("programme"), null=True, blank=True
    )
    priority = models.CharField(_("priority"), max_length=300, blank=True)
    municipalities = models.ManyToManyField(
        Municipality, related_name="projects", verbose_name=_("municipalities involved"), blank=True
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    total_budget = models.DecimalField(
        _("total budget (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty if unknown."),
    )
    eu_cofinancing_rate = models.DecimalField(
        _("EU co-financing rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True,
        help_text=_("Leave empty if unknown."),
    )  # fmt: skip
    figures_note = models.CharField(
        _("note on the figures"), max_length=300, blank=True, help_text=_("E.g. where sources give different amounts.")
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    results = models.TextField(_("results"), blank=True)
    website = WebAddressField(_("website"), blank=True)
    source_url = WebAddressField(_("source of the data"), blank=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = [models.F("starts_on").desc(nulls_last=True), "title"]
        verbose_name = _("EU project")
        verbose_name_plural = _("EU projects")
        constraints = [
            *publication_constraints("project"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="project_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(total_budget__isnull=True) | Q(total_budget__gte=0), name="project_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(eu_cofinancing_rate__isnull=True)
                | Q(eu_cofinancing_rate__gte=0, eu_cofinancing_rate__lte=100),
                name="project_cofinancing_rate_percent",
            ),
        ]

    def __str__(self):
        return f"{self.acronym}: {self.title}" if self.acronym else self.title

    def get_absolute_url(self):
        return reverse("civic:project-detail", kwargs={"slug": self.slug})

    @property
    def progress(self) -> str:
        """Planned, ongoing or completed: derived from the dates, so that it is never out of date."""
        today = timezone.localdate()
        if self.starts_on is None:
            return self.Progress.UNKNOWN
        if self.starts_on > today:
            return self.Progress.PLANNED
        if self.ends_on is not None and self.ends_on < today:
            return self.Progress.COMPLETED
        return self.Progress.ONGOING

    def get_progress_display(self) -> str:
        return self.Progress(self.progress).label

    @property
    def eu_contribution(self):
        if self.total_budget is None or self.eu_cofinancing_rate is None:
            return None
        return (self.total_budget * self.eu_cofinancing_rate / 100).quantize(self.total_budget)

    @property
    def lead_partner(self):
        """The lead partner from the prefetched partners (no query of its own)."""
        return next((partner for partner in self.partners.all() if partner.role == Partner.Role.LEAD), None)


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead partner")
    PARTNER = "partner", _("Partner")
    ASSOCIATED = "associated", _("Associated partner")


class Partner(ChoiceLabelsModel):
    """A project partner. Linked to the directory's organisations when that app lands."""

    Role = PartnerRole
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("project"))
    name = models.CharField(_("name"), max_length=300)
    country = models.CharField(_("country"), max_length=2, choices=Country)
    role = models.CharField(_("role"), max_length=12, choices=Role, default=Role.PARTNER)
    website = WebAddressField(_("website"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.CheckConstraint(condition=Q(role__in=PartnerRole.values), name="partner_role_known"),
            models.CheckConstraint(condition=Q(country__in=Country.values), name="partner_country_known"),
            models.UniqueConstraint(fields=["project"], condition=Q(role="lead"), name="project_one_lead_partner"),
        ]

    def __str__(self):
        return self.name
