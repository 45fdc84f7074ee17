from django.urls import reverse

from core.sitemaps import PortalSitemap
from media_library.models import Album


class GalleryIndexSitemap(PortalSitemap):
    def items(self):
        return ["media_library:album-list"]

    def location(self, item):
        return reverse(item)


class AlbumSitemap(PortalSitemap):
    def items(self):
        return Album.objects.published().order_by("pk")


sitemaps = {"gallery": GalleryIndexSitemap, "albums": AlbumSitemap}
