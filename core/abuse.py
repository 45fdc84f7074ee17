"""Defences of the public forms against scripts, without third-party CAPTCHAs.

Three layers, shared by every form that strangers can post (enquiries, company
registration, contact a company, owner log-in):

- a honeypot field that people never see and form-filling scripts fill in;
- a minimum fill time, carried by a signed timestamp in the form itself, so it
  needs no session and cannot be forged;
- per-address rate limits counted in the cache, which is Redis in production
  (``REDIS_URL``), so that every worker counts against the same limit; while Redis is away
  nobody is counted (core.cache), rather than everyone refused.

``PublicFormViewMixin`` is the one opening of every public form view that uses them.
"""

import secrets
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from core.views import refused_for_rate

# Kept from the module's earlier name, so that forms shown before a deploy still verify.
TIMESTAMP_SALT = "portal.abuse.form-started"


def trusted_proxies() -> frozenset[str]:
    """The addresses of the reverse proxies whose ``X-Forwarded-For`` is believed (``DJANGO_TRUSTED_PROXIES``)."""
    return frozenset(getattr(settings, "TRUSTED_PROXIES", ()))


def client_address(request) -> str:
    """The client's address, as every rate limit and django-axes count it.

    ``X-Forwarded-For`` is believed only when the request comes from a trusted
    proxy: then the address is the right-most hop that is not itself a trusted
    proxy (anything left of it the client may have written). Without trusted
    proxies, or from any other peer, it is the peer's own address, so a client
    cannot pick the address it is counted under. No django-ipware: its
    guesses (left-most public address, proxy counts) are what this avoids.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    proxies = trusted_proxies()
    if remote not in proxies:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in proxies:
            return hop[:45]
    return remote


def axes_username(request, credentials) -> str:
    """The user name django-axes records, cut to the longest an account may have.

    A 10,000-character name then never reaches axes' varchar(255) column.
    """
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    name = (credentials or {}).get(field) if credentials else None
    if name is None and request is not None:
        name = request.POST.get(field) if hasattr(request, "POST") else None
    return str(name or "")[:USERNAME_MAX_LENGTH]


# Longest user name (and e-mail address, for owners) a log-in form accepts.
USERNAME_MAX_LENGTH = 150


def login_rate_limited(request) -> bool:
    """Count one log-in attempt by the client's address: more than LOGIN_RATE_LIMIT an hour is refused.

    Axes locks a user name per address after five failures; this stops one
    address trying many user names (60 in 70 s passed before).
    """
    limit, window = settings.REGISTRATIONS_LOGIN_RATE_LIMIT, settings.REGISTRATIONS_RATE_WINDOW
    return rate_limit_hit(scope="login", client=client_address(request), limit=limit, window=window)


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


# How long a shown form may wait before it is sent, and how long its stamp is remembered as used.
STAMP_MAX_AGE = 86400


def form_stamp() -> str:
    """A new signed stamp: the time a form is shown and a random key of its own."""
    return signing.dumps({"t": time.time(), "k": secrets.token_urlsafe(16)}, salt=TIMESTAMP_SALT)


def remember_submission(key: str | None, done_url: str) -> None:
    """Record that the form sent with stamp ``key`` stored something, shown at ``done_url``.

    Called once the write has been committed (``transaction.on_commit``): a
    retry of the same form (a reload, a second click after a lost answer)
    then finds it and gets the same success page instead of a second copy
    or "already registered".
    """
    if key:
        cache.set(f"form-done:{key}", done_url, timeout=STAMP_MAX_AGE)


IDEMPOTENCY_SALT = "core.abuse.submission"


def submission_done_url(data, prefix: str = "") -> str | None:
    """The success page of the stored submission that ``data`` (a POST) repeats, if there is one.

    For a view that refuses before its form is even built (nothing left to do:
    "your company has already expressed interest"), so that a retry is still
    answered with what the first submission should have shown.
    """
    name = f"{prefix}-" if prefix else ""
    for field, salt in (("started", TIMESTAMP_SALT), ("submission", IDEMPOTENCY_SALT)):
        try:
            value = signing.loads(data.get(name + field, ""), salt=salt, max_age=STAMP_MAX_AGE)
        except signing.BadSignature:
            continue
        key = value.get("k") if isinstance(value, dict) else value
        if isinstance(key, str) and (done := cache.get(f"form-done:{key}")):
            return done
    return None


class IdempotentFormMixin(forms.Form):
    """A hidden, signed, random key: a retry of a submission that was stored gets its success page.

    For the forms that create something without a minimum fill time (an enquiry, a
    new cooperation item); ``MinimumFillTimeFormMixin`` carries the same key in its
    stamp. A form sent without a key (shown before a deploy) simply works as before.
    The view: ``if form.done_url: return redirect(form.done_url)`` first, and
    ``remember_submission(form.submission_key, url)`` once the write is committed.
    """

    submission = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["submission"] = signing.dumps(secrets.token_urlsafe(16), salt=IDEMPOTENCY_SALT)
        self.submission_key = None
        self.done_url = None

    def clean(self):
        cleaned = super().clean()
        try:
            key = signing.loads(
                self.data.get(self.add_prefix("submission"), ""), salt=IDEMPOTENCY_SALT, max_age=STAMP_MAX_AGE
            )
        except signing.BadSignature:
            key = None
        if isinstance(key, str):
            self.submission_key = key
            self.done_url = cache.get(f"form-done:{key}")
        return cleaned


class MinimumFillTimeFormMixin(HoneypotFormMixin):
    """Refuses a form sent sooner than ``min_fill_seconds`` after it was shown, or with a stamp already used.

    The time it was shown travels signed in a hidden field, with a random key.
    A person who is quick gets a friendly error and simply sends again; a
    script that posts without loading the form first has no valid stamp at
    all, and one stamp serves one submission only (it was reusable for 24
    hours). The key doubles as the form's idempotency key: when the first
    submission stored something (``remember_submission``), a retry with the
    same stamp is not refused but gets ``done_url``, the success page it
    should have seen.
    """

    started = forms.CharField(widget=forms.HiddenInput, required=False)
    min_fill_seconds_setting = "PORTAL_FORM_MIN_FILL_SECONDS"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["started"] = form_stamp()
        self.submission_key = None
        self.done_url = None

    def _stamp(self):
        try:
            value = signing.loads(
                self.data.get(self.add_prefix("started"), ""), salt=TIMESTAMP_SALT, max_age=STAMP_MAX_AGE
            )
        except signing.BadSignature:
            return None, None
        if not isinstance(value, dict) or not isinstance(value.get("k"), str):
            return None, None
        try:
            return float(value["t"]), value["k"]
        except (TypeError, ValueError):
            return None, None

    def clean(self):
        cleaned = super().clean()
        minimum = getattr(settings, self.min_fill_seconds_setting, 3)
        started, key = self._stamp()
        if key is not None:
            self.done_url = cache.get(f"form-done:{key}")
            if self.done_url:
                return cleaned
        if started is None or time.time() - started < minimum:
            self._refuse_stamp()
        self.submission_key = key
        return cleaned

    def _post_clean(self):
        """After every other check (a model form's validators run here): use the stamp up.

        Only a submission that is otherwise valid uses it: one with a mistake in a
        field is shown again with the same stamp, and sent again with it.
        """
        super()._post_clean()
        if self.done_url or self._errors or self.submission_key is None:
            return
        if not cache.add(f"form-used:{self.submission_key}", 1, timeout=STAMP_MAX_AGE):
            try:
                self._refuse_stamp()
            except forms.ValidationError as error:
                self.add_error(None, error)

    def _refuse_stamp(self):
        # A fresh stamp is rendered with the errors: sending again later works.
        self.data = self.data.copy()
        self.data[self.add_prefix("started")] = self.initial["started"]
        raise forms.ValidationError(
            _("The form was sent too quickly or has expired. Please check it and send it again."),
            code="too_fast",
        )


class PublicFormViewMixin:
    """What every public form view does with a valid form before its own work, and after it.

    Before: a retry of a submission already stored leads where the first one did; a script
    (honeypot filled, form sent too fast) is thanked like a person and nothing is kept; past
    ``rate_limit`` submissions from one address in ``rate_window`` seconds (in ``rate_scope``)
    the form comes back with ``rate_message`` and status 429, what was typed kept. Then
    ``save_submission(form)`` does the view's own work; a ``ValidationError`` it raises is shown
    above the form. After: the submission is remembered (for a retry) and the visitor is sent
    to the success URL.

    ``rate_limit`` and ``rate_window`` are numbers or the names of the settings that hold them
    (read at each request).
    """

    rate_scope: str
    rate_limit: int | str
    rate_window: int | str = "REGISTRATIONS_RATE_WINDOW"
    rate_message = ""

    def _rate_setting(self, value: int | str) -> int:
        return getattr(settings, value) if isinstance(value, str) else value

    def rate_limited(self) -> bool:
        return rate_limit_hit(
            scope=self.rate_scope,
            client=client_address(self.request),
            limit=self._rate_setting(self.rate_limit),
            window=self._rate_setting(self.rate_window),
        )

    def form_valid(self, form):
        if form.done_url:  # a retry of a submission that was stored: the same success page
            return redirect(form.done_url)
        if form.is_spam:  # scripts are thanked, nothing is kept or sent
            return redirect(self.get_success_url())
        if self.rate_limited():
            return refused_for_rate(self, form, self.rate_message)
        try:
            self.save_submission(form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        remember_submission(form.submission_key, self.get_success_url())
        return redirect(self.get_success_url())

    def save_submission(self, form) -> None:
        raise NotImplementedError
