"""The export's reads: every table with its columns' kinds, and its rows a chunk at a time."""

from __future__ import annotations

from collections.abc import Iterator

from peewee import AutoField, BooleanField, DateField, DateTimeField, Field, ForeignKeyField, IntegerField

from app.persistence.tables import ALL_TABLES, database_proxy


def exportable_tables() -> list[tuple[str, list[tuple[str, str]]]]:
    """(table name, [(column, kind)]) of every table, parents before children.

    kind is "date", "datetime", "bool", "number" or "text", so the export can write real dates and yes/no.
    """
    return [
        (model._meta.table_name, [(f.column_name, _kind(f)) for f in model._meta.sorted_fields])
        for model in ALL_TABLES
    ]


def _kind(column: Field) -> str:
    if isinstance(column, DateTimeField):
        return "datetime"
    if isinstance(column, DateField):
        return "date"
    if isinstance(column, BooleanField):
        return "bool"
    if isinstance(column, (IntegerField, ForeignKeyField, AutoField)):
        return "number"
    return "text"


def table_rows(table: str, columns: list[str], size: int = 5000) -> Iterator[list[tuple]]:
    """The rows of one table in id order (when it has one), a chunk at a time."""
    known = {name: {c for c, _ in columns} for name, columns in exportable_tables()}
    if table not in known or any(c not in known[table] for c in columns):
        raise ValueError(f"unknown table or column: {table}")
    names = ", ".join(f'"{c}"' for c in columns)
    order = ' ORDER BY "id"' if "id" in columns else ""
    cursor = database_proxy.obj.execute_sql(f'SELECT {names} FROM "{table}"{order}')
    try:
        while rows := cursor.fetchmany(size):
            yield [tuple(row) for row in rows]
    finally:
        cursor.close()


def count_rows(table: str) -> int:
    if table not in dict(exportable_tables()):
        raise ValueError(f"unknown table {table}")
    return database_proxy.obj.execute_sql(f'SELECT count(*) FROM "{table}"').fetchone()[0]
