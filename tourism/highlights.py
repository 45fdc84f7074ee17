"""What the tourism direction's landing page shows of the tourism content."""

from dataclasses import dataclass, field

from core.models import Direction
from tourism.models import Route, Sight


@dataclass
class TourismHighlights:
    sights: list[Sight] = field(default_factory=list)
    sight_count: int = 0
    route_count: int = 0

    def __bool__(self):
        return bool(self.sights)


def direction_highlights(direction: Direction, *, limit: int = 6) -> TourismHighlights:
    """Sights of both municipalities for the tourism direction (three queries); nothing, and no
    query, for the other directions."""
    if direction.slug != Direction.Key.TOURISM:
        return TourismHighlights()
    sights = Sight.objects.published()
    # Alternate the municipalities, so that neither fills the page alone.
    shown = list(sights.for_listing().order_by("municipality__order", "-updated_at", "pk")[: limit * 4])
    by_municipality = {}
    for sight in shown:
        by_municipality.setdefault(sight.municipality_id, []).append(sight)
    mixed = [sight for group in zip(*by_municipality.values(), strict=False) for sight in group]
    rest = [sight for sight in shown if sight not in mixed]
    return TourismHighlights(
        sights=(mixed + rest)[:limit],
        sight_count=sights.count(),
        route_count=Route.objects.published().count(),
    )
