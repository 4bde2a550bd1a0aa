"""The export's reads: every table with its columns' kinds, and its rows a chunk at a time.

Which tables are exported follows from the declarations (ALL_TABLES in app/persistence/tables.py):
all of them, except those NOT_EXPORTED lists with the reason. A table in the database that is in
neither is reported by `unaccounted_tables()`, and tests/services/test_export.py fails on it.
"""

from __future__ import annotations

from collections.abc import Iterator

from peewee import AutoField, BooleanField, DateField, DateTimeField, Field, ForeignKeyField, IntegerField

from app.persistence.tables import ALL_TABLES, database_proxy

_SEARCH_INDEX = "the customer search index: rebuilt from the customers, sites and equipment"

# The tables the export leaves out on purpose, and why. Every other table is exported.
NOT_EXPORTED: dict[str, str] = {
    "app_meta": "the schema stamp and freshness marks describe the database file, not the business",
    "schema_migration": "which migrations ran: the history of the database file, not of the business",
    "change_counter": "counts of this database file's writes, meaningless in any other database",
    "customer_search": _SEARCH_INDEX,
    # SQLite keeps the FTS5 index in these tables of its own.
    "customer_search_config": _SEARCH_INDEX,
    "customer_search_content": _SEARCH_INDEX,
    "customer_search_data": _SEARCH_INDEX,
    "customer_search_docsize": _SEARCH_INDEX,
    "customer_search_idx": _SEARCH_INDEX,
}


def exportable_tables() -> list[tuple[str, list[tuple[str, str]]]]:
    """(table name, [(column, kind)]) of every table but those NOT_EXPORTED, parents before children.

    kind is "date", "datetime", "bool", "number" or "text", so the export can write real dates and yes/no.
    """
    return [
        (model._meta.table_name, [(f.column_name, _kind(f)) for f in model._meta.sorted_fields])
        for model in ALL_TABLES
        if model._meta.table_name not in NOT_EXPORTED
    ]


def unaccounted_tables() -> list[str]:
    """Tables of the open database that are neither exported nor deliberately left out."""
    exported = {name for name, _columns in exportable_tables()}
    return sorted(set(database_proxy.obj.get_tables()) - exported - set(NOT_EXPORTED))


def unexported_columns() -> dict[str, list[str]]:
    """Columns of exported tables that the database has but the declarations do not (a migration
    added them and the model was not told), so the export would leave them out."""
    database = database_proxy.obj
    missing = {}
    for table, columns in exportable_tables():
        declared = {name for name, _kind in columns}
        extra = sorted(c.name for c in database.get_columns(table) if c.name not in declared)
        if extra:
            missing[table] = extra
    return missing


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
