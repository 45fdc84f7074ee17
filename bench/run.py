"""`make bench`: every page type under load, served as in production, and the other figures.

1. A database of its own (`most_bench`, on the DATABASE_URL server or the
   embedded one) is migrated and filled by bench/data.py:
   10,000 organisations (100,000 with --large) with sights, events, news and
   photos in proportion. Kept between runs when the size is unchanged.
2. In this process, through Django's test client with debug off: SQL queries
   per request, in-process time and gzip size of every page, uncached and as a
   cache hit; the home page's first-view weight and the size of the CSS and
   JavaScript.
3. The same process, on the same database: the import of 7,158 organisations
   (bench/import.py, rolled back), search database time over a mix of rare and
   common terms (bench/search.py); renditions of a 24-megapixel JPEG in fresh
   processes (bench/renditions.py).
4. gunicorn serves the portal as in production (sync workers, debug off, hashed
   static files, persistent health-checked connections), twice: without the
   page cache and with it. wrk drives every page from loopback at concurrency
   1 and 8 (the cached server at 8), in interleaved rounds with /healthz;
   every page's throughput is also given as a ratio to /healthz's in the same
   round, so that figures compare across noisy machines.
5. On the cached server, a realistic day (bench/day.py): readers over a skewed
   mix of pages in four languages, searches, a staff edit every 30 s and an
   import, for --day-seconds (180; 10 with --quick) after 60 s of warm-up; p50/p95/p99 per page
   type, the page-cache hit rate and the errors.
6. On the server without the page cache, the API's lists against the HTML lists they mirror
   (bench/api.py): p50/p95/p99 of each, side by side.

Results: a table on screen and bench/results/latest.json.

    make bench                        # 10,000 organisations
    make bench BENCH_ARGS=--large     # 100,000
    make bench BENCH_ARGS=--quick     # one short round: a smoke run
"""

import argparse
import gzip
import importlib
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit
from urllib.request import urlopen

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = BASE_DIR / "bench" / "results"
# MOST_BENCH_DATABASE: another name, when several people bench on one PostgreSQL server.
BENCH_DATABASE = os.environ.get("MOST_BENCH_DATABASE", "most_bench")
BENCH_VAR = BASE_DIR / "var" / "bench"
HEALTH = ("healthz", "/healthz")
TARGETS = {"ratio_uncached": 0.10, "ratio_cached": 0.6, "p99_ms": 60, "queries": 10, "deep_vs_first": 2.0}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk from Debian's packages...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False, capture_output=True)
        if not shutil.which("wrk"):
            subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True)
            subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, capture_output=True)
        return shutil.which("wrk")
    sys.exit("make bench needs wrk (Debian: apt-get install wrk).")


def bench_database_url(name: str = BENCH_DATABASE) -> str:
    """The benchmark's own database, next to the portal's: never the portal's data."""
    if os.environ.get("DATABASE_URL"):
        parts = urlsplit(os.environ["DATABASE_URL"])
        create_database(with_database(parts, "postgres"), name)
        return with_database(parts, name)
    sys.path.insert(0, str(BASE_DIR))
    from portal.embedded_postgres import _start

    server = _start(BASE_DIR / "var" / "pgdata")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")  # noqa: S608
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {name};")
    socket_dir = re.search(r"host=([^&]+)", server.get_uri()).group(1)
    return f"postgres://postgres@{quote(socket_dir, safe='')}/{name}"


def with_database(parts, name: str) -> str:
    """``parts`` (a split DATABASE_URL) naming database ``name``; ``postgres:///db?host=/socket`` stays so.

    (``geturl()`` drops the ``//`` of an empty host for schemes it does not know: ``postgres:/db``.)
    """
    query = f"?{parts.query}" if parts.query else ""
    return f"{parts.scheme}://{parts.netloc}/{name}{query}"


def create_database(server_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as server:
        if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            server.execute(f"CREATE DATABASE {name}")


def production_environment(database_url: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.pop("PAGE_CACHE_SECONDS", None)
    environment.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "MOST_VAR_DIR": str(BENCH_VAR),
            # Every request of the load comes from one address: the API's per-client limit would answer 429.
            "API_RATE_LIMIT": "1000000000",
        }
    )
    return environment


def manage(environment: dict, *arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=BASE_DIR, env=environment, check=True)


def prepare(environment: dict, organisations: int) -> float:
    started = time.perf_counter()
    manage(environment, "collectstatic", "--noinput", "-v0")
    fill(environment, organisations)
    return time.perf_counter() - started


def fill(environment: dict, organisations: int) -> None:
    """Migrate the benchmark database, set Django up on it in this process and fill it (bench/data.py)."""
    manage(environment, "migrate", "--noinput", "-v0")
    django_setup(environment)
    from bench import data  # its models load once Django is set up

    data.load(organisations=organisations)


def django_setup(environment: dict) -> None:
    """Django in this process, as the server runs it, on the benchmark database."""
    os.environ.update(environment)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    if str(BASE_DIR) not in sys.path:
        sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


# --- Pages -------------------------------------------------------------------


def pages() -> list[tuple[str, str]]:
    """Every page type and the address of one representative page of each, from the loaded data."""
    from django.core.paginator import Paginator

    from directory.models import Organisation
    from directory.views import OrganisationListView
    from tourism.models import Sight

    organisations = Organisation.objects.published()
    listed = organisations.count()
    # The deepest page a reader can reach: pages stop at max_pages.
    pages_listed = Paginator(range(listed), OrganisationListView.paginate_by).num_pages
    last_page = min(pages_listed, OrganisationListView.max_pages)
    middle = organisations.order_by("pk").values_list("slug", flat=True)[listed // 2]
    sight = Sight.objects.published().exclude(latitude=None).order_by("pk").values_list("slug", flat=True).last()
    return [
        ("home", "/en/"),
        ("home sr-latn", "/sr-latn/"),
        ("direction landing", "/bg/directions/business/"),
        ("directory", "/en/directory/"),
        ("directory filtered", "/en/directory/?q=pekara&country=RS&size=micro"),
        ("directory Cyrillic", "/bg/directory/?q=мелница&direction=business&language=en"),
        ("directory deep", f"/en/directory/?page={last_page}"),
        ("organisation", f"/en/directory/{middle}/"),
        ("search", "/en/search/?q=pekara"),
        ("sight", f"/en/tourism/sights/{sight}/"),
        ("map data", "/en/tourism/map.geojson"),
        ("gallery", "/en/gallery/"),
        ("events", "/en/events/"),
        ("news feed", "/en/news/rss/"),
        ("api organisations", "/api/v1/organisations?lang=en"),
        ("api occurrences", "/api/v1/occurrences?lang=en"),
        ("sitemap", "/sitemap.xml"),
    ]


def measure_in_process(addresses: list[tuple[str, str]], repetitions: int) -> dict:
    """Queries, time and compressed size of each page through Django's test client, uncached and as a hit."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client()

    def timed(path: str) -> float:
        timings = []
        for _ in range(repetitions):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        return round(statistics.median(timings), 2)

    from core.pagecache import content_changed

    measured = {}
    for name, path in [*addresses, HEALTH]:
        with override_settings(PAGE_CACHE_SECONDS=0):
            client.get(path)  # warm templates, translations and the connection, as a running server is
            # The first request after a change of content: cached fragments (facet counts…) are recomputed.
            content_changed()
            started = time.perf_counter()
            client.get(path)
            cold_ms = round((time.perf_counter() - started) * 1000, 2)
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path)
            # Counted now: the next request empties the query log that the context reads.
            queries = len(captured)
            if response.status_code != 200:
                sys.exit(f"{name} ({path}) answered {response.status_code}")
            uncached_ms = timed(path)
        with override_settings(PAGE_CACHE_SECONDS=300):
            client.get(path)
            with CaptureQueriesContext(connection) as captured:
                hit = client.get(path)
            hit_queries = len(captured)
            hit_ms = timed(path)
        measured[name] = {
            "path": path,
            "queries": queries,
            "in_process_ms": uncached_ms,
            "cold_in_process_ms": cold_ms,
            "hit_queries": hit_queries if hit.get("X-Page-Cache") == "hit" else None,
            "hit_in_process_ms": hit_ms if hit.get("X-Page-Cache") == "hit" else None,
            "bytes": len(response.content),
            "gzip_bytes": len(gzip.compress(response.content, compresslevel=6)),
        }
    return measured


class _Assets(HTMLParser):
    """What a browser fetches on a first view: stylesheets, scripts, icons and images not loaded lazily."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("rel") in {"stylesheet", "icon"}:
            self.found.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.found.append(attributes["src"])
        elif tag in {"img", "source"} and attributes.get("loading") != "lazy":
            source = attributes.get("src") or (attributes.get("srcset") or "").split(" ")[0]
            if source:
                self.found.append(source)


def page_weight(path: str) -> dict:
    """Bytes transferred on a first view of ``path``: the gzip-compressed HTML, CSS and JavaScript
    (as WhiteNoise serves them) and the images that are not loaded lazily."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.test import Client

    html = Client().get(path).content
    parser = _Assets()
    parser.feed(html.decode())
    files = {"html": len(gzip.compress(html, compresslevel=6))}
    for url in dict.fromkeys(parser.found):
        address = urlsplit(url).path
        if address.startswith(settings.STATIC_URL) or address.startswith(f"/{settings.STATIC_URL}"):
            name = address.split(settings.STATIC_URL.strip("/") + "/", 1)[1]
            file = Path(settings.STATIC_ROOT, name)
            file = file if file.exists() else Path(finders.find(name))
        else:
            file = Path(settings.MEDIA_ROOT, address.removeprefix(settings.MEDIA_URL))
        data = file.read_bytes()
        compressible = file.suffix in {".css", ".js", ".svg"}
        files[address] = len(gzip.compress(data, compresslevel=9)) if compressible else len(data)
    return {"path": path, "total_bytes": sum(files.values()), "files": files}


def asset_sizes() -> dict:
    """The gzip size of the portal's own stylesheet and each of its scripts (vendor files apart)."""
    assets = {}
    for file in sorted((BASE_DIR / "static").glob("*/*")):
        if file.suffix in {".css", ".js"}:
            assets[str(file.relative_to(BASE_DIR / "static"))] = len(gzip.compress(file.read_bytes(), compresslevel=9))
    return assets


# --- Load --------------------------------------------------------------------


def start_gunicorn(environment: dict, port: int, workers: int, *, deployed: bool = False) -> subprocess.Popen:
    """gunicorn on ``port``: plain sync workers for the page rounds (the figures the targets are
    written in), or, ``deployed``, with the deployment's own settings (``portal/gunicorn.py``:
    threaded workers, timeouts), which a long download needs."""
    settings = ["--config", "python:portal.gunicorn"] if deployed else ["--worker-class", "sync"]
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "portal.wsgi", *settings, "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--log-level", "warning",
        ],
        cwd=BASE_DIR,
        env=environment,
        start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    sys.exit("gunicorn did not become healthy within 60 s")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def wrk(binary: str, url: str, connections: int, seconds: float) -> dict:
    output = subprocess.run(
        # wrk takes whole seconds only ("-d1.0s" is refused).
        [binary, f"-t{min(2, connections)}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency_ms(label: str) -> float:
        value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency_ms("50%"),
        "p99_ms": latency_ms("99%"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def drive(binary: str, servers: dict, addresses: list, rounds: int, seconds: float) -> dict:
    """wrk rounds: at concurrency 1 and 8 the uncached server, at 8 the cached one, each after /healthz."""
    samples: dict[tuple[str, str, int], list[dict]] = {}
    plan = [("uncached", 1), ("uncached", 8), ("cached", 8)]
    for round_number in range(1, rounds + 1):
        print(f"Round {round_number}/{rounds}", flush=True)
        for mode, connections in plan:
            port = servers[mode]
            health = wrk(binary, f"http://127.0.0.1:{port}{HEALTH[1]}", connections, seconds)
            samples.setdefault((HEALTH[0], mode, connections), []).append({**health, "ratio": 1.0})
            for name, path in addresses:
                result = wrk(binary, f"http://127.0.0.1:{port}{quote(path, safe='/?&=')}", connections, seconds)
                result["ratio"] = result["rps"] / health["rps"] if health["rps"] else 0.0
                samples.setdefault((name, mode, connections), []).append(result)
    return {
        key: {
            "rps": round(statistics.median(run["rps"] for run in runs), 1),
            "p50_ms": round(statistics.median(run["p50_ms"] for run in runs), 2),
            "p99_ms": round(statistics.median(run["p99_ms"] for run in runs), 2),
            "ratio_to_healthz": round(statistics.median(run["ratio"] for run in runs), 3),
            "errors": sum(run["errors"] for run in runs),
        }
        for key, runs in samples.items()
    }


# --- Main --------------------------------------------------------------------


def bench_module(name: str):
    """bench/<name>.py (``import`` is a keyword: imported by name)."""
    return importlib.import_module(f"bench.{name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisations", type=int, default=10_000, help="organisations to load (default 10,000)")
    parser.add_argument("--large", action="store_true", help="shorthand for --organisations 100000")
    parser.add_argument("--quick", action="store_true", help="one short round of everything: a smoke run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3, help="wrk duration per page, mode and round")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["load", "import", "search", "renditions", "day", "api", "export"],
    )
    parser.add_argument("--day-seconds", type=float, default=180, help="length of the realistic day (bench/day.py)")
    arguments = parser.parse_args()
    organisations = 100_000 if arguments.large else arguments.organisations
    rounds, seconds = (1, 1) if arguments.quick else (arguments.rounds, arguments.seconds)
    repetitions = 3 if arguments.quick else 15

    started = time.perf_counter()
    wrk_binary = ensure_wrk() if "load" not in arguments.skip else None
    environment = production_environment(bench_database_url())
    print(f"Preparing the benchmark database with {organisations:,} organisations...", flush=True)
    preparation_seconds = prepare(environment, organisations)
    addresses = pages()
    print("Measuring pages in-process...", flush=True)
    report = {
        "organisations": organisations,
        "quick": arguments.quick,
        "rounds": rounds,
        "seconds_per_run": seconds,
        "workers": arguments.workers,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load_average_at_start": round(os.getloadavg()[0], 2),
        "preparation_seconds": round(preparation_seconds, 1),
        "in_process": measure_in_process(addresses, repetitions),
        "page_weight": {"home": page_weight("/en/"), "map": page_weight("/en/tourism/map/")},
        "assets_gzip_bytes": asset_sizes(),
    }
    if "import" not in arguments.skip:
        print("Import of 7,158 organisations...", flush=True)
        report["import"] = bench_module("import").measure(rows=7158, formats=("csv",) if arguments.quick else None)
    if "search" not in arguments.skip:
        print("Search database time...", flush=True)
        report["search"] = bench_module("search").measure_summary(rounds=2 if arguments.quick else 10)
    if "renditions" not in arguments.skip:
        print("Renditions of a 24-megapixel JPEG...", flush=True)
        report["renditions"] = bench_module("renditions").measure(runs=1 if arguments.quick else 5)

    if "load" not in arguments.skip:
        servers, processes = {}, []
        try:
            for mode, cache_seconds in (("uncached", "0"), ("cached", "300")):
                servers[mode] = free_port()
                server_environment = {**environment, "PAGE_CACHE_SECONDS": cache_seconds}
                processes.append(start_gunicorn(server_environment, servers[mode], arguments.workers))
            load = drive(wrk_binary, servers, addresses, rounds, seconds)
            if "api" not in arguments.skip:
                print("API lists vs the HTML lists they mirror...", flush=True)
                report["api"] = bench_module("api").measure(
                    f"http://127.0.0.1:{servers['uncached']}", seconds=2 if arguments.quick else 10
                )
            if "export" not in arguments.skip:
                print("The directory's CSV download, streamed, on the deployment's gunicorn settings...", flush=True)
                report["export"] = step_run(lambda: export_measure(environment, arguments.workers))
            if "day" not in arguments.skip:
                day_seconds = 10 if arguments.quick else arguments.day_seconds
                print(f"A realistic day, {day_seconds:.0f} s, on the cached server...", flush=True)
                report["day"] = step_run(
                    lambda: bench_module("day").run(
                        f"http://127.0.0.1:{servers['cached']}",
                        seconds=day_seconds,
                        concurrency=8,
                        warm_up_seconds=0 if arguments.quick else 60,
                    )
                )
        finally:
            for process in processes:
                stop(process)
        report["load"] = [
            {"page": name, "mode": mode, "concurrency": connections, **figures}
            for (name, mode, connections), figures in load.items()
        ]
    report["seconds"] = round(time.perf_counter() - started)
    report["load_average_at_end"] = round(os.getloadavg()[0], 2)
    print_report(report)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {(RESULTS_DIR / 'latest.json').relative_to(BASE_DIR)}")


def step_run(step):
    """A step's figures, or what stopped it: one failed step never costs the figures of the others."""
    try:
        return step()
    except Exception as error:  # any failure of a step is a figure of the report
        print(f"  failed: {error!r}", flush=True)
        return {"error": repr(error)}


def export_measure(environment: dict, workers: int) -> dict:
    port = free_port()
    server = start_gunicorn({**environment, "PAGE_CACHE_SECONDS": "0"}, port, workers, deployed=True)
    try:
        return bench_module("export").measure(f"http://127.0.0.1:{port}", server.pid)
    finally:
        stop(server)


def print_report(report: dict) -> None:
    print(
        f"\n{report['organisations']:,} organisations; {report['workers']} gunicorn sync workers; "
        f"{report['rounds']} round(s) x {report['seconds_per_run']} s per run, medians; "
        f"load average {report['load_average_at_start']} -> {report['load_average_at_end']}; "
        f"{report['seconds']} s in all\n"
    )
    load = {(row["page"], row["mode"], row["concurrency"]): row for row in report.get("load", [])}
    header = (
        f"{'page':<20}{'req/s c1':>9}{'p99':>7}{'req/s c8':>9}{'p50':>7}{'p99':>7}{'÷hz':>6}"
        f"{'cached c8':>10}{'p99':>7}{'÷hz':>6}{'SQL':>5}{'hit':>4}{'ms':>7}{'gz KB':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, page in report["in_process"].items():
        one = load.get((name, "uncached", 1), {})
        eight = load.get((name, "uncached", 8), {})
        cached = load.get((name, "cached", 8), {})

        def figure(row, key, width, digits=0):
            return f"{row[key]:>{width}.{digits}f}" if key in row else f"{'-':>{width}}"

        hit = "-" if page["hit_queries"] is None else page["hit_queries"]
        print(
            f"{name:<20}{figure(one, 'rps', 9)}{figure(one, 'p99_ms', 7, 1)}{figure(eight, 'rps', 9)}"
            f"{figure(eight, 'p50_ms', 7, 1)}{figure(eight, 'p99_ms', 7, 1)}{figure(eight, 'ratio_to_healthz', 6, 2)}"
            f"{figure(cached, 'rps', 10)}{figure(cached, 'p99_ms', 7, 1)}{figure(cached, 'ratio_to_healthz', 6, 2)}"
            f"{page['queries']:>5}{hit:>4}{page['in_process_ms']:>7.1f}{page['gzip_bytes'] / 1024:>7.1f}"
        )
    print(
        "\nc1/c8: concurrency; ÷hz: throughput as a ratio to /healthz in the same round; cached: the server with the "
        "page cache; SQL: queries per uncached request, hit: per cache hit; ms: uncached time in-process."
    )
    pages = report["in_process"]
    deep, first = pages.get("directory deep"), pages.get("directory")
    if deep and first:
        print(
            f"Directory deep page vs first, in-process: {deep['in_process_ms']:.1f} ms vs "
            f"{first['in_process_ms']:.1f} ms ({deep['in_process_ms'] / first['in_process_ms']:.2f}x)"
        )
    for weight in report["page_weight"].values():
        print(f"First view of {weight['path']}: {weight['total_bytes'] / 1024:.1f} KB transferred (lazy images apart)")
    print(
        "CSS and JavaScript, gzip: "
        + ", ".join(f"{name} {size / 1024:.1f} KB" for name, size in report["assets_gzip_bytes"].items())
    )
    if "import" in report:
        for figures in report["import"]["results"]:
            print(
                f"Import of {report['import']['rows']:,} organisations ({figures['file']}): parse + import "
                f"{figures['parse_and_import_s']} s (check {figures['check_s']} s, again {figures['again_s']} s)"
            )
    if "search" in report:
        search = report["search"]
        print(
            f"Search database time over {search['entries']:,} entries: "
            + "; ".join(
                f"{name} p50 {row['p50_ms']:.2f} / p95 {row['p95_ms']:.2f} ms"
                for name, row in search["classes"].items()
            )
        )
    if "api" in report:
        bench_module("api").print_comparison(report["api"])
    for step in ("day", "export"):
        if "error" in report.get(step, {}):
            print(f"{step}: failed, {report[step]['error']}")
    if "day" in report and "error" not in report["day"]:
        bench_module("day").print_day(report["day"])
    if "export" in report and "error" not in report["export"]:
        export = report["export"]
        print(
            f"CSV download of the whole directory ({export['megabytes']} MB): first byte {export['first_byte_s']} s, "
            f"all {export['total_s']} s, worker memory +{export['worker_memory_growth_mb']} MB"
        )
    if "renditions" in report:
        optimised = report["renditions"]["optimised"]
        print(
            f"Renditions of a 24 MP JPEG: median {optimised['median_ms']} ms wall "
            f"(CPU {optimised['median_cpu_ms']} ms), peak {optimised['peak_mb']} MB"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(BASE_DIR))
    main()
