"""Fill the benchmark database (``make bench``, docs/PERFORMANCE.md): ``load(organisations=...)``.

Called by bench/run.py, bench/import.py and bench/search.py once Django is set up on the
benchmark database, and by the benchmark's smoke test on the test database.

The demo content first (real institutions, sights, events, news, albums with
placeholder photos), then synthetic content in proportion to the number of
organisations asked for. Per 10,000 organisations:

- 100 sights around both towns,
- 300 events (a third over, two thirds in the coming year, one in twenty a series),
- 1,000 news articles over the last five years,
- 50 albums of 20 photos (the photos reuse the demo photos' files and renditions).

Everything is written with ``bulk_create`` in batches, then the search index is
rebuilt, the page cache invalidated and the tables analysed: 100,000
organisations load in a few minutes. What is already there is kept when the
numbers have not changed, so a second ``make bench`` starts at once.
"""

import random
import sys
import time
from datetime import timedelta
from decimal import Decimal

from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from civic.models import Event, NewsArticle
from core.models import Direction, Municipality, PublicationStatus
from core.pagecache import content_changed
from demo.content.directory import load_synthetic_smes
from directory.models import Organisation
from media_library.models import Album, Licence, Photo
from search.services import index_rebuild
from tourism.models import Sight, SightCategory

PREFIX = "bench-"
BATCH = 1000
PER_10000 = {"sights": 100, "events": 300, "news": 1000, "albums": 50}
PHOTOS_PER_ALBUM = 20

CENTRES = {"BG": (42.633, 24.350, 0.03), "RS": (43.317, 21.900, 0.06)}
PLACES = {
    "BG": {"bg": "Копривщица", "sr": "Копривштица", "en": "Koprivshtitsa"},
    "RS": {"bg": "Ниш", "sr": "Ниш", "en": "Niš"},
}
# Words that make titles differ: (bg, sr, en).
THEMES = [
    ("Възраждане", "Препород", "Revival"), ("Средна гора", "Средња гора", "Sredna Gora"),
    ("Нишава", "Нишава", "Nišava"), ("Тополница", "Тополница", "Topolnitsa"), ("Медијана", "Медијана", "Mediana"),
    ("Априлско въстание", "Априлски устанак", "April Uprising"), ("Занаяти", "Занати", "Crafts"),
    ("Фолклор", "Фолклор", "Folklore"), ("Вино", "Вино", "Wine"), ("Мед", "Мед", "Honey"),
    ("Младежи", "Млади", "Youth"), ("Култура", "Култура", "Culture"), ("Спорт", "Спорт", "Sport"),
    ("Пътища", "Путеви", "Roads"), ("Училища", "Школе", "Schools"), ("Туризъм", "Туризам", "Tourism"),
]  # fmt: skip
SIGHT_KINDS = [
    (SightCategory.HOUSE_MUSEUM, ("Къща", "Кућа", "House")),
    (SightCategory.CHURCH, ("Църква", "Црква", "Church")),
    (SightCategory.MONUMENT, ("Паметник", "Споменик", "Monument")),
    (SightCategory.NATURE, ("Местност", "Излетиште", "Nature spot")),
    (SightCategory.HISTORIC_BUILDING, ("Сграда", "Зграда", "Historic building")),
]
EVENT_KINDS = [
    (Event.Category.CONCERT, ("Концерт", "Концерт", "Concert")),
    (Event.Category.EXHIBITION, ("Изложба", "Изложба", "Exhibition")),
    (Event.Category.FAIR, ("Панаир", "Вашар", "Fair")),
    (Event.Category.TRAINING, ("Семинар", "Семинар", "Seminar")),
    (Event.Category.SPORT, ("Турнир", "Турнир", "Tournament")),
]
NEWS_KINDS = [
    ("Новини за", "Вести о", "News on"),
    ("Покана:", "Позив:", "Invitation:"),
    ("Отчет:", "Извештај:", "Report:"),
]


def scaled(organisations: int) -> dict[str, int]:
    return {name: round(per * organisations / 10_000) for name, per in PER_10000.items()}


def _languages(prefix: str, values: tuple[str, str, str]) -> dict[str, str]:
    return {f"{prefix}_{language}": text for language, text in zip(("bg", "sr", "en"), values, strict=True)}


def _title(rng: random.Random, kind: tuple, number: int, country: str) -> tuple[str, str, str]:
    theme = rng.choice(THEMES)
    place = PLACES[country]
    return (
        f"{kind[0]} „{theme[0]}“ – {place['bg']} {number}",
        f"{kind[1]} „{theme[1]}“ – {place['sr']} {number}",
        f"{kind[2]} “{theme[2]}”, {place['en']} {number}",
    )


def _position(rng: random.Random, country: str) -> tuple[Decimal, Decimal]:
    latitude, longitude, spread = CENTRES[country]
    return (
        Decimal(f"{latitude + rng.uniform(-spread, spread):.5f}"),
        Decimal(f"{longitude + rng.uniform(-spread, spread):.5f}"),
    )


def _bulk(model, rows) -> None:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            model.objects.bulk_create(batch)
            batch = []
    model.objects.bulk_create(batch)


def sights(count: int, municipalities: dict, rng: random.Random):
    for number in range(1, count + 1):
        country = "BG" if number % 3 == 0 else "RS"
        category, kind = SIGHT_KINDS[number % len(SIGHT_KINDS)]
        title = _title(rng, kind, number, country)
        latitude, longitude = _position(rng, country)
        yield Sight(
            slug=f"{PREFIX}sight-{number}",
            category=category,
            municipality=municipalities[country],
            latitude=latitude,
            longitude=longitude,
            status=PublicationStatus.PUBLISHED,
            **_languages("name", title),
            **_languages("summary", title),
            **_languages("description", tuple(f"{text}. " * 6 for text in title)),
        )


def events(count: int, municipalities: dict, directions: list, rng: random.Random, now):
    for number in range(1, count + 1):
        country = "BG" if number % 3 == 0 else "RS"
        category, kind = EVENT_KINDS[number % len(EVENT_KINDS)]
        title = _title(rng, kind, number, country)
        # A third are over; the rest fall in the coming year.
        starts_at = now + timedelta(days=rng.uniform(-365, -1) if number % 3 == 1 else rng.uniform(1, 365))
        starts_at = starts_at.replace(minute=0, second=0, microsecond=0)
        series = number % 20 == 0
        yield Event(
            slug=f"{PREFIX}event-{number}",
            municipality=municipalities[country],
            direction=directions[number % len(directions)],
            category=category,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2),
            recurrence_rule="FREQ=MONTHLY" if series else "",
            status=PublicationStatus.PUBLISHED,
            published_at=now - timedelta(days=400),
            **_languages("title", title),
            **_languages("summary", title),
            **_languages("description", tuple(f"{text}. " * 8 for text in title)),
        )


def news(count: int, municipalities: dict, directions: list, rng: random.Random, now):
    for number in range(1, count + 1):
        country = "BG" if number % 3 == 0 else "RS"
        title = _title(rng, NEWS_KINDS[number % len(NEWS_KINDS)], number, country)
        yield NewsArticle(
            slug=f"{PREFIX}news-{number}",
            municipality=municipalities[country] if number % 4 else None,
            direction=directions[number % len(directions)],
            status=PublicationStatus.PUBLISHED,
            published_at=now - timedelta(days=rng.uniform(0, 5 * 365)),
            **_languages("title", title),
            **_languages("lead", title),
            **_languages("body", tuple(f"<p>{text}.</p>" * 5 for text in title)),
        )


def albums(count: int, municipalities: dict, directions: list, rng: random.Random, now):
    for number in range(1, count + 1):
        country = "BG" if number % 3 == 0 else "RS"
        title = _title(rng, ("Албум", "Албум", "Album"), number, country)
        yield Album(
            slug=f"{PREFIX}album-{number}",
            municipality=municipalities[country],
            direction=directions[number % len(directions)],
            date=(now - timedelta(days=rng.uniform(0, 5 * 365))).date(),
            order=100 + number,
            status=PublicationStatus.PUBLISHED,
            **_languages("title", title),
        )


def photos(albums: list[Album], sources: list[Photo]):
    """``PHOTOS_PER_ALBUM`` photos per album that share the files and renditions of the demo photos."""
    for album in albums:
        for order in range(PHOTOS_PER_ALBUM):
            source = sources[(album.pk + order) % len(sources)]
            yield Photo(
                album=album,
                original=source.original.name,
                width=source.width,
                height=source.height,
                renditions=source.renditions,
                fallback_format=source.fallback_format,
                licence=Licence.CC0,
                order=order,
                **_languages("alt_text", (f"Снимка {order + 1}", f"Фотографија {order + 1}", f"Photo {order + 1}")),
            )


def load(*, organisations: int = 10_000, stdout=sys.stdout) -> None:
    """The demo content, then synthetic content for ``organisations`` organisations in all.

    What is already there is kept when the numbers have not changed.
    """
    started = time.perf_counter()
    call_command("load_demo_content", if_empty=True, stdout=stdout)
    real = Organisation.objects.filter(is_demo=False).count()
    wanted = {"organisations": max(organisations - real, 0), **scaled(organisations)}
    changed = False
    if Organisation.objects.filter(is_demo=True).count() != wanted["organisations"]:
        _delete_synthetic_organisations()
        with transaction.atomic():
            load_synthetic_smes(wanted["organisations"])
        changed = True
    if _synthetic_counts() != {key: wanted[key] for key in PER_10000}:
        _load_content(wanted)
        changed = True
    if changed:
        stdout.write(f"Search index: {index_rebuild()} entries.\n")
        if not connection.in_atomic_block:  # as autovacuum would leave the tables (not in tests)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
    content_changed()
    stdout.write(
        f"Benchmark data: {Organisation.objects.count():,} organisations, "
        + ", ".join(f"{count:,} {name}" for name, count in _synthetic_counts().items())
        + f" ({time.perf_counter() - started:.0f} s).\n"
    )


def _synthetic_counts() -> dict[str, int]:
    return {
        "sights": Sight.objects.filter(slug__startswith=PREFIX).count(),
        "events": Event.objects.filter(slug__startswith=PREFIX).count(),
        "news": NewsArticle.objects.filter(slug__startswith=PREFIX).count(),
        "albums": Album.objects.filter(slug__startswith=PREFIX).count(),
    }


def _delete_synthetic_organisations() -> None:
    """In SQL: the ORM would load 100,000 rows to send their delete signals.

    Should another table point at a synthetic organisation, the ORM does it
    after all (``load_synthetic_smes`` deletes them itself), cascades included.
    """
    demo = "SELECT id FROM directory_organisation WHERE is_demo"
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM directory_organisation_directions WHERE organisation_id IN ({demo})")  # noqa: S608
            cursor.execute(f"UPDATE tourism_sight SET organisation_id = NULL WHERE organisation_id IN ({demo})")  # noqa: S608
            cursor.execute("DELETE FROM directory_organisation WHERE is_demo")
    except IntegrityError:
        pass


@transaction.atomic
def _load_content(wanted: dict[str, int]) -> None:
    for model in (Sight, Event, NewsArticle, Album):
        model.objects.filter(slug__startswith=PREFIX).delete()
    rng = random.Random(2026)  # the same data on every run, not a secret
    now = timezone.now()
    municipalities = {m.country: m for m in Municipality.objects.filter(slug__in=["koprivshtitsa", "medijana"])}
    directions = list(Direction.objects.order_by("order", "slug"))
    _bulk(Sight, sights(wanted["sights"], municipalities, rng))
    _bulk(Event, events(wanted["events"], municipalities, directions, rng, now))
    _bulk(NewsArticle, news(wanted["news"], municipalities, directions, rng, now))
    _bulk(Album, albums(wanted["albums"], municipalities, directions, rng, now))
    sources = list(Photo.objects.exclude(album__slug__startswith=PREFIX).order_by("pk")[:20])
    created = list(Album.objects.filter(slug__startswith=PREFIX))
    if sources:
        _bulk(Photo, photos(created, sources))
        covers = dict(
            Photo.objects.filter(album__in=created, order=0).values_list("album_id", "pk")
        )  # one cover per album
        for album in created:
            album.cover_id = covers.get(album.pk)
        Album.objects.bulk_update(created, ["cover"], batch_size=BATCH)
