"""The admin's log-in and password-reset forms."""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from core.forms import BoundedUsernameMixin
from notifications.services import email_send


class StaffPasswordResetForm(PasswordResetForm):
    """The admin's "forgotten your password?": only staff accounts get a link; owners use their own page."""

    def get_users(self, email):
        return (user for user in super().get_users(email) if user.is_staff)

    @transaction.atomic
    def save(self, *args, **kwargs):
        return super().save(*args, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        """Through the outbox like every mail of the portal: sent after commit, in the page's language.

        The link is built from the host Django checked (``context["domain"]``).
        """
        path = reverse("password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        email_send(
            to=[to_email],
            template="portal/email/staff_password_reset",
            context={
                "username": context["user"].get_username(),
                "url": f"{context['protocol']}://{context['domain']}{path}",
            },
            language=translation.get_language(),
        )


class StaffAuthenticationForm(BoundedUsernameMixin, AdminAuthenticationForm):
    """The admin's log-in form."""
