"""`make bench` on a tiny data set: every page type answers, within its query budget, and the report prints.

The figures themselves mean nothing at this size (docs/PERFORMANCE.md has the real ones); this
keeps the benchmark's machinery working as pages change.
"""

import importlib
import shutil

import pytest

from bench import data, run

# Serialized rollback: the flush afterwards would empty the data migrations' rows for later tests.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def bench_data(settings):
    settings.PAGE_CACHE_SECONDS = 0  # as the uncached server; measure_in_process turns it on for hits
    data.load(organisations=300, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_benchmark_runs_on_a_tiny_data_set(bench_data, live_server, settings, capsys):
    settings.API_RATE_LIMIT = 10**9  # as the benchmark's servers: every request comes from one address
    addresses = run.pages()
    assert {name for name, _path in addresses} >= {
        "home", "direction landing", "directory filtered", "directory deep", "organisation", "search", "sight",
        "map data", "gallery", "events", "news feed", "api organisations", "api occurrences",
    }  # fmt: skip
    pages = run.measure_in_process(addresses, repetitions=1)
    for name, page in pages.items():
        assert page["queries"] <= run.TARGETS["queries"], (name, page)
    assert all(page["hit_queries"] == 0 for name, page in pages.items() if name != "healthz")

    wrk = shutil.which("wrk")
    assert wrk, "the benchmark needs wrk (`make test` installs it from Debian)"
    load = [
        {"page": name, "mode": "uncached", "concurrency": 1, **run.wrk(wrk, live_server.url + path, 1, 1)}
        for name, path in (run.HEALTH, addresses[0])
    ]
    assert all(row["rps"] > 0 and row["errors"] == 0 for row in load)

    report = {
        "organisations": 300, "workers": 1, "rounds": 1, "seconds_per_run": 1, "seconds": 1,
        "load_average_at_start": 0.0, "load_average_at_end": 0.0,
        "in_process": pages,
        "page_weight": {"home": run.page_weight("/en/")},
        "assets_gzip_bytes": run.asset_sizes(),
        "import": importlib.import_module("bench.import").measure(rows=20, formats=("csv",)),
        "search": importlib.import_module("bench.search").measure_summary(rounds=1),
        "export": importlib.import_module("bench.export").measure(live_server.url, master_pid=None),
        "load": load,
        "api": importlib.import_module("bench.api").measure(live_server.url, seconds=0.2, concurrency=1),
    }  # fmt: skip
    assert report["export"]["megabytes"] > 0.01 and report["export"]["first_byte_s"] < report["export"]["total_s"]
    assert report["import"]["results"][0]["created"] == 20
    run.print_report(report)
    printed = capsys.readouterr().out
    assert "directory deep" in printed and "First view of /en/" in printed and "Import of 20" in printed
    assert "CSV download of the whole directory" in printed
    api = report["api"]["lists"]
    assert len(api) == len(importlib.import_module("bench.api").PAIRS)
    assert all(row[side]["requests"] and not row[side]["errors"] for row in api for side in ("api", "html"))
    assert "API lists vs the HTML lists they mirror" in printed


def test_a_short_realistic_day_reports_every_page_type(bench_data, live_server, settings, capsys):
    """Readers, searches, a staff edit and an import at once, for a few seconds: figures per page type."""
    settings.PAGE_CACHE_SECONDS = 300
    day = importlib.import_module("bench.day").run(
        live_server.url, seconds=6, concurrency=2, edit_seconds=2, import_rows=5, warm_up_seconds=1
    )
    # A busy test machine serves few: the machinery is what is checked, not the figures.
    assert day["requests"] >= 5
    assert day["errors"] == 0, day["pages"]
    assert sum(page["requests"] for page in day["pages"].values()) == day["requests"]
    assert all(page["p50_ms"] <= page["p95_ms"] <= page["p99_ms"] for page in day["pages"].values())
    assert day["staff_edits"] >= 2
    assert day["import"]["created"] + day["import"]["updated"] == 5
    assert day["hit_rate"] is not None and 0 <= day["hit_rate"] <= 1
    importlib.import_module("bench.day").print_day(day)
    printed = capsys.readouterr().out
    assert "A realistic day" in printed and "p99 ms" in printed


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # A socket folder in the query and no host: geturl() would write "postgres:/most_bench?...".
        ("postgres:///most?host=/var/run/postgresql", "postgres:///most_bench?host=/var/run/postgresql"),
        (
            "postgresql://most:secret@db.example.org:5432/most",
            "postgresql://most:secret@db.example.org:5432/most_bench",
        ),
    ],
)
def test_the_benchmark_database_sits_beside_the_portals_on_the_same_server(url, expected):
    from urllib.parse import urlsplit

    assert run.with_database(urlsplit(url), "most_bench") == expected
