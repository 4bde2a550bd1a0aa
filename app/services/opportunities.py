"""Who is due for what: recomputing the opportunities, listing them and changing their status.

`recompute_opportunities` runs every kind in one transaction: first it closes what resolved
itself (a plan renewed, a unit replaced, a customer spoken with), then each kind's
candidates are read set-based (app.persistence.opportunity_equipment and _customers), judged
by the domain rules (app.domain.opportunity_rules), and written with one executemany per kind
(app.persistence.opportunities). A key already raised is never raised again; a new event for
a subject still being worked updates that opportunity instead of adding another.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from itertools import groupby

from app.domain import clock
from app.domain import opportunity_rules as rules
from app.domain.errors import UserError
from app.domain.kinds import OpportunityKind as K
from app.domain.kinds import OpportunityStatus
from app.domain.opportunities import MissingInfo, OpportunityRow, Raised, RecomputeSummary, Rules
from app.persistence import bulk, change_counters
from app.persistence import catalog as catalog_repository
from app.persistence import opportunities as engine
from app.persistence import opportunity_customers as customer_sql
from app.persistence import opportunity_equipment as equipment_sql
from app.persistence import queue as repository
from app.services.cancel import Cancelled
from app.services.catalog import ensure_default_catalog
from app.services.settings import load_settings

Progress = Callable[[int, int], None] | None


def _judge(find: Callable, rule: Callable) -> Callable[[Rules], list[Raised]]:
    def run(today_rules: Rules) -> list[Raised]:
        return [raised for row in find(today_rules) if (raised := rule(row, today_rules)) is not None]

    return run


def _add_ons(today_rules: Rules) -> list[Raised]:
    return [
        rules.add_on(fit, today_rules)
        for fit in rules.best_add_ons(equipment_sql.add_on_candidates(today_rules))
    ]


def _other_sites(today_rules: Rules) -> list[Raised]:
    raised = []
    for _, sites in groupby(customer_sql.site_spend(today_rules), key=lambda site: site.customer_id):
        raised += rules.other_sites(list(sites), today_rules)
    return raised


def _new_products(today_rules: Rules) -> list[Raised]:
    """Each new product to the best customers first, as many as its quantity allows."""
    products = [p for p in customer_sql.new_products(today_rules) if p[4] is None or p[4] > 0]
    if not products:
        return []
    ranking = customer_sql.best_customers(today_rules)
    owners_of: dict[str, set[int]] = {}
    raised = []
    for item_id, name, cents, launched, slots, equipment_kind in products:
        owners = None
        if equipment_kind:
            kind = equipment_kind.lower()
            if kind not in owners_of:
                owners_of[kind] = customer_sql.customers_with(today_rules, kind)
            owners = owners_of[kind]
        skip = customer_sql.customers_with(today_rules, bought_item=item_id) | customer_sql.offered(item_id)
        picked: list[Raised] = []
        for customer_id, lifetime_cents, since in ranking:
            if slots is not None and len(picked) >= slots:
                break
            if customer_id in skip or (owners is not None and customer_id not in owners):
                continue
            best = rules.BestCustomer(customer_id, lifetime_cents, since, item_id, name, cents, launched)
            if (offer := rules.new_product(best, today_rules)) is not None:
                picked.append(offer)
        raised += picked
    return raised


STEPS: tuple[tuple[str, Callable[[Rules], list[Raised]]], ...] = (
    (K.RENEWAL, _judge(customer_sql.renewal_candidates, rules.renewal)),
    (K.MAINTENANCE_DUE, _judge(customer_sql.maintenance_candidates, rules.maintenance_due)),
    (K.WARRANTY_ENDING, _judge(equipment_sql.warranty_candidates, rules.warranty_ending)),
    (K.FOLLOW_UP, _judge(customer_sql.follow_up_candidates, rules.follow_up)),
    (K.CHECK_IN, _judge(customer_sql.check_in_candidates, rules.check_in)),
    (K.REPLACEMENT, _judge(equipment_sql.replacement_candidates, rules.replacement)),
    (K.UPGRADE, _judge(equipment_sql.upgrade_candidates, rules.upgrade)),
    (K.ADD_ON, _add_ons),
    (K.NEW_PRODUCT, _new_products),
    (K.OTHER_SITE, _other_sites),
)


def recompute_opportunities(
    *, today: datetime.date | None = None, progress: Progress = None, cancel: Callable[[], bool] | None = None
) -> RecomputeSummary:
    """Raise what became due, refresh what moved on, close what resolved itself: all of it, or nothing."""
    started = time.perf_counter()
    today = today or clock.today()
    settings = load_settings()
    today_rules = Rules.from_settings(settings, today)
    total = len(STEPS) + 2
    raised_per_kind: dict[str, int] = {}
    refreshed = 0
    with bulk.transaction():
        ensure_default_catalog()
        closed = engine.close_resolved(today_rules)
        _report(progress, 1, total)
        for done, (kind, find) in enumerate(STEPS, start=2):
            _check(cancel)
            inserted, updated = _write(kind, find(today_rules), today)
            raised_per_kind[str(kind)] = inserted
            refreshed += updated
            _report(progress, done, total)
        _check(cancel)
        missing = catalog_repository.count_missing_information(today, settings.quiet_hours)
        change_counters.mark_opportunities_computed(today)  # what they now reflect (app.services.freshness)
    _report(progress, total, total)
    return RecomputeSummary(raised_per_kind, refreshed, closed, missing, time.perf_counter() - started)


def _write(kind: str, raised: list[Raised], today: datetime.date) -> tuple[int, int]:
    """Insert what is new; bring a subject still being worked up to date (or leave it, for add-ons)."""
    if not raised:
        return 0, 0
    taken = engine.existing_keys(kind)
    fresh: dict[str, Raised] = {}
    for offer in raised:
        key = offer.trigger_key
        if key not in taken and key not in fresh:
            fresh[key] = offer
    candidates = list(fresh.values())
    working = engine.active_subjects(kind) if candidates else {}
    inserts, updates = [], []
    for offer in candidates:
        active_id = working.get(offer.subject)
        if active_id is None:
            inserts.append(offer)
        elif kind in rules.REFRESHED_KINDS:
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
