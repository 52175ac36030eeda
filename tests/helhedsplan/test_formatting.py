"""Whole numbers written by the lists read as `localize` writes them."""

import pytest
from django.utils import translation
from django.utils.formats import localize

from helhedsplan.formatting import whole_number


@pytest.mark.parametrize("separator", [False, True])
@pytest.mark.parametrize("language", ["da", "en"])
def test_a_whole_number_reads_as_localize_writes_it(settings, separator, language):
    settings.USE_THOUSAND_SEPARATOR = separator
    with translation.override(language):
        for n in (0, 1, 7, -3, 999, 1000, 4321, 1_234_567):
            assert whole_number(n) == str(localize(n))
    with translation.override(language):
        assert (
            whole_number(4321) == {False: "4321", True: {"da": "4.321", "en": "4,321"}[language]}[separator]
        )
