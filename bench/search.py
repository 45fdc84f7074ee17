"""Search at scale: database time of a search over 100,000 indexed organisations.

1. A scratch database (`most_bench_search`, on the DATABASE_URL server or the
   embedded one) is migrated and its search index filled with synthetic
   organisations (bulk, through the real normalisation and tsvector
   building), then vacuumed and analysed as autovacuum would leave it.
2. Each query of a mix of rare and common terms, in Latin and Cyrillic, runs
   the statements the results page runs (candidates with facet counts and
   ranking, the page's entries) several times; the database time of each search is the
   wall time of its cursor.execute calls.
3. EXPLAIN shows that the GIN index answers both kinds of term.

Results: p50/p95 per class of term on screen and in bench/results/search.json.
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
from bench.run import RESULTS_DIR, bench_database_url, manage, production_environment  # noqa: E402

SCRATCH_DATABASE = "most_bench_search"

ACTIVITIES = [
    # (bg, sr, en): each names about 1 in 40 organisations.
    ("Хотел", "Хотел", "Hotel"), ("Ресторант", "Ресторан", "Restaurant"), ("Пекарна", "Пекара", "Bakery"),
    ("Аптека", "Апотека", "Pharmacy"), ("Автосервиз", "Ауто-сервис", "Car service"),
    ("Строителство", "Грађевинарство", "Construction"), ("Счетоводство", "Рачуноводство", "Accounting"),
    ("Туристическа агенция", "Туристичка агенција", "Travel agency"), ("Фризьорски салон", "Фризерски салон", "Hair salon"),
    ("Книжарница", "Књижара", "Bookshop"), ("Дърводелска работилница", "Столарска радионица", "Joinery"),
    ("Винарна", "Винарија", "Winery"), ("Млекарница", "Млекара", "Dairy"), ("Печатница", "Штампарија", "Printing house"),
    ("Ветеринарна клиника", "Ветеринарска клиника", "Veterinary clinic"), ("Зъболекар", "Стоматолог", "Dentist"),
    ("Транспорт", "Превоз", "Transport"), ("Пчеларство", "Пчеларство", "Beekeeping"), ("Кафене", "Кафана", "Cafe"),
    ("Магазин", "Продавница", "Shop"), ("Шивашко ателие", "Кројачки атеље", "Tailor"), ("Ферма", "Фарма", "Farm"),
    ("Електроуслуги", "Електро услуге", "Electrician"), ("Фитнес", "Теретана", "Gym"), ("Детска градина", "Вртић", "Kindergarten"),
    ("Фотостудио", "Фото студио", "Photo studio"), ("Цветарница", "Цвећара", "Florist"), ("Ковачница", "Ковачница", "Smithy"),
    ("Грънчарство", "Грнчарство", "Pottery"), ("Мебели", "Намештај", "Furniture"), ("Охрана", "Обезбеђење", "Security"),
    ("Застраховане", "Осигурање", "Insurance"), ("Адвокат", "Адвокат", "Law office"), ("Хостел", "Хостел", "Hostel"),
    ("Пицария", "Пицерија", "Pizzeria"), ("Сладкарница", "Посластичарница", "Confectionery"), ("Оптика", "Оптика", "Optician"),
    ("Архитект", "Архитекта", "Architect"), ("Спортен клуб", "Спортски клуб", "Sports club"), ("Читалище", "Читаоница", "Reading room"),
]  # fmt: skip
SURNAMES_BG = [
    "Петров",
    "Иванов",
    "Георгиев",
    "Димитров",
    "Стоянов",
    "Николов",
    "Тодоров",
    "Христов",
    "Ослеков",
    "Каблешков",
]
SURNAMES_SR = [
    "Јовановић",
    "Петровић",
    "Николић",
    "Ђорђевић",
    "Стојановић",
    "Илић",
    "Станковић",
    "Павловић",
    "Милошевић",
    "Ћирић",
]
STREETS_BG = [
    f"ул. {name}" for name in ("Хаджи Ненчо Палавеев", "Георги Бенковски", "Тодор Каблешков", "Любен Каравелов")
]
STREETS_SR = [
    f"ул. {name}" for name in ("Обреновићева", "Вожда Карађорђа", "Генерала Милојка Лешјанина", "Николе Пашића")
]
SYLLABLES = [
    "ко",
    "при",
    "ва",
    "ни",
    "ме",
    "ди",
    "ја",
    "ло",
    "зо",
    "ра",
    "бре",
    "то",
    "ну",
    "ша",
    "ће",
    "жи",
    "дра",
    "ле",
    "ми",
    "су",
]
# Latin and Cyrillic forms of the same rare and common words, so that both scripts are measured.
CONTROL = [
    ("rare", "Zlatoustov"), ("rare", "Златоустов"), ("rare", "Zlatou"), ("rare", "Đurđevak"), ("rare", "Djurdjevak"),
    ("rare", "Ђурђевак"), ("rare", "Kamenolom Oslekov"), ("rare", "Медовина"), ("rare", "medovina"),
]  # fmt: skip


def pseudo_word(rng: random.Random) -> str:
    """A made-up trade name, so that each organisation has a word few others share."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 4))).capitalize()


def organisation(rng: random.Random, number: int) -> dict:
    serbian = number % 2 == 1
    bg, sr, en = rng.choice(ACTIVITIES)
    brand = pseudo_word(rng)
    surname = rng.choice(SURNAMES_SR if serbian else SURNAMES_BG)
    street = rng.choice(STREETS_SR if serbian else STREETS_BG)
    if serbian:
        titles = {"bg": "", "sr": f"{sr} „{brand}“ {surname} д.о.о.", "en": f"{en} {brand}"}
        body = f"{sr} у Нишу, {street} {rng.randint(1, 200)}, 18000 Ниш, Медијана. Породична фирма од {1990 + number % 30}."
    else:
        titles = {"bg": f"{bg} „{brand}“ {surname} ЕООД", "sr": "", "en": f"{en} {brand}"}
        body = f"{bg} в Копривщица, {street} {rng.randint(1, 200)}, 2077 Копривщица. Семейна фирма от {1990 + number % 30}."
    return {"titles": titles, "body": f"{body} {en} in {'Niš' if serbian else 'Koprivshtitsa'}.", "serbian": serbian}


def fill(count: int) -> float:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction

    from portal.models import Municipality
    from search.models import SearchEntry
    from search.services import document_vectors

    started = time.perf_counter()
    bulgarian, _ = Municipality.objects.get_or_create(
        slug="koprivshtitsa", defaults={"name": "Копривщица", "country": "BG"}
    )
    serbian, _ = Municipality.objects.get_or_create(slug="medijana", defaults={"name": "Медијана", "country": "RS"})
    # Synthetic organisations: the entries point at no object (this database serves no pages).
    content_type = ContentType.objects.get_for_model(Municipality)
    rng = random.Random(20260122)  # the same data on every run
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        batch = []
        for number in range(count):
            data = organisation(rng, number)
            if number < len(CONTROL):
                data["titles"]["en"] += f" {CONTROL[number][1].split()[0]}"
            titles = data["titles"]
            batch.append(
                SearchEntry(
                    content_type=content_type,
                    object_id=number + 1,
                    kind="organisation",
                    municipality_id=serbian.pk if data["serbian"] else bulgarian.pk,
                    directions=["business"] if number % 5 else ["business", "tourism"],
                    title_bg=titles["bg"],
                    title_sr=titles["sr"],
                    title_en=titles["en"],
                    summary_bg=data["body"][:240] if not data["serbian"] else "",
                    summary_sr=data["body"][:240] if data["serbian"] else "",
                    summary_en="",
                    path=f"/bg/directory/organisations/{number + 1}/",
                    **document_vectors(" ".join(titles.values()), data["body"]),
                )
            )
            if len(batch) == 2000:
                SearchEntry.objects.bulk_create(batch)
                batch = []
        SearchEntry.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE search_searchentry")
    return time.perf_counter() - started


def query_mix() -> list[tuple[str, str]]:
    """Terms as residents type them, by class: how many entries each matches is measured, not assumed."""
    activities = [term for activity in ACTIVITIES[:12] for term in (activity[0], activity[2])]
    return [
        *CONTROL,
        *[("rare", word) for word in ("Кониваме", "Konivame", "Ralozo", "Ралозо", "Бреша", "Dranu", "Sušale")],
        *[("common", term) for term in activities],
        *[("common", term) for term in ("Ослеков", "Oslekov", "Ђорђевић", "Djordjevic", "Palaveev", "Обреновићева")],
        *[("common", term) for term in ("hotel Niš", "Пекарна Копривщица", "pekara Medijana", "winery Kopriv")],
        *[("very common", term) for term in ("Niš", "Ниш", "Koprivshtitsa", "Копривщица", "фирма", "д.о.о.")],
    ]


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

    def search(text: str) -> tuple[int, int, float, float]:
        """Hits, statements, server milliseconds and client wall milliseconds of one search."""
        statements.clear()
        with connection.execute_wrapper(captured):
            facets = SearchEntry.objects.search(text, limit=21).facets
        server = 0.0
        with connection.cursor() as cursor:
            for sql, params, _ in list(statements):
                cursor.execute(f"EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) {sql}", params)
                plan = cursor.fetchone()[0][0]
                server += plan["Planning Time"] + plan["Execution Time"]
        wall = sum(seconds for _, _, seconds in statements) * 1000
        return facets.total, len(statements), server, wall

    mix = query_mix()
    for _, text in mix:  # warm the caches, as a running site's would be
        search(text)
    samples: dict[str, list[float]] = {}
    wall_samples: dict[str, list[float]] = {}
    per_term: dict[str, list[float]] = {}
    terms = []
    for term_class, text in mix:
        _, count, _, _ = search(text)
        hits = SearchEntry.objects.matching(text).count()
        terms.append({"term": text, "class": term_class, "hits": hits, "statements": count})
    shuffler = random.Random(len(mix))
    for _ in range(rounds):
        for term_class, text in shuffler.sample(mix, len(mix)):
            _, _, server, wall = search(text)
            samples.setdefault(term_class, []).append(server)
            wall_samples.setdefault(term_class, []).append(wall)
            per_term.setdefault(text, []).append(server)
    for term in terms:
        term["p50_ms"] = round(percentile(per_term[term["term"]], 0.5), 2)
    return {"samples": samples, "wall_samples": wall_samples, "terms": terms}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def explain(text: str) -> str:
    """The plans of the results page's two statements for ``text``."""
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000, help="organisations in the index (default 100,000)")
    parser.add_argument("--rounds", type=int, default=10, help="times each query is measured")
    parser.add_argument("--refill", action="store_true", help="refill the index even if it has the right size")
    arguments = parser.parse_args()

    environment = production_environment(bench_database_url(SCRATCH_DATABASE))
    if os.environ.get("DATABASE_URL"):
        create_database(environment["DATABASE_URL"])
    manage(environment, "migrate", "--noinput", "-v0")
    os.environ.update(environment)
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    import django

    django.setup()
    from django.db import connection

    from search.models import SearchEntry

    fill_seconds = None
    if arguments.refill or SearchEntry.objects.count() != arguments.entries:
        print(f"Filling the search index with {arguments.entries:,} organisations...", flush=True)
        fill_seconds = round(fill(arguments.entries), 1)
    measured = measure(arguments.rounds)
    plans = {"rare": explain("Zlatoustov"), "common": explain("hotel")}
    for term_class, plan in plans.items():
        if "search_entry_document" not in plan:
            sys.exit(f"The GIN index is not used for a {term_class} term:\n{plan}")

    def summary(samples: dict[str, list[float]]) -> dict:
        headline = samples["rare"] + samples["common"]
        return {
            name: {"searches": len(values), "p50_ms": percentile(values, 0.5), "p95_ms": percentile(values, 0.95)}
            for name, values in [("rare and common", headline), *samples.items()]
        }

    classes = summary(measured["samples"])
    wall = summary(measured["wall_samples"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT version(), pg_size_pretty(pg_total_relation_size('search_searchentry'))")
        version, size = cursor.fetchone()
    report = {
        "entries": SearchEntry.objects.count(),
        "postgres": version.split(" on ")[0],
        "table_size": size,
        "fill_seconds": fill_seconds,
        "rounds": arguments.rounds,
        "load_average": os.getloadavg(),
        "classes": classes,
        "client_wall_time": wall,
        "terms": measured["terms"],
        "plans": plans,
    }
    print(
        f"\n{report['entries']:,} entries ({size}), {report['postgres']}, load average "
        f"{report['load_average'][0]:.1f}; database time per search (planning + execution of its statements)\n"
    )
    print(f"{'terms':<18}{'searches':>9}{'p50 ms':>9}{'p95 ms':>9}   client wall p50/p95 ms")
    for name, row in classes.items():
        print(
            f"{name:<18}{row['searches']:>9}{row['p50_ms']:>9.2f}{row['p95_ms']:>9.2f}"
            f"   {wall[name]['p50_ms']:.2f} / {wall[name]['p95_ms']:.2f}"
        )
    hits = {name: [t["hits"] for t in measured["terms"] if t["class"] == name] for name in measured["samples"]}
    print("\nhits per term: " + "; ".join(f"{name} {min(v)}–{max(v)}" for name, v in hits.items()))
    print(f"statements per search: {sorted({t['statements'] for t in measured['terms']})}")
    print("GIN index used for rare and common terms (search_entry_document in both plans).")
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "search.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"Written to {RESULTS_DIR / 'search.json'}")


def create_database(url: str) -> None:
    """Create the scratch database on the DATABASE_URL server if it is missing."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as server:
        if not server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [SCRATCH_DATABASE]).fetchone():
            server.execute(f"CREATE DATABASE {SCRATCH_DATABASE}")


if __name__ == "__main__":
    main()
