from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import Direction, Municipality, Publishable, PublishableQuerySet, publication_constraints
from media_library.fields import CheckedImageField


class NewsArticleQuerySet(PublishableQuerySet):
    def for_listing(self):
        return self.select_related("municipality", "direction")

    def latest(self):
        return self.order_by("-published_at", "-pk")


class NewsArticle(Publishable):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    lead = models.CharField(_("lead"), max_length=400, help_text=_("One or two sentences shown in lists and feeds."))
    body = models.TextField(
        _("body"), blank=True, help_text=_("Rich text. Scripts, styles and event handlers are removed on saving.")
    )
    image = CheckedImageField(_("image"), upload_to="news/%Y/", blank=True)
    image_alt = models.CharField(
        _("image description"), max_length=250, blank=True, help_text=_("What the image shows, for blind readers.")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="news_articles",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        help_text=_("Leave empty for news of both municipalities."),
    )
    direction = models.ForeignKey(
        Direction,
        on_delete=models.PROTECT,
        related_name="news_articles",
        verbose_name=_("direction"),
        null=True,
        blank=True,
    )

    objects = NewsArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        indexes = [models.Index(fields=["status", "published_at"])]
        constraints = publication_constraints("newsarticle")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("civic:news-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.image and not self.image_alt:
            raise ValidationError({"image_alt": _("Describe the image for readers who cannot see it.")})
