import pytest
from django.core.management import call_command
from django.db import transaction

from tests.quality.crawler import crawl


@pytest.fixture(scope="session")
def crawled_site(django_db_setup, django_db_blocker):
    """Every page reachable from the four home pages and the sitemap, with the demo content loaded.

    Crawled once per run: the demo content is loaded in a transaction that
    is rolled back after the crawl, so the gates share one crawl and no
    other test sees the content.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
        site = crawl()
        transaction.set_rollback(True)
    return site
