"""Search at scale: database time of a search over the benchmark database's index.

1. bench/data.py fills the ``most_bench`` database (on the
   DATABASE_URL server or the embedded one) and rebuilds its search index:
   every registered content type, organisations, sights, events, news…
2. Each query of a mix of rare and common terms, in Latin and Cyrillic, runs
   the statements the results page runs (candidates with facet counts and
   ranking, the page's entries) several times; the database time of a search
   is the planning and execution time of its statements as the server
   measures them (EXPLAIN ANALYZE, TIMING OFF), so a busy client does not
   count. A term is *rare* when it matches at most ``RARE_HITS`` entries,
   *common* otherwise: measured, not assumed.
3. EXPLAIN shows that the GIN index answers both kinds of term.

Results: p50/p95 per class of term on screen and in bench/results/search.json.

    make bench                           # with every other figure, or alone:
    python bench/search.py --organisations 100000
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
from bench.run import RESULTS_DIR, bench_database_url, fill, production_environment  # noqa: E402

RARE_HITS = 50

# Latin and Cyrillic forms of the same words, as residents and visitors type them.
TERMS = [
    # Words of the real institutions and sights of the demo content, numbers that end a few synthetic titles,
    # and words found nowhere.
    "Палавеев", "Palaveev", "читалище", "chitalishte", "Ослекова", "Oslekova", "Каравелов", "Karavelov",
    "4711", "Ниш 1234", "Koprivshtitsa 999", "Zlatoustov", "Ђурђевак", "Djurdjevak",
    # Trades, brands and places of the synthetic organisations, and themes of the synthetic events and news.
    "Пекара", "pekara", "bakery", "Механа", "tavern", "Кућа за госте", "guest house", "Нишава", "Nisava",
    "Средна гора", "Sredna Gora", "фолклор", "folklore", "concert", "pekara Medijana", "winery Kopriv",
    "Niš", "Ниш", "Koprivshtitsa", "Копривщица", "д.о.о.", "doo",
    # Typos: a letter swapped, dropped, doubled or wrong (close spellings looked up in the known words).
    "Palaveeev", "Ослеква", "Kopirvshtitsa", "Медяна", "pekrara", "Karavlov",
]  # fmt: skip


def measure(rounds: int) -> dict:
    """Database time of each search: the server's planning and execution time of its statements.

    The statements are those the results page runs, captured as the ORM sends
    them, then timed by the server (EXPLAIN ANALYZE, TIMING OFF): figures
    that do not count the client's wait for a CPU on a busy machine. The
    client-side wall time of the same statements is kept alongside.
    """
    from django.db import connection

    from search.models import SearchEntry

    statements: list[tuple[str, tuple, float]] = []

    def captured(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            statements.append((sql, params, time.perf_counter() - started))

    def search(text: str) -> tuple[int, float, float]:
        """Statements, server milliseconds and client wall milliseconds of one search."""
        statements.clear()
        with connection.execute_wrapper(captured):
            SearchEntry.objects.search(text, limit=21).facets  # noqa: B018
        server = 0.0
        with connection.cursor() as cursor:
            for sql, params, _ in list(statements):
                cursor.execute(f"EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) {sql}", params)
                plan = cursor.fetchone()[0][0]
                server += plan["Planning Time"] + plan["Execution Time"]
        wall = sum(seconds for _, _, seconds in statements) * 1000
        return len(statements), server, wall

    for text in TERMS:  # warm the caches, as a running site's would be
        search(text)
    terms = []
    for text in TERMS:
        count, _, _ = search(text)
        hits = SearchEntry.objects.matching(text).count()
        terms.append({"term": text, "class": "rare" if hits <= RARE_HITS else "common", "hits": hits})
        terms[-1]["statements"] = count
    classes = {term["term"]: term["class"] for term in terms}
    samples: dict[str, list[float]] = {}
    wall_samples: dict[str, list[float]] = {}
    per_term: dict[str, list[float]] = {}
    shuffler = random.Random(len(TERMS))
    for _ in range(rounds):
        for text in shuffler.sample(TERMS, len(TERMS)):
            _, server, wall = search(text)
            samples.setdefault(classes[text], []).append(server)
            wall_samples.setdefault(classes[text], []).append(wall)
            per_term.setdefault(text, []).append(server)
    for term in terms:
        term["p50_ms"] = round(percentile(per_term[term["term"]], 0.5), 2)
    return {"samples": samples, "wall_samples": wall_samples, "terms": terms}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def explain(text: str) -> str:
    """The plans of the results page's statements for ``text``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.models import SearchEntry

    with CaptureQueriesContext(connection) as captured:
        SearchEntry.objects.search(text, limit=21)
    plans = []
    with connection.cursor() as cursor:
        for statement in captured.captured_queries:
            cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {statement['sql']}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return "\n\n".join(plans)


def measure_summary(rounds: int = 10) -> dict:
    """The figures ``make bench`` reports, on the database Django is set up on."""
    from django.db import connection

    from search.models import SearchEntry

    measured = measure(rounds)
    terms = {term["term"]: term for term in measured["terms"]}
    rare = min((t for t in terms.values() if t["class"] == "rare" and t["hits"]), key=lambda t: t["hits"], default=None)
    common = max(terms.values(), key=lambda t: t["hits"])
    plans = {"rare": explain(rare["term"]) if rare else "", "common": explain(common["term"])}
    gin_used = {name: "search_entry_keys" in plan for name, plan in plans.items() if plan}

    def summary(samples: dict[str, list[float]]) -> dict:
        everything = [value for values in samples.values() for value in values]
        return {
            name: {"searches": len(values), "p50_ms": percentile(values, 0.5), "p95_ms": percentile(values, 0.95)}
            for name, values in [("all terms", everything), *sorted(samples.items())]
        }

    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), pg_size_pretty(pg_total_relation_size('search_searchentry'))")
        version, size = cursor.fetchone()
    report = {
        "entries": SearchEntry.objects.count(),
        "postgres": version.split(" on ")[0],
        "table_size": size,
        "rounds": rounds,
        "load_average": os.getloadavg(),
        "classes": summary(measured["samples"]),
        "client_wall_time": summary(measured["wall_samples"]),
        "terms": measured["terms"],
        "gin_index_used": gin_used,
        "plans": plans,
    }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--organisations", type=int, default=10_000, help="size of the benchmark data (default 10,000)")
    parser.add_argument("--rounds", type=int, default=10, help="times each query is measured")
    arguments = parser.parse_args()

    environment = production_environment(bench_database_url())
    fill(environment, arguments.organisations)
    report = measure_summary(arguments.rounds)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "search.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(
        f"\n{report['entries']:,} entries ({report['table_size']}), {report['postgres']}, load average "
        f"{report['load_average'][0]:.1f}; database time per search (planning + execution of its statements)\n"
    )
    print(f"{'terms':<18}{'searches':>9}{'p50 ms':>9}{'p95 ms':>9}   client wall p50/p95 ms")
    wall = report["client_wall_time"]
    for name, row in report["classes"].items():
        print(
            f"{name:<18}{row['searches']:>9}{row['p50_ms']:>9.2f}{row['p95_ms']:>9.2f}"
            f"   {wall[name]['p50_ms']:.2f} / {wall[name]['p95_ms']:.2f}"
        )
    print("\nhits per term: " + "; ".join(f"{t['term']} {t['hits']}" for t in report["terms"]))
    print(f"statements per search: {sorted({t['statements'] for t in report['terms']})}")
    print(f"GIN index used: {report['gin_index_used']}")
    print(f"Written to {RESULTS_DIR / 'search.json'}")


if __name__ == "__main__":
    main()
