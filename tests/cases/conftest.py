import pytest
from django.db import connection
from django.utils import translation


@pytest.fixture(autouse=True)
def postgres_only(request):
    """Tests marked `postgres` prove database behaviour SQLite does not have; skip them elsewhere."""
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")


@pytest.fixture(autouse=True)
def english(settings):
    """The tests read the English source strings; test_pages_render checks the Danish pages."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
