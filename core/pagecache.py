"""The anonymous page cache and cached fragments: what they depend on and when they go stale
(docs/PERFORMANCE.md, "Page cache").

Invalidation is as fine as the data. Every query the portal sends passes one
observer (``observe_queries``, installed on each database connection):

- a write (INSERT, UPDATE, DELETE, TRUNCATE) to a table of the portal's own
  apps gives that table a new *table version*: at its first write in a
  transaction and again when the transaction commits (a page rendered between
  the two would show the old rows under the new version); further writes to
  it in the same transaction change nothing more, unless this thread made a
  page or fragment in between (it read the version given at the first write);
- while a page or a fragment is being made, the tables its queries read are
  noted, and it is stored with the version of each. The versions are read
  once, for every table at the first query (one ``get_many``, one Redis
  ``MGET``), not at each query: a version read earlier than the query is
  never newer than the rows it saw.

A stored page or fragment is used while every table it read still has the
version it was made with: an edit to one organisation makes the pages that
read organisations stale, not the gallery or the events. Whatever path wrote
(the admin, a bulk action's ``queryset.update()``, a service, the shell, raw
SQL), the observer saw it. Writes that bypass the cursor (``COPY``) call
``tables_changed()`` with the tables they wrote; deploys call
``content_changed()``, which starts a new *generation*: every page and
fragment made before it is never read again.

Versions live where every process sees them: in the shared cache (Redis,
``REDIS_URL``) when there is one, otherwise in small files under ``var/cache/``,
so that a change made by one gunicorn worker or a management command reaches
every worker's local cache too. While Redis is away nothing is found in it, so
every page is made afresh; a process that could not write a new version
meanwhile starts a new generation when Redis is back (``core.cache``).

A fragment that went stale is made again by one request at a time (a lock in
the cache); the others are served the stale value meanwhile, so no crowd of
visitors recomputes it at once (no stampede).
"""

import contextlib
import hashlib
import os
import re
import threading
import time
import uuid
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate

from core import httpcache
from core.cache import redis_back

CACHE_ALIAS = "pages"
VERSION_KEY = "page-cache-version"


def _cache():
    return caches[CACHE_ALIAS]


def _version_file() -> Path:
    return settings.VAR_DIR / "cache" / VERSION_KEY


def _shared() -> bool:
    """Whether the page cache is shared by every process (Redis), so that it can hold the version too."""
    return not isinstance(_cache(), LocMemCache)


def content_version() -> str:
    """The current content version: part of every cached page's key."""
    if _shared():
        version = _cache().get(VERSION_KEY)
        if version is None:
            version = _new_version()
            # add(): of two processes that find it missing, both end up with the same one.
            _cache().add(VERSION_KEY, version, timeout=None)
            version = _cache().get(VERSION_KEY, version)
        return str(version)
    try:
        return _version_file().read_text()
    except FileNotFoundError:
        return _bump_file()


def _new_version() -> int:
    # Never a number used before, even if the stored one was lost (evicted, file deleted).
    return time.time_ns()


def _bump() -> None:
    httpcache.everything_changed()
    if _shared():
        try:
            _cache().incr(VERSION_KEY)
        except ValueError:  # missing: start afresh, above any earlier one
            _cache().set(VERSION_KEY, _new_version(), timeout=None)
    else:
        _bump_file()


def _bump_file() -> str:
    path = _version_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    version = f"{_new_version()}-{uuid.uuid4().hex[:8]}"
    # Written aside, then renamed: a reader sees the old version or the new one, never half of it.
    scratch = path.with_name(f"{path.name}.{os.getpid()}.{uuid.uuid4().hex}")
    scratch.write_text(version)
    scratch.replace(path)
    return version


def content_changed(**_signal_arguments) -> None:
    """Start a new generation: every cached page and fragment is made afresh (now, and on commit).

    For writes the query observer cannot see (``COPY``), bulk loads and deploys (``migrate``).
    """
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def tables_changed(*tables: str) -> None:
    """New versions for ``tables`` (now, and when the transaction commits): for writes the query
    observer cannot see, such as ``COPY``. Pages and fragments that read other tables stay."""
    _bump_tables(tables)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for table in tables:
            pending = _pending_bump(table, connection)
            if pending is None:
                connection.on_commit(_BumpOnCommit(table))
            else:
                pending.read_since = False


# --- Table versions -------------------------------------------------------------------

TABLE_VERSION_KEY = "table-version"


@cache
def content_tables() -> frozenset[str]:
    """The tables of the portal's own apps (the packages at the root of the repository), their
    many-to-many tables included."""
    tables = set()
    for config in apps.get_app_configs():
        if Path(config.path).parent == settings.BASE_DIR:
            for model in config.get_models(include_auto_created=True):
                tables.add(model._meta.db_table)
    return frozenset(tables)


def table_versions(tables) -> dict[str, str]:
    """The current version of each table (a new one for a table never written since the versions were lost)."""
    tables = sorted(tables)
    if not tables:
        return {}
    if _shared():
        keys = {f"{TABLE_VERSION_KEY}:{table}": table for table in tables}
        found = _cache().get_many(list(keys))
        versions = {table: str(found[key]) for key, table in keys.items() if key in found}
        for table in tables:
            if table not in versions:
                _cache().add(f"{TABLE_VERSION_KEY}:{table}", _new_version(), timeout=None)
                versions[table] = str(_cache().get(f"{TABLE_VERSION_KEY}:{table}"))
        return versions
    return _file_versions(tables)


class _FileMemo(threading.local):
    """The versions this thread last read from the files, and the folder's time when it read them.

    One per thread: gunicorn's threads of one worker never share (or half-update) it."""

    def __init__(self):
        self.stamp = None
        self.versions: dict[str, str] = {}


_file_memo = _FileMemo()


def _versions_folder() -> Path:
    return settings.VAR_DIR / "cache" / TABLE_VERSION_KEY


def _file_versions(tables) -> dict[str, str]:
    folder = _versions_folder()
    try:
        # Renaming a version file into the folder changes the folder's time: one stat tells
        # whether any version changed since this process last read them.
        stamp = folder.stat().st_mtime_ns
    except FileNotFoundError:
        stamp = None
    if stamp is None or stamp != _file_memo.stamp:
        _file_memo.versions = {}
        _file_memo.stamp = stamp
    known = _file_memo.versions
    versions = {}
    for table in tables:
        if table not in known:
            try:
                known[table] = (folder / table).read_text()
            except FileNotFoundError:
                known[table] = _bump_table_file(table)
        versions[table] = known[table]
    return versions


def _bump_tables(tables) -> None:
    httpcache.tables_changed(tables)
    for table in tables:
        if _shared():
            try:
                _cache().incr(f"{TABLE_VERSION_KEY}:{table}")
            except ValueError:  # missing: start afresh, above any earlier one
                _cache().set(f"{TABLE_VERSION_KEY}:{table}", _new_version(), timeout=None)
        else:
            _bump_table_file(table)


def _bump_table_file(table: str) -> str:
    folder = _versions_folder()
    folder.mkdir(parents=True, exist_ok=True)
    version = f"{_new_version()}-{uuid.uuid4().hex[:8]}"
    scratch = folder / f".{table}.{os.getpid()}.{uuid.uuid4().hex}"
    scratch.write_text(version)
    scratch.replace(folder / table)
    _file_memo.versions[table] = version
    return version


class _BumpOnCommit:
    """A table's new version when the transaction that wrote it commits (one per table and transaction)."""

    def __init__(self, table: str):
        self.table = table
        # Whether this thread read the versions (to make a page or fragment) since the table's last new one.
        self.read_since = False

    def __call__(self):
        _bump_tables([self.table])


# --- The query observer ---------------------------------------------------------------

WRITTEN_TABLE = re.compile(
    r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?(\w+)"?', re.IGNORECASE
)
QUOTED_NAME = re.compile(r'"(\w+)"')


class _Reading:
    """What the page or fragment being made has read: ``versions``, the version of each content
    table it read, taken from one ``snapshot`` of every content table's version (read at the first
    query, and shared with the page or fragment it is part of)."""

    __slots__ = ("_snapshot", "outer", "versions")

    def __init__(self, outer: "_Reading | None"):
        self.outer = outer
        self.versions: dict[str, str] = {}
        self._snapshot: dict[str, str] | None = None

    def snapshot(self) -> dict[str, str]:
        if self._snapshot is None:
            if self.outer:
                self._snapshot = self.outer.snapshot()
            else:
                self._snapshot = table_versions(content_tables())
                _versions_read()
        return self._snapshot


_tables_read: ContextVar[_Reading | None] = ContextVar("pagecache_tables_read", default=None)


def observe_queries(execute, sql, params, many, context):
    """Every query of every connection passes here: writes give their table a new version,
    reads are noted for the page or fragment being made."""
    reading = _tables_read.get()
    if reading is not None and isinstance(sql, str):
        # The version of each table as it was before it was read: a write that lands after
        # the read makes what is being made stale, never the other way round.
        tables = content_tables()
        new = [name for name in QUOTED_NAME.findall(sql) if name in tables and name not in reading.versions]
        if new:
            snapshot = reading.snapshot()
            for name in new:
                reading.versions[name] = snapshot[name]
    result = execute(sql, params, many, context)
    if isinstance(sql, str):
        written = WRITTEN_TABLE.match(sql)
        if written and written.group(1) in content_tables():
            _table_written(written.group(1), context["connection"])
    return result


def _table_written(table: str, connection) -> None:
    """A new version for ``table``: at once, and on commit; in a transaction, once per table
    unless a page or fragment has read the versions since (it would show the later writes under
    the version of the earlier ones)."""
    if not connection.in_atomic_block:
        _bump_tables([table])
        return
    pending = _pending_bump(table, connection)
    if pending is None:
        _bump_tables([table])
        connection.on_commit(_BumpOnCommit(table))
    elif pending.read_since:
        _bump_tables([table])
        pending.read_since = False


def _pending_bump(table: str, connection) -> "_BumpOnCommit | None":
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _BumpOnCommit) and callback.table == table:
            return callback
    return None


def _versions_read() -> None:
    """This thread has just read the versions: its transactions' next writes give new ones again."""
    for connection in connections.all(initialized_only=True):
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _BumpOnCommit):
                callback.read_since = True


def _observe_connection(sender, connection, **kwargs) -> None:
    if observe_queries not in connection.execute_wrappers:
        connection.execute_wrappers.append(observe_queries)


@contextlib.contextmanager
def noting_tables_read():
    """The content tables the queries inside read, each with its version before the first read
    (a dict); an enclosing noter learns them too."""
    outer = _tables_read.get()
    reading = _Reading(outer)
    token = _tables_read.set(reading)
    try:
        yield reading.versions
    finally:
        _tables_read.reset(token)
        if outer is not None:
            note_tables_read(reading.versions)


def note_tables_read(versions: dict[str, str]) -> None:
    """What a page or fragment taken from the cache read when it was made: the enclosing page depends on it too."""
    reading = _tables_read.get()
    if reading is not None:
        for table, version in versions.items():
            reading.versions.setdefault(table, version)


def still_current(versions: dict[str, str]) -> bool:
    return table_versions(versions) == versions


def _after_redis_outage(**_signal_arguments) -> None:
    """This process dropped writes while Redis was away (core.cache): a new table version among
    them, perhaps. Pages cached before the outage may miss an edit: start a new generation."""
    _bump()


def connect_signals() -> None:
    # A deploy that migrates starts afresh: no page or fragment from the code before it.
    post_migrate.connect(content_changed, dispatch_uid="pagecache-migrate")
    redis_back.connect(_after_redis_outage, dispatch_uid="pagecache-redis-back")
    connection_created.connect(_observe_connection, dispatch_uid="pagecache-observer")
    for connection in connections.all(initialized_only=True):
        _observe_connection(None, connection)


# Parts of pages that are costly to compute and the same for every reader (counts over
# the whole directory, say) are cached too, whether or not whole pages are: a page the
# page cache does not hold still reuses them. Fresh for this long after they were made
# (the calendar moves on), then made again by one request while others get the stale one;
# kept this long at most.
FRAGMENT_SECONDS = 300
FRAGMENT_KEPT_SECONDS = 24 * 3600
# Seconds one request may take to make a fragment again before another may try.
REFRESH_LOCK_SECONDS = 60


def cached_fragment(name: str, parts, compute):
    """``compute()``, or what it returned for the same ``name`` and ``parts`` while the tables it
    read have not changed (and for at most ``FRAGMENT_SECONDS``).

    ``parts`` identify the fragment (filters, language…); their ``repr`` is hashed into the key.
    A stale fragment is made again by one request at a time; the others get the stale value.
    """
    key = fragment_key(name, parts)
    stored = _cache().get(key)  # (versions, made at, value), so that a None computed is kept too
    if stored is not None:
        versions, made_at, value = stored
        if time.time() - made_at < FRAGMENT_SECONDS and still_current(versions):
            note_tables_read(versions)
            return value
        lock = refresh_lock_key(key)
        if not _cache().add(lock, 1, timeout=REFRESH_LOCK_SECONDS):
            note_tables_read(versions)
            return value  # another request is making it again
        # Made again below, which notes the versions it reads: the enclosing page depends on
        # those, not on the stale ones (noted first, they would have stayed).
        try:
            return _make(key, compute)
        finally:
            _cache().delete(lock)
    return _make(key, compute)


def fragment_key(name: str, parts) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"fragment:{content_version()}:{name}:{digest}"


def refresh_lock_key(key: str) -> str:
    """Held by the one request making a stale fragment again."""
    return f"{key}:refreshing"


def _make(key: str, compute):
    with noting_tables_read() as versions:
        value = compute()
    _cache().set(key, (versions, time.time(), value), timeout=FRAGMENT_KEPT_SECONDS)
    return value


# --- Pieces: the cards of list pages ---------------------------------------------------

PIECES_ALIAS = "pieces"


def cached_pieces(name: str, items, parts_of, render) -> list[str]:
    """``render(item)`` for each of ``items``, or what it returned before for the same
    ``parts_of(item)``: one ``get_many`` and at most one ``set_many`` for the whole list.

    ``parts_of(item)`` must name everything the piece shows: the object's own version (its
    ``updated_at``), the language, what it shows of related objects. A piece never goes stale
    by the table versions: another organisation's edit leaves every other card as it is.
    A new generation (``content_changed()``, a deploy's ``migrate``) makes them all afresh.
    """
    items = list(items)
    if not items:
        return []
    pieces = caches[PIECES_ALIAS]
    prefix = f"piece:{content_version()}:{name}:"
    keys = [prefix + hashlib.sha256(repr(parts_of(item)).encode()).hexdigest() for item in items]
    found = pieces.get_many(keys)
    made = {}
    for key, item in zip(keys, items, strict=True):
        if key not in found:
            found[key] = made[key] = render(item)
    if made:
        pieces.set_many(made, timeout=FRAGMENT_KEPT_SECONDS)
    return [found[key] for key in keys]
