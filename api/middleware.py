"""What every answer of the API shares: the rate limit, CORS for reading, conditional requests.

- Each client (``core.abuse.client_address``) may make ``API_RATE_LIMIT`` requests per
  ``API_RATE_WINDOW`` seconds; past it the answer is ``429`` with ``Retry-After``.
- Any origin may read (``GET``, ``HEAD``, and the ``OPTIONS`` preflight a browser sends
  before a conditional request).
- Every ``200`` carries a strong ``ETag`` (a digest of the body) and ``Last-Modified``
  (when this body was first served); ``If-None-Match`` or ``If-Modified-Since`` that
  still match get ``304``. ``Cache-Control: no-cache`` makes shared caches, the page
  cache among them, ask again each time, so the rate limit counts every request.
"""

import hashlib
import json
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext

from api.licence import LICENCE_LINK
from core.abuse import client_address, rate_limit_hit

PREFIX = "/api/"
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": ALLOWED_METHODS,
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since, Accept, Accept-Language",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, Link, Content-Language",
    "Access-Control-Max-Age": "86400",
}


class ApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        window = settings.API_RATE_WINDOW
        if rate_limit_hit(scope="api", client=client_address(request), limit=settings.API_RATE_LIMIT, window=window):
            body = {"detail": gettext("Too many requests from your address. Please try again later."), "errors": {}}
            response = HttpResponse(json.dumps(body, ensure_ascii=False), status=429, content_type="application/json")
            response["Retry-After"] = str(window)
            return self._shared(response)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ALLOWED_METHODS
            return self._shared(response)
        # HEAD is answered as GET without the body (the operations are declared for GET only).
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = self.get_response(request)
        if request.method == "GET" and response.status_code == 200 and not response.streaming:
            response = self._conditional(request, response)
        if head and not response.streaming:
            response.content = b""
        return self._shared(response)

    @staticmethod
    def _shared(response):
        for name, value in CORS_HEADERS.items():
            response[name] = value
        response["Link"] = LICENCE_LINK
        # Set, not defaulted: the page cache below marks the pages it keeps shareable for a while
        # (core.middleware), and an answer of the API is asked for again each time all the same.
        response["Cache-Control"] = "public, no-cache"
        return response

    @staticmethod
    def _conditional(request, response):
        digest = hashlib.sha256(response.content).hexdigest()[:32]
        etag = f'"{digest}"'
        # The first time this exact body was served: it has not changed since.
        first_served = cache.get_or_set(f"api-modified:{digest}", lambda: int(time.time()), timeout=30 * 24 * 3600)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(first_served)
        not_modified = get_conditional_response(request, etag=etag, last_modified=first_served, response=response)
        if not_modified is not response and not_modified.status_code == 304:
            return not_modified
        return response
