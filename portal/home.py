"""What the home page shows: the one place that chooses it, each part through its app's querysets.

Every part is read in a fixed number of queries, whatever the number of events, sights or
organisations (tests/portal/test_home.py counts them at 1 and at 50 rows of each kind), and
the home page caches the rendered parts per language until content changes (``core.pagecache``).
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Case, When
from django.utils import timezone

from civic.models import Event, NewsArticle, Occurrence
from cooperation.models import Opportunity
from core.models import Municipality
from directory.models import Organisation
from media_library.models import AlbumAttachment, Photo
from portal.models import FeaturedSight
from tourism.models import Sight

EVENTS_PER_MUNICIPALITY = 3
NEWS_SHOWN = 4
SIGHTS_PER_MUNICIPALITY = 2
ORGANISATIONS_SHOWN = 5
OPPORTUNITIES_SHOWN = 3
# Events further ahead than this are not "what is on".
EVENTS_AHEAD = timedelta(days=365)
# Default sights are chosen among this many per municipality (photo first, then the latest).
CANDIDATES_PER_MUNICIPALITY = 20


@dataclass
class SightCard:
    sight: Sight
    photo: Photo | None = None


@dataclass
class HomeContent:
    municipalities: list[Municipality] = field(default_factory=list)
    events: list[Occurrence] = field(default_factory=list)
    news: list[NewsArticle] = field(default_factory=list)
    sights: list[SightCard] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    organisation_count: int = 0
    opportunities: list[Opportunity] = field(default_factory=list)


def home_content() -> HomeContent:
    """Everything the home page shows but its fixed links, in some ten queries."""
    municipalities = list(Municipality.objects.with_information_centre())
    organisations = Organisation.objects.published()
    return HomeContent(
        municipalities=municipalities,
        events=next_events(municipalities),
        news=list(NewsArticle.objects.published().for_listing().latest()[:NEWS_SHOWN]),
        sights=featured_sights(municipalities),
        organisations=list(organisations.for_listing().order_by("-created_at", "-pk")[:ORGANISATIONS_SHOWN]),
        organisation_count=organisations.count(),
        opportunities=list(Opportunity.objects.public().for_listing().newest_first()[:OPPORTUNITIES_SHOWN]),
    )


def next_events(municipalities: list[Municipality]) -> list[Occurrence]:
    """The next few occurrences of each municipality, in time order: a busy side never hides the other.

    The first occurrences of the year usually hold enough of both; only when one side is quiet
    is the rest of the year read too (one query more), whatever the number of municipalities.
    """
    now = timezone.now()
    occurrences = (
        Event.objects.published().for_listing().occurrences(now, now + EVENTS_AHEAD, cache_key=("home-events",))
    )
    first = occurrences[: EVENTS_PER_MUNICIPALITY * len(municipalities) * 4]
    chosen = _first_of_each(first, municipalities)
    if len(chosen) < EVENTS_PER_MUNICIPALITY * len(municipalities) and len(first) < len(occurrences):
        chosen = _first_of_each(occurrences, municipalities)
    return chosen


def _first_of_each(occurrences, municipalities: list[Municipality]) -> list[Occurrence]:
    """The first occurrences of each municipality, one per event: a weekly market is one card
    (its card says how it repeats), not three that push every other event off the page."""
    counts = {municipality.pk: 0 for municipality in municipalities}
    shown_events = set()
    chosen = []
    for occurrence in occurrences:
        municipality_id = occurrence.event.municipality_id
        if occurrence.event.pk in shown_events:
            continue
        if counts.get(municipality_id, EVENTS_PER_MUNICIPALITY) < EVENTS_PER_MUNICIPALITY:
            counts[municipality_id] += 1
            shown_events.add(occurrence.event.pk)
            chosen.append(occurrence)
    return chosen


def featured_sights(municipalities: list[Municipality]) -> list[SightCard]:
    """Each municipality's featured sights; a municipality whose staff chose none gets its sights with
    photos, then its latest. Both municipalities alternate, so neither fills the row alone."""
    by_municipality: dict[int, list[Sight]] = {municipality.pk: [] for municipality in municipalities}
    for featured in FeaturedSight.objects.shown():
        chosen = by_municipality.setdefault(featured.municipality_id, [])
        if len(chosen) < SIGHTS_PER_MUNICIPALITY:
            chosen.append(featured.sight)
    missing = [pk for pk, chosen in by_municipality.items() if not chosen]
    if missing:
        with_photo = AlbumAttachment.objects.with_cover(Sight).values("object_id")
        # Sights with a photo first, then the latest; enough for every municipality that needs some.
        candidates = (
            Sight.objects.published()
            .for_listing()
            .filter(municipality__in=missing)
            .order_by(Case(When(pk__in=with_photo, then=0), default=1), "-updated_at", "-pk")
        )[: CANDIDATES_PER_MUNICIPALITY * len(missing)]
        for sight in candidates:
            chosen = by_municipality[sight.municipality_id]
            if len(chosen) < SIGHTS_PER_MUNICIPALITY:
                chosen.append(sight)
    sights = [sight for row in zip_longest_present(*by_municipality.values()) for sight in row]
    covers = AlbumAttachment.objects.covers(Sight, [sight.pk for sight in sights])
    return [SightCard(sight=sight, photo=covers.get(sight.pk)) for sight in sights]


def zip_longest_present(*groups: list) -> list[list]:
    """``zip_longest`` without the fill: [[a1, b1], [a2, b2], [a3]]."""
    longest = max((len(group) for group in groups), default=0)
    return [[group[index] for group in groups if index < len(group)] for index in range(longest)]
