import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_throttle():
    """Each test starts with no request counted against the anonymous rate."""
    cache.clear()
    yield
    cache.clear()
