"""`make bench`: every page type under load, served as in production.

1. A separate database (`most_bench`, on the DATABASE_URL server or the embedded
   one) is migrated and filled: demo content plus synthetic data at scale.
2. gunicorn serves the portal with debug off, hashed static files and
   persistent, health-checked database connections.
3. wrk drives each page from loopback at concurrency 1 and 8, in several
   interleaved rounds, together with /healthz; every page's throughput is also
   given as a ratio to /healthz's in the same round, so figures compare across
   noisy machines.
4. SQL queries per request and the gzip-compressed size of each page are
   measured in-process with Django's test client on the same database.

Results: a table on screen and bench/results/latest.json.
"""

import argparse
import gzip
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit
from urllib.request import urlopen

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS_DIR = BASE_DIR / "bench" / "results"
BENCH_DATABASE = "most_bench"
BENCH_VAR = BASE_DIR / "var" / "bench"

# Page types and the address of one representative page of each. Each app
# adds its pages here as it lands (see docs/PERFORMANCE.md).
PAGES = [
    ("home", "/en/"),
    ("home (sr-latn)", "/sr-latn/"),
    ("direction landing", "/bg/directions/business/"),
    ("municipality", "/en/municipalities/medijana/"),
    ("information centres", "/en/information-centres/"),
    ("sitemap", "/sitemap.xml"),
]
HEALTH = ("healthz", "/healthz")


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
        return parts._replace(path=f"/{name}").geturl()
    sys.path.insert(0, str(BASE_DIR))
    from portal.embedded_postgres import _start

    server = _start(BASE_DIR / "var" / "pgdata")
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}';")  # noqa: S608
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {name};")
    socket_dir = re.search(r"host=([^&]+)", server.get_uri()).group(1)
    return f"postgres://postgres@{quote(socket_dir, safe='')}/{name}"


def production_environment(database_url: str) -> dict:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "MOST_VAR_DIR": str(BENCH_VAR),
        }
    )
    return environment


def manage(environment: dict, *arguments: str) -> None:
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=BASE_DIR, env=environment, check=True)


def prepare(environment: dict, organisations: int) -> float:
    started = time.perf_counter()
    manage(environment, "migrate", "--noinput", "-v0")
    manage(environment, "collectstatic", "--noinput", "-v0")
    manage(environment, "load_bench_data", "--organisations", str(organisations))
    return time.perf_counter() - started


def start_gunicorn(environment: dict, port: int, workers: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "portal.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--worker-class", "sync", "--log-level", "warning",
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


def wrk(binary: str, url: str, connections: int, seconds: int) -> dict:
    output = subprocess.run(
        [binary, f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
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


def measure_in_process(environment: dict) -> dict:
    """Queries per request and compressed size, through Django's test client."""
    os.environ.update(environment)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    measured = {}
    for name, path in [*PAGES, HEALTH]:
        client.get(path)  # warm caches and connections, as a running server would be
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            sys.exit(f"{name} ({path}) answered {response.status_code}")
        measured[name] = {
            "queries": len(queries),
            "bytes": len(response.content),
            "gzip_bytes": len(gzip.compress(response.content, compresslevel=6)),
        }
    return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisations", type=int, default=10_000, help="organisations to load (default 10,000)")
    parser.add_argument("--large", action="store_true", help="shorthand for --organisations 100000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=3, help="wrk duration per page, concurrency and round")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    arguments = parser.parse_args()
    organisations = 100_000 if arguments.large else arguments.organisations

    wrk_binary = ensure_wrk()
    environment = production_environment(bench_database_url())
    print(f"Preparing the benchmark database with {organisations:,} organisations...", flush=True)
    preparation_seconds = prepare(environment, organisations)
    in_process = measure_in_process(environment)

    port = free_port()
    server = start_gunicorn(environment, port, arguments.workers)
    samples: dict[tuple[str, int], list[dict]] = {}
    try:
        for round_number in range(1, arguments.rounds + 1):
            print(f"Round {round_number}/{arguments.rounds}", flush=True)
            for connections in (1, 8):
                health = wrk(wrk_binary, f"http://127.0.0.1:{port}{HEALTH[1]}", connections, arguments.seconds)
                samples.setdefault((HEALTH[0], connections), []).append({**health, "ratio": 1.0})
                for name, path in PAGES:
                    result = wrk(wrk_binary, f"http://127.0.0.1:{port}{path}", connections, arguments.seconds)
                    result["ratio"] = result["rps"] / health["rps"] if health["rps"] else 0.0
                    samples.setdefault((name, connections), []).append(result)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    rows = []
    for (name, connections), runs in samples.items():
        rows.append(
            {
                "page": name,
                "concurrency": connections,
                "rps": statistics.median(run["rps"] for run in runs),
                "p50_ms": statistics.median(run["p50_ms"] for run in runs),
                "p99_ms": statistics.median(run["p99_ms"] for run in runs),
                "ratio_to_healthz": statistics.median(run["ratio"] for run in runs),
                "errors": sum(run["errors"] for run in runs),
                **in_process[name],
            }
        )
    report = {
        "organisations": organisations,
        "rounds": arguments.rounds,
        "seconds_per_run": arguments.seconds,
        "workers": arguments.workers,
        "cpus": os.cpu_count(),
        "preparation_seconds": round(preparation_seconds, 1),
        "pages": rows,
    }
    print_table(report)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(json.dumps(report, indent=2))
    print(f"\nWritten to {RESULTS_DIR / 'latest.json'}")


def print_table(report: dict) -> None:
    print(
        f"\n{report['organisations']:,} organisations, {report['workers']} gunicorn workers, "
        f"{report['rounds']} rounds x {report['seconds_per_run']} s, medians\n"
    )
    header = (
        f"{'page':<22}{'conc':>5}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'÷healthz':>10}{'queries':>9}{'gzip KB':>9}"
    )
    print(header)
    print("-" * len(header))
    for row in report["pages"]:
        print(
            f"{row['page']:<22}{row['concurrency']:>5}{row['rps']:>9.0f}{row['p50_ms']:>9.1f}{row['p99_ms']:>9.1f}"
            f"{row['ratio_to_healthz']:>10.2f}{row['queries']:>9}{row['gzip_bytes'] / 1024:>9.1f}"
        )


if __name__ == "__main__":
    main()
