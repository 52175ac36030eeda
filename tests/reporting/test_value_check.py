"""A figure typed into a grid or a file is checked before anything is stored."""

import pytest

from reporting.imports import check_value


@pytest.mark.parametrize("text", ["1e309", "99999999999", "1e10", "-0.5e400"])
def test_huge_figures_are_refused_with_a_message_not_an_error(text):
    value, message = check_value(text, "evictions")
    assert value is None
    assert message


@pytest.mark.parametrize(
    ("text", "expected"), [("4", "4"), ("4,0", "4.0"), ("1.234,5", "1234.5"), ("12,25", "12.25")]
)
def test_ordinary_figures_pass(text, expected):
    value, message = check_value(text, "evictions")
    assert message == ""
    assert str(value) == expected
