"""The database counts its own writes, and opportunities know when they are stale."""

from __future__ import annotations

import datetime

from peewee import SqliteDatabase

from app.domain.customers import CustomerDraft
from app.persistence import change_counters
from app.persistence.raw_sql import run_sql
from app.persistence.tables import Customer, Setting
from app.services import customers as customer_service
from app.services.freshness import ensure_opportunities_fresh, opportunities_are_stale


def _tables(database) -> set[str]:
    return {
        name
        for name in database.get_tables()
        if name not in change_counters.UNCOUNTED and not name.startswith("customer_search")
    }


def test_every_table_counts_its_writes(db) -> None:
    """A migration that adds a table and forgets to count it fails here."""
    assert change_counters.counted_tables() == _tables(db.database)
    if isinstance(db.database, SqliteDatabase):
        triggers = {name for (name,) in run_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for table in _tables(db.database):
            assert {f"count_{event}_{table}" for event in ("insert", "update", "delete")} <= triggers


def test_a_write_moves_exactly_the_tables_it_touched(db) -> None:
    before = change_counters.counts()
    customer_id = customer_service.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
    after_add = change_counters.counts()
    assert "customer" in change_counters.changed_between(before, after_add)
    assert "partner" not in change_counters.changed_between(before, after_add)

    Customer.update(notes="likes mornings").where(Customer.id == customer_id).execute()
    Setting.insert(key="company_name", value='"Cool Air LLC"').execute()
    moved = change_counters.changed_between(after_add, change_counters.counts())
    assert moved == {"customer", "setting"}


def test_opportunities_are_stale_after_a_change_and_on_a_new_day(db, clock) -> None:
    assert opportunities_are_stale()  # never worked out
    ensure_opportunities_fresh()
    assert not opportunities_are_stale()
    assert ensure_opportunities_fresh() is None  # nothing to do twice

    customer_service.add_customer(CustomerDraft(first_name="Bob", last_name="Jones"))
    assert opportunities_are_stale()
    ensure_opportunities_fresh()
    assert not opportunities_are_stale()

    clock.advance(days=1)
    assert opportunities_are_stale()
    clock.set(clock.now() - datetime.timedelta(days=1))
    assert not opportunities_are_stale()


def test_marking_them_fresh_is_not_itself_a_change(db) -> None:
    ensure_opportunities_fresh()
    before = change_counters.counts()
    change_counters.mark_opportunities_computed(datetime.date(2026, 12, 2))
    assert change_counters.changed_between(before, change_counters.counts()) == frozenset()


def test_a_bulk_insert_counts_once_a_row_on_sqlite_and_once_a_chunk_on_postgres(db) -> None:
    """PostgreSQL's trigger fires per statement: rows go a thousand to a statement, so a big import
    does not update the counter row once per row (a 2,000-customer demo took 20 s that way, now 4 s)."""
    from app.persistence import bulk

    before = change_counters.counts()["segment"]
    with bulk.transaction():
        bulk.insert_rows("segment", ["name"], [(f"Segment {n}",) for n in range(2_500)])
    moved = change_counters.counts()["segment"] - before
    assert moved == (2_500 if isinstance(db.database, SqliteDatabase) else 3)
