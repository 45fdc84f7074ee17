from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        # Each app declares what it makes searchable in its search_indexes.py,
        # as it declares its admin in admin.py.
        autodiscover_modules("search_indexes")
