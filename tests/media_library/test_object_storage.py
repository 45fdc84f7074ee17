"""Media on S3-compatible object storage (S3_* variables): renditions, originals and pending
imports in a private bucket, public files served through the portal with a year's cache.
Against a real SeaweedFS server that the tests start (tests/engines/s3.py)."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from media_library import services
from media_library.models import Photo
from tests.directory.test_import import bulgarian_row, csv_bytes
from tests.media_library.factories import AlbumFactory, image_bytes, photo_make, upload
from tests.portal.factories import MunicipalityFactory


@pytest.mark.django_db
def test_a_photo_lives_in_the_bucket_and_nothing_on_disk(bucket, media_root, settings):
    album = AlbumFactory()
    photo = photo_make(album, width=1200, height=800)
    keys = bucket.keys()
    renditions = [f"media/{name}" for name in photo.image.files]
    assert renditions and set(renditions) <= set(keys)
    assert f"originals/{photo.original.name}" in keys
    assert not Path(media_root).exists() or not any(Path(media_root).rglob("*.*"))
    assert not any(Path(settings.MEDIA_LIBRARY_ORIGINALS_ROOT).rglob("*.*"))
    # The bucket is private: no object is readable without the key, originals least of all.
    assert bucket.anonymous_status(renditions[0]) == 403
    assert bucket.anonymous_status(f"originals/{photo.original.name}") == 403
    with pytest.raises(ValueError, match="private"):
        photo.original.url  # noqa: B018
    stored = bucket.client().head_object(Bucket=bucket.bucket, Key=renditions[0])
    assert stored["CacheControl"] == "public, max-age=31536000, immutable"
    assert stored["ContentType"] in {"image/webp", "image/jpeg"}


@pytest.mark.django_db
def test_renditions_are_served_through_the_portal_and_cached_for_a_year(client, bucket):
    album = AlbumFactory()
    photo = photo_make(album, width=1200, height=800)
    url = photo.image.src
    assert url.startswith("/media/photos/")
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    key = "media/" + url.removeprefix("/media/")
    assert body == bucket.client().get_object(Bucket=bucket.bucket, Key=key)["Body"].read()
    assert int(response["Content-Length"]) == len(body) and response["Last-Modified"].endswith("GMT")
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["X-Content-Type-Options"] == "nosniff" and "sandbox" in response["Content-Security-Policy"]
    assert response["Content-Type"] in {"image/webp", "image/jpeg"}
    # Originals have no address, not even by guessing their key.
    assert client.get(f"/media/../originals/{photo.original.name}").status_code == 404
    assert client.get("/media/photos/none/missing-480.webp").status_code == 404


@pytest.mark.django_db
def test_a_deleted_photo_leaves_nothing_in_the_bucket(bucket, django_capture_on_commit_callbacks):
    album = AlbumFactory()
    photo = photo_make(album, width=640, height=480)
    names = [f"media/{name}" for name in photo.image.files] + [f"originals/{photo.original.name}"]
    assert set(names) <= set(bucket.keys())
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_delete(photo=Photo.objects.get(pk=photo.pk))
    assert not set(names) & set(bucket.keys())


@pytest.mark.django_db
def test_a_refused_upload_leaves_nothing_in_the_bucket(bucket):
    album = AlbumFactory()
    before = bucket.keys()
    with pytest.raises(Exception):  # noqa: B017 (the refusal's own type is the uploads tests' business)
        services.photo_create(album=album, upload=upload(image_bytes(64, 48)[:200], "cut.jpg"), alt_text={})
    assert bucket.keys() == before


@pytest.mark.django_db
def test_a_pending_import_waits_in_the_bucket(bucket, django_user_model):
    municipality = MunicipalityFactory(slug="koprivshtitsa", country="BG")
    staff = Client(headers={"accept-language": "en"})
    staff.force_login(django_user_model.objects.create_superuser("root", "root@example.org"))
    data = csv_bytes([bulgarian_row(1), bulgarian_row(2)])
    response = staff.post(
        "/admin/directory/organisation/import/",
        {"file": SimpleUploadedFile("organisations.csv", data), "municipality": municipality.pk},
    )
    assert response.status_code == 302, response.content[:2000]
    waiting = bucket.keys("imports/")
    assert len(waiting) == 1 and waiting[0].endswith(".json")
    assert storages["imports"].exists(waiting[0].removeprefix("imports/"))
    preview = staff.get(response["Location"])
    assert preview.status_code == 200 and preview.context["plan"].created
    staff.post(response["Location"])
    assert bucket.keys("imports/") == []


def test_the_server_keeps_its_objects_across_a_restart(bucket):
    """What the bucket holds survives the storage server's restart (its data folder)."""
    name = default_storage.save("documents/2026/notice.pdf", ContentFile(b"%PDF-1.4 notice"))
    bucket.stop()
    bucket.start()
    with default_storage.open(name) as file:
        assert file.read() == b"%PDF-1.4 notice"
    default_storage.delete(name)
