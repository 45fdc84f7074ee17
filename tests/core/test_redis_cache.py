"""Redis (REDIS_URL) as the shared cache: pages, versions, rate limits; the portal keeps serving
pages while Redis is killed and restarted, and shows no page cached before an outage that
missed an edit made during it. Against a real redis-server that the tests start."""

import threading
import time
import urllib.error
import urllib.request

import pytest
from django.core.cache import caches
from django.test import Client

from core import cache as shared_cache
from core.cache import redis_caches
from core.pagecache import CACHE_ALIAS
from directory.models import Organisation
from tests.directory.factories import OrganisationFactory
from tests.engines.redis import RedisServer


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


@pytest.fixture
def redis_cache(settings, redis_server):
    """Every cache alias on the test's Redis, as portal/settings.py sets them for REDIS_URL, emptied."""
    if redis_server.process is None:
        redis_server.start()
    settings.CACHES = redis_caches(redis_server.url)
    settings.PAGE_CACHE_SECONDS = 300
    redis_server.client().flushall()
    shared_cache._states.clear()
    yield redis_server
    shared_cache._states.clear()


def wait_until_used_again(server: RedisServer) -> None:
    """Past the pause after a failure (``REDIS_RETRY_SECONDS``): the next call tries Redis again."""
    time.sleep(shared_cache.REDIS_RETRY_SECONDS + 0.1)


@pytest.mark.django_db
def test_pages_versions_and_rate_limits_live_in_redis(client, redis_cache):
    OrganisationFactory(name_en="Mill on the Topolnitsa")
    assert client.get("/en/directory/")["X-Page-Cache"] == "miss"
    assert client.get("/en/directory/")["X-Page-Cache"] == "hit"
    keys = {key.decode() for key in redis_cache.client().keys("*")}
    assert any(key.startswith("pages:") and ":page:" in key for key in keys)
    assert any(":table-version:directory_organisation" in key for key in keys)
    client.get("/api/v1/organisations")
    assert any(key.startswith(":1:rate:api:") for key in {k.decode() for k in redis_cache.client().keys("*")})


@pytest.mark.django_db
def test_pages_are_served_while_redis_is_down_and_an_edit_made_then_shows_after(client, django_user_model, redis_cache):
    """Redis killed, then back with its snapshot (a page and versions from before the outage):
    every answer is 200, and the edit made during the outage is what readers see after it."""
    organisation = OrganisationFactory(name_en="Mill on the Topolnitsa")
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser("root", "root@example.org"))
    client.get("/en/directory/")
    assert client.get("/en/directory/")["X-Page-Cache"] == "hit"
    redis_cache.save()
    redis_cache.kill()

    for _ in range(3):
        response = client.get("/en/directory/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response or response["X-Page-Cache"] == "miss"
    assert client.get(organisation.get_absolute_url().replace("/bg/", "/en/")).status_code == 200
    assert client.get("/api/v1/organisations").status_code == 200
    assert staff.get("/admin/").status_code == 200  # sessions are in PostgreSQL
    organisation.name_en = "Mill by the Bridge"
    organisation.save()
    assert "Mill by the Bridge" in client.get("/en/directory/").content.decode()

    redis_cache.start()  # loads the snapshot: the page cached before the outage is back
    wait_until_used_again(redis_cache)
    html = client.get("/en/directory/").content.decode()
    assert "Mill by the Bridge" in html and "Mill on the Topolnitsa" not in html
    assert client.get("/en/directory/")["X-Page-Cache"] == "hit"
    assert Organisation.objects.get(pk=organisation.pk).name_en == "Mill by the Bridge"


@pytest.mark.django_db
def test_rate_limits_count_again_once_redis_is_back(client, settings, redis_cache):
    settings.API_RATE_LIMIT = 3
    statuses = [client.get("/api/v1/organisations").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    redis_cache.kill()
    # Without Redis nobody is counted: the API answers rather than refuse everyone.
    assert {client.get("/api/v1/organisations").status_code for _ in range(3)} == {200}
    redis_cache.start()
    wait_until_used_again(redis_cache)
    statuses = [client.get("/api/v1/organisations").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_an_unreachable_redis_costs_no_timeout_per_call(settings, redis_cache):
    """After one failure the process leaves Redis alone for a moment: a thousand reads take no time."""
    cache = caches[CACHE_ALIAS]
    cache.set("probe", 1)
    assert cache.get("probe") == 1
    redis_cache.kill()
    started = time.monotonic()
    assert [cache.get("probe", "gone") for _ in range(1000)] == ["gone"] * 1000
    assert cache.add("lock", 1) is True and cache.get_many(["probe"]) == {}
    with pytest.raises(ValueError):
        cache.incr("probe")
    assert time.monotonic() - started < 1.5
    redis_cache.start()


def fetch(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (the live server on loopback)
            answer.read()
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def test_no_request_fails_while_redis_restarts_under_load(live_server, redis_cache):
    """Real HTTP from four clients while Redis is killed and started again twice: every answer is 200."""
    OrganisationFactory(name_en="Mill on the Topolnitsa")
    paths = ["/en/directory/", "/en/", "/api/v1/organisations", "/en/gallery/"]
    statuses: list[int] = []
    done = threading.Event()

    def reader(path):
        while not done.is_set():
            statuses.append(fetch(live_server.url + path))

    readers = [threading.Thread(target=reader, args=(path,)) for path in paths]
    for thread in readers:
        thread.start()
    try:
        for _ in range(2):
            time.sleep(0.7)
            redis_cache.kill()
            time.sleep(0.7)
            redis_cache.start()
        time.sleep(1.5)
    finally:
        done.set()
        for thread in readers:
            thread.join()
    assert len(statuses) > 20
    assert set(statuses) == {200}, {status: statuses.count(status) for status in set(statuses)}
