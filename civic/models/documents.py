from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civic.validators import FORMATS, validate_document
from core.models import Municipality, Publishable, PublishableQuerySet, publication_constraints


class DocumentLanguage(models.TextChoices):
    # BCP 47 tags: the download link carries the document's language as hreflang.
    BULGARIAN = "bg", _("Bulgarian")
    SERBIAN_CYRILLIC = "sr-Cyrl", _("Serbian (Cyrillic)")
    SERBIAN_LATIN = "sr-Latn", _("Serbian (Latin)")
    ENGLISH = "en", _("English")
    SEVERAL = "mul", _("Several languages")


class DocumentQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("municipality", "project")


class DocumentKind(models.TextChoices):
    STRATEGY = "strategy", _("Strategy")
    STUDY = "study", _("Study")
    DECISION = "decision", _("Decision")
    REPORT = "report", _("Report")
    FORM = "form", _("Form")
    OTHER = "other", _("Other")


class Document(Publishable):
    Kind = DocumentKind
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        help_text=_("Leave empty for a joint document of both municipalities."),
    )
    project = models.ForeignKey(
        "civic.Project",
        on_delete=models.SET_NULL,
        related_name="documents",
        verbose_name=_("EU project"),
        null=True,
        blank=True,
    )
    file = models.FileField(
        _("file"),
        upload_to="documents/%Y/",
        validators=[validate_document],
        help_text=_("PDF, OpenDocument (odt, ods, odp) or Microsoft Office (docx, xlsx, pptx, doc, xls, ppt)."),
    )
    file_format = models.CharField(_("format"), max_length=5, choices=[(f, f.upper()) for f in FORMATS], editable=False)
    file_size = models.PositiveBigIntegerField(_("size in bytes"), editable=False)
    language = models.CharField(_("language of the document"), max_length=8, choices=DocumentLanguage)
    document_date = models.DateField(_("date of the document"))

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-document_date", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            *publication_constraints("document"),
            models.CheckConstraint(condition=Q(kind__in=DocumentKind.values), name="document_kind_known"),
            models.CheckConstraint(condition=Q(language__in=DocumentLanguage.values), name="document_language_known"),
            models.CheckConstraint(condition=Q(file_format__in=FORMATS), name="document_format_known"),
            models.CheckConstraint(condition=Q(file_size__gt=0), name="document_not_empty"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("civic:document-detail", kwargs={"slug": self.slug})
