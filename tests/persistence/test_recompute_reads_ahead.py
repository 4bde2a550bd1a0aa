"""The recompute reads and judges without SQLite's write lock, then writes in one short transaction.

An owner's edit made on another connection while the recompute reads goes through at once (a
busy timeout of 0.1 s here, where the app waits 5 s), and what the recompute then writes is what
the data says after that edit, never a plan read before it.
"""

from __future__ import annotations

import datetime
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from peewee import OperationalError

from app.domain.opportunities import RecomputeSummary, Rules
from app.domain.opportunity_kinds import KINDS
from app.persistence import bulk, change_counters
from app.persistence import opportunities as opportunity_sql
from app.persistence.opportunity_kinds import CANDIDATES, READS_CLOSED_COLUMNS
from app.persistence.tables import AppMeta, Customer, Equipment, Opportunity, Visit, database_proxy
from app.services.opportunities import recompute_opportunities, set_opportunity_status
from app.services.settings import load_settings
from tests.persistence.test_opportunity_engine import (
    TODAY,
    _a_bit_of_everything,
    catalog,  # noqa: F401 - the fixture
    customer,
    d,
    furnace,
    opportunities,
    plan,
    sale,
    site,
)

QUICK_MS = 100  # how long an edit here may wait for the write lock before "database is locked"


def _impatient() -> None:
    """This (the owner's) connection gives up on the write lock after QUICK_MS, not 5 s."""
    database_proxy.obj.execute_sql(f"PRAGMA busy_timeout = {QUICK_MS}")


class _Paused:
    """A recompute on its own thread (so its own connection), held each time it reports that it
    found what resolved itself (a reading has begun) until the test lets it go on."""

    def __init__(self, today: datetime.date, pauses: int) -> None:
        self.pauses = pauses
        self.reading = threading.Semaphore(0)
        self.go = threading.Semaphore(0)
        self.summary: RecomputeSummary | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(today,), daemon=True)

    def _progress(self, done: int, _total: int) -> None:
        if done == 1 and self.pauses > 0:
            self.pauses -= 1
            self.reading.release()
            assert self.go.acquire(timeout=10)

    def _run(self, today: datetime.date) -> None:
        try:
            self.summary = recompute_opportunities(today=today, progress=self._progress)
        except BaseException as error:  # handed to the test, which raises it on its own thread
            self.error = error
        finally:
            database_proxy.obj.close()  # this thread's connection only

    def meanwhile(self, edit: Callable[[], object]) -> None:
        """Wait for the recompute to be reading, run `edit` here, then let the recompute go on."""
        assert self.reading.acquire(timeout=10), "the recompute never started reading"
        try:
            edit()
        finally:
            self.go.release()

    def finish(self) -> RecomputeSummary:
        self.thread.join(timeout=60)
        assert not self.thread.is_alive()
        if self.error is not None:
            raise self.error
        assert self.summary is not None
        return self.summary


@contextmanager
def recompute_on_another_connection(today: datetime.date, pauses: int = 1) -> Iterator[_Paused]:
    paused = _Paused(today, pauses)
    paused.thread.start()
    try:
        yield paused
    finally:
        for _ in range(paused.pauses + 1):
            paused.go.release()  # never leave it waiting when the test failed
        paused.thread.join(timeout=60)


def test_an_owners_edit_goes_through_while_the_recompute_reads(catalog) -> None:  # noqa: F811
    _a_bit_of_everything(catalog)
    _impatient()
    added: list[Equipment] = []
    with recompute_on_another_connection(TODAY) as recompute:
        # The furnace typed in while the recompute reads: before, this waited for its whole run.
        recompute.meanwhile(lambda: added.append(furnace(site(customer("Brown, Cy")), d("2001-01-01"))))
        summary = recompute.finish()
    # Written after the edit, so worked out from it: the new furnace is due for replacement too.
    assert {o.equipment_id for o in opportunities("replacement")} >= {added[0].id}
    assert summary.total_raised == len(opportunities())
    assert not change_counters.opportunities_are_stale(TODAY)
    assert recompute_opportunities(today=TODAY).total_raised == 0


def test_what_the_owner_decided_meanwhile_is_not_written_over(catalog) -> None:  # noqa: F811
    """A plan read before the owner's edit is dropped: here it would have reopened what they won."""
    unit = furnace(site(customer("Smith, Ann")), d("2012-01-10"), catalog["basic"])
    recompute_opportunities(today=TODAY)
    (nearing,) = opportunities("replacement")
    _impatient()
    later = d("2032-01-10")  # 20: the next threshold, which refreshes the one being worked
    with recompute_on_another_connection(later) as recompute:
        recompute.meanwhile(lambda: set_opportunity_status(nearing.id, "won", today=later))
        summary = recompute.finish()
    won, new = opportunities("replacement")
    assert (won.id, won.status, won.trigger_key) == (nearing.id, "won", nearing.trigger_key)
    assert (new.status, new.trigger_key) == ("open", f"replacement:equipment{unit.id}:age20")
    assert (summary.refreshed, summary.raised["replacement"]) == (0, 1)


def test_overtaken_twice_it_reads_a_third_time_under_the_lock_and_finishes(catalog) -> None:  # noqa: F811
    _impatient()
    first, second = site(customer("Smith, Ann")), site(customer("Jones, Bob"))
    with recompute_on_another_connection(TODAY, pauses=2) as recompute:
        recompute.meanwhile(lambda: furnace(first, d("2001-01-01")))
        recompute.meanwhile(lambda: furnace(second, d("2002-01-01")))
        summary = recompute.finish()
    assert summary.raised["replacement"] == 2 and len(opportunities("replacement")) == 2
    assert not change_counters.opportunities_are_stale(TODAY)


def test_a_recompute_with_nothing_new_takes_no_write_lock(db) -> None:
    furnace(site(customer("Smith, Ann")), d("2001-01-01"))
    assert recompute_opportunities(today=TODAY).total_raised > 0
    _impatient()
    other = sqlite3.connect(db.database.database, timeout=QUICK_MS / 1000)
    try:
        other.execute("BEGIN IMMEDIATE")  # another connection in the middle of a write
        assert recompute_opportunities(today=TODAY).total_raised == 0
    finally:
        other.rollback()
        other.close()


def test_a_snapshot_sees_one_moment_and_lets_writers_write(db) -> None:
    customer("Smith, Ann")
    assert bulk.snapshot_available()
    other = sqlite3.connect(db.database.database, timeout=QUICK_MS / 1000)
    try:
        with bulk.read_snapshot():
            assert Customer.select().count() == 1
            other.execute("BEGIN IMMEDIATE")
            other.execute("INSERT INTO app_meta (key, value) VALUES ('written', 'meanwhile')")
            other.commit()
            assert AppMeta.get_or_none(AppMeta.key == "written") is None  # the moment of its first read
            with pytest.raises(OperationalError, match="readonly"):
                customer("Jones, Bob")
            assert not bulk.snapshot_available()  # no snapshot inside a transaction
    finally:
        other.close()
    assert AppMeta.get(AppMeta.key == "written").value == "meanwhile"
    customer("Jones, Bob")  # writing works again after it
    assert Customer.select().count() == 2


def test_a_closing_is_seen_by_a_later_resolution(catalog) -> None:  # noqa: F811
    """Closings are written after every resolution was checked: one ended by an earlier resolution
    (its unit removed: lost) is not closed again by a later one (its item bought: won)."""
    ann = customer("Smith, Ann")
    home = site(ann)
    unit = furnace(home, d("2016-05-20"), catalog["basic"], warranty_until=d("2026-05-20"))
    recompute_opportunities(today=TODAY)
    assert [o.status for o in opportunities("upgrade")] == ["open"]
    Equipment.update(removed_on=TODAY).where(Equipment.id == unit.id).execute()
    sale(ann, TODAY, 540_000, home, catalog["better"])
    summary = recompute_opportunities(today=TODAY + datetime.timedelta(days=1))
    assert opportunities("upgrade")[0].status == "lost"
    assert summary.closed == 2  # the upgrade and the warranty, once each


def test_one_closed_in_the_run_is_not_brought_up_to_date_but_followed_by_a_new_one(catalog) -> None:  # noqa: F811
    """The subjects still being worked leave out what the run's closings end: a visit typed in late
    wins the maintenance due and, 18 days overdue itself by now, raises the next one."""
    ann = customer("Smith, Ann")
    home = site(ann)
    club = plan(ann, home, d("2026-09-01"), visits_per_year=2)
    recompute_opportunities(today=TODAY)
    (due,) = opportunities("maintenance_due")
    Visit.create(customer=ann, site=home, plan=club, visited_on=TODAY - datetime.timedelta(days=200))
    summary = recompute_opportunities(today=TODAY)
    assert (summary.closed, summary.raised["maintenance_due"], summary.refreshed) == (1, 1, 0)
    won, next_one = opportunities("maintenance_due")
    assert (won.id, won.status) == (due.id, "won")
    assert next_one.status == "open" and next_one.reason.endswith("18 days overdue")


def test_a_closing_frees_a_site_for_its_next_add_on_in_the_same_run(catalog) -> None:  # noqa: F811
    """Add-ons read what a closing writes (one at a time per site): read again after the closings."""
    assert "add_on" in READS_CLOSED_COLUMNS
    ann = customer("Smith, Ann")
    home = site(ann)
    furnace(home, d("2020-05-01"), catalog["better"])
    Visit.create(customer=ann, site=home, visited_on=TODAY - datetime.timedelta(days=30))
    recompute_opportunities(today=TODAY)
    (humidifier,) = opportunities("add_on")
    sale(ann, TODAY, 85_000, home, catalog["humidifier"])
    summary = recompute_opportunities(today=TODAY)
    assert (summary.closed, summary.raised["add_on"]) == (1, 1)
    won, uv = opportunities("add_on")
    assert (won.id, won.status) == (humidifier.id, "won")
    assert (uv.catalog_item_id, uv.status) == (catalog["uv"], "open")


# ---------------------------------------------------------------- what reading ahead relies on


def test_a_kinds_candidates_read_only_its_own_kinds_opportunities(catalog) -> None:  # noqa: F811
    """Every kind is read before any is written: what the other kinds raised must not matter."""
    _a_bit_of_everything(catalog)
    recompute_opportunities(today=TODAY)
    rules = Rules.from_settings(load_settings(), TODAY)
    for spec in KINDS:
        with database_proxy.atomic() as transaction:
            Opportunity.delete().where(Opportunity.kind == spec.kind).execute()
            among_others = _candidates(spec.kind, rules)
            Opportunity.delete().execute()
            alone = _candidates(spec.kind, rules)
            transaction.rollback()
        assert alone and among_others == alone, spec.kind


def _candidates(kind: str, rules: Rules) -> list[tuple[Any, ...]]:
    """A kind's candidate rows, a lazy field (new products' customers) read out to compare them."""
    return [
        tuple(list(value) if isinstance(value, Iterator) else value for value in row)
        for row in CANDIDATES[kind](rules)
    ]


def test_the_kinds_that_read_what_a_closing_writes_are_declared(catalog) -> None:  # noqa: F811
    """SQLite tells every column a statement reads as it prepares it: the kinds whose candidate
    queries read a column a closing writes are exactly READS_CLOSED_COLUMNS."""
    _a_bit_of_everything(catalog)
    rules = Rules.from_settings(load_settings(), TODAY)
    database_proxy.obj.close()  # a new connection: no statement prepared before the authorizer
    connection = database_proxy.obj.connection()
    read: set[tuple[str, str]] = set()

    def authorize(action: int, table: str | None, column: str | None, *_: object) -> int:
        if action == sqlite3.SQLITE_READ and table == "opportunity" and column is not None:
            read.add((table, column))
        return sqlite3.SQLITE_OK

    connection.set_authorizer(authorize)
    try:
        readers = set()
        for spec in KINDS:
            read.clear()
            list(CANDIDATES[spec.kind](rules))
            if {column for _, column in read} & set(opportunity_sql.CLOSING_COLUMNS):
                readers.add(spec.kind)
    finally:
        connection.set_authorizer(None)
    assert readers == READS_CLOSED_COLUMNS
