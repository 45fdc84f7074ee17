from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from django.core.signals import request_finished, request_started

        from notifications import services

        request_started.connect(services.request_started, dispatch_uid="notifications-request-started")
        request_finished.connect(services.request_finished, dispatch_uid="notifications-request-finished")
