import pytest
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.test import override_settings

from tests.parallel import RUN_SUMMARIES
from tests.quality.crawler import crawl


def restart_sequences():
    """Restart every id sequence at 1, as the live site's tests do (see ``live_site``)."""
    with connection.cursor() as cursor:
        sequences = connection.introspection.sequence_list()
        for statement in connection.ops.sequence_reset_by_name_sql(no_style(), sequences):
            cursor.execute(statement)


@pytest.fixture(scope="session")
def crawl_media_root(tmp_path_factory):
    """Where the crawled demo content keeps its uploads, for the whole run."""
    return tmp_path_factory.mktemp("crawl-media")


@pytest.fixture(scope="session")
def crawled_site(django_db_setup, django_db_blocker, crawl_media_root):
    """Every page reachable from the four home pages and the sitemap, with the demo content loaded.

    Crawled once per run: the demo content is loaded in a transaction that
    is rolled back after the crawl, so the gates share one crawl and no
    other test sees the content.
    """
    media = override_settings(MEDIA_ROOT=crawl_media_root / "media", MEDIA_LIBRARY_ORIGINALS_ROOT=crawl_media_root)
    with media, django_db_blocker.unblock(), transaction.atomic():
        restart_sequences()
        call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
        site = crawl()
        transaction.set_rollback(True)
    return site


def generative_summary() -> list[str]:
    """The generative suite's count: how many requests it sent and how many answered 5xx."""
    from tests.quality.generative import LEDGER

    if not LEDGER.requests:
        return []
    errors = [f"  {error}" for error in LEDGER.server_errors[:50]]
    return [f"generative: {LEDGER.requests} requests, {len(LEDGER.server_errors)} answered 5xx", *errors]


RUN_SUMMARIES.append(generative_summary)
