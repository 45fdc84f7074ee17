from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import PasswordResetForm
from django.core.validators import MaxLengthValidator


class StaffPasswordResetForm(PasswordResetForm):
    """The admin's "forgotten your password?": only staff accounts get a link; owners use their own page."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)


class BoundedUsernameMixin:
    """A user name longer than any account's is refused on its field, and never tried.

    ``AuthenticationForm`` sets its user name field's ``max_length`` after
    creating it, so the length is not validated: a 5,000-character name would
    reach ``authenticate()`` and django-axes, whose lock-out record keeps the
    name in a 255-character column (a 500). Refused here, the name is never
    tried, so nothing is recorded for it: it can match no account anyway.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class StaffAuthenticationForm(BoundedUsernameMixin, AdminAuthenticationForm):
    """The admin's log-in form."""
