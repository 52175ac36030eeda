"""Fixtures of the district tests; `english` is shared (tests/conftest.py)."""
