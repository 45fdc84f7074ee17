"""The staff workspace's admin: the site's titles, staff accounts and log-in records.

The bases every app's admin builds on are in ``staff.admin.options``.
"""

from axes.admin import AccessAttemptAdmin, AccessFailureLogAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from django_tasks_db.models import DBTaskResult

from staff.admin import audit, outbox, users  # noqa: F401  (register the audit log, outbox, staff user and group admins)
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


# Second factors are not edited row by row: each person sets theirs up on "Two-factor log-in", and an
# administrator resets a person's with the action on the user list (docs/STAFF.md). django-otp's
# own admins would show secrets (TOTP keys) and English-only pages.
for device_model in (TOTPDevice, StaticDevice, WebAuthnCredential):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


# Background tasks (django-tasks' database backend) are the operators' business, not the staff's:
# `manage.py run_worker` logs them and docs/SCALING.md says how to read their rows. Its own admin
# is English-only, and editing a task's row by hand would undo the worker's retries.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
