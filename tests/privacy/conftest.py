import pytest

from tests.privacy import walk


@pytest.fixture
def populated(world):
    """The world with one object of every kind in plan A and plan B (the access matrix's data)."""
    return walk.populate(world)
