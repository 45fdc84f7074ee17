"""The number of queries of every list and detail page does not grow with the number of items."""

import pytest

from tests.civic.factories import (
    DocumentFactory,
    EventFactory,
    LifeSituationFactory,
    MunicipalServiceFactory,
    NewsArticleFactory,
    PageFactory,
    PartnerFactory,
    ProjectFactory,
)
from tests.portal.factories import InformationCentreFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", params=[1, 50], ids=["1-row", "50-rows"])
def content(request, kept_for_the_module):
    """``rows`` items of every kind, written once for all the tests of this module that use that size."""
    yield from kept_for_the_module(request, lambda: build_content(request.param))


def build_content(rows: int) -> dict:
    municipality = MunicipalityFactory()
    InformationCentreFactory(municipality=municipality)
    situations = [LifeSituationFactory(), LifeSituationFactory()]
    project = ProjectFactory()
    items = {
        "event": [
            EventFactory(municipality=municipality, recurrence_rule="FREQ=WEEKLY" if n % 2 else "") for n in range(rows)
        ],
        "news": NewsArticleFactory.create_batch(rows, municipality=municipality),
        "service": [
            MunicipalServiceFactory(municipality=municipality, life_situations=situations) for _ in range(rows)
        ],
        "document": DocumentFactory.create_batch(rows, municipality=municipality, project=project),
        "project": [project, *ProjectFactory.create_batch(rows - 1)],
        "page": PageFactory.create_batch(rows),
    }
    for each in items["project"]:
        PartnerFactory.create_batch(2, project=each)
    project.municipalities.add(municipality)
    return items


LIST_PAGES = [
    ("/en/events/", 4),  # the filters' municipalities and directions, the events, the navigation
    ("/en/events/calendar/", 4),
    ("/en/events/archive/", 5),
    ("/en/events/archive/?category=concert", 6),
    ("/en/events/calendar.ics", 1),
    ("/en/news/", 5),
    ("/en/news/rss/", 1),
    ("/en/news/atom/", 1),
    ("/en/services/", 6),
    ("/en/documents/", 4),
    ("/en/documents/?kind=study&language=bg", 6),  # + one facet count for each filter in use
    ("/en/eu-projects/", 5),
    ("/en/eu-projects/?status=ongoing", 6),
    ("/en/pages/", 2),
    ("/en/directions/culture/", 8),  # + the directory entries and their count
    ("/en/directions/administration-and-social-life/", 12),
]


@pytest.mark.parametrize(("url", "queries"), LIST_PAGES)
def test_list_pages_use_a_fixed_number_of_queries(client, content, django_assert_max_num_queries, url, queries):
    with django_assert_max_num_queries(queries):
        assert client.get(url).status_code == 200


def test_detail_pages_use_a_fixed_number_of_queries(client, content, django_assert_max_num_queries):
    pages = [
        (f"/en/events/{content['event'][-1].slug}/", 2),
        (f"/en/events/{content['event'][-1].slug}.ics", 1),
        (f"/en/news/{content['news'][-1].slug}/", 2),
        (f"/en/services/{content['service'][-1].slug}/", 3),
        (f"/en/documents/{content['document'][-1].slug}/", 2),
        (f"/en/eu-projects/{content['project'][0].slug}/", 5),
        (f"/en/pages/{content['page'][-1].slug}/", 2),
        (f"/en/ask/{content['event'][0].municipality.slug}/", 3),
    ]
    for url, queries in pages:
        with django_assert_max_num_queries(queries):
            assert client.get(url).status_code == 200, url
