"""What the business direction's landing page shows of the cooperation board."""

from cooperation.models import Opportunity
from core.models import Direction


def direction_highlights(direction: Direction, *, limit: int = 4) -> list[Opportunity] | None:
    """The newest items for the business direction (one query); None, and no query, for the others."""
    if direction.slug != Direction.Key.BUSINESS:
        return None
    return list(Opportunity.objects.public().for_listing().newest_first()[:limit])
