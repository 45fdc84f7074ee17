from directory.models import Organisation
from portal.sitemaps import PortalSitemap


class OrganisationSitemap(PortalSitemap):
    def items(self):
        return Organisation.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, organisation):
        return organisation.updated_at


sitemaps = {"organisations": OrganisationSitemap}
