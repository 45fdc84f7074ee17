from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class StaffConfig(AppConfig):
    default = True
    name = "staff"
    verbose_name = _("Staff")


class StaffAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the staff workspace site (dashboard, translation status) as ``admin.site``.

    Apps keep registering with ``@admin.register``; see docs/STAFF.md.
    """

    default = False
    default_site = "staff.sites.PortalAdminSite"
