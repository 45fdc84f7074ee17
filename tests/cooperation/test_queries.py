"""The number of queries of every board page does not grow with the number of items."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cooperation.models import Interest, Kind
from core.pagecache import content_changed
from portal.urls import sitemaps
from tests.cooperation.factories import OpportunityFactory
from tests.directory.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url) -> int:
    """Queries of a cold request: nothing cached from an earlier one."""
    content_changed()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def more_items(board, count: int) -> None:
    """``count`` items on both sides, of several companies, half of them requests, with interest received."""
    serbian = [OrganisationFactory(municipality=board.staff.other, open_to_cooperation=True) for _ in range(3)]
    for number in range(count):
        OpportunityFactory(
            organisation=board.mill if number % 3 == 0 else serbian[number % 3],
            kind=Kind.REQUEST if number % 2 else Kind.OFFER,
            cooperation_type="buyer" if number % 2 else "supplier",
            languages=["bg", "sr", "en"][: 1 + number % 3],
        )
    for item in board.mill.cooperation_opportunities.all():
        for company in serbian:
            Interest.objects.get_or_create(opportunity=item, organisation=company, defaults={"message": "Hello"})


PUBLIC_PAGES = [
    ("/en/cooperation/", 5),  # municipalities, facets (one aggregate), count, page, navigation
    ("/en/cooperation/?kind=offer&sector=C&side=RS&language=en&municipality=koprivshtitsa", 10),  # + a facet each
    ("/sr-latn/cooperation/?page=1", 5),
    ("/en/cooperation/feed/rss/", 2),
    ("/en/cooperation/feed/atom/", 2),
    ("/en/cooperation/export.json", 2),
    ("/en/cooperation/export.json?type=supplier", 2),
    ("/en/directions/business/", 8),  # + the board's newest items
    ("/sitemap-cooperation-items.xml", 2),  # the count of items (kept until content changes), the page's items
    # The index: per section at most a count and its latest change, kept until content changes.
    ("/sitemap.xml", 2 * len(sitemaps)),
]


@pytest.mark.parametrize(("url", "most"), PUBLIC_PAGES)
def test_public_pages_use_a_fixed_number_of_queries(board, url, most):
    OpportunityFactory(organisation=board.mill)
    client = Client()
    few = count_queries(client, url)
    more_items(board, 50)
    assert count_queries(client, url) == few <= most


def test_the_detail_page_uses_a_fixed_number_of_queries(board):
    item = OpportunityFactory(organisation=board.mill)
    visitor, owner, poster = Client(), Client(), Client()
    owner.force_login(board.bakery_owner)
    poster.force_login(board.mill_owner)
    url = f"/en/cooperation/{item.pk}/"
    few = [count_queries(client, url) for client in (visitor, owner, poster)]
    more_items(board, 50)
    assert [count_queries(client, url) for client in (visitor, owner, poster)] == few
    assert few[0] <= 2  # the item with its company and municipality, the navigation
    assert max(few) <= 6  # + session, user, the user's companies, the interest already sent


def test_the_owners_pages_use_a_fixed_number_of_queries(board):
    OpportunityFactory(organisation=board.mill)
    OpportunityFactory(organisation=board.bakery, kind=Kind.REQUEST, cooperation_type="buyer")
    owner = Client()
    owner.force_login(board.mill_owner)
    pages = ["/en/account/cooperation/matches/", "/en/account/cooperation/"]
    few = [count_queries(owner, url) for url in pages]
    more_items(board, 50)
    # The mill now has 17 more items of its own, and many more candidates across the border.
    assert [count_queries(owner, url) for url in pages] == few
    assert few[0] <= 6  # session, user, the owner's items, candidate items, candidate companies, navigation
    assert few[1] <= 8  # + the interest received and sent, the digest setting, the user's companies
