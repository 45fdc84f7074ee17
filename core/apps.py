from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default = True
    name = "core"
    verbose_name = _("Site core")

    def ready(self):
        from core import pagecache

        # Every write to the portal's content invalidates the anonymous page cache.
        pagecache.connect_signals()
