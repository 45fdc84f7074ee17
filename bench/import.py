"""Benchmark: bulk import of 7,158 organisations (the original platform's size) from CSV and XLSX.

Builds the rows from the demo's synthetic SME generator (Serbian SMEs for Medijana, with
identifiers outside the demo's ranges, so that every row is new), writes them as an import
file, then times in the ``most_bench`` database (``directory_list.py`` fills it; this script
fills it too when it holds another number of organisations than ``--directory``), DEBUG off:

- parse: reading the file into rows;
- check: every row through the directory's validators (``importing.plan``);
- import: ``services.organisations_import`` (checks again, writes in batches, one revision);
- again: importing the same file a second time (nothing new, nothing written).

Each run happens in a transaction that is rolled back: the bench database does not grow.
Prints the figures and writes bench/results/import.json.

    make bench                       # or:
    python bench/import.py --rows 7158
    python bench/import.py --database most_bench_import   # a database of its own
"""

import argparse
import json
import os
import platform
import sys
import time

import directory_list
from directory_list import BASE_DIR, use_bench_database

RESULTS = BASE_DIR / "bench" / "results" / "import.json"


def import_lines(count: int) -> list[list[str]]:
    """``count`` Serbian synthetic SMEs as import lines, with PIBs and MBs no other row has."""
    from directory import demo, importing
    from portal.models import Country, Municipality

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


def register_for_search_if_needed() -> str:
    """Until directory/search_indexes.py registers organisations, time the import with a stand-in.

    The import re-indexes what it writes (``search.services.index_objects``) only for a
    registered model; the stand-in indexes what the directory's registration will (names,
    descriptions, places, identifiers of published organisations), so the figure includes it.
    """
    from django.contrib.postgres.aggregates import ArrayAgg

    from directory.models import Organisation
    from search import registry

    if registry.get(Organisation) is not None:
        return "directory/search_indexes.py"
    registry.register(
        Organisation,
        kind="organisation",
        label="Organisations",
        title_field="name",
        body_fields=("description", "settlement", "street_address", "eik", "vat_number", "pib", "mb"),
        summary_field="description",
        queryset=lambda: Organisation.objects.published().annotate(direction_slugs=ArrayAgg("directions__slug")),
        municipality=lambda organisation: organisation.municipality_id,
        directions=lambda organisation: organisation.direction_slugs,
    )
    return "stand-in registered by bench/import.py"


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return result, round(time.perf_counter() - started, 3)


class Rollback(Exception):
    pass


def run(file_name: str, data: bytes, user) -> dict:
    from django.db import transaction

    from directory import importing, services
    from portal.models import Municipality

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=7158)
    parser.add_argument("--directory", type=int, default=10_000, help="organisations stored before the import")
    parser.add_argument("--database", default=directory_list.BENCH_DATABASE)
    options = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.utils import translation

    from directory import importing
    from directory.models import Organisation
    from portal import demo as portal_demo

    directory_list.BENCH_DATABASE = options.database
    use_bench_database()
    directory_list.load(options.directory)
    portal_demo.load(open(os.devnull, "w"))  # noqa: SIM115
    translation.activate("bg")  # error messages and the history comment are in the staff member's language
    user, _ = User.objects.get_or_create(username="bench-import", defaults={"is_superuser": True})
    stored = Organisation.objects.count()
    search_registration = register_for_search_if_needed()
    lines = import_lines(options.rows)
    results = [
        run("organisations.csv", importing.write_csv(lines), user),
        run("organisations.xlsx", importing.write_xlsx(lines), user),
    ]

    load = os.getloadavg()[0]
    print(f"\nImport of {options.rows:,} organisations into a directory of {stored:,}, DEBUG off (seconds)")
    print(f"Load average {load:.1f} on {os.cpu_count()} CPUs; search registration: {search_registration}")
    print(f"{'file':<20} {'parse':>7} {'check':>7} {'import':>7} {'parse+import':>13} {'again':>7}")
    for figures in results:
        print(
            f"{figures['file']:<20} {figures['parse_s']:>7} {figures['check_s']:>7} {figures['import_s']:>7}"
            f" {figures['parse_and_import_s']:>13} {figures['again_s']:>7}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "benchmark": "import",
                "rows": options.rows,
                "organisations_stored": stored,
                "search_registration": search_registration,
                "python": platform.python_version(),
                "machine": platform.machine(),
                "cpus": os.cpu_count(),
                # Other work on the machine slows every figure: the 1-minute load when the run ended.
                "load_average": round(os.getloadavg()[0], 2),
                "results": results,
            },
            indent=2,
        )
        + "\n"
    )
    print(f"\nWritten to {RESULTS.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    sys.exit(main())
