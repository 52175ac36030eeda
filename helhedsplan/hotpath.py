"""The reads and the write that every signed-in request makes, without the ORM's query building.

Every page loads the session, the user and the user's memberships, and writes one audit event.
The ORM builds and compiles those four statements anew on every request, which costs more
than PostgreSQL spends running them (about 0.3 ms of Python each). Here their SQL is written
once per database from the models' own metadata, and the rows become model instances through
the same converters the ORM applies, so the objects are the ones the ORM would have made.
`tests/helhedsplan/test_hotpath.py` compares each with its ORM equivalent on both databases.
"""

import functools

from django.db import connections, router
from django.db.models import Model

from .models import AuditEvent, Membership, Plan


class Columns:
    """A model's concrete columns as a select list, and what makes a row of them an instance."""

    def __init__(self, model: type[Model], alias: str, connection):
        self.model = model
        self.fields = model._meta.concrete_fields
        self.attnames = [f.attname for f in self.fields]
        quote = connection.ops.quote_name
        self.sql = ", ".join(f"{quote(alias)}.{quote(f.column)}" for f in self.fields)
        self.converters = []
        for position, field in enumerate(self.fields):
            column = field.get_col(alias)
            found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            if found:
                self.converters.append((position, column, found))

    def instance(self, row, connection) -> Model:
        if self.converters:
            row = list(row)
            for position, column, converters in self.converters:
                for convert in converters:
                    row[position] = convert(row[position], column, connection)
        return self.model.from_db(connection.alias, self.attnames, row)


def _column(connection, model: type[Model], column: str) -> str:
    quote = connection.ops.quote_name
    return f"{quote(model._meta.db_table)}.{quote(column)}"


@functools.cache
def _membership_query(alias: str):
    connection = connections[alias]
    quote = connection.ops.quote_name
    membership = Columns(Membership, Membership._meta.db_table, connection)
    plan = Columns(Plan, Plan._meta.db_table, connection)
    sql = (  # only names from the models' metadata go into the SQL; the user's id is a parameter
        f"SELECT {membership.sql}, {plan.sql} FROM {quote(Membership._meta.db_table)}"  # noqa: S608
        f" INNER JOIN {quote(Plan._meta.db_table)}"
        f" ON {_column(connection, Membership, 'plan_id')} = {_column(connection, Plan, 'id')}"
        f" WHERE {_column(connection, Membership, 'user_id')} = %s"
        f" ORDER BY {_column(connection, Plan, 'name')}, {_column(connection, Membership, 'id')}"
    )
    return sql, membership, plan


def memberships(user_id: int) -> list[Membership]:
    """The user's memberships with their plans, by plan name (as select_related("plan") gives them)."""
    alias = router.db_for_read(Membership)
    connection = connections[alias]
    sql, membership_columns, plan_columns = _membership_query(alias)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id])
        rows = cursor.fetchall()
    split = len(membership_columns.fields)
    found = []
    plan_field = Membership._meta.get_field("plan")
    for row in rows:
        membership = membership_columns.instance(row[:split], connection)
        plan_field.set_cached_value(membership, plan_columns.instance(row[split:], connection))
        found.append(membership)
    return found


@functools.cache
def _by_pk_query(model: type[Model], alias: str):
    connection = connections[alias]
    table = model._meta.db_table
    columns = Columns(model, table, connection)
    key = _column(connection, model, model._meta.pk.column)
    return f"SELECT {columns.sql} FROM {connection.ops.quote_name(table)} WHERE {key} = %s", columns  # noqa: S608


def get_by_pk(model: type[Model], pk) -> Model | None:
    """One row by its primary key, or None."""
    alias = router.db_for_read(model)
    connection = connections[alias]
    sql, columns = _by_pk_query(model, alias)
    with connection.cursor() as cursor:
        cursor.execute(sql, [model._meta.pk.to_python(pk)])
        row = cursor.fetchone()
    return columns.instance(row, connection) if row else None


@functools.cache
def _session_query(model: type[Model], alias: str) -> str:
    connection = connections[alias]
    names = ("session_data", "session_key", "expire_date")
    data, key, expires = (_column(connection, model, name) for name in names)
    table = connection.ops.quote_name(model._meta.db_table)
    return f"SELECT {data} FROM {table} WHERE {key} = %s AND {expires} > %s"  # noqa: S608


def session_data(model: type[Model], session_key: str, now) -> str | None:
    """A session's encoded data, if the session exists and has not expired."""
    alias = router.db_for_read(model)
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(
            _session_query(model, alias), [session_key, connection.ops.adapt_datetimefield_value(now)]
        )
        row = cursor.fetchone()
    return row[0] if row else None


@functools.cache
def _insert_query(alias: str):
    quote = connections[alias].ops.quote_name
    fields = [f for f in AuditEvent._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    table = quote(AuditEvent._meta.db_table)
    return f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", fields  # noqa: S608


def insert_event(event: AuditEvent) -> None:
    """Write one new audit event, prepared field by field as `save()` would (its id is not read back)."""
    alias = router.db_for_write(AuditEvent)
    connection = connections[alias]
    sql, fields = _insert_query(alias)
    values = [field.get_db_prep_save(field.pre_save(event, True), connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
