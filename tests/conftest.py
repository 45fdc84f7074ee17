import os
import re
from pathlib import Path
from typing import ClassVar

import pytest
from django.db import transaction
from django.test import override_settings

# Debian's Chromium, installed by `make test` when missing; Playwright never
# downloads a browser of its own.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# No first-run screens, and no background traffic: CI reaches only the
# package registries, and a browser calling home slows every test down.
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--no-first-run",
]


# Two test processes in `make test` (pytest-xdist): what they share and what not.
pytest_plugins = ["tests.parallel"]


TRANSACTIONAL_FIXTURES = {
    "transactional_db",
    "live_server",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
}


def is_transactional(item) -> bool:
    """Whether pytest-django runs ``item`` as a TransactionTestCase (it commits, and flushes afterwards)."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool(TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


@pytest.fixture(scope="session", autouse=True)
def fast_password_hasher():
    """Passwords hashed with MD5 in tests: PBKDF2's 1,000,000 rounds cost a second per few accounts.

    Nothing here tests the strength of the hash (Django does); the tests that log in
    still go through ``check_password`` with whatever hasher is first.
    """
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


class ModuleTransaction:
    """A transaction opened outside any test and left open while a module's tests run.

    pytest-django runs each test of a ``db`` test in a transaction of its own (Django's
    TestCase); inside this one, that becomes a savepoint, so whatever a test writes is
    rolled back before the next test starts, while the rows written before the tests stay.
    """

    # Open ones, innermost last: a module may share rows of two fixtures, one inside the other.
    opened: ClassVar[list["ModuleTransaction"]] = []
    # By the name of the fixture whose rows it holds, until that fixture's teardown.
    by_fixture: ClassVar[dict[str, "ModuleTransaction"]] = {}

    def __init__(self, blocker, fixture: str):
        self.blocker = blocker
        self.fixture = fixture
        self.atomic = transaction.atomic()
        self.closed_early = False

    def open(self) -> None:
        with self.blocker.unblock():
            self.atomic.__enter__()
        self.opened.append(self)

    def close(self) -> None:
        """Roll this transaction back, and any opened inside it first."""
        while self in self.opened:
            innermost = self.opened.pop()
            with innermost.blocker.unblock():
                transaction.set_rollback(True)
                innermost.atomic.__exit__(None, None, None)

    @classmethod
    def close_all(cls) -> None:
        if cls.opened:
            cls.opened[0].close()


@pytest.fixture(scope="session")
def kept_for_the_module(django_db_setup, django_db_blocker):
    """Rows that a module's tests share: ``yield from kept_for_the_module(request, build)`` in a module fixture.

    ``build()`` writes them once, in a ``ModuleTransaction``; the fixture's value is what it
    returns. Everything is rolled back after the module, so no other module sees the rows,
    and before any transactional test (``pytest_runtest_setup``), which must start empty.
    Only for tests in a transaction (``db``), which is what pytest-django runs first. A test
    of the module that does not ask for the fixture must not see its rows either: the tests
    that do run first in their module (``pytest_collection_modifyitems``), and the rows are
    rolled back before the first one that does not.
    """

    def keep(request, build):
        kept = ModuleTransaction(django_db_blocker, request.fixturename)
        kept.open()
        ModuleTransaction.by_fixture[kept.fixture] = kept
        try:
            with django_db_blocker.unblock():
                value = build()
            yield value
        finally:
            kept.close()
            del ModuleTransaction.by_fixture[kept.fixture]

    return keep


def pytest_runtest_setup(item):
    """Roll back the rows a module's tests share before a test that does not ask for them.

    A transactional test never gets them: it must start from an empty database.
    """
    for kept in list(ModuleTransaction.opened):
        if is_transactional(item) or kept.fixture not in item.fixturenames:
            kept.closed_early = True
            kept.close()
    for name in item.fixturenames:
        kept = ModuleTransaction.by_fixture.get(name)
        if kept is not None and kept.closed_early:
            raise RuntimeError(f"The rows of {name} were rolled back before {item.nodeid}, which needs them.")


@pytest.fixture(scope="module")
def shared_demo_content(request, kept_for_the_module, tmp_path_factory, demo_snapshot):
    """The demo content, loaded once for all the tests of a module that ask for ``demo_content``.

    Its photos are kept in a folder of their own, which those tests use as MEDIA_ROOT.
    """
    from types import SimpleNamespace

    folder = tmp_path_factory.mktemp("demo-content")
    media = SimpleNamespace(media_root=folder / "media", originals_root=folder / "originals")

    def load():
        with override_settings(MEDIA_ROOT=media.media_root, MEDIA_LIBRARY_ORIGINALS_ROOT=media.originals_root):
            demo_snapshot.load(exact_sequences=False)
        return media

    yield from kept_for_the_module(request, load)


@pytest.fixture
def demo_content(request, shared_demo_content, db):
    """The demo content of every app, as `make run` loads it (once per module, see ``kept_for_the_module``).

    What a test writes is rolled back after it, as in any ``db`` test.
    """
    if is_transactional(request.node) or not ModuleTransaction.opened:
        pytest.fail("demo_content is for tests in a transaction; a transactional test uses committed_demo_content.")
    return shared_demo_content


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """The committed demo content of the run: loaded by the first test that needs it, copied back for the others."""
    from tests.parallel import RUN_SUMMARIES
    from tests.snapshot import DemoSnapshots

    snapshots = DemoSnapshots(tmp_path_factory.mktemp("demo-snapshot"))
    # How often the demo content was loaded, and how often copied back instead: in the run's figures.
    RUN_SUMMARIES.append(lambda: [snapshots.summary()])
    return snapshots


@pytest.fixture
def committed_demo_content(transactional_db, demo_snapshot):
    """The demo content loaded by a transactional test, committed, and flushed after it.

    Loaded once per run and copied back for every later test (``tests/snapshot.py``), the same rows
    with the same ids and the same photos as a load of its own would give.
    """
    demo_snapshot.load()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): client.post(...)`` runs what waits for the commit (mail), as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def sitemap(client):
    """Read the whole sitemap as one text: the index at /sitemap.xml and every page of every section it lists."""
    from html import unescape
    from urllib.parse import urlsplit

    def read() -> str:
        index = client.get("/sitemap.xml").content.decode()
        texts = [index]
        for location in re.findall(r"<loc>([^<]+)</loc>", index):
            address = urlsplit(unescape(location))
            response = client.get(f"{address.path}?{address.query}" if address.query else address.path)
            assert response.status_code == 200, location
            texts.append(response.content.decode())
        return "\n".join(texts)

    return read


@pytest.fixture
def cyrillic_free():
    """Assert that a Latin page has no Cyrillic letter outside text marked as another language."""
    from core.transliteration import CYRILLIC_WORD
    from tests.languages import in_page_language

    def check(text: str, where: str = "") -> None:
        found = CYRILLIC_WORD.findall(in_page_language(text))
        assert not found, f"Cyrillic on a Latin page {where}: {found[:10]}"

    return check


@pytest.fixture(autouse=True)
def media_root(request, settings, tmp_path):
    """Every test writes its uploads and renditions under a temporary folder, never under var/.

    Its own folder, or the folder of the shared demo content for a test that reads it, where
    the demo photos are.
    """
    if "demo_content" in request.fixturenames:
        shared = request.getfixturevalue("shared_demo_content")
        settings.MEDIA_ROOT, settings.MEDIA_LIBRARY_ORIGINALS_ROOT = shared.media_root, shared.originals_root
    else:
        settings.MEDIA_ROOT = tmp_path / "media"
        settings.MEDIA_LIBRARY_ORIGINALS_ROOT = tmp_path / "originals"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    """A real S3-compatible server (SeaweedFS, tests/engines/s3.py) for the tests of one module."""
    from tests.engines.s3 import S3Server

    with S3Server(tmp_path_factory.mktemp("s3")) as server:
        yield server


@pytest.fixture
def bucket(settings, s3_server, media_root):
    """The storages of portal/settings.py for the S3_* variables of the module's S3 server."""
    from core.storage import s3_storages

    settings.STORAGES = {**s3_storages(s3_server.environ), "staticfiles": settings.STORAGES["staticfiles"]}
    return s3_server


@pytest.fixture
def latest_migrations():
    """The latest migrations of every app, which the database is back at after the test, whatever it did.

    (Going back to an app's earlier migration also takes back the migrations of other apps that
    depend on it, which a test's own "after" targets would not bring forward again.)
    """
    from tests.migrating import latest_targets, migrate

    targets = latest_targets()
    yield targets
    migrate(targets)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a language one test activated never leaks into the next.

    (A request through the test client, or ``translation.activate()`` in a test, leaves its
    language active in the thread; a later test's ``str()`` of a translated name would then
    read another language than the admin page it compares with.)
    """
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def no_request_in_progress():
    """Each test starts outside any web request, as far as the outbox knows.

    (A test-client response that is never closed, a streamed file, sends no ``request_finished``:
    the thread would go on collecting the mail of later tests for a response that never ends,
    and a command run by a later test would send nothing.)
    """
    from notifications import services

    services._request.emails = None


@pytest.fixture(autouse=True)
def fresh_content_version():
    """Each test starts from a database state of its own, so no page or fragment cached by another is read.

    (Rolling a test back sends no signal, so nothing else would tell the page cache.)
    """
    from core.pagecache import content_changed

    content_changed()


@pytest.fixture
def staff(db):
    """Both municipalities with their centres and one account per role (docs/STAFF.md).

    ``staff.editor`` and ``staff.moderator`` work for Koprivshtitsa, ``staff.other_editor``
    and ``staff.other_moderator`` for Medijana; ``staff.administrator`` is a portal
    administrator (not a superuser), ``staff.superuser`` a superuser, ``staff.outsider``
    a logged-in user who is not staff.
    """
    from types import SimpleNamespace

    from django.contrib.auth.models import Group, User

    from core.models import Country
    from staff.models import StaffRole
    from staff.roles import PORTAL_ADMINISTRATORS_GROUP
    from staff.services import roles_sync, staff_member_appoint
    from tests.portal.factories import InformationCentreFactory, MunicipalityFactory

    roles_sync()
    home = MunicipalityFactory(slug="koprivshtitsa", country=Country.BULGARIA)
    other = MunicipalityFactory(slug="medijana", country=Country.SERBIA)
    InformationCentreFactory(municipality=home)
    InformationCentreFactory(municipality=other)

    def member(username, municipality, role):
        user = User.objects.create_user(username, f"{username}@example.org")
        staff_member_appoint(user=user, municipality=municipality, role=role)
        return user

    administrator = User.objects.create_user("administrator", "a@example.org", is_staff=True)
    administrator.groups.add(Group.objects.get(name=PORTAL_ADMINISTRATORS_GROUP))
    return SimpleNamespace(
        home=home,
        other=other,
        editor=member("editor-home", home, StaffRole.EDITOR),
        moderator=member("moderator-home", home, StaffRole.MODERATOR),
        other_editor=member("editor-other", other, StaffRole.EDITOR),
        other_moderator=member("moderator-other", other, StaffRole.MODERATOR),
        administrator=administrator,
        superuser=User.objects.create_superuser("root", "root@example.org"),
        outsider=User.objects.create_user("outsider", "o@example.org"),
    )


@pytest.fixture(scope="session")
def browser(django_db_setup, django_db_blocker):
    """One headless Chromium for the whole run; each test gets a fresh context of it."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Browser tests need Chromium at {CHROMIUM}: `make test` installs Debian's chromium package.")
    # Playwright's sync API keeps an asyncio loop running in this thread. Django
    # then keeps database connections per async context instead of per thread,
    # so the tests get new connection objects, and refuses them as if they were
    # used from async code. Neither applies here: every browser call returns
    # before the test goes on. So allow them, and hand the new connections the
    # test database's initial state, which serialized rollbacks restore.
    initial_state = {alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections}
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        for alias, state in initial_state.items():
            if state is not None:
                connections[alias]._test_serialized_contents = state
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        with django_db_blocker.unblock():
            connections.close_all()


@pytest.fixture
def live_site(django_db_serialized_rollback, django_db_reset_sequences, live_server, committed_demo_content):
    """The portal with its demo content, served over HTTP to the browser.

    The live server needs a database that is committed and then emptied
    after the test; the serialized rollback puts back what the migrations
    created (the four directions) for the next test. Sequences restart, so
    the demo content gets the same ids as in the shared crawl, whose page
    addresses (a photo's, by id) the browser gates visit.
    """
    return live_server


@pytest.fixture
def page(browser, live_site):
    """A browser tab on the live site, in a context of its own (no cookies shared between tests)."""
    context = browser.new_context(base_url=live_site.url, viewport={"width": 1280, "height": 800})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


def kept_fixtures(item) -> tuple[str, ...]:
    """The fixtures of ``item`` whose rows its module's tests share (``kept_for_the_module``)."""
    definitions = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    return tuple(
        sorted(name for name, defs in definitions.items() if defs and "kept_for_the_module" in defs[-1].argnames)
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Every transactional test (live server, pg_dump) uses serialized rollback; shared rows are read first.

    The flush after a transactional test empties every table; with serialized
    rollback the next one gets back what the migrations created (content types,
    the four directions). A mix of the two kinds breaks whichever runs second,
    so no test is left to choose.

    Within each run of a module's tests (pytest-django has put the ``db`` ones
    first), the tests that share rows of a module fixture run first, grouped by
    fixture, so that those rows are written once and rolled back before the others.
    """
    for item in items:
        names = getattr(item, "fixturenames", [])
        if ("transactional_db" in names or "live_server" in names) and "django_db_serialized_rollback" not in names:
            names.append("django_db_serialized_rollback")
        # A marker decides for pytest-django whether the test database is serialized at all: say it there too.
        marker = item.get_closest_marker("django_db")
        if marker and is_transactional(item) and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(
                pytest.mark.django_db(*marker.args, **{**marker.kwargs, "serialized_rollback": True}), append=False
            )
    ordered, start = [], 0
    for end in range(1, len(items) + 1):
        if end == len(items) or getattr(items[end], "module", None) is not getattr(items[start], "module", None):
            run = items[start:end]
            ordered += sorted(run, key=lambda item: (not kept_fixtures(item), kept_fixtures(item)))
            start = end
    items[:] = ordered
