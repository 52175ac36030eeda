import pytest


@pytest.fixture(autouse=True)
def in_english(english):
    """The tests read the English source strings (tests/conftest.py); test_pages_render checks Danish."""
