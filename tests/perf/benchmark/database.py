"""A database of the benchmark's own, next to the configured one, created and dropped by the command.

The configured database is never written to: on PostgreSQL the benchmark creates a new database
named `helhedsplan_benchmark_<n>` on the same server (the configured database only lends its
connection parameters); on SQLite it uses a temporary file. Only databases with that prefix are
ever dropped or reused.
"""

import contextlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

PREFIX = "helhedsplan_benchmark_"


def _switch_to(name: str) -> None:
    # What Django's own test runner does to point the default connection at the test database.
    connection.close()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name


def _postgres_exists(name: str) -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _postgres_execute(sql: str) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql)


@contextlib.contextmanager
def throwaway_database(*, keep: bool = False, reuse: str = "", name: str = "", stdout=None):
    """Point the default connection at a fresh (or reused) benchmark database for the block.

    Yields (name, fresh): `fresh` is False when an existing benchmark database is reused, so the
    caller skips generating the data.
    """
    original = settings.DATABASES["default"]["NAME"]
    vendor = connection.vendor
    if reuse and not Path(reuse).name.startswith(PREFIX):
        raise CommandError(f"Only a benchmark database ({PREFIX}…) can be reused, not {reuse!r}.")
    if name and not name.startswith(PREFIX):
        raise CommandError(f"A benchmark database's name starts with {PREFIX}, unlike {name!r}.")

    if vendor == "postgresql":
        name = reuse or name or f"{PREFIX}{os.getpid()}"
        exists = _postgres_exists(name)
        if reuse and not exists:
            raise CommandError(f"No database {name!r} to reuse.")
        if not reuse:
            if exists:
                raise CommandError(f"{name} exists already; drop it or pass --reuse {name}.")
            _postgres_execute(f'CREATE DATABASE "{name}"')
    elif vendor == "sqlite":
        if reuse:
            if not Path(reuse).exists():
                raise CommandError(f"No file {reuse!r} to reuse.")
            name = reuse
        else:
            if name:
                name = str(Path(tempfile.gettempdir()) / f"{name}.sqlite3")
                if Path(name).exists():
                    raise CommandError(f"{name} exists already; remove it or pass --reuse {name}.")
                Path(name).touch()
            else:
                handle, name = tempfile.mkstemp(prefix=PREFIX, suffix=".sqlite3")
                os.close(handle)
    else:
        raise CommandError(f"The benchmark supports PostgreSQL and SQLite, not {vendor}.")

    if stdout:
        stdout.write(f"Benchmark database: {name} ({vendor}); the configured database is not touched.")
    _switch_to(name)
    try:
        if not reuse:
            call_command("migrate", verbosity=0, interactive=False)
        yield name, not reuse
    finally:
        for conn in connections.all():
            conn.close()
        _switch_to(original)
        if not keep:
            if vendor == "postgresql":
                _postgres_execute(f'DROP DATABASE IF EXISTS "{name}"')
            else:
                for suffix in ("", "-wal", "-shm", "-journal"):
                    with contextlib.suppress(FileNotFoundError):
                        os.remove(name + suffix)
            if stdout:
                stdout.write(f"Dropped {name}.")
        elif stdout:
            stdout.write(f"Kept {name}: measure again with --reuse {name}")


def drop(name: str) -> bool:
    """Drop a kept benchmark database (only a name with the benchmark's prefix). True if one was there."""
    if not Path(name).name.startswith(PREFIX):
        raise CommandError(f"Only a benchmark database ({PREFIX}…) can be dropped, not {name!r}.")
    if connection.vendor == "postgresql":
        existed = _postgres_exists(name)
        _postgres_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return existed
    path = name if name.endswith(".sqlite3") else str(Path(tempfile.gettempdir()) / f"{name}.sqlite3")
    existed = Path(path).exists()
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(path + suffix)
    return existed
