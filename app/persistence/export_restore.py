"""Putting our own whole-database export back: every table, ids and links as they were, in one go.

The service (app/services/importing/restoring.py) reads and checks the workbook; this module says
what each exported table's columns are, whether the database is empty, and writes the rows.

Only into an empty database: every exported table without a row, save `setting`, which a new
database may already have a row or two in (a backup folder chosen before the restore); the
export's settings replace those of the same name. The rows keep their ids, so every link between
them holds and nothing is renumbered. The write is one transaction, with bulk.insert_rows (one
executemany per chunk; on PostgreSQL it moves each id sequence past the ids written), and ends by
rebuilding the search index. The restore is counted like any other write (app/persistence/
change_counters.py), so the open screens refresh and the opportunities are worked out again from
what was restored: the counting triggers are taken off for the write and put back in the same
transaction, and each table's count moves by the rows written, at once (see _counted_at_once).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from peewee import ForeignKeyField, SqliteDatabase

from app.persistence import bulk, change_counters, exports, locks, search_index
from app.persistence.tables import ALL_TABLES, database_proxy

RESTORE = "restore-export"  # the lock two office PCs restoring into the same empty server take in turn
PRESET_TABLES = frozenset({"setting"})  # rows a new database may have: replaced key by key
CHUNK = 5000


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # as the export writes it: "date", "datetime", "bool", "number" or "text"
    nullable: bool
    default: object  # the model's default as stored (None when it has none)
    references: str | None  # the table a foreign key points at
    unique: bool  # the primary key, or a column no two rows may share


@dataclass(frozen=True)
class Table:
    name: str
    key: str  # the primary key's column
    columns: tuple[Column, ...]


class NotEmpty(Exception):
    """The database already holds rows: `held` is table → how many."""

    def __init__(self, held: dict[str, int]) -> None:
        super().__init__(f"the database is not empty: {held}")
        self.held = held


def restorable_tables() -> list[Table]:
    """Every exported table, parents before children, with what a reader needs to know of its columns."""
    models = {model._meta.table_name: model for model in ALL_TABLES}
    found = []
    for name, kinds in exports.exportable_tables():
        fields = {field.column_name: field for field in models[name]._meta.sorted_fields}
        columns = []
        for column, kind in kinds:
            field = fields[column]
            default = field.default() if callable(field.default) else field.default
            columns.append(
                Column(
                    column,
                    kind,
                    bool(field.null),
                    _as_stored(default),
                    field.rel_model._meta.table_name if isinstance(field, ForeignKeyField) else None,
                    bool(field.primary_key or field.unique),
                )
            )
        found.append(Table(name, models[name]._meta.primary_key.column_name, tuple(columns)))
    return found


def _as_stored(value: object) -> object:
    """A default as a restored row holds it: dates and moments as ISO text, as peewee stores them."""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def held_rows() -> dict[str, int]:
    """The exported tables that hold rows (the preset ones aside), with how many: {} for an empty database."""
    database = database_proxy.obj
    held = {}
    for name, _columns in exports.exportable_tables():
        if name in PRESET_TABLES:
            continue
        if database.execute_sql(f'SELECT 1 FROM "{name}" LIMIT 1').fetchone() is not None:
            held[name] = exports.count_rows(name)
    return held


def restore_tables(
    tables: Sequence[tuple[str, Sequence[str], Sequence[tuple]]],
    checkpoint: Callable[[int, int], None] | None = None,
) -> None:
    """Write every table's rows (as stored: dates as ISO text) into the empty database, in one transaction.

    Raises NotEmpty, writing nothing, when the database holds rows (checked again inside the
    transaction, under a lock: a second office PC restoring at the same moment waits, then is told).
    `checkpoint(done, total)` runs between chunks; an exception from it (a cancel) rolls all back.
    The caller has checked every reference, so SQLite is spared its per-row look-ups.
    """
    check = checkpoint or (lambda done, total: None)
    total = sum(len(rows) for _name, _columns, rows in tables)
    done = 0
    with bulk.transaction(check_foreign_keys=False), locks.exclusive(RESTORE):
        held = held_rows()
        if held:
            raise NotEmpty(held)
        with _counted_at_once([name for name, _columns, _rows in tables]) as count:
            for name, columns, rows in tables:
                if name in PRESET_TABLES:
                    _clear_keys(name, columns, rows)
                for start in range(0, len(rows), CHUNK):
                    chunk = rows[start : start + CHUNK]
                    bulk.insert_rows(name, columns, chunk)
                    done += len(chunk)
                    check(done, total)
                count(name, len(rows))
        search_index.reindex()


@contextmanager
def _counted_at_once(table_names: list[str]) -> Iterator[Callable[[str, int], None]]:
    """The tables' counting triggers off for the write, back on before the transaction ends, and each
    count moved by the rows written. A rollback takes the switching off back with everything else.

    SQLite counts per row: 11 of the 14 s of writing 525,000 rows. PostgreSQL counts per statement,
    and executemany runs one per row: each bumps the same counter row again in one transaction, which
    grows slower with every version of it (quadratic: 20,000 customers took over 14 minutes)."""
    database = database_proxy.obj
    written = dict.fromkeys(table_names, 0)
    sqlite = isinstance(database, SqliteDatabase)
    # The triggers change_counters.install makes: three per table on SQLite, one on PostgreSQL.
    for name in table_names:
        if sqlite:
            for event in ("insert", "update", "delete"):
                database.execute_sql(f'DROP TRIGGER IF EXISTS "count_{event}_{name}"')
        else:
            database.execute_sql(f'ALTER TABLE "{name}" DISABLE TRIGGER count_change')

    def count(table: str, rows: int) -> None:
        written[table] += rows

    try:
        yield count
    finally:
        if sqlite:
            change_counters.install(database, table_names)
        else:
            for name in table_names:
                database.execute_sql(f'ALTER TABLE "{name}" ENABLE TRIGGER count_change')
    counters, mark = change_counters.COUNTER_TABLE, database.param
    for name, rows in written.items():
        if rows:
            database.execute_sql(
                f"UPDATE {counters} SET changes = changes + {mark} WHERE table_name = {mark}", (rows, name)
            )


def _clear_keys(name: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """Take out the preset rows the export has a row of its own for (the export's value wins)."""
    key = next(table.key for table in restorable_tables() if table.name == name)
    position = list(columns).index(key)
    keys = [row[position] for row in rows]
    database = database_proxy.obj
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ", ".join([database.param] * len(chunk))
        database.execute_sql(f'DELETE FROM "{name}" WHERE "{key}" IN ({marks})', chunk)
