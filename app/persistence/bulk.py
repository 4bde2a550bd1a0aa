"""Fast bulk writes (demo data, imports): raw `executemany` inside one transaction; and a read-only
snapshot for long reads that must not hold the write lock.

Measured: 100k rows in one transaction with `executemany` take ≈ 0.2 s, peewee's
`insert_many` ≈ 3 s. The table and column names are checked against the peewee
models before they go into SQL, so no caller can inject SQL through them; the
values always travel as parameters.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from itertools import islice

from peewee import Field, SqliteDatabase

from app.persistence.tables import ALL_TABLES, database_proxy


@cache
def _fields_by_table() -> dict[str, dict[str, Field]]:
    return {
        model._meta.table_name: {field.column_name: field for field in model._meta.sorted_fields}
        for model in ALL_TABLES
    }


def _checked_table(table_name: str) -> dict[str, Field]:
    fields = _fields_by_table().get(table_name)
    if fields is None:
        raise ValueError(f"unknown table {table_name!r}")
    return fields


def _stored(value: object) -> object:
    """A default as peewee stores it in SQLite: dates and datetimes as ISO text."""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _defaults_for_the_rest(fields: dict[str, Field], columns: Sequence[str]) -> dict[str, object]:
    """The model defaults of the NOT NULL columns not given: the schema sets no defaults of its own,
    so a column added by a later migration would otherwise break every bulk writer."""
    defaults = {}
    for name, field in fields.items():
        if name in columns or field.null or field.primary_key or field.default is None:
            continue
        defaults[name] = _stored(field.default() if callable(field.default) else field.default)
    return defaults


def insert_rows(table_name: str, columns: Sequence[str], rows: Iterable[tuple]) -> None:
    """Insert the rows (tuples in the order of `columns`) with one executemany.

    Pass dates and datetimes as ISO text ('YYYY-MM-DD', 'YYYY-MM-DD HH:MM:SS'),
    as peewee stores them in SQLite, and booleans as bool. NOT NULL columns left
    out get their model default. Run it inside `transaction()`: outside one,
    SQLite would commit row by row.
    """
    known = _checked_table(table_name)
    unknown = [c for c in columns if c not in known]
    if unknown or not columns:
        raise ValueError(f"unknown columns for {table_name}: {unknown or 'none given'}")
    defaults = _defaults_for_the_rest(known, columns)
    if defaults:
        columns = [*columns, *defaults]
        rest = tuple(defaults.values())
        rows = (row + rest for row in rows)
    db = database_proxy.obj
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join([db.param] * len(columns))
    cursor = db.cursor()
    try:
        if isinstance(db, SqliteDatabase):
            cursor.executemany(f'INSERT INTO "{table_name}" ({names}) VALUES ({marks})', rows)
        else:
            _insert_in_chunks(cursor, f'INSERT INTO "{table_name}" ({names}) VALUES ', f"({marks})", rows)
        if "id" in columns and not isinstance(db, SqliteDatabase):
            # Explicit ids leave a PostgreSQL sequence behind; move it past them so later inserts work.
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table_name}\"', 'id'), "
                f'(SELECT coalesce(max(id), 0) + 1 FROM "{table_name}"), false)'
            )
    finally:
        cursor.close()


# PostgreSQL: many rows per INSERT. psycopg's executemany sends one statement a row, and every
# statement fires the table's write-counting trigger (app.persistence.change_counters): a
# 2,000-customer demo took 20.3 s that way, 2.2 s without the trigger.
ROWS_PER_INSERT = 1000
PARAMETERS_PER_STATEMENT = 60_000  # under PostgreSQL's 65,535


def _insert_in_chunks(cursor, head: str, row_marks: str, rows: Iterable[tuple]) -> None:
    per_row = row_marks.count(",") + 1
    size = max(1, min(ROWS_PER_INSERT, PARAMETERS_PER_STATEMENT // per_row))
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        cursor.execute(head + ", ".join([row_marks] * len(chunk)), [value for row in chunk for value in row])


def is_empty(table_names: Iterable[str] = ("customer",)) -> bool:
    """True when none of these tables (by default: customers) has a row."""
    db = database_proxy.obj
    for table_name in table_names:
        _checked_table(table_name)
        if db.execute_sql(f'SELECT 1 FROM "{table_name}" LIMIT 1').fetchone() is not None:
            return False
    return True


@contextmanager
def transaction(*, check_foreign_keys: bool = True) -> Iterator[None]:
    """One transaction: everything inside is written, or nothing is.

    `check_foreign_keys=False` spares SQLite its per-row look-up of every referenced
    row (a sixth of a bulk insert's time), for a writer that numbers the rows itself
    and so knows every reference holds. SQLite only switches the check outside a
    transaction, so inside another one the check simply stays on.
    """
    db = database_proxy.obj
    switch = not check_foreign_keys and isinstance(db, SqliteDatabase) and not db.in_transaction()
    was_on = switch and db.execute_sql("PRAGMA foreign_keys").fetchone()[0]
    if was_on:
        db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        with db.atomic():
            yield
    finally:
        if was_on:
            db.execute_sql("PRAGMA foreign_keys = ON")


def snapshot_available() -> bool:
    """True when `read_snapshot` holds no write lock: SQLite in WAL mode, outside any transaction.

    (Another journal mode would let a long reader hold up every writer's commit; inside a
    transaction already, the snapshot could not begin.)"""
    db = database_proxy.obj
    if not isinstance(db, SqliteDatabase) or db.in_transaction():
        return False
    return str(db.execute_sql("PRAGMA journal_mode").fetchone()[0]).lower() == "wal"


@contextmanager
def read_snapshot() -> Iterator[None]:
    """One consistent view of the database to read from, holding no write lock (see
    `snapshot_available`): other connections write and commit meanwhile, unseen here.

    The database opens every transaction IMMEDIATE (app.persistence.db), which takes the write lock
    at once; this one begins DEFERRED and only reads, so in WAL mode it takes none. Its view is the
    one of its first read. A write inside is refused (query_only): it would need the lock after
    all, and could be refused outright when another connection committed since the view was taken.
    """
    db = database_proxy.obj
    if not snapshot_available():
        raise RuntimeError("read_snapshot needs SQLite in WAL mode, outside a transaction")
    db.execute_sql("PRAGMA query_only = ON")
    try:
        with db.atomic(lock_type="DEFERRED"):
            yield
    finally:
        db.execute_sql("PRAGMA query_only = OFF")
