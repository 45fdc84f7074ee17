import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    """Every test starts with empty rate-limit counters."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): client.post(...)`` runs what waits for the commit (mail), as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
