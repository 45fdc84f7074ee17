import codecs
import contextlib
import hashlib
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

import brotli
import psycopg
from django.conf import settings
from django.contrib.sessions import middleware as sessions
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import caches
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, QueryDict, UnreadablePostError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.deprecation import MiddlewareMixin
from django.utils.http import http_date
from django.utils.regex_helper import _lazy_re_compile
from django.utils.text import compress_sequence, compress_string

from core import pagecache
from core.transliteration import TYPED_MARKERS, to_latin, without_markers
from core.views import PREVIEW_SEGMENT

logger = logging.getLogger(__name__)

SERBIAN_LATIN = "sr-latn"
# "br" in Accept-Encoding, unless refused with q=0.
ACCEPTS_BROTLI = _lazy_re_compile(r"\bbr\b(?!;\s*q=0(?:\.0*)?(?:[,\s]|$))")
# "gzip" in Accept-Encoding, as Django's GZipMiddleware reads it.
ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
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
# The typed-text markers (core.transliteration) in UTF-8.
MARKER_BYTES = tuple(marker.encode() for marker in TYPED_MARKERS)


class SerbianLatinMiddleware:
    """Write every public ``sr-latn`` response in Latin letters, except what people typed.

    Content is typed once, in Serbian Cyrillic, and UI strings come from a
    catalogue generated from the Cyrillic one, so most of a ``sr-latn`` page
    is Latin already. What is left (content, names of other languages, text
    that falls back to another Cyrillic language) is transliterated here, in
    one place, so that no ``sr-latn`` page can show a Cyrillic letter of the
    portal's own.

    What a visitor typed (form values, the search query) is shown back as
    typed: it is rendered between markers (``core.transliteration.typed``),
    which ``to_latin`` respects and removes. Markers are removed from every
    text response, transliterated or not, and from what a visitor sends, so
    that nobody can mark text of their own.

    The admin is left alone: staff edit the Cyrillic master text there, and a
    transliterated form would save Latin over it. So are files (uploads, static
    files): a caption file or document is delivered exactly as it was uploaded.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        self._drop_markers_sent(request)
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(TEXT_CONTENT_TYPES):
            return response
        latin = translation.get_language() == SERBIAN_LATIN and not request.path.startswith(self._untouched_prefixes())
        if response.streaming:
            # A streamed download (the directory's CSV and JSON) is written piece by piece, as it is sent.
            response.streaming_content = self._written(response.streaming_content, response.charset or "utf-8", latin)
            return response
        if not latin and not any(marker in response.content for marker in MARKER_BYTES):
            return response
        charset = response.charset or "utf-8"
        text = response.content.decode(charset)
        response.content = (to_latin(text) if latin else without_markers(text)).encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response

    @staticmethod
    def _written(pieces, charset: str, latin: bool):
        decoder = codecs.getincrementaldecoder(charset)()
        for piece in pieces:
            text = decoder.decode(piece)
            if text:
                yield (to_latin(text) if latin else without_markers(text)).encode(charset)

    @staticmethod
    def _drop_markers_sent(request) -> None:
        if request.META.get("QUERY_STRING"):
            request.GET = _without_markers(request.GET)
        if request.method == "POST":
            # The view meets an unreadable body as it would have (CsrfViewMiddleware reads the form the same way).
            with contextlib.suppress(UnreadablePostError):
                request.POST = _without_markers(request.POST)

    @staticmethod
    def _untouched_prefixes() -> tuple[str, ...]:
        from django.urls import reverse

        return (reverse("admin:index"), settings.MEDIA_URL, settings.STATIC_URL)


def _without_markers(data: QueryDict) -> QueryDict:
    if not any(marker in value for _key, values in data.lists() for value in values for marker in TYPED_MARKERS):
        return data
    cleaned = data.copy()
    for key, values in data.lists():
        cleaned.setlist(key, [without_markers(value) for value in values])
    cleaned._mutable = False
    return cleaned


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
        cause = lost_database(exception)
        if cause is None:
            return None
        return database_unavailable(request, cause)


def database_unavailable(request, exception) -> HttpResponse:
    """The translated 503 "try again shortly", with Retry-After, rendered without the database."""
    logger.warning("Database unavailable for %s %s: %s", request.method, request.path, exception)
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    return response


# A lost connection as Django reports it, and as the driver does where Django does not wrap its
# errors: closing a server-side cursor (the chunked iteration of a form's choices) raises
# psycopg's own AdminShutdown when PostgreSQL shuts down under it.
LOST_CONNECTION = (OperationalError, InterfaceError, psycopg.OperationalError, psycopg.InterfaceError)


def lost_database(exception: BaseException | None) -> BaseException | None:
    """The connection failure behind ``exception`` (itself, or what it was raised from), if there is one."""
    while exception is not None:
        if isinstance(exception, LOST_CONNECTION):
            return exception
        exception = exception.__cause__ or exception.__context__
    return None


class SessionMiddleware(sessions.SessionMiddleware):
    """Django's session middleware, answering 503 when the database is gone as the session is saved.

    The session is saved after the view, outside the reach of
    ``DatabaseUnavailableMiddleware``. Django reads any database error while
    updating a session as a session deleted by a concurrent log-out and
    answers 400 ("session interrupted"); while creating one, the error
    escapes as a 500. When the cause is a lost connection (PostgreSQL
    restarting between the view's last query and the save), the visitor is
    told the truth instead: 503, try again shortly.
    """

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except Exception as error:
            cause = lost_database(error)
            if cause is None:
                raise
            return database_unavailable(request, cause)


class AnonymousPageCacheMiddleware:
    """Serve public pages to anonymous readers from a whole-page cache (docs/PERFORMANCE.md).

    Placed below WhiteNoise and above the session middleware: a hit skips
    everything below, so it costs no SQL query; the security headers of the
    middleware above are added to it afresh.

    A page is served from the cache, and stored in it, only for a GET or HEAD
    (stored on GET) without a session or messages cookie: a logged-in person
    (or anyone with a session) neither gets nor fills the anonymous cache.
    Pages it keeps are shared with every HTTP cache too (``Cache-Control:
    public, s-maxage``, an ``ETag`` and ``Last-Modified``, ``304`` to a request
    that still has them); the others are marked private or ``no-cache``.
    A response is stored only when it is a complete 200 that sets no cookie,
    carries no CSRF token and no CSP nonce, may be cached (no private or
    no-store), and varies on nothing but language and cookies. The key holds
    the generation (``core.pagecache``), the language the request is served in
    (so ``sr`` and ``sr-latn`` never share an entry), the scheme, host, path
    and query string; the entry holds the version of every table the page
    read, and is served only while none of them has been written since.
    """

    SAFE_METHODS = ("GET", "HEAD")
    # Response headers whose variation the key already covers (language) or the bypass rules do (cookies).
    COVERED_VARY = {"accept-language", "cookie"}
    MAX_BYTES = 2 * 1024 * 1024
    # Probes must reach the database every time.
    UNCACHED_PATHS = {"healthz"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if not seconds or not self._cacheable_request(request):
            return self._unshared(request, self.get_response(request))
        key = self._key(request, pagecache.content_version())
        cache = caches[pagecache.CACHE_ALIAS]
        stored = cache.get(key)
        # (An entry of the earlier three-part layout, from before a deploy, is made again.)
        if isinstance(stored, tuple) and len(stored) == 4:
            versions, content, headers, made_at = stored
            # Still current while no table the page read has been written since.
            if pagecache.still_current(versions):
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                response["X-Page-Cache"] = "hit"
                return self._shared(request, response, key, versions, made_at)
        with pagecache.noting_tables_read() as versions:
            response = self.get_response(request)
        if not self._cacheable_response(request, response):
            return self._unshared(request, response)
        # What the page read, for the shared HTTP cache in front to ban it by (core.httpcache):
        # only on pages it may keep (a private page has no business naming the tables behind it).
        response["X-Tables"] = f",{','.join(sorted(versions))}," if versions else "none"
        made_at = time.time()
        if request.method == "GET":
            headers = [(name, value) for name, value in response.items() if name.lower() != "x-page-cache"]
            cache.set(key, (versions, response.content, headers, made_at), timeout=seconds)
            response["X-Page-Cache"] = "miss"
        return self._shared(request, response, key, versions, made_at)

    @staticmethod
    def _shared(request, response, key: str, versions: dict[str, str], made_at: float):
        """A page anyone may be served: shared caches keep it, and it is validated by its content version.

        The ``ETag`` derives from what the page was made from (the generation and the versions of
        the tables it read, the address, the language) and when it was made, not from its bytes:
        a request that revalidates a cached page is answered ``304`` without making the page, and
        an edit to anything the page read gives it another ``ETag``. It is weak: the compression
        middleware above sends the same page as other bytes. Browsers ask again each time
        (``max-age=0``, answered by a ``304``); shared caches keep it ``SHARED_CACHE_SECONDS``.
        """
        made_from = f"{key}|{sorted(versions.items())}|{made_at!r}"
        etag = f'W/"{hashlib.sha256(made_from.encode()).hexdigest()[:32]}"'
        modified = int(made_at)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(modified)
        response["Cache-Control"] = f"public, max-age=0, s-maxage={settings.SHARED_CACHE_SECONDS}"
        return get_conditional_response(request, etag=etag, last_modified=modified, response=response)

    def _unshared(self, request, response):
        """A page that is not the same for everyone is never kept by a shared cache.

        Pages for a session (a logged-in person, messages), answers that set a cookie and
        pages with a form's CSRF token are ``private, no-store``: neither a shared cache nor
        the browser's history keeps them. Any other page that the page cache would not keep
        (an error, a redirect, a page with a script nonce) is ``no-cache``: a shared cache
        asks again each time. Files, downloads and API answers keep their own headers.
        """
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        cache_control = response.get("Cache-Control", "").lower()
        if self._personal(request, response):
            if "no-store" not in cache_control:
                response["Cache-Control"] = "private, no-store"
        elif not cache_control:
            response["Cache-Control"] = "no-cache"
        return response

    @staticmethod
    def _personal(request, response) -> bool:
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
            return True
        if "HTTP_AUTHORIZATION" in request.META or response.cookies:
            return True
        return not response.streaming and b"csrfmiddlewaretoken" in response.content

    def _cacheable_request(self, request) -> bool:
        if request.method not in self.SAFE_METHODS or "HTTP_AUTHORIZATION" in request.META:
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
            return False
        path = request.path_info
        if self._is_preview(path):
            return False  # a draft shown to staff or through a share link: never stored, never served
        return not (path.startswith(self._uncached_prefixes()) or path.lstrip("/") in self.UNCACHED_PATHS)

    @staticmethod
    def _is_preview(path: str) -> bool:
        """Whether ``path`` is a preview page (``/<language>/preview/...``, ``core.views.PREVIEW_SEGMENT``)."""
        segments = path.strip("/").split("/")
        return len(segments) > 1 and segments[1] == PREVIEW_SEGMENT

    @staticmethod
    def _uncached_prefixes() -> tuple[str, ...]:
        from django.urls import reverse

        return (reverse("admin:index"), settings.MEDIA_URL, f"/{settings.STATIC_URL.lstrip('/')}")

    def _cacheable_response(self, request, response) -> bool:
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if isinstance(getattr(request, "_csp_nonce", None), str):
            return False  # the page carries this response's nonce; the next one gets another
        cache_control = response.get("Cache-Control", "").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return False
        vary = {value.strip().lower() for value in response.get("Vary", "").split(",") if value.strip()}
        if not vary <= self.COVERED_VARY:
            return False
        return len(response.content) <= self.MAX_BYTES and b"csrfmiddlewaretoken" not in response.content

    @staticmethod
    def _key(request, version: str) -> str:
        language = translation.get_language_from_request(request, check_path=True)
        address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(address.encode()).hexdigest()
        # A deploy with new static files gives pages that name them: a page cached before it
        # would point at files that are gone.
        static = getattr(staticfiles_storage, "manifest_hash", "")
        return f"page:{version}:{static}:{language}:{digest}"


BROTLI_QUALITY = 5  # fast enough for pages made per request
GZIP_RANDOM_BYTES = 100  # Django's mitigation of BREACH: up to this many random bytes in the gzip header


def _brotli_pieces(pieces):
    compressor = brotli.Compressor(quality=BROTLI_QUALITY)
    for piece in pieces:
        # Flushed piece by piece: a streamed download's first rows reach the reader at once.
        yield compressor.process(piece) + compressor.flush()
    yield compressor.finish()


class Encoder(NamedTuple):
    """One content coding: when the client accepts it, and how a whole body or a stream is compressed."""

    name: str
    accepted: re.Pattern
    compress: Callable[[bytes], bytes]
    compress_pieces: Callable[[Iterable[bytes]], Iterator[bytes]]


# In the order of preference: the first one the client accepts is used.
ENCODERS = (
    Encoder("br", ACCEPTS_BROTLI, lambda body: brotli.compress(body, quality=BROTLI_QUALITY), _brotli_pieces),
    Encoder(
        "gzip",
        ACCEPTS_GZIP,
        lambda body: compress_string(body, max_random_bytes=GZIP_RANDOM_BYTES),
        lambda pieces: compress_sequence(pieces, max_random_bytes=GZIP_RANDOM_BYTES),
    ),
)


class CompressionMiddleware(MiddlewareMixin):
    """Compress text responses with brotli or gzip, whichever the client accepts (brotli first).

    One flow for every encoding in ``ENCODERS``: gzip is Django's own compression,
    with its mitigation of BREACH (random bytes in the header); brotli is Google's
    library. Pages from the page cache are compressed on their way out like any other,
    and every text response worth compressing says ``Vary: Accept-Encoding`` so that
    shared caches keep one copy per encoding. Files (photos, documents, uploads) pass
    untouched: they are compressed already or served with byte ranges.
    """

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith((*TEXT_CONTENT_TYPES, "application/javascript")):
            return response
        # Not worth it for a short body; never twice.
        if (not response.streaming and len(response.content) < 200) or response.has_header("Content-Encoding"):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
        encoder = next((encoder for encoder in ENCODERS if encoder.accepted.search(accepted)), None)
        if encoder is None or getattr(response, "is_async", False):  # the portal runs under WSGI
            return response
        if response.streaming:
            response.streaming_content = encoder.compress_pieces(response.streaming_content)
            del response.headers["Content-Length"]  # not known until the stream ends
        else:
            compressed = encoder.compress(response.content)
            if len(compressed) >= len(response.content):
                return response
            response.content = compressed
            response.headers["Content-Length"] = str(len(compressed))
        # A strong ETag becomes weak (RFC 9110 8.8.1): the bytes differ, conditional requests still match.
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = encoder.name
        return response
