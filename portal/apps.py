from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The project package: settings, root URLs, the pages that join several apps, operations commands."""

    default = True
    name = "portal"
