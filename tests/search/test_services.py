"""Keeping the index current: only what may be found is ever indexed."""

import importlib

import pytest
from django.core.management import call_command

from core.models import Municipality
from search import registry
from search.models import SearchEntry
from search.services import index_objects, index_rebuild, index_remove, index_update
from tests.portal.factories import InformationCentreFactory, MunicipalityFactory
from tests.search.conftest import key

# What the migration that introduced keys computes from stored vectors, in SQL.
KEYS_SQL = importlib.import_module("search.migrations.0003_keys").KEYS_SQL

pytestmark = pytest.mark.django_db


def found(query: str) -> set[str]:
    return {key(entry) for entry in SearchEntry.objects.results(query)}


def test_unpublished_objects_are_never_indexed(drafts_hidden):
    MunicipalityFactory(slug="draft-tajna", name_bg="Тайна община", name_en="Secret municipality")
    MunicipalityFactory(slug="open", name_bg="Открита община", name_en="Open municipality")
    index_rebuild()
    assert found("secret") == set()
    assert found("Тайна") == set()
    assert found("open") == {"open"}


def test_an_object_that_is_unpublished_leaves_the_index_on_update(drafts_hidden):
    municipality = MunicipalityFactory(slug="lyutova", name_bg="Лютова", name_en="Lyutova")
    assert index_update(municipality) is True
    assert found("Lyutova") == {"lyutova"}
    municipality.slug = "draft-lyutova"
    municipality.save()
    assert index_update(municipality) is False
    assert found("Lyutova") == set()


def test_a_rebuild_removes_objects_unpublished_behind_the_services_back(drafts_hidden):
    municipality = MunicipalityFactory(slug="lyutova", name_bg="Лютова")
    index_update(municipality)
    Municipality.objects.filter(pk=municipality.pk).update(slug="draft-lyutova")  # a bulk change
    index_rebuild(Municipality)
    assert found("Лютова") == set()


def test_removed_and_deleted_objects_are_not_found():
    kept, removed = MunicipalityFactory(name_en="Bridge one"), MunicipalityFactory(name_en="Bridge two")
    index_rebuild()
    index_remove(removed)
    assert [entry.object_id for entry in SearchEntry.objects.matching("bridge")] == [kept.pk]
    pk = kept.pk
    kept.delete()
    index_objects(model=Municipality, pks=[pk])
    assert not SearchEntry.objects.matching("bridge").exists()


def test_deleting_a_municipality_removes_the_entries_that_belong_to_it():
    centre = InformationCentreFactory(name_en="Riverside centre")
    index_rebuild()
    assert SearchEntry.objects.matching("riverside").count() == 1
    centre.municipality.delete()
    assert SearchEntry.objects.count() == 0


def test_changes_are_found_after_an_update_and_not_before():
    municipality = MunicipalityFactory(slug="lyutova", name_en="Lyutova")
    index_update(municipality)
    municipality.name_en = "Bratsigovo"
    municipality.save()
    assert found("Bratsigovo") == set()
    index_update(municipality)
    assert found("Bratsigovo") == {"lyutova"}
    assert found("Lyutova") == set()
    assert SearchEntry.objects.count() == 1


def test_bulk_reindexing_runs_a_fixed_number_of_queries(django_assert_num_queries):
    municipalities = MunicipalityFactory.create_batch(60, name_en="Bulk")
    pks = [municipality.pk for municipality in municipalities]
    index_objects(model=Municipality, pks=pks[:1])
    # Savepoint, read the public objects, upsert them, look up which title words are known
    # (all are: the first one was indexed before, with the same names), release the savepoint.
    with django_assert_num_queries(5):
        assert index_objects(model=Municipality, pks=pks) == 60
    assert SearchEntry.objects.matching("bulk").count() == 60


def test_the_rebuild_command_indexes_every_registered_model(demo_content):
    public = sum(searchable.public_objects().count() for searchable in registry.registered())
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SearchEntry.objects.count() == public
    # The demo has content of every kind, documents included (issue 21).
    assert set(SearchEntry.objects.values_list("kind", flat=True)) == set(registry.kind_labels())
    call_command("rebuild_search_index", "core.InformationCentre", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SearchEntry.objects.count() == public


def test_the_demo_content_is_indexed_and_found_in_any_script(demo_content):
    for query in ("Nis", "Niš", "Ниш", "Medijana", "Медиана", "Kopriv", "Копривщица", "Koprivštica"):
        assert SearchEntry.objects.matching(query).exists(), query


VECTOR_TEXTS = [
    ("Копривщица", "Ослекова къща, Копривщица 2077"),
    ("Ćele kula", ""),
    ("", "Только тело"),
    ("a b a", "a c"),
    ("1e5 0x1f a1b2 12e3abc 1e5e5 00e00z e5", "abc1e5 9e9 1e 007"),
    ("Niš", " ".join(["nis"] * 300) + " kraj"),
    ("title", " ".join(f"w{number}" for number in range(17000)) + " title"),
]


@pytest.mark.parametrize(("title", "body"), VECTOR_TEXTS, ids=range(len(VECTOR_TEXTS)))
def test_vectors_written_in_python_equal_those_postgresql_builds(title, body):
    from django.db import connection

    from search.normalise import normalise
    from search.services import document_vectors

    vectors = document_vectors(title, body)
    keys_of = f"(SELECT {KEYS_SQL} FROM (SELECT to_tsvector('simple', %s) AS v) AS stored)"  # noqa: S608 (constants)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT %s::tsvector = setweight(to_tsvector('simple', %s), 'A')"
            f" || setweight(to_tsvector('simple', %s), 'B'), %s::tsvector = {keys_of}, %s::tsvector = {keys_of}",
            [
                *(vectors["document"], normalise(title), normalise(body)),
                *(vectors["keys"], f"{normalise(title)} {normalise(body)}"),
                *(vectors["title_keys"], normalise(title)),
            ],
        )
        assert cursor.fetchone() == (True, True, True)


def test_keys_are_every_word_and_each_beginning_of_two_letters_or_more():
    from search.normalise import MAX_KEY_LENGTH
    from search.services import word_keys

    long_word = "a" * 30
    keys = word_keys(["niš", "a", "nisava", long_word])
    assert keys.split() == sorted(keys.split())
    keys = {key.strip("'") for key in keys.split()}
    assert keys >= {"niš", "a", "ni", "nis", "nisa", "nisav", "nisava", long_word, "a" * MAX_KEY_LENGTH}
    assert "n" not in keys and "a" * (MAX_KEY_LENGTH + 1) not in keys


def test_make_run_indexes_the_kinds_an_existing_database_has_no_entries_for(demo_content):
    """A database loaded before a kind was made searchable gets it indexed on the next `make run`."""
    organisations = SearchEntry.objects.filter(kind="organisation").count()
    assert organisations
    SearchEntry.objects.filter(kind="organisation").delete()
    call_command("load_demo_content", if_empty=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SearchEntry.objects.filter(kind="organisation").count() == organisations


def test_a_bulk_write_leaves_no_keys_waiting_in_the_indexes_pending_lists(monkeypatch):
    """Searches read a GIN index's whole pending list until it is merged: bulk writes merge it."""
    from django.db import connection

    def pending_pages() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT gin_clean_pending_list('search_entry_keys'::regclass)")
            return cursor.fetchone()[0]

    monkeypatch.setattr("search.services.MERGE_AFTER_ROWS", 3)
    pending_pages()
    one = MunicipalityFactory()
    index_update(one)
    assert pending_pages() > 0  # a single write waits in the list, as PostgreSQL means it to
    many = MunicipalityFactory.create_batch(3)
    index_objects(model=Municipality, pks=[municipality.pk for municipality in many])
    assert pending_pages() == 0
    index_rebuild()
    assert pending_pages() == 0
