"""Benchmark: bulk import of 7,158 organisations (the original platform's size) from CSV and XLSX.

Builds the rows from the demo's synthetic SME generator (Serbian SMEs for Medijana, with
identifiers outside the demo's ranges, so that every row is new), writes them as an import
file, then times in the ``most_bench`` database (bench/data.py fills it), DEBUG off:

- parse: reading the file into rows;
- check: every row through the directory's validators (``importing.plan``);
- import: ``services.organisations_import`` (checks again, writes in batches, one revision);
- again: importing the same file a second time (nothing new, nothing written).

Each run happens in a transaction that is rolled back: the bench database does not grow.
Prints the figures and writes bench/results/import.json.

    make bench                       # with every other figure, or alone:
    python bench/import.py --rows 7158
"""

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.run import BASE_DIR, bench_database_url, fill, production_environment

RESULTS = BASE_DIR / "bench" / "results" / "import.json"


def import_lines(count: int) -> list[list[str]]:
    """``count`` Serbian synthetic SMEs as import lines, with PIBs and MBs no other row has."""
    from core.models import Country, Municipality
    from demo.content import directory as demo
    from directory import importing

    municipalities = {Country.BULGARIA: None, Country.SERBIA: Municipality.objects.get(slug="medijana")}
    numbers = demo._Identifiers()
    numbers.pib, numbers.mb = 30_000_000, 3_000_000  # far above the demo's 10,500,000 and 2,100,000
    lines = []
    for organisation, directions in demo.synthetic_smes(count * 2, municipalities):
        if organisation.municipality_id is None:
            continue
        organisation.pib, organisation.mb = numbers.next_pib(), numbers.next_mb()
        organisation.is_demo = False
        lines.append(importing.cells(organisation, directions))
        if len(lines) == count:
            return lines
    raise AssertionError("not enough Serbian rows")


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, round(time.perf_counter() - started, 3)


class Rollback(Exception):
    pass


def run(file_name: str, data: bytes, user) -> dict:
    from django.db import transaction

    from core.models import Municipality
    from directory import importing, services

    medijana = Municipality.objects.get(slug="medijana")
    figures = {"file": file_name, "bytes": len(data)}
    try:
        with transaction.atomic():
            table, figures["parse_s"] = timed(importing.read_file, file_name, data)
            checked, figures["check_s"] = timed(importing.plan, table, municipality=medijana)
            assert not checked.errors, checked.errors[:5]
            plan, figures["import_s"] = timed(
                services.organisations_import, rows=table, municipality=medijana, by=user, file_name=file_name
            )
            figures["created"] = len(plan.created)
            figures["parse_and_import_s"] = round(figures["parse_s"] + figures["import_s"], 3)
            again, figures["again_s"] = timed(
                services.organisations_import, rows=table, municipality=medijana, by=user, file_name=file_name
            )
            assert (len(again.created), len(again.updated), again.unchanged) == (0, 0, len(table.rows))
            raise Rollback
    except Rollback:
        pass
    return figures


def measure(rows: int = 7158, formats: tuple[str, ...] | None = None) -> dict:
    """Import ``rows`` organisations from each file format (CSV and XLSX by default), rolled back.

    Django must be set up on the benchmark database (bench/data.py filled it).
    """
    from django.contrib.auth.models import User
    from django.utils import translation

    from directory import importing
    from directory.models import Organisation

    translation.activate("bg")  # error messages and the history comment are in the staff member's language
    user, _ = User.objects.get_or_create(username="bench-import", defaults={"is_superuser": True})
    stored = Organisation.objects.count()
    lines = import_lines(rows)
    writers = {"csv": importing.write_csv, "xlsx": importing.write_xlsx}
    results = [run(f"organisations.{name}", writers[name](lines), user) for name in formats or writers]
    report = {
        "benchmark": "import",
        "rows": rows,
        "organisations_stored": stored,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        # Other work on the machine slows every figure: the 1-minute load when the run ended.
        "load_average": round(os.getloadavg()[0], 2),
        "results": results,
    }
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=7158)
    parser.add_argument("--organisations", type=int, default=10_000, help="the directory imported into")
    options = parser.parse_args()

    environment = production_environment(bench_database_url())
    fill(environment, options.organisations)
    report = measure(options.rows)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")

    print(
        f"\nImport of {options.rows:,} organisations into a directory of {report['organisations_stored']:,}, "
        "DEBUG off (seconds)"
    )
    print(f"Load average {report['load_average']:.1f} on {os.cpu_count()} CPUs")
    print(f"{'file':<20} {'parse':>7} {'check':>7} {'import':>7} {'parse+import':>13} {'again':>7}")
    for figures in report["results"]:
        print(
            f"{figures['file']:<20} {figures['parse_s']:>7} {figures['check_s']:>7} {figures['import_s']:>7}"
            f" {figures['parse_and_import_s']:>13} {figures['again_s']:>7}"
        )
    print(f"\nWritten to {RESULTS.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    sys.exit(main())
