"""A realistic day under load: many readers at once while staff edit and an import runs.

From loopback, ``concurrency`` threads keep requesting, each with a keep-alive connection:

- anonymous reads over a skewed distribution of pages (a few popular pages get most of the
  visits, organisation pages follow a Zipf-like law over the whole directory), in the four
  languages (bg, sr, sr-latn, en);
- searches for a mix of common and rare terms;
- the registration form (its page; no application is sent);
- a staff edit every ``edit_seconds`` (an organisation renamed and saved through the ORM in this
  process, as the admin does: the query observer gives its tables new versions, which the
  server's workers see);
- one import of ``import_rows`` organisations half way through (``services.organisations_import``,
  committed).

Reported per page type: requests, p50/p95/p99 in milliseconds, errors (status ≥ 400 or no
answer); over every page: the page-cache hit rate (the ``X-Page-Cache`` header of the
responses that carry one), the edits and the import. The load average is printed beside them.
"""

import http.client
import os
import random
import statistics
import threading
import time
from urllib.parse import quote, urlsplit

LANGUAGES = ("bg", "sr", "sr-latn", "en")
SEARCH_TERMS = ("pekara", "мелница", "hotel", "kopriv", "turizam", "vino", "zanat", "ниш", "kafana", "muzej")
RARE_SEARCH_TERMS = ("bogdan", "palaveev", "oslikani", "zlatarstvo")


def addresses(organisation_slugs: list[str], sight_slugs: list[str], seed: int = 1):
    """An endless stream of (page type, path), with the day's proportions."""
    chooser = random.Random(seed)
    # Zipf-like popularity over the organisations: the first in this (shuffled) order are visited most.
    slugs = list(organisation_slugs)
    chooser.shuffle(slugs)
    weights = [1 / (rank + 1) for rank in range(len(slugs))]
    mix = [
        ("home", 18),
        ("organisation", 30),
        ("directory", 14),
        ("directory filtered", 6),
        ("search", 10),
        ("sight", 6),
        ("events", 5),
        ("map data", 4),
        ("gallery", 3),
        ("registration form", 2),
        ("sitemap", 2),
    ]
    kinds, kind_weights = zip(*mix, strict=True)
    while True:
        kind = chooser.choices(kinds, kind_weights)[0]
        language = chooser.choices(LANGUAGES, (3, 2, 1, 3))[0]
        if kind == "home":
            path = f"/{language}/"
        elif kind == "organisation" and slugs:
            path = f"/{language}/directory/{chooser.choices(slugs, weights)[0]}/"
        elif kind == "directory":
            page = chooser.choices((1, 2, 3, chooser.randint(4, 100)), (10, 3, 2, 1))[0]
            path = f"/{language}/directory/" + (f"?page={page}" if page > 1 else "")
        elif kind == "directory filtered":
            country = chooser.choice(("BG", "RS"))
            path = f"/{language}/directory/?country={country}&direction={chooser.choice(('business', 'tourism'))}"
        elif kind == "search":
            term = chooser.choice(RARE_SEARCH_TERMS if chooser.random() < 0.2 else SEARCH_TERMS)
            path = f"/{language}/search/?q={quote(term)}"
        elif kind == "sight" and sight_slugs:
            path = f"/{language}/tourism/sights/{chooser.choice(sight_slugs)}/"
        elif kind == "events":
            path = f"/{language}/events/"
        elif kind == "map data":
            path = f"/{language}/tourism/map.geojson"
        elif kind == "gallery":
            path = f"/{language}/gallery/"
        elif kind == "registration form":
            path = f"/{language}/companies/register/"
        else:
            kind, path = "sitemap", "/sitemap.xml"
        yield kind, path


class Reader(threading.Thread):
    """One visitor after another on one keep-alive connection."""

    def __init__(self, base_url: str, stream, until: float, lock: threading.Lock, results: list, counted_from=0.0):
        super().__init__(daemon=True)
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.stream, self.until, self.lock, self.results = stream, until, lock, results
        self.counted_from = counted_from  # requests started before (the warm-up) are not counted

    def run(self):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        while time.monotonic() < self.until:
            with self.lock:
                kind, path = next(self.stream)
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "gzip, br"})
                response = connection.getresponse()
                response.read()
                status, cache = response.status, response.getheader("X-Page-Cache")
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
                status, cache = 0, None
            if time.monotonic() >= self.counted_from:
                self.results.append((kind, (time.perf_counter() - started) * 1000, status, cache))
        connection.close()


def staff_edit(number: int) -> str:
    """What a staff member does in the admin: an organisation renamed, saved through the ORM."""
    from directory.models import Organisation

    organisation = Organisation.objects.published().order_by("?").first()
    organisation.name_en = f"{organisation.name_en.split(' · ')[0]} · {number}"
    organisation.save(update_fields=["name_en", "updated_at"])
    return organisation.slug


def day_import(rows: int) -> dict:
    """An import of ``rows`` organisations, committed (a second run updates or leaves them)."""
    import importlib

    from core.models import Municipality
    from directory import importing, services

    data = importing.write_csv(importlib.import_module("bench.import").import_lines(rows))
    started = time.perf_counter()
    plan = services.organisations_import(
        rows=importing.read_file("day.csv", data),
        municipality=Municipality.objects.get(slug="medijana"),
        by=None,
        file_name="day.csv",
    )
    return {
        "rows": rows,
        "created": len(plan.created),
        "updated": len(plan.updated),
        "seconds": round(time.perf_counter() - started, 2),
    }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run(
    base_url: str,
    seconds: float = 180,
    concurrency: int = 8,
    edit_seconds: float = 30,
    import_rows: int = 200,
    seed: int = 1,
    warm_up_seconds: float = 0,
) -> dict:
    """The day, for ``seconds`` after ``warm_up_seconds`` of the same load that is not counted (a
    server just started has an empty cache): returns the figures (``print_day`` prints them)."""
    from directory.models import Organisation
    from tourism.models import Sight

    organisation_slugs = list(Organisation.objects.published().order_by("pk").values_list("slug", flat=True)[:20000])
    sight_slugs = list(Sight.objects.published().values_list("slug", flat=True))
    stream, lock, results = addresses(organisation_slugs, sight_slugs, seed), threading.Lock(), []
    load_before = os.getloadavg()[0]
    warm_up_until = time.monotonic() + warm_up_seconds
    started, until = warm_up_until, warm_up_until + seconds
    readers = [Reader(base_url, stream, until, lock, results, warm_up_until) for _ in range(concurrency)]
    for reader in readers:
        reader.start()
    while time.monotonic() < warm_up_until:
        time.sleep(0.05)
    edits, imported, next_edit = [], None, started + min(edit_seconds, seconds / 3)
    while time.monotonic() < until:
        now = time.monotonic()
        if now >= next_edit:
            edits.append(staff_edit(len(edits) + 1))
            next_edit = now + edit_seconds
        if imported is None and now >= started + seconds / 2 and import_rows:
            imported = day_import(import_rows)
        time.sleep(0.05)
    for reader in readers:
        reader.join()
    pages = {}
    for kind in sorted({kind for kind, *_rest in results}):
        times = [milliseconds for k, milliseconds, _status, _cache in results if k == kind]
        statuses = [status for k, _ms, status, _cache in results if k == kind]
        pages[kind] = {
            "requests": len(times),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "p99_ms": round(percentile(times, 0.99), 1),
            "errors": sum(1 for status in statuses if status == 0 or status >= 400),
        }
    marked = [cache for *_rest, cache in results if cache]
    return {
        "seconds": seconds,
        "warm_up_seconds": warm_up_seconds,
        "concurrency": concurrency,
        "requests": len(results),
        "requests_per_second": round(len(results) / seconds, 1),
        "errors": sum(page["errors"] for page in pages.values()),
        "hit_rate": round(marked.count("hit") / len(marked), 3) if marked else None,
        "cacheable_share": round(len(marked) / len(results), 3) if results else None,
        "staff_edits": len(edits),
        "edit_every_s": edit_seconds,
        "import": imported,
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "pages": pages,
    }


def print_day(day: dict) -> None:
    print(
        f"\nA realistic day: {day['seconds']:.0f} s at concurrency {day['concurrency']} "
        f"after {day['warm_up_seconds']:.0f} s of warm-up, "
        f"{day['requests']:,} requests ({day['requests_per_second']}/s), {day['errors']} errors; "
        f"page-cache hit rate {day['hit_rate']} (of {day['cacheable_share']} of requests that could be cached); "
        f"{day['staff_edits']} staff edits (every {day['edit_every_s']:.0f} s); import {day['import']}; "
        f"load average {day['load_average_before']} -> {day['load_average_after']}"
    )
    print(f"  {'page type':<20}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    for kind, page in day["pages"].items():
        print(
            f"  {kind:<20}{page['requests']:>9}{page['p50_ms']:>9}{page['p95_ms']:>9}{page['p99_ms']:>9}"
            f"{page['errors']:>8}"
        )
