"""The shared cache on Redis (``REDIS_URL``), which the portal can lose for a while without failing.

Everything the portal keeps in Redis can be made again: whole pages and fragments (made
afresh from PostgreSQL), the page cache's versions (a lost version starts above any earlier
one), rate-limit counters and form stamps (counting starts again). So while Redis is down or
restarting, the portal serves every page from the database, slower, and never answers 500:

- a read finds nothing (``get`` returns the default, ``get_many`` nothing);
- a write is dropped, ``add`` reports it done (a lock or a "used once" mark does not hold while
  Redis is away: the request goes ahead, as if it were the first), ``incr`` raises ``ValueError``
  as for a missing key (the callers start the count afresh);
- after one failure the server is left alone for ``REDIS_RETRY_SECONDS`` (per process), so a
  Redis that does not answer costs each request nothing rather than a timeout per call.

A process that dropped a write meanwhile (an edit's new table version, say) owes the others
that write. When Redis answers again, it sends ``redis_back``; the page cache then starts a new
generation, so that no page cached before the outage is served after it with an edit missed.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.dispatch import Signal
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Sent (sender: the server's location) by the first call that reaches Redis again after a
# write was dropped while it was away.
redis_back = Signal()

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
# Seconds a process leaves an unreachable Redis alone before trying it again.
REDIS_RETRY_SECONDS = 1.0


def redis_caches(url: str) -> dict:
    """The portal's cache aliases on the Redis at ``url`` (``CACHES`` for ``REDIS_URL``).

    Short timeouts, and one immediate retry for a connection that a Redis restart left broken.
    """
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    options = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0, "retry": Retry(NoBackoff(), 1)}
    return {
        alias: {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": url, "KEY_PREFIX": prefix, "OPTIONS": options}
        # Pages and the cards of lists apart from the default cache: they never push out its counters.
        for alias, prefix in (("default", ""), ("pages", "pages"), ("pieces", "pieces"))
    }


class _ServerState:
    """What this process knows of one Redis server, shared by every thread and cache alias."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.down_since: float | None = None
        self.owes_writes = False


_states: dict[str, _ServerState] = {}
_states_lock = threading.Lock()


def _state(location: str) -> _ServerState:
    with _states_lock:
        return _states.setdefault(location, _ServerState())


class ResilientRedisCache(RedisCache):
    """Django's Redis cache that carries on without Redis (see the module's docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = ",".join(self._servers)

    @property
    def available(self) -> bool:
        """Whether this process is using Redis now (False while it leaves an unreachable one alone)."""
        return time.monotonic() >= _state(self._location).down_until

    def _call(self, operation: str, fallback, *args, write: bool, **kwargs):
        state = _state(self._location)
        if time.monotonic() < state.down_until:
            if write:
                state.owes_writes = True
            return fallback()
        try:
            if state.down_since is not None:
                # Back? Then what is owed is settled first, before this call reads anything.
                self._cache.get_client(write=True).ping()
                self._back(state)
            result = getattr(super(), operation)(*args, **kwargs)
        except UNAVAILABLE as error:
            with state.lock:
                if state.down_since is None:
                    state.down_since = time.monotonic()
                    logger.warning("Redis at %s is unavailable (%s): serving without it.", self._location, error)
                state.down_until = time.monotonic() + REDIS_RETRY_SECONDS
                if write:
                    state.owes_writes = True
            return fallback()
        return result

    def _back(self, state: _ServerState) -> None:
        with state.lock:
            if state.down_since is None:
                return
            logger.warning(
                "Redis at %s answers again after %.1f s.", self._location, time.monotonic() - state.down_since
            )
            state.down_since = None
            owed, state.owes_writes = state.owes_writes, False
        if owed:
            redis_back.send(sender=self._location)

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version, write=False)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version, write=False)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version, write=False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: True, key, value, timeout, version, write=True)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version, write=True)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list, data, timeout, version, write=True)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version, write=True)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version, write=True)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version, write=True)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key {key!r} not counted: Redis is unavailable.")

        return self._call("incr", missing, key, delta, version, write=True)

    def clear(self):
        return self._call("clear", lambda: False, write=True)
