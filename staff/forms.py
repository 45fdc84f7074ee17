"""The admin's log-in and password-reset forms."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import PasswordResetForm

from core.forms import BoundedUsernameMixin


class StaffPasswordResetForm(PasswordResetForm):
    """The admin's "forgotten your password?": only staff accounts get a link; owners use their own page."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)


class StaffAuthenticationForm(BoundedUsernameMixin, AdminAuthenticationForm):
    """The admin's log-in form."""
