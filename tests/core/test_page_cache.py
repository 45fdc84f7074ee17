"""The anonymous page cache: hits cost no query, changes show at once, nobody's session or token is ever shared."""

import threading

import pytest
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core.models import Municipality, PublicationStatus
from core.pagecache import CACHE_ALIAS, content_changed, content_version
from core.transliteration import CYRILLIC_WORD
from directory.models import Organisation
from tests.directory.factories import OrganisationFactory
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

# Public pages of every kind; the demo content fills them.
PAGES = [
    "/en/",
    "/sr/",
    "/sr-latn/",
    "/bg/directions/culture/",
    "/en/directory/",
    "/en/directory/?q=chitalishte&country=BG",
    "/en/directory/chitalishte-hadzhi-nencho-palaveev-1869/",
    "/en/search/?q=Koprivshtitsa",
    "/en/tourism/sights/",
    "/en/tourism/map/",
    "/en/tourism/map.geojson",
    "/en/events/",
    "/en/news/",
    "/en/news/rss/",
    "/en/gallery/",
    "/sitemap.xml",
    "/sitemap-organisations.xml",
]


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The page cache on, as in production, and empty."""
    settings.PAGE_CACHE_SECONDS = 300
    caches[CACHE_ALIAS].clear()


def get_twice(client, path):
    first = client.get(path)
    return first, client.get(path)


def test_a_cache_hit_runs_no_query(client, demo_content, django_assert_num_queries):
    for path in PAGES:
        first = client.get(path)
        assert first.status_code == 200, path
        assert first["X-Page-Cache"] == "miss", path
        with django_assert_num_queries(0):
            second = client.get(path)
        assert second["X-Page-Cache"] == "hit", path
        assert second.content == first.content, path
        assert second["Content-Type"] == first["Content-Type"], path


def test_head_is_answered_from_the_page_stored_by_get(client, demo_content, django_assert_num_queries):
    client.get("/en/events/")
    with django_assert_num_queries(0):
        assert client.head("/en/events/")["X-Page-Cache"] == "hit"


def test_a_published_change_is_visible_at_once(client, demo_content, django_user_model):
    koprivshtitsa = Municipality.objects.get(slug="koprivshtitsa")
    _first, second = get_twice(client, "/en/directory/")
    assert second["X-Page-Cache"] == "hit"
    organisation = OrganisationFactory(
        municipality=koprivshtitsa, name_en="Brand New Mill", status=PublicationStatus.DRAFT
    )
    assert "Brand New Mill" not in client.get("/en/directory/").content.decode()
    # A bulk action of the admin writes with queryset.update(): no signal, but the POST itself counts.
    admin = Client()
    admin.force_login(django_user_model.objects.create_superuser("root", "root@example.org"))
    response = admin.post(
        "/admin/directory/organisation/", {"action": "publish", "_selected_action": [organisation.pk]}
    )
    assert response.status_code == 302
    assert Organisation.objects.get(pk=organisation.pk).status == PublicationStatus.PUBLISHED
    html = client.get("/en/directory/").content.decode()
    assert "Brand New Mill" in html
    # A change saved anywhere else (a service, a form, the shell) is seen through its signal.
    organisation.refresh_from_db()
    organisation.name_en = "Renamed Mill"
    organisation.save()
    assert "Renamed Mill" in client.get("/en/directory/").content.decode()
    assert "Renamed Mill" in client.get(f"/en/directory/{organisation.slug}/").content.decode()


def test_a_logged_in_person_neither_gets_nor_fills_the_anonymous_cache(client, demo_content, django_user_model):
    member = Client()
    member.force_login(django_user_model.objects.create_user("owner@example.org", "owner@example.org"))
    response = member.get("/en/")
    assert "X-Page-Cache" not in response
    assert client.get("/en/")["X-Page-Cache"] == "miss"  # the member's visit stored nothing
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    assert "X-Page-Cache" not in member.get("/en/")  # and the member is not served the anonymous page


def test_no_cached_page_carries_a_token_or_sets_a_cookie(client, demo_content):
    for path in PAGES:
        first, second = get_twice(client, path)
        for response in (first, second):
            assert not response.cookies, path
            assert b"csrfmiddlewaretoken" not in response.content, path


def test_pages_with_a_post_form_are_never_stored_and_their_forms_work(demo_content):
    """The forms that post (contact, enquiry, registration) have pages of their own, never cached;
    a cached company page links to its form, which works with CSRF checks on."""
    visitor = Client(enforce_csrf_checks=True)
    organisation = OrganisationFactory(
        municipality=Municipality.objects.get(slug="koprivshtitsa"), email="mill@example.org"
    )
    visitor.get(f"/en/directory/{organisation.slug}/")
    company = visitor.get(f"/en/directory/{organisation.slug}/")
    assert company["X-Page-Cache"] == "hit"
    contact_url = f"/en/companies/{organisation.slug}/contact/"
    assert f'href="{contact_url}"' in company.content.decode()
    for path in (contact_url, "/en/ask/koprivshtitsa/", "/en/companies/register/"):
        first, second = get_twice(visitor, path)
        assert first.status_code == 200, path
        assert "X-Page-Cache" not in first and "X-Page-Cache" not in second, path
        assert b"csrfmiddlewaretoken" in second.content, path
    token = visitor.cookies["csrftoken"].value
    response = visitor.post(contact_url, {"csrfmiddlewaretoken": token, "name": ""})
    assert response.status_code == 200  # the form answered with its errors, not a CSRF refusal
    assert "csrfmiddlewaretoken" in response.content.decode()


def test_serbian_cyrillic_and_latin_have_entries_of_their_own(client, demo_content, cyrillic_free):
    cyrillic = client.get("/sr/directory/")
    latin = client.get("/sr-latn/directory/")
    assert cyrillic["X-Page-Cache"] == latin["X-Page-Cache"] == "miss"
    assert client.get("/sr/directory/").content == cyrillic.content
    assert client.get("/sr-latn/directory/").content == latin.content
    assert CYRILLIC_WORD.search(cyrillic.content.decode())
    cyrillic_free(latin.content.decode(), "/sr-latn/directory/ from the cache")


def test_errors_and_the_health_check_are_never_stored(client, demo_content):
    for path in ("/en/directory/no-such-organisation/", "/healthz"):
        first, second = get_twice(client, path)
        assert "X-Page-Cache" not in first and "X-Page-Cache" not in second, path


def test_the_version_is_shared_through_redis_when_there_is_one(settings, tmp_path):
    """With a shared cache (here a file-based one, standing for Redis) the version lives in it."""
    settings.CACHES = {
        **settings.CACHES,
        CACHE_ALIAS: {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": tmp_path},
    }
    before = content_version()
    assert content_version() == before
    content_changed()
    assert content_version() != before
    caches[CACHE_ALIAS].clear()  # lost (evicted, flushed): a new version, never an old one
    assert content_version() not in (before, str(int(before) + 1))


def test_strangers_posting_to_the_admin_log_in_page_do_not_empty_the_cache(client):
    before = content_version()
    response = client.post("/admin/login/", {"username": "nobody", "password": "wrong-password"})
    assert response.status_code == 200
    assert content_version() == before


def test_an_edit_makes_stale_only_the_pages_that_read_what_changed(client, demo_content):
    """Invalidation as fine as the data: a company's edit leaves the gallery and the news cached."""
    organisation = Organisation.objects.published().first()
    untouched = ["/en/gallery/", "/en/news/", "/bg/tourism/routes/"]
    touched = ["/en/directory/", f"/en/directory/{organisation.slug}/", "/sr-latn/directory/?sort=newest"]
    for path in untouched + touched:
        get_twice(client, path)
    organisation.name_en = "Renamed Mill"
    organisation.save()
    for path in untouched:
        assert client.get(path)["X-Page-Cache"] == "hit", path
    for path in touched:
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss", path
    assert "Renamed Mill" in client.get(f"/en/directory/{organisation.slug}/").content.decode()


def test_writes_by_bulk_update_and_raw_sql_are_seen_too(client, demo_content):
    from django.db import connection

    organisation = Organisation.objects.published().first()
    get_twice(client, f"/en/directory/{organisation.slug}/")
    with connection.cursor() as cursor:
        cursor.execute(
            'UPDATE "directory_organisation" SET "name_en" = %s WHERE "id" = %s', ["Raw Mill", organisation.pk]
        )
    response = client.get(f"/en/directory/{organisation.slug}/")
    assert response["X-Page-Cache"] == "miss"
    assert "Raw Mill" in response.content.decode()


def test_a_page_depends_on_the_tables_behind_the_fragments_it_reused(client, demo_content):
    """A fragment taken from the cache passes on what it read when it was made."""
    client.get("/en/directions/business/?from=elsewhere")  # makes the fragment of the direction's companies
    first, second = get_twice(client, "/en/directions/business/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    organisation = Organisation.objects.published().filter(directions__slug="business").first()
    organisation.name_en = "Fragmented Mill"
    organisation.save()
    assert client.get("/en/directions/business/")["X-Page-Cache"] == "miss"


def test_a_stale_fragment_is_made_again_by_one_request_while_the_others_get_the_stale_one(db):
    from core.pagecache import cached_fragment, fragment_key, refresh_lock_key

    calls = []

    def count():
        calls.append(1)
        return Organisation.objects.count()

    before = cached_fragment("organisation-count", None, count)
    OrganisationFactory(municipality=Municipality.objects.first() or MunicipalityFactory())
    cache = caches[CACHE_ALIAS]
    lock = refresh_lock_key(fragment_key("organisation-count", None))
    cache.add(lock, 1)  # another request is making it again
    assert cached_fragment("organisation-count", None, count) == before
    assert len(calls) == 1
    cache.delete(lock)
    assert cached_fragment("organisation-count", None, count) == before + 1
    assert len(calls) == 2
    assert cached_fragment("organisation-count", None, count) == before + 1
    assert len(calls) == 2


# --- Versions: read in one go, written once per table and transaction -----------------


class CountingCache(FileBasedCache):
    """A shared cache (standing for Redis) that counts the calls the page cache makes to it."""

    calls: list = []

    inside_get_many = False

    def get_many(self, keys, version=None):
        self.calls.append(("get_many", tuple(keys)))
        self.inside_get_many = True  # one call, as Redis's MGET is, though this backend reads key by key
        try:
            return super().get_many(keys, version)
        finally:
            self.inside_get_many = False

    def get(self, key, default=None, version=None):
        if not self.inside_get_many:
            self.calls.append(("get", key))
        return super().get(key, default, version)

    def incr(self, key, delta=1, version=None):
        self.calls.append(("incr", key))
        return super().incr(key, delta, version)


@pytest.fixture
def counting_cache(settings, tmp_path):
    settings.CACHES = {
        **settings.CACHES,
        CACHE_ALIAS: {"BACKEND": f"{__name__}.CountingCache", "LOCATION": tmp_path / "pages"},
    }
    CountingCache.calls = []
    return CountingCache.calls


def version_reads(calls) -> list:
    return [call for call in calls if call[0] == "get_many" or (call[0] == "get" and "table-version" in call[1])]


def bumps(calls, table) -> int:
    return sum(1 for call in calls if call == ("incr", f"table-version:{table}"))


def test_a_page_made_reads_the_table_versions_once_whatever_its_queries(client, demo_content, counting_cache):
    from core.pagecache import content_tables, table_versions

    table_versions(content_tables())  # every table has a version already
    client.get("/en/directory/")
    counting_cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/en/directory/?sort=newest")
    assert response["X-Page-Cache"] == "miss"
    assert len(queries) >= 3
    # One for the page's queries, one per cached fragment the page checks (still_current), no more.
    assert len(version_reads(counting_cache)) <= 3, version_reads(counting_cache)
    counting_cache.clear()
    assert client.get("/en/directory/?sort=newest")["X-Page-Cache"] == "hit"
    assert len(version_reads(counting_cache)) == 1


def test_a_transaction_gives_a_table_one_version_now_and_one_at_commit(
    db, counting_cache, django_capture_on_commit_callbacks
):
    municipality = MunicipalityFactory()
    table = Organisation._meta.db_table
    counting_cache.clear()
    # The test's own transaction never commits: the callbacks run as the block's commit would run them.
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for number in range(5):
            OrganisationFactory(municipality=municipality, name_en=f"Mill {number}")
        Organisation.objects.update(name_en="Same Mill")
        assert bumps(counting_cache, table) == 1
    assert bumps(counting_cache, table) == 2


def test_each_thread_keeps_its_own_memo_of_the_version_files(db):
    from core import pagecache

    pagecache.table_versions([Organisation._meta.db_table])
    mine = pagecache._file_memo.versions
    seen = {}

    def other():
        seen["before"] = dict(pagecache._file_memo.versions)
        pagecache.table_versions([Organisation._meta.db_table])
        seen["after"] = pagecache._file_memo.versions

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert seen["before"] == {}
    assert seen["after"] is not mine
    assert seen["after"][Organisation._meta.db_table] == mine[Organisation._meta.db_table]


def test_an_import_makes_stale_the_pages_of_organisations_only(client, demo_content):
    """COPY passes no observer: the import names the tables it wrote instead of starting a new generation."""
    from directory import importing, services
    from tests.directory.test_import import bulgarian_row, csv_bytes

    for path in ("/en/gallery/", "/en/news/", "/en/directory/"):
        get_twice(client, path)
    generation = content_version()
    rows = importing.read_file("organisations.csv", csv_bytes([bulgarian_row(1)]))
    plan = services.organisations_import(
        rows=rows, municipality=Municipality.objects.get(slug="koprivshtitsa"), by=None
    )
    assert len(plan.created) == 1
    assert content_version() == generation
    assert client.get("/en/gallery/")["X-Page-Cache"] == "hit"
    assert client.get("/en/news/")["X-Page-Cache"] == "hit"
    assert client.get("/en/directory/")["X-Page-Cache"] == "miss"


# --- Cards of list pages ----------------------------------------------------------------


def test_a_directory_card_is_rendered_again_only_when_its_organisation_changed(client, demo_content, settings):
    import re

    from core.pagecache import PIECES_ALIAS

    settings.PAGE_CACHE_SECONDS = 0  # the page made every time: its cards come from the pieces cache
    pieces = caches[PIECES_ALIAS]
    pieces.clear()
    first = client.get("/en/directory/?sort=newest").content.decode()
    stored = len(pieces._cache)
    assert stored >= 5
    assert client.get("/en/directory/?sort=newest").content.decode() == first
    assert len(pieces._cache) == stored
    slug = re.search(r'organisation-card__name"><a href="/en/directory/([^/"]+)/"', first).group(1)
    organisation = Organisation.objects.get(slug=slug)
    organisation.name_en = "Carded Mill"
    organisation.save()
    changed = client.get("/en/directory/?sort=newest").content.decode()
    assert "Carded Mill" in changed
    assert len(pieces._cache) == stored + 1  # that card alone was made again
    assert changed.count("organisation-card__name") == first.count("organisation-card__name")
