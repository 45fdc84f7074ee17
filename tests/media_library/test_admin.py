"""The media library's admin: pages render, and the bulk upload page adds photos with or without JavaScript."""

import pytest

from media_library.models import Photo
from tests.media_library.factories import AlbumFactory, image_bytes, photo_make, upload

pytestmark = pytest.mark.django_db

FORM = {"alt_text_bg": "Мост", "alt_text_sr": "Мост", "alt_text_en": "Bridge", "credit": "", "licence": "cc0-1.0"}


def test_admin_pages_render(admin_client):
    album = AlbumFactory()
    photo = photo_make(album)
    for url in (
        "/admin/media_library/album/",
        f"/admin/media_library/album/{album.pk}/change/",
        f"/admin/media_library/album/{album.pk}/upload/",
        "/admin/media_library/photo/",
        f"/admin/media_library/photo/{photo.pk}/change/",
        "/admin/media_library/video/add/",
    ):
        assert admin_client.get(url).status_code == 200, url


def test_bulk_upload_without_javascript_lists_each_outcome(admin_client):
    album = AlbumFactory()
    files = [upload(image_bytes(800, 600), "good.jpg"), upload(b"<html></html>", "bad.jpg")]
    response = admin_client.post(f"/admin/media_library/album/{album.pk}/upload/", {**FORM, "files": files})
    html = response.content.decode()
    assert response.status_code == 200
    assert "good.jpg" in html and "bad.jpg" in html
    assert Photo.objects.filter(album=album).count() == 1


def test_bulk_upload_with_javascript_answers_in_json(admin_client):
    album = AlbumFactory()
    response = admin_client.post(
        f"/admin/media_library/album/{album.pk}/upload/",
        {**FORM, "files": [upload(image_bytes(800, 600), "one.jpg")]},
        headers={"accept": "application/json"},
    )
    assert response.json() == {"errors": {}, "outcomes": [{"name": "one.jpg", "ok": True, "errors": []}]}
    response = admin_client.post(
        f"/admin/media_library/album/{album.pk}/upload/", {"files": []}, headers={"accept": "application/json"}
    )
    assert response.status_code == 400 and "alt_text_bg" in response.json()["errors"]
