import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    """Every test starts with empty rate-limit counters."""
    cache.clear()
    yield
    cache.clear()
