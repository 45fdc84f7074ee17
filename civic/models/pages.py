from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Municipality, Publishable, PublishableQuerySet, publication_constraints


class PageQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("municipality").order_by("kind", "municipality__order", "pk")


class PageKind(models.TextChoices):
    ABOUT = "about", _("About")
    ACCESSIBILITY = "accessibility", _("Accessibility statement")
    PRIVACY = "privacy", _("Privacy notice")
    CONTACT = "contact", _("Contact")
    OTHER = "other", _("Other")


class Page(Publishable):
    """A page staff edit: about, accessibility statement, privacy notice, contact."""

    Kind = PageKind
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(
        _("body"), help_text=_("Rich text. Scripts, styles and event handlers are removed on saving.")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        help_text=_("The accessibility statement and the privacy notice exist once per municipality."),
    )

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "municipality__order", "pk"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        constraints = [
            *publication_constraints("page"),
            models.CheckConstraint(condition=Q(kind__in=PageKind.values), name="page_kind_known"),
            # The Web Accessibility Directive asks each public body for its own statement,
            # and each municipality is the data controller of its own privacy notice.
            models.UniqueConstraint(
                fields=["kind", "municipality"],
                condition=Q(kind__in=["accessibility", "privacy"]),
                name="page_one_statement_per_municipality",
            ),
            models.CheckConstraint(
                condition=~Q(kind__in=["accessibility", "privacy"]) | Q(municipality__isnull=False),
                name="page_statement_names_its_municipality",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.municipality})" if self.municipality_id else self.title

    def get_absolute_url(self):
        return reverse("civic:page-detail", kwargs={"slug": self.slug})
