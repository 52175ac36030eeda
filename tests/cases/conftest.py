import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def postgres_only(request):
    """Tests marked `postgres` prove database behaviour SQLite does not have; skip them elsewhere."""
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL)")
