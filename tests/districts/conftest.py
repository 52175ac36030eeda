import pytest


@pytest.fixture
def english(settings):
    """Pages in English (the source language), whatever the catalogue holds."""
    settings.LANGUAGE_CODE = "en"
