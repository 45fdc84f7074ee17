"""Civic content that search finds: events, news, services, documents, EU projects and pages.

Each is indexed once its status is "published", and found from its publication
time on: an item scheduled for later waits in the index, unseen, until then.
"""

from django.utils.translation import gettext_lazy as _

from civic.models import Document, Event, MunicipalService, NewsArticle, Page, Project
from civic.models.documents import DocumentKind
from civic.models.events import EventCategory
from core.models import Direction
from search.registry import choice_label, register


def _direction_of(item) -> list[str]:
    return [item.direction.slug] if item.direction_id else []


def _only_municipality(project: Project) -> int | None:
    """A project of one municipality is filed under it; one of both (or none) under neither."""
    municipalities = [municipality.pk for municipality in project.municipalities.all()]
    return municipalities[0] if len(municipalities) == 1 else None


register(
    Event,
    kind="event",
    label=_("Events"),
    title_field="title",
    body_fields=(
        "summary",
        "description",
        "venue_name",
        "venue_address",
        "organiser",
        lambda event: choice_label(EventCategory, event.category),
    ),
    summary_field="summary",
    queryset=lambda: Event.objects.published_or_scheduled().select_related("direction"),
    published_at="published_at",
    municipality=lambda event: event.municipality_id,
    directions=_direction_of,
    order=40,
)

register(
    NewsArticle,
    kind="news",
    label=_("News"),
    title_field="title",
    body_fields=("lead", "body"),
    summary_field="lead",
    queryset=lambda: NewsArticle.objects.published_or_scheduled().select_related("direction"),
    published_at="published_at",
    municipality=lambda article: article.municipality_id,
    directions=_direction_of,
    order=50,
)

register(
    MunicipalService,
    kind="service",
    label=_("Municipal services"),
    title_field="title",
    body_fields=("summary", "eligibility", "required_documents", "how_to_apply", "office", "responsible_unit"),
    summary_field="summary",
    queryset=lambda: MunicipalService.objects.published_or_scheduled(),
    published_at="published_at",
    municipality=lambda service: service.municipality_id,
    directions=(Direction.Key.ADMINISTRATION,),
    order=60,
)

register(
    Document,
    kind="document",
    label=_("Documents"),
    title_field="title",
    body_fields=("description", lambda document: choice_label(DocumentKind, document.kind)),
    summary_field="description",
    queryset=lambda: Document.objects.published_or_scheduled(),
    published_at="published_at",
    municipality=lambda document: document.municipality_id,
    directions=(Direction.Key.ADMINISTRATION,),
    order=70,
)

register(
    Project,
    kind="project",
    label=_("EU projects"),
    title_field="title",
    body_fields=("acronym", "code", "summary", "description", "results", "priority"),
    summary_field="summary",
    queryset=lambda: Project.objects.published_or_scheduled().prefetch_related("municipalities"),
    published_at="published_at",
    municipality=_only_municipality,
    directions=(Direction.Key.ADMINISTRATION,),
    order=80,
)

register(
    Page,
    kind="page",
    label=_("Pages"),
    title_field="title",
    body_fields=("summary", "body"),
    summary_field="summary",
    queryset=lambda: Page.objects.published_or_scheduled(),
    published_at="published_at",
    municipality=lambda page: page.municipality_id,
    order=95,
)
