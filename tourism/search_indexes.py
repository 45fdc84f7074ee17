"""Tourism's searchable content: published sights and routes."""

from django.utils.translation import gettext_lazy as _

from core.models import Direction
from search.registry import choice_label, register
from tourism.models import Route, RouteKind, Sight, SightCategory

# Sights that are also culture: museums, monuments, historic places, venues.
OUTDOOR = {SightCategory.NATURE, SightCategory.OTHER}


def _sight_directions(sight: Sight) -> list[str]:
    if sight.category in OUTDOOR:
        return [Direction.Key.TOURISM]
    return [Direction.Key.TOURISM, Direction.Key.CULTURE]


register(
    Sight,
    kind="sight",
    label=_("Sights"),
    title_field="name",
    body_fields=(
        "summary",
        "description",
        "address",
        "placement_note",
        lambda sight: choice_label(SightCategory, sight.category),
    ),
    summary_field="summary",
    queryset=lambda: Sight.objects.published_or_scheduled(),
    published_at="published_at",
    municipality=lambda sight: sight.municipality_id,
    directions=_sight_directions,
    order=20,
)

register(
    Route,
    kind="route",
    label=_("Routes"),
    title_field="name",
    body_fields=(
        "summary",
        "description",
        "start_name",
        "end_name",
        "border_crossing_note",
        lambda route: choice_label(RouteKind, route.kind),
    ),
    summary_field="summary",
    queryset=lambda: Route.objects.published_or_scheduled(),
    published_at="published_at",
    municipality=lambda route: route.municipality_id,
    directions=(Direction.Key.TOURISM,),
    order=30,
)
