import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def upkeep_settings(settings):
    """Empty rate-limit counters, links to the portal in mail, no pause between test requests, and
    the link check allowed to reach loopback, where the tests' servers listen."""
    cache.clear()
    settings.PORTAL_SITE_URL = "https://most.example.org"
    settings.UPKEEP_LINK_CHECK_DELAY = 0
    settings.UPKEEP_LINK_CHECK_ALLOW_PRIVATE = True  # the tests' websites listen on loopback
    settings.UPKEEP_LINK_CHECK_TIMEOUT = 3
    settings.UPKEEP_DNS_SERVERS = []
    yield
    cache.clear()
