from core.sitemaps import PortalSitemap
from directory.models import Organisation


class OrganisationSitemap(PortalSitemap):
    lastmod_field = "updated_at"
    slug_url_name = "directory:organisation-detail"

    def items(self):
        return Organisation.objects.published().order_by("pk").only("slug", "updated_at")


sitemaps = {"organisations": OrganisationSitemap}
