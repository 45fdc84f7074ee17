import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

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


@pytest.fixture
def demo_content(db):
    """The demo content of every app, as `make run` loads it."""
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


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
    """Assert that a text has no Cyrillic letter, naming the first ones found."""
    from core.transliteration import CYRILLIC_WORD

    def check(text: str, where: str = "") -> None:
        found = CYRILLIC_WORD.findall(text)
        assert not found, f"Cyrillic on a Latin page {where}: {found[:10]}"

    return check


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test writes its uploads and renditions under its own temporary folder, never under var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_LIBRARY_ORIGINALS_ROOT = tmp_path / "originals"
    return settings.MEDIA_ROOT


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
def live_site(django_db_serialized_rollback, django_db_reset_sequences, live_server, demo_content):
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


def pytest_collection_modifyitems(items):
    """Every transactional test (live server, pg_dump) uses serialized rollback.

    The flush after a transactional test empties every table; with serialized
    rollback the next one gets back what the migrations created (content types,
    the four directions). A mix of the two kinds breaks whichever runs second,
    so no test is left to choose.
    """
    for item in items:
        names = getattr(item, "fixturenames", [])
        if ("transactional_db" in names or "live_server" in names) and "django_db_serialized_rollback" not in names:
            names.append("django_db_serialized_rollback")
