"""Who is due for what: recomputing the opportunities, listing them and changing their status.

`recompute_opportunities` runs every kind in one transaction: first it closes what resolved
itself (a plan renewed, a unit replaced, a customer spoken with), then, kind by kind in the
order of the registry (app.domain.opportunity_kinds.KINDS), the candidates are read set-based
(app.persistence.opportunity_kinds), judged by the kind's rule, and written with one executemany
per kind (app.persistence.opportunities). A key already raised is never raised again; a new event
for a subject still being worked updates that opportunity instead of adding another. Nothing here
names a kind: a new kind is registered in the domain and the persistence, and this runs it.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable

from app.domain import clock
from app.domain import opportunity_kinds as kinds
from app.domain.errors import UserError
from app.domain.kinds import OpportunityKind as K
from app.domain.kinds import OpportunityStatus
from app.domain.opportunities import MissingInfo, OpportunityRow, Raised, RecomputeSummary, Rules
from app.domain.opportunity_kinds.spec import KindSpec
from app.persistence import bulk, change_counters, locks
from app.persistence import catalog as catalog_repository
from app.persistence import opportunities as engine
from app.persistence import queue as repository
from app.persistence.opportunity_kinds import CANDIDATES
from app.services.cancel import Cancelled
from app.services.catalog import ensure_default_catalog
from app.services.settings import load_settings

Progress = Callable[[int, int], None] | None


def recompute_opportunities(
    *,
    today: datetime.date | None = None,
    progress: Progress = None,
    cancel: Callable[[], bool] | None = None,
    after_write: Callable[[], None] | None = None,
) -> RecomputeSummary:
    """Raise what became due, refresh what moved on, close what resolved itself: all of it, or nothing.

    When nothing changed since the last run (same day, same inputs) it writes nothing at all: every
    step only reads until it has something to write, so running it to check costs reads alone.
    `after_write` runs inside the transaction, last, just before it commits: whatever must commit
    with the opportunities (or not at all) goes there.
    """
    started = time.perf_counter()
    today = today or clock.today()
    settings = load_settings()
    today_rules = Rules.from_settings(settings, today)
    total = len(kinds.KINDS) + 2
    raised_per_kind: dict[str, int] = {}
    refreshed = 0
    # One PC at a time (PostgreSQL): a second one waits, then finds what the first wrote instead of
    # raising it again into the unique key.
    with bulk.transaction(), locks.exclusive(locks.OPPORTUNITY_RECOMPUTE):
        ensure_default_catalog()
        closed = engine.close_resolved(today_rules, kinds.closed_by())
        _report(progress, 1, total)
        for done, spec in enumerate(kinds.KINDS, start=2):
            _check(cancel)
            candidates = list(CANDIDATES[spec.kind](today_rules))
            taken = engine.existing_keys(spec.kind) if candidates else set()
            raised = spec.raise_from(candidates, today_rules, taken)
            inserted, updated = _write(spec, raised, taken, today)
            raised_per_kind[spec.kind.value] = inserted
            refreshed += updated
            _report(progress, done, total)
        _check(cancel)
        missing = catalog_repository.count_missing_information(today, settings.quiet_hours)
        # What they now reflect (app.services.freshness); already recorded when nothing changed.
        if change_counters.opportunities_are_stale(today):
            change_counters.mark_opportunities_computed(today)
        if after_write is not None:
            after_write()
    _report(progress, total, total)
    return RecomputeSummary(raised_per_kind, refreshed, closed, missing, time.perf_counter() - started)


def _write(spec: KindSpec, raised: list[Raised], taken: set[str], today: datetime.date) -> tuple[int, int]:
    """Insert what is new (a key not `taken`); bring a subject still being worked up to date (when
    the kind says so). Nothing new: no statement at all."""
    if not raised:
        return 0, 0
    fresh: dict[str, Raised] = {}
    for offer in raised:
        key = offer.trigger_key
        if key not in taken and key not in fresh:
            fresh[key] = offer
    candidates = list(fresh.values())
    working = engine.active_subjects(spec.kind) if candidates else {}
    inserts, updates = [], []
    for offer in candidates:
        active_id = working.get(offer.subject)
        if active_id is None:
            inserts.append(offer)
        elif spec.refreshed:
            updates.append((active_id, offer))
    return engine.insert_raised(inserts, today), engine.refresh(updates, today)


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
