from django.urls import reverse

from portal.sitemaps import PortalSitemap
from tourism.models import Route, Sight


class TourismPagesSitemap(PortalSitemap):
    def items(self):
        return ["tourism:sight-list", "tourism:route-list", "tourism:hospitality-list", "tourism:map"]

    def location(self, item):
        return reverse(item)


class SightSitemap(PortalSitemap):
    def items(self):
        return Sight.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, sight):
        return sight.updated_at


class RouteSitemap(PortalSitemap):
    def items(self):
        return Route.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, route):
        return route.updated_at


sitemaps = {"tourism": TourismPagesSitemap, "sights": SightSitemap, "routes": RouteSitemap}
