from django.urls import reverse

from core.sitemaps import PortalSitemap
from tourism.models import Route, Sight


class TourismPagesSitemap(PortalSitemap):
    def items(self):
        return ["tourism:sight-list", "tourism:route-list", "tourism:hospitality-list", "tourism:map"]

    def location(self, item):
        return reverse(item)


class SightSitemap(PortalSitemap):
    lastmod_field = "updated_at"

    def items(self):
        return Sight.objects.published().order_by("pk").only("slug", "updated_at")


class RouteSitemap(PortalSitemap):
    lastmod_field = "updated_at"

    def items(self):
        return Route.objects.published().order_by("pk").only("slug", "updated_at")


sitemaps = {"tourism": TourismPagesSitemap, "sights": SightSitemap, "routes": RouteSitemap}
