"""What staff put on the home page (``portal.home`` chooses the rest)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Municipality
from tourism.models import Sight


class FeaturedSightQuerySet(models.QuerySet):
    def shown(self):
        """Featured sights the public may see, each municipality's in the order its staff set."""
        return (
            self.filter(sight__in=Sight.objects.published())
            .select_related("sight__municipality")
            .order_by("municipality__order", "order", "pk")
        )


class FeaturedSight(models.Model):
    """A sight a municipality's staff put on the home page; without any, the home page picks sights with photos."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="featured_sights", verbose_name=_("municipality")
    )
    sight = models.ForeignKey(Sight, on_delete=models.CASCADE, related_name="+", verbose_name=_("sight"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = FeaturedSightQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__order", "order", "pk"]
        verbose_name = _("featured sight")
        verbose_name_plural = _("featured sights")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "sight"],
                name="featured_sight_once",
                violation_error_message=_("This sight is featured already."),
            ),
        ]

    def __str__(self):
        return str(self.sight)

    def clean(self):
        if self.sight_id and self.municipality_id and self.sight.municipality_id != self.municipality_id:
            raise ValidationError({"sight": _("Feature a sight of this municipality.")})
