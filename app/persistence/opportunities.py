"""The opportunity engine's SQL: what its candidate queries share, the writes, and the closing.

The candidates of each kind are found by set-based queries, one module per kind in
app/persistence/opportunity_kinds/. Nobody marked "do not service" is ever a candidate (UNSERVED).

This module writes what the rules raised (insert, or refresh a subject still being worked),
finds what resolved itself and closes it: each resolution of app.domain.opportunity_kinds.spec
has its query here, run for the kinds that declare it (bound as parameters, never spelled in the
SQL). Finding only reads, so the engine can do it without holding the write lock.
The SQL is portable between SQLite and PostgreSQL (see app/persistence/raw_sql.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Container, Iterable, Mapping
from typing import NamedTuple

from app.domain.kinds import SPOKEN_CHANNELS, PlanStatus
from app.domain.opportunities import ACTIVE_STATUSES, Raised, Rules, event_day, subject_of
from app.domain.opportunity_kinds.spec import Resolution
from app.persistence import bulk
from app.persistence.raw_sql import as_date, run_sql
from app.persistence.tables import database_proxy

ACTIVE = ACTIVE_STATUSES
# Customers no longer served, as a subquery: a short list, cheaper than joining every row to its customer.
UNSERVED = "SELECT id FROM customer WHERE do_not_service = :yes"
SPOKEN = tuple(channel.value for channel in SPOKEN_CHANNELS)
# A call nobody answered, or a message left, is not having spoken with someone.
UNANSWERED = ("no answer", "left message")
# The visits that count as a plan's maintenance.
MAINTENANCE_VISITS = ("maintenance", "inspection")
# Each equipment kind's lifespan, the widest range of the catalog's items of that kind (a WITH clause).
KIND_LIFE = """
kind_life AS (
    SELECT lower(equipment_kind) AS kind, min(lifespan_min_years) AS lmin, max(lifespan_max_years) AS lmax
    FROM catalog_item
    WHERE kind = 'equipment' AND equipment_kind <> ''
      AND lifespan_min_years IS NOT NULL AND lifespan_max_years IS NOT NULL
    GROUP BY lower(equipment_kind))"""


def common_params(rules: Rules) -> dict[str, object]:
    """The parameters every engine query may use: :no, :yes, :today and :active (plan status)."""
    return {"no": False, "yes": True, "today": rules.today.isoformat(), "active": PlanStatus.ACTIVE.value}


# ---------------------------------------------------------------- writing


def existing_keys(kind: str) -> set[str]:
    return {key for (key,) in run_sql("SELECT trigger_key FROM opportunity WHERE kind = :kind", kind=kind)}


def active_subjects(kind: str, ended: Container[int] = frozenset()) -> dict[str, int]:
    """Subject → id of the opportunities of this kind still being worked (open, snoozed, contacted).

    `ended`: ids read as being worked that closings not yet written will end (see find_resolved),
    left out as if they had been written."""
    rows = run_sql(
        "SELECT id, trigger_key FROM opportunity WHERE kind = :kind AND status IN (:active)",
        kind=kind,
        active=ACTIVE,
    )
    return {subject_of(key): id_ for id_, key in rows if id_ not in ended}


RAISED_COLUMNS = (
    "customer_id", "site_id", "equipment_id", "plan_id", "catalog_item_id", "kind", "reason",
    "value_cents", "due_on", "status", "status_changed_on", "trigger_key", "created_on",
)  # fmt: skip


def insert_raised(raised: Iterable[Raised], today: datetime.date) -> int:
    day = today.isoformat()
    # In key order: the unique key's index then grows at its end (a third faster at 250,000 rows).
    keyed = sorted(((r.trigger_key, r) for r in raised), key=lambda pair: pair[0])
    rows = [
        (r.customer_id, r.site_id, r.equipment_id, r.plan_id, r.catalog_item_id, r.kind, r.reason,
         r.value_cents, r.due.isoformat(), "open", day, key, day)
        for key, r in keyed
    ]  # fmt: skip
    if rows:
        bulk.insert_rows("opportunity", RAISED_COLUMNS, rows)  # many rows a statement on PostgreSQL
    return len(rows)


def refresh(updates: Iterable[tuple[int, Raised]], today: datetime.date) -> int:
    """A new event for a subject still being worked: the same row, brought up to date and open again."""
    database = database_proxy.obj
    p = database.param
    rows = [
        (r.trigger_key, r.reason, r.value_cents, r.due.isoformat(), today.isoformat(), r.site_id,
         r.equipment_id, r.plan_id, r.catalog_item_id, id_)
        for id_, r in updates
    ]  # fmt: skip
    if rows:
        cursor = database.cursor()
        cursor.executemany(
            f"UPDATE opportunity SET trigger_key = {p}, reason = {p}, value_cents = {p}, due_on = {p}, "
            f"status = 'open', status_changed_on = {p}, snoozed_until = NULL, site_id = {p}, "
            f"equipment_id = {p}, plan_id = {p}, catalog_item_id = {p} WHERE id = {p}",
            rows,
        )
        cursor.close()
    return len(rows)


# ---------------------------------------------------------------- closing what resolved itself

# The columns a closing writes: a kind whose candidate query reads one of them is read again after
# the closings are written (app.persistence.opportunity_kinds.READS_CLOSED_COLUMNS).
CLOSING_COLUMNS = ("status", "status_changed_on", "snoozed_until")


class Closing(NamedTuple):
    """One opportunity that resolved itself: its new status (won, lost or contacted)."""

    id: int
    status: str
    kind: str


# Each resolution's query: (id, new status, kind) of the opportunities of :kinds in a status it
# closes from (:working) that it closes. A query, not an UPDATE: when nothing resolved, nothing is
# written, and what it would close can be found without the write lock.
_RESOLVED: dict[Resolution, str] = {
    Resolution.UNIT_REMOVED: """SELECT o.id, CASE WHEN EXISTS (
            SELECT 1 FROM equipment old JOIN equipment n ON n.site_id = old.site_id AND n.id <> old.id
            WHERE old.id = o.equipment_id AND lower(n.kind) = lower(old.kind)
              AND n.installed_by_us = :yes AND n.installed_on >= o.created_on)
        THEN 'won' ELSE 'lost' END, o.kind
        FROM opportunity o
        WHERE o.kind IN (:kinds) AND o.status IN (:working)
          AND EXISTS (SELECT 1 FROM equipment r WHERE r.id = o.equipment_id AND r.removed_on IS NOT NULL)""",
    Resolution.ITEM_BOUGHT: """SELECT o.id, 'won', o.kind FROM opportunity o
        WHERE o.kind IN (:kinds) AND o.status IN (:working) AND EXISTS (
            SELECT 1 FROM sale x JOIN sale_line sl ON sl.sale_id = x.id
            WHERE x.customer_id = o.customer_id
              AND +sl.catalog_item_id = o.catalog_item_id
              AND x.sold_on >= o.created_on)""",
    Resolution.SITE_BOUGHT: """SELECT o.id, 'won', o.kind FROM opportunity o
        WHERE o.kind IN (:kinds) AND o.status IN (:working) AND (
            EXISTS (SELECT 1 FROM sale x WHERE x.site_id = o.site_id AND x.sold_on >= o.created_on)
            OR EXISTS (SELECT 1 FROM service_plan p WHERE p.site_id = o.site_id
                       AND p.status = :active AND p.started_on >= o.created_on))""",
    Resolution.SPOKEN_WITH: """SELECT o.id, 'contacted', o.kind FROM opportunity o
        WHERE o.kind IN (:kinds) AND o.status IN (:working) AND (
            EXISTS (SELECT 1 FROM touch t WHERE t.customer_id = o.customer_id
                    AND t.channel IN (:spoken) AND t.outcome NOT IN (:unanswered)
                    AND t.happened_at >= o.created_on)
            OR EXISTS (SELECT 1 FROM visit v WHERE v.customer_id = o.customer_id
                       AND v.visited_on >= o.created_on))""",
}
# The statuses a resolution closes from, when not every status still being worked: someone spoken
# with makes only an open one contacted.
_CLOSES_FROM: dict[Resolution, tuple[str, ...]] = {Resolution.SPOKEN_WITH: ("open",)}


def find_resolved(rules: Rules, kinds_closed_by: Mapping[Resolution, tuple[str, ...]]) -> list[Closing]:
    """Opportunities still being worked whose subject resolved itself since they were raised, in the
    order to write them (`close`); reads only.

    `kinds_closed_by` is each resolution, in the order they are checked, with the kinds that
    close by it (app.domain.opportunity_kinds.closed_by). Nothing is written between the checks, so
    what an earlier resolution closes is carried into the later ones here: one it ended (won, lost)
    is no longer being worked for them, one it made contacted is still worked by those that close
    from contacted. (No resolution moves one into a status a later one closes from that it was not
    in already: each sets won or lost, or contacted on an open one, and every resolution that
    closes from contacted closes from open too.)
    """
    params = {**common_params(rules), "spoken": SPOKEN, "unanswered": UNANSWERED}
    closings: list[Closing] = []
    closed_as: dict[int, str] = {}
    for resolution, kinds in kinds_closed_by.items():
        if not kinds:
            continue
        working = _CLOSES_FROM.get(resolution, ACTIVE)
        find = _RESOLVERS.get(resolution)
        if find is None:
            rows = run_sql(_RESOLVED[resolution], kinds=kinds, working=working, **params)
            found = [Closing(*row) for row in rows]
        else:
            found = find(kinds, working)
        for closing in found:
            if closing.id in closed_as and closed_as[closing.id] not in working:
                continue
            closings.append(closing)
            closed_as[closing.id] = closing.status
    return closings


def close(closings: Iterable[Closing], today: datetime.date) -> int:
    """Write the closings (find_resolved), in their order: closed today, snooze cleared. Nothing to
    change: no statement at all. Returns how many were written."""
    rows = [(status, today.isoformat(), id_) for id_, status, _kind in closings]
    if rows:
        p = database_proxy.obj.param
        cursor = database_proxy.obj.cursor()
        cursor.executemany(
            f"UPDATE opportunity SET status = {p}, status_changed_on = {p}, snoozed_until = NULL "
            f"WHERE id = {p}",
            rows,
        )
        cursor.close()
    return len(rows)


def _renewed_terms(kinds: tuple[str, ...], working: tuple[str, ...]) -> list[Closing]:
    """A plan that runs past the term its opportunity was raised for (the event's day): won; one no
    longer active: lost."""
    rows = run_sql(
        """SELECT o.id, o.kind, o.trigger_key, p.ends_on, p.status FROM opportunity o
        JOIN service_plan p ON p.id = o.plan_id
        WHERE o.kind IN (:kinds) AND o.status IN (:working)""",
        kinds=kinds,
        working=working,
    )
    changes = []
    for id_, kind, key, ends_on, status in rows:
        if as_date(ends_on) > event_day(key):
            changes.append(Closing(id_, "won", kind))
        elif status != PlanStatus.ACTIVE:
            changes.append(Closing(id_, "lost", kind))
    return changes


def _visits_made(kinds: tuple[str, ...], working: tuple[str, ...]) -> list[Closing]:
    """A maintenance or inspection visit for the plan after the day the opportunity counted from
    (the event's day): won. Not "on or after its due date": that is the day it was raised when it
    was raised late, and a visit typed in afterwards with its real, earlier date must count too."""
    rows = run_sql(
        """SELECT o.id, o.kind, o.trigger_key, (SELECT max(v.visited_on) FROM visit v
                                                 WHERE v.plan_id = o.plan_id AND v.kind IN (:maintenance))
        FROM opportunity o WHERE o.kind IN (:kinds) AND o.status IN (:working)""",
        kinds=kinds,
        working=working,
        maintenance=MAINTENANCE_VISITS,
    )
    return [
        Closing(id_, "won", kind)
        for id_, kind, key, last in rows
        if last is not None and as_date(last) > event_day(key)
    ]


# The resolutions decided in Python rather than by a query of _RESOLVED.
_RESOLVERS: dict[Resolution, Callable[[tuple[str, ...], tuple[str, ...]], list[Closing]]] = {
    Resolution.VISIT_MADE: _visits_made,
    Resolution.TERM_RENEWED: _renewed_terms,
}
