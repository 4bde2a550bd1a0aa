"""One piece of work at a time across every PC of the office: `exclusive(name)`.

Two office PCs recomputing opportunities at the same moment both find the same new
opportunity missing and both insert it; the second insert breaks the unique key and its
owner gets an apology. Inside `exclusive(OPPORTUNITY_RECOMPUTE)` the second PC waits for
the first one's transaction to end, then finds what it wrote.

On PostgreSQL this is a transaction-level advisory lock (`pg_advisory_xact_lock`) on a
stable number made from the name: every PC computes the same number, and the server lets
it go when the transaction commits or rolls back, also when a PC's connection drops.
On SQLite it does nothing: one file has one writer at a time already.

Use it inside the transaction it protects, as its first statement:

    with database_proxy.atomic():                 # e.g. bulk.transaction()
        with locks.exclusive(locks.OPPORTUNITY_RECOMPUTE):
            ...read what is there, write what is missing...

Outside a transaction the lock would be let go at once, protecting nothing, so that is
refused (on SQLite too, so the mistake shows in every test run).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from peewee import PostgresqlDatabase

from app.persistence.tables import database_proxy

OPPORTUNITY_RECOMPUTE = "opportunity-recompute"


def lock_key(name: str) -> int:
    """The advisory lock number for `name`: the same on every PC and every run (Python's hash() is
    not), within PostgreSQL's signed 64-bit range."""
    digest = hashlib.sha256(f"customers-for-life:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


@contextmanager
def exclusive(name: str) -> Iterator[None]:
    """Wait until no other connection holds `name`, then hold it until this transaction ends."""
    database = database_proxy.obj
    if not database.in_transaction():
        raise RuntimeError(f"exclusive({name!r}) must be used inside the transaction it protects")
    if isinstance(database, PostgresqlDatabase):
        database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (lock_key(name),))
    yield
