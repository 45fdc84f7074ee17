"""What every public civic record shares: a publication state and a publication time."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import ChoiceLabelsModel


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Records a reader may see: published, and their publication time has come.

        The one gate for every public surface (lists, detail pages, feeds,
        iCal, sitemaps, direction pages): a draft, or an item scheduled for
        later, is never shown early. The time is read when the queryset is
        built: call it per request (``get_queryset()``), never in a class attribute.
        """
        return self.filter(status=PublicationStatus.PUBLISHED, published_at__lte=timezone.now())

    def published_or_scheduled(self):
        """Published records, including those whose publication time is still to come.

        For search, which indexes a scheduled record when it is saved and finds
        it only from its publication time on (``search.registry.register``'s
        ``published_at``): nothing has to run at that moment.
        """
        return self.filter(status=PublicationStatus.PUBLISHED)


class Publishable(ChoiceLabelsModel):
    status = models.CharField(
        _("publication status"), max_length=10, choices=PublicationStatus, default=PublicationStatus.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_("A time in the future schedules the publication: the item stays hidden until then."),
    )

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED and self.published_at <= timezone.now()


def publication_constraints(prefix: str) -> list:
    """The constraints every publishable model repeats, named after it."""
    return [
        models.CheckConstraint(condition=models.Q(status__in=PublicationStatus.values), name=f"{prefix}_status_known"),
    ]
