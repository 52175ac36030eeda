"""Querysets compiled once and run many times: the hot pages' reads without the ORM's query building.

Building a queryset and compiling it to SQL costs a hot page more Python than PostgreSQL spends
running it (1–3 ms for a list's read with its urgency, against ~1 ms in the database), and a page
builds the very same statement for the same caretaker, case or plan on every look. `statement` keeps
the compiled SQL of a function's queryset per arguments (with the time zone, the language and the
database, which a queryset may depend on without saying), and each call runs that SQL and turns the
rows into what iterating the queryset gives — model instances with their `select_related` objects and
annotations, `values()` dicts, `values_list()` tuples or flat values — through the same converters.

The function must build its queryset from its arguments alone: it must not read the database (the
statement would keep what it read) and must not depend on anything else that changes (settings, the
clock). It is called again only when its arguments are new. `tests/helhedsplan/test_statements.py`
compares every kind of row with the queryset's own on both databases.
"""

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.utils import timezone, translation

_caches: list = []


class Statement:
    """A queryset's SQL and what makes its rows into the queryset's results."""

    def __init__(self, queryset: QuerySet):
        if queryset._prefetch_related_lookups or queryset._known_related_objects:
            raise ValueError(
                "A compiled statement cannot prefetch; read the related rows in a statement of their own."
            )
        if queryset._iterable_class not in (
            ModelIterable,
            ValuesIterable,
            ValuesListIterable,
            FlatValuesListIterable,
        ):
            raise ValueError(f"A compiled statement cannot give {queryset._iterable_class.__name__} rows.")
        self.alias = queryset.db
        query = queryset.query
        compiler = query.get_compiler(self.alias)
        try:
            self.sql, self.params = compiler.as_sql()
        except EmptyResultSet:  # e.g. `pk__in=[]`: nothing to run
            self.sql, self.params = None, ()
            return
        self.params = tuple(self.params)
        self.width = compiler.col_count if compiler.has_extra_select else None
        self.converters = list(
            compiler.get_converters([s[0] for s in compiler.select[: compiler.col_count]]).items()
        )
        self.kind = queryset._iterable_class
        if self.kind is ModelIterable:
            info = compiler.klass_info
            self.model = info["model"]
            first, last = info["select_fields"][0], info["select_fields"][-1] + 1
            self.model_columns = slice(first, last)
            self.init_list = [column[0].target.attname for column in compiler.select[first:last]]
            self.related = get_related_populators(info, compiler.select, self.alias)
            self.annotations = list(compiler.annotation_col_map.items())
        elif self.kind is ValuesIterable:
            self.names = (
                list(query.selected)
                if query.selected
                else [
                    *query.extra_select,
                    *query.values_select,
                    *query.annotation_select,
                ]
            )

    def rows(self) -> list:
        """The database's rows, converted as the ORM converts them."""
        if self.sql is None:
            return []
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params)
            rows = cursor.fetchall()
        if self.width is not None:
            rows = [row[: self.width] for row in rows]
        if self.converters:
            converted = []
            for row in rows:
                row = list(row)
                for position, (converters, expression) in self.converters:
                    value = row[position]
                    for convert in converters:
                        value = convert(value, expression, connection)
                    row[position] = value
                converted.append(row)
            rows = converted
        return rows

    def run(self) -> list:
        """What iterating the queryset gives, as a list."""
        rows = self.rows()
        if not rows:
            return []
        if self.kind is ModelIterable:
            return [self._instance(row) for row in rows]
        if self.kind is ValuesIterable:
            names = self.names
            return [dict(zip(names, row, strict=True)) for row in rows]
        if self.kind is FlatValuesListIterable:
            return [row[0] for row in rows]
        return [tuple(row) for row in rows]

    def _instance(self, row):
        instance = self.model.from_db(self.alias, self.init_list, row[self.model_columns])
        for populator in self.related:
            populator.populate(row, instance)
        for name, position in self.annotations:
            setattr(instance, name, row[position])
        return instance


class LRU:
    """The last `maxsize` values by key, the least recently used forgotten first; safe across threads.
    Every one is emptied by `clear_all`."""

    def __init__(self, maxsize: int):
        self.maxsize = maxsize
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()
        _caches.append(self)

    def get(self, key):
        """The value kept for `key`, or None."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key, value) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.maxsize:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


class Kept:
    """What is made once per key and kept, the last `maxsize` of them (an `LRU`). The key must name
    everything it is made from; the time zone, the language and the database are added to it here."""

    def __init__(self, maxsize: int):
        self._kept = LRU(maxsize)

    def get(self, key, make: Callable[[], object]):
        """What is kept for `key`, made by `make()` if there is nothing."""
        key = (key, timezone.get_current_timezone_name(), translation.get_language(), _database())
        found = self._kept.get(key)
        if found is None:
            found = make()  # outside the lock: two threads may both make a new key's
            self._kept.put(key, found)
        return found

    def clear(self) -> None:
        self._kept.clear()


class Statements(Kept):
    """Compiled statements kept by key (see `Kept`)."""

    def get(self, key, build: Callable[[], QuerySet]) -> Statement:
        """The statement kept for `key`, compiled from `build()` if there is none."""
        return super().get(key, lambda: Statement(build()))

    def run(self, key, build: Callable[[], QuerySet]) -> list:
        """What iterating the queryset kept for `key` gives (`build()` makes it the first time)."""
        return self.get(key, build).run()


def _database() -> str:
    """Which database the default alias is (a test may point it elsewhere)."""
    settings = connections["default"].settings_dict
    return f"{settings['ENGINE']}:{settings['NAME']}"


def statement(maxsize: int = 256) -> Callable:
    """Keep the compiled queryset of the decorated function per arguments; calling it returns the rows.

    The arguments must be hashable values (ids, dates, flags), never model instances. The function's
    queryset is still there as `.queryset` (for the tests and for anything that needs the ORM's own
    iteration), and `.cache_clear()` forgets what was compiled.
    """

    def decorate(build: Callable[..., QuerySet]) -> Callable:
        kept = Statements(maxsize)

        @functools.wraps(build)
        def run(*args):
            return kept.run(args, lambda: build(*args))

        run.queryset = build
        run.cache_clear = kept.clear
        return run

    return decorate


def kept(maxsize: int = 64) -> Callable:
    """Keep what the decorated function returns per arguments (plus the time zone, the language and
    the database): for SQL written from the models, which a function must not make from data."""

    def decorate(make: Callable) -> Callable:
        store = Kept(maxsize)

        @functools.wraps(make)
        def get(*args):
            return store.get(args, lambda: make(*args))

        get.cache_clear = store.clear
        return get

    return decorate


def clear_all() -> None:
    """Forget every compiled statement (the tests start each test without them: a test may patch a rule)."""
    for cache in _caches:
        cache.clear()
