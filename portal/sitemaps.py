"""The site map's own sections: the static pages, the municipalities, directions and information centres.

The index (portal.urls) joins them with every app's sections.
"""

from django.urls import reverse

from core.models import Direction, InformationCentre, Municipality
from core.sitemaps import PortalSitemap


class StaticPagesSitemap(PortalSitemap):
    def items(self):
        return ["portal:home", "portal:information-centre-list", "directory:organisation-list"]

    def location(self, item):
        return reverse(item)


class MunicipalitySitemap(PortalSitemap):
    def items(self):
        return Municipality.objects.order_by("pk")


class DirectionSitemap(PortalSitemap):
    def items(self):
        return Direction.objects.order_by("pk")


class InformationCentreSitemap(PortalSitemap):
    def items(self):
        return InformationCentre.objects.select_related("municipality").order_by("pk")


sitemaps = {
    "pages": StaticPagesSitemap,
    "municipalities": MunicipalitySitemap,
    "directions": DirectionSitemap,
    "information-centres": InformationCentreSitemap,
}
