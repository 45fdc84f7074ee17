"""Renditions are made by a task (media_library.tasks.make_renditions, docs/SCALING.md "Tasks"):
with a worker backend the upload only checks the photo and keeps its original; the photo is
shown once a worker has made its renditions, and a task run twice makes them once."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from media_library import services
from media_library.models import Album, Photo
from media_library.tasks import make_renditions
from tests.media_library.factories import ALT_TEXT, AlbumFactory, image_bytes, jpeg_upload, photo_make, upload
from tests.tasks import DATABASE_TASKS, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings):
    """Tasks as rows in PostgreSQL, run by a worker, as in production (the tests' default runs them at once)."""
    settings.TASKS = DATABASE_TASKS


def rendition_files(settings) -> list[Path]:
    return [path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_with_the_immediate_backend_the_renditions_are_made_in_the_upload(settings):
    album = AlbumFactory()
    photo = photo_make(album, width=1200, height=800)
    assert [entry["width"] for entry in photo.renditions] == [1200, 960, 480]
    album.refresh_from_db()
    assert album.cover == photo
    assert list(Photo.objects.for_album(album)) == [photo]


def test_with_a_worker_backend_the_upload_waits_for_the_worker_and_the_photo_is_shown_after(
    database_tasks, settings, client
):
    album = AlbumFactory()
    photo = photo_make(album, width=1200, height=800)
    # The upload kept the original and enqueued the task; no rendition yet, nothing shown.
    assert photo.renditions == [] and photo.original.name
    assert rendition_files(settings) == []
    [waiting] = DBTaskResult.objects.filter(task_path="media_library.tasks.make_renditions")
    assert waiting.args_kwargs["args"] == [photo.pk]
    assert list(Photo.objects.for_album(album)) == []
    assert Album.objects.get(pk=album.pk).cover is None
    assert client.get(photo.get_absolute_url()).status_code == 404

    run_worker()
    waiting.refresh_from_db()
    assert waiting.status == TaskResultStatus.SUCCESSFUL
    photo.refresh_from_db()
    assert [entry["width"] for entry in photo.renditions] == [1200, 960, 480]
    assert len(rendition_files(settings)) == 6
    assert Album.objects.get(pk=album.pk).cover == photo
    assert list(Photo.objects.for_album(album)) == [photo]
    page = client.get(photo.get_absolute_url())
    assert page.status_code == 200 and photo.image.src in page.content.decode()


def test_the_task_run_again_or_after_a_deletion_changes_nothing(database_tasks, settings):
    album = AlbumFactory()
    photo = photo_make(album, width=640, height=480)
    run_worker()
    photo.refresh_from_db()
    made = photo.renditions
    files = sorted(rendition_files(settings))
    # A second run (a worker that died after committing, its task taken over) leaves it alone.
    assert make_renditions.call(photo.pk) is False
    photo.refresh_from_db()
    assert photo.renditions == made and sorted(rendition_files(settings)) == files
    gone = photo_make(album, width=640, height=480)
    Photo.objects.filter(pk=gone.pk).delete()
    assert make_renditions.call(gone.pk) is False


def test_a_run_killed_before_its_commit_leaves_no_second_copy_of_the_files(database_tasks, settings):
    """Files written by a run that never committed are written over by the next, not kept beside."""
    album = AlbumFactory()
    photo = photo_make(album, width=640, height=480)
    assert make_renditions.call(photo.pk) is True
    first = sorted(rendition_files(settings))
    Photo.objects.filter(pk=photo.pk).update(renditions=[])  # as if that run's transaction never committed
    assert make_renditions.call(photo.pk) is True
    assert sorted(rendition_files(settings)) == first


def test_a_damaged_photo_is_still_refused_in_the_upload_with_a_worker_backend(database_tasks, settings):
    album = AlbumFactory()
    data = image_bytes(1200, 900, quality=95)
    with pytest.raises(ValidationError) as error:
        services.photo_create(album=album, upload=upload(data[: len(data) * 2 // 3], "cut.jpg"), alt_text=ALT_TEXT)
    assert error.value.code == "broken"
    assert not DBTaskResult.objects.filter(task_path="media_library.tasks.make_renditions").exists()
    assert not Photo.objects.exists()
    assert not any(Path(settings.MEDIA_LIBRARY_ORIGINALS_ROOT).rglob("*.*"))


def test_the_admin_upload_enqueues_and_answers_before_the_renditions_exist(database_tasks, admin_client, settings):
    album = AlbumFactory()
    response = admin_client.post(
        f"/admin/media_library/album/{album.pk}/upload/",
        {"files": [jpeg_upload(1200, 800)], **{f"alt_text_{code}": "Мост" for code in ("bg", "sr", "en")},
         "licence": "cc-by-4.0"},
    )  # fmt: skip
    assert response.status_code == 200
    photo = Photo.objects.get()
    assert photo.renditions == []
    assert DBTaskResult.objects.filter(task_path="media_library.tasks.make_renditions", status="READY").count() == 1
    run_worker()
    photo.refresh_from_db()
    assert photo.renditions
