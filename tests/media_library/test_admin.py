"""The media library's admin: pages render, the bulk upload page adds photos with or without JavaScript,
and each municipality's staff reach only its albums."""

import pytest
from django.test import Client

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


def test_staff_upload_only_into_albums_of_their_municipality(staff):
    """An editor of the other municipality cannot upload into an album by forging its id."""
    album = AlbumFactory(municipality=staff.home)
    url = f"/admin/media_library/album/{album.pk}/upload/"
    files = {**FORM, "files": [upload(image_bytes(800, 600), "one.jpg")]}
    client = Client()
    client.force_login(staff.other_editor)
    assert client.get(url).status_code == 404
    assert client.post(url, files).status_code == 404
    assert client.post(url, files, headers={"accept": "application/json"}).status_code == 404
    assert not Photo.objects.exists()

    client.force_login(staff.editor)
    files = {**FORM, "files": [upload(image_bytes(800, 600), "one.jpg")]}
    assert client.post(url, files, headers={"accept": "application/json"}).json()["outcomes"][0]["ok"]
    assert Photo.objects.get().album == album


def test_a_forged_list_edit_of_another_municipalitys_album_is_refused(staff):
    album = AlbumFactory(municipality=staff.home, order=1)
    client = Client()
    client.force_login(staff.other_editor)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(album.pk),
        "form-0-order": "9",
        "_save": "Save",
    }
    assert client.post("/admin/media_library/album/", data).status_code == 403
    album.refresh_from_db()
    assert album.order == 1
