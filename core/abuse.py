"""Defences of the public forms against scripts, without third-party CAPTCHAs.

Three layers, shared by every form that strangers can post (enquiries, company
registration, contact a company, owner log-in):

- a honeypot field that people never see and form-filling scripts fill in;
- a minimum fill time, carried by a signed timestamp in the form itself, so it
  needs no session and cannot be forged;
- per-address rate limits counted in the cache, which is Redis in production
  (``CACHE_URL``), so that every worker counts against the same limit.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

# Kept from the module's earlier name, so that forms shown before a deploy still verify.
TIMESTAMP_SALT = "portal.abuse.form-started"


def client_address(request) -> str:
    """The client's address; behind the trusted proxy, the one it appended to X-Forwarded-For."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.SECURE_PROXY_SSL_HEADER and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def rate_limit_hit(*, scope: str, client: str, limit: int, window: int) -> bool:
    """Count one attempt by ``client`` in ``scope``; True once it has made more than ``limit`` in ``window`` seconds.

    ``cache.add`` then ``cache.incr`` are atomic in Redis, so concurrent workers never lose a count.
    """
    key = f"rate:{scope}:{client}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


class HoneypotFormMixin(forms.Form):
    """A field hidden from people (templates wrap it in ``.trap``); a filled one means a script.

    It is added last, under ``honeypot_name``: a name form-filling scripts like
    to fill, and one the form does not otherwise use.
    """

    honeypot_name = "website"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_name] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def is_spam(self) -> bool:
        return bool(self.cleaned_data.get(self.honeypot_name))

    def honeypot(self):
        return self[self.honeypot_name]

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != self.honeypot_name]


class MinimumFillTimeFormMixin(HoneypotFormMixin):
    """Refuses a form sent sooner than ``min_fill_seconds`` after it was shown.

    The time it was shown travels signed in a hidden field. A person who is
    quick gets a friendly error and simply sends again; a script that posts
    without loading the form first has no valid timestamp at all.
    """

    started = forms.CharField(widget=forms.HiddenInput, required=False)
    min_fill_seconds_setting = "PORTAL_FORM_MIN_FILL_SECONDS"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["started"] = signing.dumps(time.time(), salt=TIMESTAMP_SALT)

    def clean(self):
        cleaned = super().clean()
        minimum = getattr(settings, self.min_fill_seconds_setting, 3)
        try:
            started = signing.loads(self.data.get(self.add_prefix("started"), ""), salt=TIMESTAMP_SALT, max_age=86400)
        except signing.BadSignature:
            started = None
        if started is None or time.time() - float(started) < minimum:
            # A fresh timestamp is rendered with the errors: sending again later works.
            self.data = self.data.copy()
            self.data[self.add_prefix("started")] = self.initial["started"]
            raise forms.ValidationError(
                _("The form was sent too quickly or has expired. Please check it and send it again."),
                code="too_fast",
            )
        return cleaned
