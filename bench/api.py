"""The API's lists against the HTML lists they mirror: p50/p95/p99 of each, side by side.

From loopback, ``concurrency`` keep-alive clients request one address after another for
``seconds`` per address, on the server without the page cache (which keeps API answers as it
keeps pages: with it, both sides would be a cache hit). Each pair
is the same selection: ``/api/v1/organisations?nace=I`` and ``/en/directory/?nace=I`` read the
same filter set (docs/API.md). The API's first page holds 20 items, the HTML list's 24.
"""

import http.client
import statistics
import threading
import time
from urllib.parse import urlsplit

# (name, API address, the HTML list it mirrors)
PAIRS = [
    ("organisations", "/api/v1/organisations?lang=en", "/en/directory/"),
    (
        "organisations filtered",
        "/api/v1/organisations?lang=en&country=RS&size=micro&q=pekara",
        "/en/directory/?country=RS&size=micro&q=pekara",
    ),
    ("sights", "/api/v1/sights?lang=en", "/en/tourism/sights/"),
    ("occurrences / events", "/api/v1/occurrences?lang=en", "/en/events/"),
    ("news", "/api/v1/news?lang=en", "/en/news/"),
    ("documents", "/api/v1/documents?lang=en", "/en/documents/"),
    ("opportunities", "/api/v1/opportunities?lang=en", "/en/cooperation/"),
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _timings(base_url: str, path: str, seconds: float, concurrency: int) -> tuple[list[float], int]:
    parts = urlsplit(base_url)
    times, errors, lock = [], [0], threading.Lock()
    until = time.monotonic() + seconds

    def client():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        while time.monotonic() < until:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "gzip, br"})
                response = connection.getresponse()
                response.read()
                failed = response.status >= 400
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
                failed = True
            with lock:
                times.append((time.perf_counter() - started) * 1000)
                errors[0] += failed
        connection.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, errors[0]


def _figures(times: list[float], errors: int) -> dict:
    return {
        "requests": len(times),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
        "errors": errors,
    }


def measure(base_url: str, seconds: float = 5, concurrency: int = 2) -> dict:
    """Each pair, API then HTML, after one request of each to warm the workers."""
    rows = []
    for name, api_path, html_path in PAIRS:
        figures = {}
        for side, path in (("api", api_path), ("html", html_path)):
            _timings(base_url, path, 0.2, 1)
            figures[side] = {"path": path, **_figures(*_timings(base_url, path, seconds, concurrency))}
        figures["p95_ratio"] = round(figures["api"]["p95_ms"] / figures["html"]["p95_ms"], 2)
        rows.append({"list": name, **figures})
    return {"seconds_per_address": seconds, "concurrency": concurrency, "lists": rows}


def print_comparison(comparison: dict) -> None:
    print(
        f"\nAPI lists vs the HTML lists they mirror (server without the page cache, concurrency "
        f"{comparison['concurrency']}, {comparison['seconds_per_address']} s each):"
    )
    print(f"  {'list':<24}{'API p50':>9}{'p95':>8}{'p99':>8}{'HTML p50':>10}{'p95':>8}{'p99':>8}{'API÷HTML p95':>14}")
    for row in comparison["lists"]:
        api, html = row["api"], row["html"]
        errors = api["errors"] + html["errors"]
        print(
            f"  {row['list']:<24}{api['p50_ms']:>9}{api['p95_ms']:>8}{api['p99_ms']:>8}"
            f"{html['p50_ms']:>10}{html['p95_ms']:>8}{html['p99_ms']:>8}{row['p95_ratio']:>14}"
            + (f"  ({errors} errors)" if errors else "")
        )
