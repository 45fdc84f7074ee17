from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The project package: settings, root URLs, the pages that join several apps, operations commands."""

    default = True
    name = "portal"
    # Its one model in the admin is what the home page features.
    verbose_name = _("Home page")
