"""The admin's log-in, second-factor and password-reset forms."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_otp import match_token

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


class SecondFactorForm(forms.Form):
    """The second step of a log-in: a code from the authenticator app, or one of the recovery codes."""

    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.device = None

    def clean_token(self):
        token = "".join(self.cleaned_data["token"].split())
        self.device = match_token(self.user, token)
        if self.device is None:
            raise forms.ValidationError(
                _("This code is not valid. Codes change every 30 seconds: type the one your app shows now."),
                code="invalid",
            )
        return token


class AuthenticatorConfirmForm(forms.Form):
    """Setting up an authenticator app: its first code proves the key was copied."""

    token = forms.CharField(
        label=_("Code from the app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
