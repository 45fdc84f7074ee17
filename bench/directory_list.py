"""Benchmark: the directory list page at the original platform's scale and beyond.

Loads N organisations (default 10,000: 9 real, the rest synthetic SMEs) into a
separate database, ``most_bench``, on the same PostgreSQL server as the
portal (the embedded one unless DATABASE_URL is set), then times pages with
Django's test client, DEBUG off, in this process: no web server, no network.
Prints p50/p95 and the number of SQL queries per page, and writes
bench/results/directory_list.json.

    make bench                                  # or:
    python bench/directory_list.py --organisations 10000 --repetitions 50

A later issue adds the full gunicorn + wrk benchmark; this one stays small.
"""

import argparse
import json
import os
import platform
import secrets
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results" / "directory_list.json"
BENCH_DATABASE = "most_bench"

# Production mode, as a visitor gets it: DEBUG off (no query log, no debug
# templates). HTTPS redirects are off because the test client speaks plain HTTP.
os.environ.update(
    DJANGO_DEBUG="false",
    DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
    DJANGO_ALLOWED_HOSTS="testserver",
    DJANGO_SECURE_SSL_REDIRECT="false",
    DJANGO_LOG_LEVEL="WARNING",
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
sys.path.insert(0, str(BASE_DIR))

SCENARIOS = [
    # (name, path): the first is the figure the directory issue asks for.
    ("list: text + two filters", "/en/directory/?q=pekara&country=RS&size=micro"),
    ("list: Cyrillic text + two filters", "/bg/directory/?q=мелница&direction=business&language=en"),
    ("list: no filters", "/en/directory/"),
    (
        "list: all filters",
        "/sr-latn/directory/?q=nis&country=RS&kind=company&nace=C&size=micro&language=en&cooperation=on",
    ),
    ("list: page 100", "/en/directory/?page=100"),
    ("detail", None),
]


def use_bench_database() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    connection.close()
    connection.settings_dict["NAME"] = BENCH_DATABASE


def load(organisations: int) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from directory import demo as directory_demo
    from directory.models import Organisation
    from portal import demo as portal_demo

    call_command("migrate", verbosity=0)
    if Organisation.objects.count() == organisations:
        print(f"{organisations} organisations already loaded in {BENCH_DATABASE}.")
        return
    started = time.perf_counter()
    with transaction.atomic():
        portal_demo.load(open(os.devnull, "w"))  # noqa: SIM115
        real = directory_demo.load_real_organisations()
        directory_demo.load_synthetic_smes(organisations - real)
    with connection_cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"Loaded {organisations} organisations in {time.perf_counter() - started:.1f} s.")


def connection_cursor():
    from django.db import connection

    return connection.cursor()


def measure(client, path: str, repetitions: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):  # warm up: templates, translations, connection
        assert client.get(path).status_code == 200, path
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    # Read now: the next request's request_started signal empties the query log.
    queries = len(context.captured_queries)
    timings = []
    for _ in range(repetitions):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "path": path,
        "status": response.status_code,
        "queries": queries,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[max(0, int(len(timings) * 0.95) - 1)], 1),
        "max_ms": round(timings[-1], 1),
        "bytes": len(response.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--repetitions", type=int, default=50)
    options = parser.parse_args()

    import django

    django.setup()
    from django.test import Client
    from django.test.utils import override_settings

    from directory.models import Organisation

    use_bench_database()
    load(options.organisations)
    detail = Organisation.objects.published().order_by("pk").last()
    client = Client()
    results = []
    # The manifest storage needs collectstatic; the benchmark measures pages, not static files.
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        for name, path in SCENARIOS:
            result = measure(client, path or f"/en/directory/{detail.slug}/", options.repetitions)
            results.append({"scenario": name, **result})

    print(f"\nDirectory pages, {options.organisations:,} organisations, {options.repetitions} repetitions, DEBUG off")
    print(f"{'scenario':<36} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}  path")
    for result in results:
        figures = f"{result['p50_ms']:>8} {result['p95_ms']:>8} {result['queries']:>8}"
        print(f"{result['scenario']:<36} {figures}  {result['path']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "directory_list",
                "organisations": options.organisations,
                "repetitions": options.repetitions,
                "python": platform.python_version(),
                "machine": platform.machine(),
                "cpus": os.cpu_count(),
                "results": results,
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )
    print(f"\nWritten to {RESULTS.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
