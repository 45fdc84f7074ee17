from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.models import Direction, InformationCentre, Municipality


class PortalSitemap(Sitemap):
    """Base for every app's sitemap: each page once per language, with alternates."""

    i18n = True
    alternates = True
    x_default = True


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
