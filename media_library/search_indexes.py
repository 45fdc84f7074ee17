"""The media library's searchable content: published albums."""

from django.utils.translation import gettext_lazy as _

from media_library.models import Album
from search.registry import register

register(
    Album,
    kind="album",
    label=_("Albums"),
    title_field="title",
    body_fields=("description",),
    summary_field="description",
    queryset=lambda: Album.objects.published_or_scheduled().select_related("direction"),
    published_at="published_at",
    municipality=lambda album: album.municipality_id,
    directions=lambda album: [album.direction.slug] if album.direction_id else [],
    order=90,
)
