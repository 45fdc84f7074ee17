"""The outbox in the staff workspace (notifications' undelivered mail), for portal administrators only."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications import services
from notifications.models import OutgoingEmail
from staff.admin.scoping import PortalAdministratorsOnlyAdminMixin


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(PortalAdministratorsOnlyAdminMixin, admin.ModelAdmin):
    """Mail that could not be delivered yet (manage.py send_pending_emails retries it too)."""

    list_display = ("subject", "attempts", "last_error", "created_at", "last_attempt_at")
    readonly_fields = ("to", "reply_to", "subject", "body", "attempts", "last_error", "created_at", "last_attempt_at")
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send the selected emails again"))
    def send_again(self, request, queryset):
        sent = sum(services.email_deliver(email=email) for email in queryset)
        self.message_user(
            request,
            ngettext("%(count)d email sent.", "%(count)d emails sent.", sent) % {"count": sent},
            messages.SUCCESS if sent == queryset.count() else messages.WARNING,
        )
