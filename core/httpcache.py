"""Bans from the shared HTTP caches in front of the app servers (Varnish, deploy/varnish/most.vcl).

A public page the page cache makes carries ``X-Tables``, the content tables it read (``,a,b,``)
(``core.middleware.AnonymousPageCacheMiddleware``); Varnish keeps it with the page and hides it
from readers. When a table gets a new version (``core.pagecache``: a write, and its commit),
every cache in ``settings.HTTP_CACHE_BAN_URLS`` is sent ``BAN`` with ``X-Ban-Tables``, a pattern
of the tables written, and drops every page that read one of them: an edit made through any
app server shows through the cache within a fraction of a second, and pages that read other
tables stay cached.

Bans go out from a thread of their own, a few at a time (a bulk import writes thousands of
rows: a handful of bans), so no request or command waits for a cache. A cache that cannot be
reached is logged; its pages go stale at their ``s-maxage`` at the latest.
"""

import logging
import re
import threading
import urllib.request

from django.conf import settings

logger = logging.getLogger(__name__)

EVERY_TABLE = "."
# Bans a moment apart are sent as one.
GATHER_SECONDS = 0.05


class _Banner:
    def __init__(self):
        self.tables: set[str] = set()
        self.lock = threading.Lock()
        self.wake = threading.Event()
        self.thread: threading.Thread | None = None

    def add(self, tables) -> None:
        with self.lock:
            self.tables.update(tables)
            # A thread per process: one started before gunicorn forked did not come along.
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self.run, name="http-cache-bans", daemon=True)
                self.thread.start()
        self.wake.set()

    def run(self) -> None:
        while True:
            self.wake.wait()
            self.wake.clear()
            self.wake.wait(GATHER_SECONDS)
            with self.lock:
                tables, self.tables = self.tables, set()
            if tables:
                send_ban(ban_pattern(tables))


_banner = _Banner()


def ban_pattern(tables) -> str:
    """The regular expression of ``X-Tables`` values that name any of ``tables`` ("." for all)."""
    if EVERY_TABLE in tables:
        return EVERY_TABLE
    # Commas, not spaces, around the names: a ban's argument ends at its first space.
    return ",(" + "|".join(sorted(re.escape(table) for table in tables)) + "),"


def send_ban(pattern: str) -> None:
    for url in settings.HTTP_CACHE_BAN_URLS:
        request = urllib.request.Request(url, method="BAN", headers={"X-Ban-Tables": pattern})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                response.read()
        except OSError as error:
            logger.warning("Could not ban pages from the HTTP cache %s: %s", url, error)


def tables_changed(tables) -> None:
    """Ban the pages that read any of ``tables`` from every shared HTTP cache (soon, from a thread)."""
    if settings.HTTP_CACHE_BAN_URLS:
        _banner.add(tables)


def everything_changed() -> None:
    tables_changed([EVERY_TABLE])
