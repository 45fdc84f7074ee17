import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from portal.transliteration import to_latin

logger = logging.getLogger(__name__)

SERBIAN_LATIN = "sr-latn"
# Seconds a reader (or a client) is asked to wait before trying again after a database outage.
DATABASE_RETRY_AFTER = 10

# Text responses that a reader sees; binary files and downloads pass untouched.
TEXT_CONTENT_TYPES = (
    "text/",
    "application/json",
    "application/geo+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
)


class SerbianLatinMiddleware:
    """Write every public ``sr-latn`` response in Latin letters.

    Content is typed once, in Serbian Cyrillic, and UI strings come from a
    catalogue generated from the Cyrillic one, so most of a ``sr-latn`` page
    is Latin already. What is left (content, names of other languages, text
    that falls back to another Cyrillic language) is transliterated here, in
    one place, so that no ``sr-latn`` page can show a Cyrillic letter.

    The admin is left alone: staff edit the Cyrillic master text there, and a
    transliterated form would save Latin over it. So are files (uploads, static
    files): a caption file or document is delivered exactly as it was uploaded.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if translation.get_language() != SERBIAN_LATIN or request.path.startswith(self._untouched_prefixes()):
            return response
        content_type = response.get("Content-Type", "")
        if response.streaming or not content_type.startswith(TEXT_CONTENT_TYPES):
            return response
        charset = response.charset or "utf-8"
        response.content = to_latin(response.content.decode(charset)).encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response

    @staticmethod
    def _untouched_prefixes() -> tuple[str, ...]:
        from django.urls import reverse

        return (reverse("admin:index"), settings.MEDIA_URL, settings.STATIC_URL)


class PermissionsPolicyMiddleware:
    """Send the Permissions-Policy header (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class DatabaseUnavailableMiddleware:
    """A request that finds the database gone (a restart, a failover) gets a translated 503: try again shortly.

    Nothing is half-written: every write is one transaction, rolled back when
    the connection drops. Connections are health-checked before reuse
    (``CONN_HEALTH_CHECKS``), so the first request after the database is back
    opens a new one and the portal recovers by itself. The page is rendered
    without the database (no context processors).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        return response
