"""HTTP caching for shared caches: public pages are shareable and validated by their content
version (ETag, Last-Modified, 304); pages for a person, with a form's token or a cookie, never."""

import urllib.error
import urllib.request

import pytest
from django.core.cache import caches
from django.test import Client

from core.pagecache import CACHE_ALIAS
from directory.models import Organisation
from tests.directory.factories import OrganisationFactory


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The page cache on, as in production (SHARED_CACHE_SECONDS follows it), and empty."""
    settings.PAGE_CACHE_SECONDS = 300
    settings.SHARED_CACHE_SECONDS = 300
    caches[CACHE_ALIAS].clear()


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name_en="Mill on the Topolnitsa")


def cache_control(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_a_public_page_is_shareable_and_validated(client, organisation):
    first = client.get("/en/directory/")
    assert first.status_code == 200
    assert cache_control(first) == {"public", "max-age=0", "s-maxage=300"}
    assert first["ETag"].startswith('W/"') and first["Last-Modified"].endswith("GMT")
    assert ",directory_organisation," in first["X-Tables"]  # what a shared cache bans it by (core.httpcache)
    second = client.get("/en/directory/")
    assert second["X-Page-Cache"] == "hit"
    assert (second["ETag"], second["Last-Modified"]) == (first["ETag"], first["Last-Modified"])


def test_a_conditional_request_gets_304_without_a_query(client, organisation, django_assert_num_queries):
    etag = client.get("/en/directory/")["ETag"]
    with django_assert_num_queries(0):
        answer = client.get("/en/directory/", headers={"If-None-Match": etag})
    assert answer.status_code == 304 and answer.content == b""
    assert answer["ETag"] == etag and "public" in cache_control(answer)
    # Compressed pages carry the same (weak) tag, and any of a list of tags matches.
    assert client.get("/en/directory/", headers={"If-None-Match": f'"other", {etag}'}).status_code == 304
    modified = client.get("/en/directory/")["Last-Modified"]
    assert client.get("/en/directory/", headers={"If-Modified-Since": modified}).status_code == 304


def test_an_edit_changes_the_etag(client, organisation):
    etag = client.get("/en/directory/")["ETag"]
    organisation.name_en = "Mill by the Bridge"
    organisation.save()
    answer = client.get("/en/directory/", headers={"If-None-Match": etag})
    assert answer.status_code == 200 and "Mill by the Bridge" in answer.content.decode()
    assert answer["ETag"] != etag
    # A page that read nothing the edit wrote keeps its tag.
    tag_before = client.get("/en/gallery/")["ETag"]
    Organisation.objects.filter(pk=organisation.pk).update(description_en="Grinds spelt.")
    assert client.get("/en/gallery/", headers={"If-None-Match": tag_before}).status_code == 304


def test_each_language_and_address_has_its_own_etag(client, organisation):
    tags = {client.get(path)["ETag"] for path in ("/en/directory/", "/bg/directory/", "/en/directory/?country=BG")}
    assert len(tags) == 3


def test_logged_in_pages_are_private(client, organisation, django_user_model):
    member = Client()
    member.force_login(django_user_model.objects.create_user("owner@example.org", "owner@example.org"))
    for path in ("/en/directory/", "/en/account/", "/en/"):
        response = member.get(path, follow=True)
        assert {"private", "no-store"} <= cache_control(response), path
        assert "public" not in response["Cache-Control"] and "ETag" not in response, path
    staff = Client()
    staff.force_login(django_user_model.objects.create_superuser("root", "root@example.org"))
    admin_page = staff.get("/admin/")
    assert {"private", "no-store"} <= cache_control(admin_page)


def test_pages_with_a_form_token_or_a_cookie_are_never_shared(client, organisation):
    for path in ("/en/companies/register/", "/en/account/login/", "/en/account/password-reset/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"csrfmiddlewaretoken" in response.content, path
        assert {"private", "no-store"} <= cache_control(response), path
        assert "ETag" not in response, path
        assert "X-Tables" not in response, path  # what it read is nobody's business but a shared cache's
    # A messages cookie (a notice waiting to be shown) makes the reader's page theirs too.
    client.cookies["messages"] = "x"
    assert {"private", "no-store"} <= cache_control(client.get("/en/directory/"))


def test_what_the_page_cache_does_not_keep_is_not_shared(client, organisation):
    missing = client.get("/en/directory/no-such-organisation/")
    assert missing.status_code == 404 and missing["Cache-Control"] == "no-cache"
    redirect = client.get("/en/directory")
    assert redirect.status_code in (301, 302) and "public" not in redirect.get("Cache-Control", "")
    assert client.get("/api/v1/organisations")["Cache-Control"] == "public, no-cache"  # its own (docs/API.md)


def test_development_shares_nothing(client, organisation, settings):
    """With the page cache off (development), pages are neither shared nor tagged."""
    settings.PAGE_CACHE_SECONDS = 0
    response = client.get("/en/directory/")
    assert response["Cache-Control"] == "no-cache" and "ETag" not in response


def http(url: str, headers: dict | None = None):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 (the live server on loopback)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_conditional_requests_over_real_http(live_server):
    organisation = OrganisationFactory(name_en="Mill on the Topolnitsa")
    url = f"{live_server.url}/en/directory/"
    status, headers, body = http(url, {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "public" in headers["Cache-Control"] and "s-maxage=300" in headers["Cache-Control"]
    etag = headers["ETag"]
    status, headers, body = http(url, {"If-None-Match": etag, "Accept-Encoding": "gzip"})
    assert (status, body) == (304, b"") and headers["ETag"] == etag
    status, headers, body = http(url, {"If-Modified-Since": headers["Last-Modified"]})
    assert status == 304
    organisation.name_en = "Mill by the Bridge"
    organisation.save()
    status, headers, body = http(url, {"If-None-Match": etag})
    assert status == 200 and b"Mill by the Bridge" in body and headers["ETag"] != etag
    status, headers, _ = http(f"{live_server.url}/en/companies/register/")
    assert status == 200 and headers["Cache-Control"] == "private, no-store"
