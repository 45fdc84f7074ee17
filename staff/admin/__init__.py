"""The staff workspace's admin: the site's titles, staff accounts and log-in records.

The bases every app's admin builds on are in ``staff.admin.options``.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from staff.admin import outbox, users  # noqa: F401  (register the outbox, staff user and group admins)
from staff.admin.scoping import PortalAdministratorsOnlyAdminMixin
from staff.models import FailedLogIn, LogIn, LogInAttempt

admin.site.site_header = _("Most: administration")
admin.site.site_title = _("Most administration")
admin.site.index_title = _("Content of both municipalities")


# Log-in attempts (django-axes) are the portal administrators' business, listed under the staff
# workspace with names in the staff's language (axes' own are English: "Access Log for admin @ …").
for axes_model, staff_model, model_admin in (
    (AccessAttempt, LogInAttempt, AccessAttemptAdmin),
    (AccessLog, LogIn, AccessLogAdmin),
    (AccessFailureLog, FailedLogIn, AccessFailureLogAdmin),
):
    if admin.site.is_registered(axes_model):
        admin.site.unregister(axes_model)
    admin.site.register(staff_model, type(model_admin.__name__, (PortalAdministratorsOnlyAdminMixin, model_admin), {}))
