from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    default = True
    name = "portal"
    verbose_name = _("Site core")

    def ready(self):
        from portal import pagecache

        # Every write to the portal's content invalidates the anonymous page cache.
        pagecache.connect_signals()


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the staff workspace site (dashboard, translation status) as ``admin.site``.

    Apps keep registering with ``@admin.register``; see docs/STAFF.md.
    """

    default = False
    default_site = "portal.sites.PortalAdminSite"
