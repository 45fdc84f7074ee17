"""Messages of the libraries the admin (and the public forms) show, which their own catalogues lack or garble.

``makemessages`` only extracts what this project's code names, so each such message is named here
(never called: ``gettext_noop`` only marks it), and translated in ``locale/`` like our own. The
project's catalogues come first (``LOCALE_PATHS``), so the admin then shows these translations.
``tests/staff/test_admin_language.py`` finds any that are still missing.
"""

from django.utils.translation import gettext_noop

DJANGO_ADMIN = (
    # Django 5.2's admin: table headings of the app list, read by screen readers (no Bulgarian yet).
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    # The log-in page's link to the password reset (new wording in Django 5.2, no Bulgarian or Serbian yet).
    gettext_noop("Forgotten your login credentials?"),
)

DJANGO_AXES = (
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("POST Data"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
)

DJANGO_OTP_WEBAUTHN = (
    # What the passkey pages' script shows when the server refuses (django-otp-webauthn's own
    # catalogues have no Bulgarian or Serbian); its script's own texts are in djangojs.po.
    gettext_noop("Error processing WebAuthn request."),
    gettext_noop("Malformed request. JSON not parsable."),
    gettext_noop("State is missing or invalid. Please begin the operation first before trying to complete it."),
    gettext_noop("Unprocessable Entity"),
    gettext_noop("Passwordless login is disabled."),
    gettext_noop("This user account is marked as disabled."),
    gettext_noop("This Passkey has been marked as disabled."),
    gettext_noop("The Passkey you tried to use was not found. Perhaps it was removed?"),
    gettext_noop(
        "The Passkey you tried to use does not belong to the currently logged-in user. Try using a different "
        "Passkey or logout first to use this Passkey."
    ),
    gettext_noop("Authentication required."),
    gettext_noop("User is not verified."),
    gettext_noop(
        "You must verify your identity first with an existing MFA device before you can register a new passkey."
    ),
)

DJANGO_POSTGRES = (
    # A list field's error (phone numbers of a registration): Django's Bulgarian reads "the element of the
    # array does not validate", its Serbian Latin "Stavka 1u nizu" (a missing space). Said for people here.
    gettext_noop("Item %(nth)s in the array did not validate:"),
)
