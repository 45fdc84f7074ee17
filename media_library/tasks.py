"""The media library's background task: the renditions of an uploaded photo (``services.photo_renditions_make``)."""

from django_tasks import task

from media_library.services import photo_renditions_make


@task()
def make_renditions(photo_id: int) -> bool:
    """Make the renditions of photo ``photo_id`` from its original; idempotent (a photo that has them is left alone)."""
    return photo_renditions_make(photo_id=photo_id)
