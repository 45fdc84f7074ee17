"""Text responses go out compressed with what the client accepts; files and refusals are respected."""

import gzip

import brotli
import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from core.pagecache import CACHE_ALIAS
from tests.directory.factories import create_many
from tests.media_library.factories import image_bytes
from tests.portal.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def decoded(response) -> bytes:
    body = response.getvalue()
    encoding = response.get("Content-Encoding", "")
    if encoding == "br":
        return brotli.decompress(body)
    if encoding == "gzip":
        return gzip.decompress(body)
    assert not encoding, encoding
    return body


@pytest.fixture
def organisations():
    municipality = MunicipalityFactory(slug="koprivshtitsa", name_en="Koprivshtitsa")
    create_many(
        30, municipality=municipality, latitude="42.64000", longitude="24.35000", nace_section="I", nace_division="55"
    )


@pytest.mark.parametrize(
    ("offered", "expected"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("br", "br"),
        ("gzip", "gzip"),
        ("gzip, br;q=0", "gzip"),
        ("br;q=0.5, gzip", "br"),
        ("identity", None),
        ("", None),
    ],
)
def test_a_page_is_compressed_as_the_client_accepts(client, organisations, offered, expected):
    plain = client.get("/en/directory/")
    response = client.get("/en/directory/", HTTP_ACCEPT_ENCODING=offered)
    assert response.status_code == 200
    assert response.get("Content-Encoding") == expected
    assert "Accept-Encoding" in response["Vary"]
    assert decoded(response) == plain.content
    if expected:
        assert int(response["Content-Length"]) == len(response.content) < len(plain.content) / 3


def test_a_cached_page_goes_out_compressed_too(client, organisations, settings):
    settings.PAGE_CACHE_SECONDS = 300
    caches[CACHE_ALIAS].clear()
    first = client.get("/en/directory/", HTTP_ACCEPT_ENCODING="gzip")
    second = client.get("/en/directory/", HTTP_ACCEPT_ENCODING="br")
    third = client.get("/en/directory/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"], third["X-Page-Cache"]) == ("miss", "hit", "hit")
    assert (first["Content-Encoding"], second["Content-Encoding"]) == ("gzip", "br")
    assert "Content-Encoding" not in third
    assert decoded(first) == decoded(second) == third.content


@pytest.mark.parametrize("offered", ["br", "gzip"])
def test_map_data_and_streamed_downloads_are_compressed(client, organisations, offered):
    for path in ("/en/tourism/map.geojson", "/en/directory/export.csv", "/en/directory/export.json"):
        plain = client.get(path)
        response = client.get(path, HTTP_ACCEPT_ENCODING=offered)
        assert response["Content-Encoding"] == offered, path
        assert decoded(response) == plain.getvalue(), path


def test_photos_and_other_files_are_not_compressed_again(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    stored = default_storage.save("photos/mill.jpg", ContentFile(image_bytes(width=300, height=200)))
    response = client.get(f"/media/{stored}", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "Content-Encoding" not in response
    assert response.getvalue() == (tmp_path / stored).read_bytes()
