"""Writes of tourism content that go beyond one form: checked with ``full_clean()``, all or nothing."""

from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.db import transaction

from search.services import index_update
from tourism.models import Route, RouteStop, Sight


@transaction.atomic
def sight_save(*, slug: str, **fields) -> Sight:
    """Create the sight with this slug, or update it with ``fields``; validated like an admin save."""
    sight = Sight.objects.filter(slug=slug).first() or Sight(slug=slug)
    for name, value in fields.items():
        setattr(sight, name, value)
    sight.full_clean()
    sight.save()
    index_update(sight)
    return sight


@transaction.atomic
def route_save(*, slug: str, gpx_name: str, gpx_content: bytes, sights: Iterable[Sight] = (), **fields) -> Route:
    """Create or update a route from a GPX track; distance, climb and line are computed from it."""
    route = Route.objects.filter(slug=slug).first() or Route(slug=slug)
    for name, value in fields.items():
        setattr(route, name, value)
    old_file = route.gpx_file.name if route.gpx_file else ""
    route.gpx_file = ContentFile(gpx_content, name=gpx_name)
    route.line = {}
    route.full_clean()
    route.save()
    if old_file and old_file != route.gpx_file.name:
        # The new track replaces the old file once the row points at it.
        storage = route.gpx_file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    route.stops.all().delete()
    RouteStop.objects.bulk_create(
        RouteStop(route=route, sight=sight, order=index) for index, sight in enumerate(sights, start=1)
    )
    index_update(route)
    return route
