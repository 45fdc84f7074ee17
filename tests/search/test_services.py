"""Keeping the index current: only what may be found is ever indexed."""

import pytest
from django.core.management import call_command

from portal.models import Municipality
from search.models import SearchEntry
from search.services import index_objects, index_rebuild, index_remove, index_update
from tests.portal.factories import InformationCentreFactory, MunicipalityFactory
from tests.search.conftest import key

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
    # Savepoint, read the public objects, a scratch table, upsert from it (after a COPY, which
    # the query log does not see), drop it, release the savepoint: the same for 1 or 1,000.
    with django_assert_num_queries(6):
        assert index_objects(model=Municipality, pks=pks) == 60
    assert SearchEntry.objects.matching("bulk").count() == 60


def test_the_rebuild_command_indexes_every_registered_model(demo_content):
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SearchEntry.objects.count() == 4
    call_command("rebuild_search_index", "portal.InformationCentre", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert SearchEntry.objects.count() == 4


def test_the_demo_content_is_indexed_and_found_in_any_script(demo_content):
    for query in ("Nis", "Niš", "Ниш", "Medijana", "Медиана", "Kopriv", "Копривщица", "Koprivštica"):
        assert SearchEntry.objects.matching(query).exists(), query
