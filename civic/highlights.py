"""What each direction's landing page shows of the civic content."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from civic.models import Document, Event, MunicipalService, NewsArticle, Occurrence, Project
from core.models import Direction


@dataclass
class DirectionHighlights:
    events: list[Occurrence] = field(default_factory=list)
    news: list[NewsArticle] = field(default_factory=list)
    services: list[MunicipalService] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)

    def __bool__(self):
        return any((self.events, self.news, self.services, self.documents, self.projects))


def direction_highlights(direction: Direction, *, limit: int = 4) -> DirectionHighlights:
    """The next events and latest news of ``direction``; for administration and social life
    also services, documents and EU projects. A fixed number of queries, whatever the content.
    """
    now = timezone.now()
    events = Event.objects.published().for_listing().filter(direction=direction)
    highlights = DirectionHighlights(
        events=events.occurrences(now, now + timedelta(days=365), cache_key=("direction", direction.pk))[:limit],
        news=list(NewsArticle.objects.published().for_listing().filter(direction=direction).latest()[:limit]),
    )
    if direction.slug == Direction.Key.ADMINISTRATION:
        highlights.services = list(MunicipalService.objects.published().for_listing()[: limit * 2])
        highlights.documents = list(Document.objects.published().for_listing()[:limit])
        highlights.projects = list(Project.objects.published().for_listing()[:limit])
    return highlights
