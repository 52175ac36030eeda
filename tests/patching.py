"""Patching a counting rule of the models for a block of a test."""

from contextlib import contextmanager
from unittest import mock


def _forget_preparations() -> None:
    from helhedsplan import statements

    statements.clear_all()  # the dashboard's prepared criteria too (reporting.selectors._prepared)


@contextmanager
def patched_rule(target, name: str, **kwargs):
    """`mock.patch.object(target, name, **kwargs)`, forgetting what was prepared or compiled under the
    rule as it was, on the way in and out (the app keeps SQL written from the rules; in production a
    rule changes only with a new release, which starts new processes)."""
    with mock.patch.object(target, name, **kwargs) as patched:
        _forget_preparations()
        try:
            yield patched
        finally:
            _forget_preparations()
