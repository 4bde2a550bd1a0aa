"""The database counts its own writes, per table: the one source of "what changed".

Every table of ours has triggers that add one to its row of `change_counter` on each insert,
update or delete (PostgreSQL: per statement; SQLite: per row). On SQLite a trigger's presence alone
slows bulk inserts into a heavily indexed table: 40,000 opportunities (11 indexes) take 1.27 s of CPU
instead of 0.35 s, even for a trigger that does nothing (an unindexed table shows no difference).
That is the price of the first recompute after a large import; counting per statement instead
(SQLite has no statement triggers) is the way to win it back. So no caller keeps a hand-written list of what a
write touches: whoever wants to know compares two readings of `counts()`. It sees every writer,
raw SQL, bulk inserts and another office PC included.

Derived data remembers the counts it was computed from (in `app_meta`, which is not counted, so
marking something fresh is not itself a change): the opportunities are stale when any of their
inputs changed since, or the day turned over.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from peewee import Database, SqliteDatabase

from app.persistence.raw_sql import run_sql
from app.persistence.tables import AppMeta

COUNTER_TABLE = "change_counter"
# Not counted: the stamps, where derived data records how fresh it is.
UNCOUNTED = {"app_meta", COUNTER_TABLE, "schema_migration"}
# Written by the recompute itself, or bookkeeping nothing is due from.
NOT_OPPORTUNITY_INPUTS = {"opportunity", "import_batch", "import_change", "import_mapping", "letter_template"}
OPPORTUNITIES_KEY = "opportunities_computed_from"


def install(database: Database, table_names: Iterable[str]) -> None:
    """Create the counter table (once) and the counting triggers of each table named."""
    database.execute_sql(
        f"CREATE TABLE IF NOT EXISTS {COUNTER_TABLE} "
        "(table_name VARCHAR(64) PRIMARY KEY, changes BIGINT NOT NULL DEFAULT 0)"
    )
    sqlite = isinstance(database, SqliteDatabase)
    if not sqlite:
        database.execute_sql(
            "CREATE OR REPLACE FUNCTION count_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"UPDATE {COUNTER_TABLE} SET changes = changes + 1 WHERE table_name = TG_TABLE_NAME; "
            "RETURN NULL; END $$"
        )
    for name in table_names:
        database.execute_sql(
            f"INSERT INTO {COUNTER_TABLE} (table_name, changes) VALUES ('{name}', 0) ON CONFLICT DO NOTHING"
        )
        if sqlite:
            for event in ("INSERT", "UPDATE", "DELETE"):
                database.execute_sql(
                    f'CREATE TRIGGER IF NOT EXISTS count_{event.lower()}_{name} AFTER {event} ON "{name}" '
                    f"BEGIN UPDATE {COUNTER_TABLE} SET changes = changes + 1 "
                    f"WHERE table_name = '{name}'; END"
                )
        else:
            database.execute_sql(f'DROP TRIGGER IF EXISTS count_change ON "{name}"')
            database.execute_sql(
                f'CREATE TRIGGER count_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{name}" '
                "FOR EACH STATEMENT EXECUTE FUNCTION count_change()"
            )


def counted_tables() -> set[str]:
    return {name for (name,) in run_sql(f"SELECT table_name FROM {COUNTER_TABLE}")}


def counts() -> dict[str, int]:
    """How many writes each table has seen, ever: compare two readings to learn what changed."""
    return {
        name: int(changes) for name, changes in run_sql(f"SELECT table_name, changes FROM {COUNTER_TABLE}")
    }


def changed_between(before: Mapping[str, int], after: Mapping[str, int]) -> frozenset[str]:
    return frozenset(name for name, changes in after.items() if before.get(name) != changes)


def opportunity_inputs(readings: Mapping[str, int] | None = None) -> int:
    """One number that moves whenever anything an opportunity is worked out from changes."""
    readings = counts() if readings is None else readings
    return sum(changes for name, changes in readings.items() if name not in NOT_OPPORTUNITY_INPUTS)


def affects_opportunities(changes: Iterable[str]) -> bool:
    return any(name not in NOT_OPPORTUNITY_INPUTS and name not in UNCOUNTED for name in changes)


def recompute_reads_changed(before: Mapping[str, int], after: Mapping[str, int]) -> bool:
    """True when something the opportunity recompute reads changed between two readings: one of
    its inputs, or the opportunities themselves (an owner marking one won, another recompute)."""
    changes = changed_between(before, after)
    return "opportunity" in changes or affects_opportunities(changes)


def mark_opportunities_computed(today: datetime.date) -> None:
    """Record what the opportunities now reflect: call inside the recompute's transaction, last."""
    value = f"{today.isoformat()} {opportunity_inputs()}"
    AppMeta.insert(key=OPPORTUNITIES_KEY, value=value).on_conflict(
        conflict_target=[AppMeta.key], update={AppMeta.value: value}
    ).execute()


def opportunities_are_stale(today: datetime.date) -> bool:
    """True when the day turned over or an input changed since the opportunities were last worked out."""
    row = AppMeta.select(AppMeta.value).where(AppMeta.key == OPPORTUNITIES_KEY).first()
    return row is None or row.value != f"{today.isoformat()} {opportunity_inputs()}"
