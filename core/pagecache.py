"""The anonymous page cache: its content version and what bumps it (docs/PERFORMANCE.md, "Page cache").

Every cached page is stored under the *content version* current when it was
rendered, and looked up under the current one. Publishing anything bumps the
version, so every page rendered before the change is simply never read
again (it expires on its own): a published change is visible at once, with
no list of pages to purge.

The version lives where every process sees it: in the shared cache (Redis)
when there is one, otherwise in a small file under ``var/``, so that a change
made by one gunicorn worker or a management command reaches every worker's
local cache too.

It is bumped on every save, delete and many-to-many change of a model of the
portal's own apps, after ``migrate`` (signals: the one place that sees every write, whichever
service, admin or import made it), on every successful POST in the admin
(bulk actions write with ``queryset.update()``, which sends no signal), and
by bulk loads that bypass both (``content_changed()``).
"""

import hashlib
import os
import time
import uuid
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

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


def content_changed(*, action: str = "", **kwargs) -> None:
    """Invalidate every cached page: now, and again when the current transaction commits.

    Now, so that the change is visible at once to this process; on commit
    too, because a page rendered between the first bump and the commit shows
    the old content but would be stored under the new version. (A signal
    receiver too: ``action`` is m2m_changed's, whose pre_* steps change nothing yet.)
    """
    if action.startswith("pre_"):
        return
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


# Derived rows that change only with the content they mirror (whose own writes bump the
# version) or in bulk paths that call content_changed() themselves: a signal per row would
# make every bulk delete fetch its rows and bump once per row.
DERIVED_MODELS = {"search.SearchEntry"}


def content_models():
    """Every model of the portal's own apps (the packages at the root of the repository), but derived ones."""
    for config in apps.get_app_configs():
        if Path(config.path).parent == settings.BASE_DIR:
            yield from (model for model in config.get_models() if model._meta.label not in DERIVED_MODELS)


def connect_signals() -> None:
    # A deploy that migrates starts afresh: no page or fragment from the code before it.
    post_migrate.connect(content_changed, dispatch_uid="pagecache-migrate")
    for model in content_models():
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"pagecache-m2m-{through._meta.label}")


# Parts of pages that are costly to compute and the same for every reader (counts over
# the whole directory, say) are cached under the content version too, whether or not
# whole pages are: a page the page cache does not hold still reuses them.
FRAGMENT_SECONDS = 300


def cached_fragment(name: str, parts, compute):
    """``compute()``, or what it returned for the same ``name`` and ``parts`` since content last changed.

    ``parts`` identify the fragment (filters, language…); their ``repr`` is hashed into the key.
    """
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"fragment:{content_version()}:{name}:{digest}"
    stored = _cache().get(key)  # a 1-tuple, so that a None computed is kept too
    if stored is None:
        stored = (compute(),)
        _cache().set(key, stored, timeout=FRAGMENT_SECONDS)
    return stored[0]
