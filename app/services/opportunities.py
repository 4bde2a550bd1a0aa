"""Who is due for what: recomputing the opportunities, listing them and changing their status.

`recompute_opportunities` first finds what resolved itself (a plan renewed, a unit replaced, a
customer spoken with), then, kind by kind in the order of the registry
(app.domain.opportunity_kinds.KINDS), reads the candidates set-based
(app.persistence.opportunity_kinds) and judges them by the kind's rule; then it writes it all in
one transaction: the closings, then each kind's new opportunities with one executemany
(app.persistence.opportunities). A key already raised is never raised again; a new event for a
subject still being worked updates that opportunity instead of adding another. Nothing here
names a kind: a new kind is registered in the domain and the persistence, and this runs it.

The reading and judging (seconds at 100,000 customers) hold no write lock on SQLite: they run in
a read-only snapshot (app.persistence.bulk.read_snapshot) while the owner's edits go on; the
writing is one short transaction at the end. Nothing is written between the reads, so the plan
carries forward what the sequential run would have seen: a later resolution skips what an earlier
one ended, the subjects being worked leave out the ones closed, and a kind whose candidate query
reads what a closing writes (app.persistence.opportunity_kinds.READS_CLOSED_COLUMNS) is read again
inside the write, after the closings, when the run closes one of its own. A kind's query reads
only its own kind's opportunities, so what the kinds before it raise changes nothing for it.

When the data moved between the snapshot and the write (an edit committed meanwhile: the write
counters differ), the plan is dropped and read again in a new snapshot: the owner's next edit
must not wait on a re-read either. When that one is overtaken too, the third reading is done
inside the write transaction, as on PostgreSQL (where the advisory lock has the whole run), so a
recompute always finishes with what the data says when it commits.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass

from app.domain import clock
from app.domain import opportunity_kinds as kinds
from app.domain.errors import UserError
from app.domain.kinds import OpportunityKind as K
from app.domain.kinds import OpportunityStatus
from app.domain.opportunities import (
    ACTIVE_STATUSES,
    MissingInfo,
    OpportunityRow,
    Raised,
    RecomputeSummary,
    Rules,
)
from app.domain.opportunity_kinds.spec import KindSpec
from app.persistence import bulk, change_counters, locks
from app.persistence import catalog as catalog_repository
from app.persistence import opportunities as engine
from app.persistence import queue as repository
from app.persistence.opportunity_kinds import CANDIDATES, READS_CLOSED_COLUMNS
from app.services.cancel import Cancelled
from app.services.catalog import default_catalog_needed, ensure_default_catalog
from app.services.settings import load_settings

Progress = Callable[[int, int], None] | None

# Readings in a snapshot before the last one is done inside the write transaction (module note).
SNAPSHOT_READINGS = 2
# The steps progress counts: finding what resolved itself, each kind, the writing.
STEPS = len(kinds.KINDS) + 2


@dataclass(frozen=True)
class _KindWork:
    """What one kind writes: new opportunities, and (id, offer) for subjects still being worked."""

    inserts: list[Raised]
    updates: list[tuple[int, Raised]]


@dataclass(frozen=True)
class _Plan:
    """Everything a run writes, worked out from one view of the data."""

    rules: Rules
    closings: list[engine.Closing]
    # One per kind of KINDS, in order; None: read inside the write, once the closings are written.
    work: list[_KindWork | None]
    missing: int
    counts: Mapping[str, int]  # the write counters the plan was read at
    stamped: bool  # the opportunities were already recorded as computed from these counts, today

    def writes_nothing(self) -> bool:
        return (
            self.stamped
            and not self.closings
            and all(work is not None and not work.inserts and not work.updates for work in self.work)
        )


def recompute_opportunities(
    *,
    today: datetime.date | None = None,
    progress: Progress = None,
    cancel: Callable[[], bool] | None = None,
    after_write: Callable[[], None] | None = None,
) -> RecomputeSummary:
    """Raise what became due, refresh what moved on, close what resolved itself: all of it, or nothing.

    When nothing changed since the last run (same day, same inputs) it writes nothing at all and,
    on SQLite, does not even take the write lock: running it to check costs reads alone.
    `after_write` runs inside the write transaction, last, just before it commits: whatever must
    commit with the opportunities (or not at all) goes there.
    """
    started = time.perf_counter()
    today = today or clock.today()
    for _ in range(SNAPSHOT_READINGS):
        if not bulk.snapshot_available():
            break
        with bulk.read_snapshot():
            plan = None if default_catalog_needed() else _plan(today, progress, cancel)
        if plan is None:
            break  # the default catalog goes in first: a write, so the whole run is done under the lock
        _check(cancel)
        if plan.writes_nothing() and after_write is None:
            _report(progress, STEPS, STEPS)
            return _summary(plan, {}, 0, started)
        summary = None
        with bulk.transaction(), locks.exclusive(locks.OPPORTUNITY_RECOMPUTE):
            if not change_counters.recompute_reads_changed(plan.counts, change_counters.counts()):
                summary = _write_plan(plan, today, after_write, started)
        if summary is not None:
            _report(progress, STEPS, STEPS)
            return summary
    # One PC at a time (PostgreSQL): a second one waits, then finds what the first wrote instead of
    # raising it again into the unique key.
    with bulk.transaction(), locks.exclusive(locks.OPPORTUNITY_RECOMPUTE):
        ensure_default_catalog()
        summary = _write_plan(_plan(today, progress, cancel), today, after_write, started)
    _report(progress, STEPS, STEPS)
    return summary


def _plan(today: datetime.date, progress: Progress, cancel: Callable[[], bool] | None) -> _Plan:
    """Read and judge everything; write nothing (the reading happens in one view of the data)."""
    counts = change_counters.counts()  # first: what the view is, for the write to compare with
    settings = load_settings()
    rules = Rules.from_settings(settings, today)
    closings = engine.find_resolved(rules, kinds.closed_by())
    ended = {closing.id for closing in closings if closing.status not in ACTIVE_STATUSES}
    closed_kinds = {closing.kind for closing in closings}
    _report(progress, 1, STEPS)
    work: list[_KindWork | None] = []
    for done, spec in enumerate(kinds.KINDS, start=2):
        _check(cancel)
        if spec.kind in READS_CLOSED_COLUMNS and spec.kind in closed_kinds:
            work.append(None)
        else:
            work.append(_judge(spec, rules, ended))
        _report(progress, done, STEPS)
    _check(cancel)
    missing = catalog_repository.count_missing_information(today, settings.quiet_hours)
    stamped = not change_counters.opportunities_are_stale(today)
    return _Plan(rules, closings, work, missing, counts, stamped)


def _judge(spec: KindSpec, rules: Rules, ended: Container[int]) -> _KindWork:
    """Read one kind's candidates and judge them: what is new (a key not raised yet) is inserted,
    an event for a subject still being worked brings it up to date (when the kind says so).
    `ended`: opportunities read as being worked that the run's closings end."""
    candidates = list(CANDIDATES[spec.kind](rules))
    taken = engine.existing_keys(spec.kind) if candidates else set()
    raised = spec.raise_from(candidates, rules, taken)
    fresh: dict[str, Raised] = {}
    for offer in raised:
        key = offer.trigger_key
        if key not in taken and key not in fresh:
            fresh[key] = offer
    working = engine.active_subjects(spec.kind, ended) if fresh else {}
    inserts, updates = [], []
    for offer in fresh.values():
        active_id = working.get(offer.subject)
        if active_id is None:
            inserts.append(offer)
        elif spec.refreshed:
            updates.append((active_id, offer))
    return _KindWork(inserts, updates)


def _write_plan(
    plan: _Plan, today: datetime.date, after_write: Callable[[], None] | None, started: float
) -> RecomputeSummary:
    """Inside the write transaction: the closings, then each kind in order (so ids number as they
    always did), the freshness stamp, and `after_write` last."""
    engine.close(plan.closings, today)
    raised_per_kind: dict[str, int] = {}
    refreshed = 0
    for spec, work in zip(kinds.KINDS, plan.work, strict=True):
        if work is None:
            work = _judge(spec, plan.rules, ())  # the closings are written: read as they are now
        raised_per_kind[spec.kind.value] = engine.insert_raised(work.inserts, today)
        refreshed += engine.refresh(work.updates, today)
    # What they now reflect (app.services.freshness); already recorded when nothing changed.
    if change_counters.opportunities_are_stale(today):
        change_counters.mark_opportunities_computed(today)
    if after_write is not None:
        after_write()
    return _summary(plan, raised_per_kind, refreshed, started)


def _summary(plan: _Plan, raised: dict[str, int], refreshed: int, started: float) -> RecomputeSummary:
    raised_per_kind = {spec.kind.value: raised.get(spec.kind.value, 0) for spec in kinds.KINDS}
    elapsed = time.perf_counter() - started
    return RecomputeSummary(raised_per_kind, refreshed, len(plan.closings), plan.missing, elapsed)


def _report(progress: Progress, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _check(cancel: Callable[[], bool] | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()


# ---------------------------------------------------------------- lists and status


def list_open_opportunities(kind: str | None = None, limit: int | None = None) -> list[OpportunityRow]:
    """Open opportunities (of one kind), soonest due first, then the most valuable."""
    if kind is not None and kind not in tuple(K):
        raise UserError(f"“{kind}” is not a kind of opportunity; use one of {', '.join(K)}.")
    if limit is not None and limit < 0:
        raise UserError("The limit cannot be negative.")
    return repository.list_open(kind, limit)


def set_opportunity_status(
    opportunity_id: int,
    status: str,
    *,
    snooze_until: datetime.date | None = None,
    today: datetime.date | None = None,
) -> None:
    """Mark an opportunity open, contacted, won, lost, snoozed (until a later day) or dismissed.

    A snoozed one returns to the queue on `snooze_until`; a contacted one may carry the
    day of the next try the same way. Dismissed and lost ones never come back for the same
    reason, only when something new happens.
    """
    today = today or clock.today()
    if status not in tuple(OpportunityStatus):
        raise UserError(f"Status: choose one of {', '.join(OpportunityStatus)}.", "status")
    if status == OpportunityStatus.SNOOZED and snooze_until is None:
        raise UserError("Snooze until: pick the day it should come back.", "snooze_until")
    if snooze_until is not None and snooze_until <= today:
        raise UserError("Snooze until: pick a day after today.", "snooze_until")
    keeps_date = status in (OpportunityStatus.SNOOZED, OpportunityStatus.CONTACTED)
    repository.set_status(opportunity_id, status, snooze_until if keeps_date else None, today)


def missing_information(today: datetime.date | None = None) -> list[MissingInfo]:
    """What the owner can fill in so that nothing is guessed (see app.persistence.catalog)."""
    return catalog_repository.missing_information(today or clock.today(), load_settings().quiet_hours)
