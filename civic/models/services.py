"""Municipal administrative services: what a resident can apply for, and how."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import (
    Currency,
    Municipality,
    Publishable,
    PublishableQuerySet,
    WebAddressField,
    publication_constraints,
)


class LifeSituation(models.Model):
    """A moment in life that leads people to the municipality: a birth, a move, a new business."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("life situation")
        verbose_name_plural = _("life situations")

    def __str__(self):
        return self.name


class MunicipalServiceQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("municipality").prefetch_related("life_situations")

    def for_detail(self):
        return self.select_related("municipality__information_centre").prefetch_related("life_situations")


class MunicipalService(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="services", verbose_name=_("municipality")
    )
    life_situations = models.ManyToManyField(
        LifeSituation, related_name="services", verbose_name=_("life situations"), blank=True
    )
    summary = models.TextField(_("what the service is"))
    eligibility = models.TextField(_("who can apply"), blank=True)
    required_documents = models.TextField(_("required documents"), blank=True, help_text=_("One document per line."))
    is_free = models.BooleanField(_("free of charge"), default=False)
    fee = models.DecimalField(
        _("fee"), max_digits=10, decimal_places=2, null=True, blank=True, help_text=_("Leave empty if unknown.")
    )
    fee_currency = models.CharField(_("fee currency"), max_length=3, choices=Currency, blank=True)
    fee_note = models.CharField(_("about the fee"), max_length=300, blank=True)
    processing_time = models.CharField(_("processing time"), max_length=200, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    at_information_centre = models.BooleanField(_("the information centre helps with the application"), default=False)
    office = models.CharField(_("office"), max_length=300, blank=True, help_text=_("Where to apply in person."))
    online_url = WebAddressField(_("online application"), blank=True)
    responsible_unit = models.CharField(_("responsible unit"), max_length=200, blank=True)

    objects = MunicipalServiceQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__order", "title"]
        verbose_name = _("municipal service")
        verbose_name_plural = _("municipal services")
        constraints = [
            *publication_constraints("municipalservice"),
            models.CheckConstraint(condition=Q(fee__isnull=True) | Q(fee__gte=0), name="service_fee_not_negative"),
            models.CheckConstraint(condition=~(Q(is_free=True) & Q(fee__isnull=False)), name="service_free_has_no_fee"),
            models.CheckConstraint(
                condition=Q(fee__isnull=True) | Q(fee_currency__in=Currency.values), name="service_fee_has_currency"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("civic:service-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.is_free and self.fee is not None:
            raise ValidationError({"fee": _("A free service has no fee.")})
        if self.municipality_id:
            if self.fee is not None and not self.fee_currency:
                self.fee_currency = self.municipality.currency
            if self.fee_currency and self.fee_currency != self.municipality.currency:
                raise ValidationError(
                    {
                        "fee_currency": _("Fees in %(municipality)s are in %(currency)s.")
                        % {"municipality": self.municipality, "currency": Currency(self.municipality.currency).label}
                    }
                )

    @property
    def required_documents_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.required_documents.splitlines() if line.strip(" -•\t")]
