from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "cooperation"
    verbose_name = _("Cross-border cooperation")

    def ready(self):
        # An owner's export and erasure cover their items and interest (registrations.services).
        from cooperation.services import privacy_register

        privacy_register()
