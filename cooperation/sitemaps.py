from django.urls import reverse

from cooperation.models import Opportunity
from core.sitemaps import PortalSitemap


class BoardSitemap(PortalSitemap):
    def items(self):
        return ["cooperation:opportunity-list"]

    def location(self, item):
        return reverse(item)


class OpportunitySitemap(PortalSitemap):
    """Only what ``public()`` lets through: nothing pending, withdrawn or expired."""

    lastmod_field = "updated_at"

    def items(self):
        return Opportunity.objects.public().order_by("pk").only("pk", "updated_at")


sitemaps = {"cooperation": BoardSitemap, "cooperation-items": OpportunitySitemap}
