"""The opportunity engine's SQL: what its candidate queries share, and the writes.

The candidates of each kind are found by set-based queries in opportunity_equipment.py
(replacement, upgrade, add-on, warranty) and opportunity_customers.py (renewal, maintenance,
follow-up, check-in, new products, other sites). Each returns the rows
(app.domain.opportunity_rules NamedTuples) whose eligibility the domain rules then decide;
the SQL applies the same cut-offs, so what comes back is (nearly) exactly what will be
raised, read in one query per kind instead of one per customer. Nobody marked "do not
service" is ever a candidate (UNSERVED).

This module writes what the rules raised (insert, or refresh a subject still being worked)
and closes what resolved itself. The SQL is portable between SQLite and PostgreSQL (see
app/persistence/raw_sql.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from app.domain.kinds import SPOKEN_CHANNELS, PlanStatus
from app.domain.opportunities import ACTIVE_STATUSES, Raised, Rules, subject_of
from app.persistence.raw_sql import as_date, bind_sql, run_sql
from app.persistence.tables import database_proxy

ACTIVE = ACTIVE_STATUSES
# Customers no longer served, as a subquery: a short list, cheaper than joining every row to its customer.
UNSERVED = "SELECT id FROM customer WHERE do_not_service = :yes"
SPOKEN = tuple(channel.value for channel in SPOKEN_CHANNELS)
# A call nobody answered, or a message left, is not having spoken with someone.
UNANSWERED = ("no answer", "left message")


def common_params(rules: Rules) -> dict[str, object]:
    """The parameters every engine query may use: :no, :yes, :today and :active (plan status)."""
    return {"no": False, "yes": True, "today": rules.today.isoformat(), "active": PlanStatus.ACTIVE.value}


# ---------------------------------------------------------------- writing


def existing_keys(kind: str) -> set[str]:
    return {key for (key,) in run_sql("SELECT trigger_key FROM opportunity WHERE kind = :kind", kind=kind)}


def active_subjects(kind: str) -> dict[str, int]:
    """Subject → id of the opportunities of this kind still being worked (open, snoozed, contacted)."""
    rows = run_sql(
        "SELECT id, trigger_key FROM opportunity WHERE kind = :kind AND status IN (:active)",
        kind=kind,
        active=ACTIVE,
    )
    return {subject_of(key): id_ for id_, key in rows}


def insert_raised(raised: Iterable[Raised], today: datetime.date) -> int:
    database = database_proxy.obj
    marks = ", ".join([database.param] * 13)
    day = today.isoformat()
    # In key order: the unique key's index then grows at its end (a third faster at 250,000 rows).
    keyed = sorted(((r.trigger_key, r) for r in raised), key=lambda pair: pair[0])
    rows = [
        (r.customer_id, r.site_id, r.equipment_id, r.plan_id, r.catalog_item_id, r.kind, r.reason,
         r.value_cents, r.due.isoformat(), "open", day, key, day)
        for key, r in keyed
    ]  # fmt: skip
    if rows:
        cursor = database.cursor()
        cursor.executemany(
            "INSERT INTO opportunity (customer_id, site_id, equipment_id, plan_id, catalog_item_id, kind, "
            "reason, value_cents, due_on, status, status_changed_on, trigger_key, created_on) "
            f"VALUES ({marks})",
            rows,
        )
        cursor.close()
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


def close_resolved(rules: Rules) -> int:
    """Opportunities still being worked whose subject resolved itself since they were raised.

    A unit that was removed: won when we installed a unit of its kind at that site since, else lost.
    A renewal whose plan now runs past the term it was raised for: won; a plan lapsed or cancelled: lost.
    A maintenance visit made for the plan: won. An item bought (add-on, upgrade, new product): won.
    A site that bought since (other site): won. A call, visit or talk since a check-in or follow-up
    was raised: contacted.
    """
    common = {**common_params(rules), "working": ACTIVE}
    closed = 0
    statements = (
        """UPDATE opportunity SET status = CASE WHEN EXISTS (
                SELECT 1 FROM equipment old JOIN equipment n ON n.site_id = old.site_id AND n.id <> old.id
                WHERE old.id = opportunity.equipment_id AND lower(n.kind) = lower(old.kind)
                  AND n.installed_by_us = :yes AND n.installed_on >= opportunity.created_on)
            THEN 'won' ELSE 'lost' END, status_changed_on = :today, snoozed_until = NULL
        WHERE kind IN ('replacement', 'upgrade', 'warranty_ending') AND status IN (:working)
          AND EXISTS (SELECT 1 FROM equipment r WHERE r.id = opportunity.equipment_id
                      AND r.removed_on IS NOT NULL)""",
        """UPDATE opportunity SET status = 'won', status_changed_on = :today, snoozed_until = NULL
        WHERE kind = 'maintenance_due' AND status IN (:working) AND EXISTS (
            SELECT 1 FROM visit v WHERE v.plan_id = opportunity.plan_id
            AND v.kind IN ('maintenance', 'inspection') AND v.visited_on >= opportunity.due_on)""",
        """UPDATE opportunity SET status = 'won', status_changed_on = :today, snoozed_until = NULL
        WHERE kind IN ('add_on', 'upgrade', 'new_product') AND status IN (:working) AND EXISTS (
            SELECT 1 FROM sale x JOIN sale_line sl ON sl.sale_id = x.id
            WHERE x.customer_id = opportunity.customer_id
              AND +sl.catalog_item_id = opportunity.catalog_item_id
              AND x.sold_on >= opportunity.created_on)""",
        """UPDATE opportunity SET status = 'won', status_changed_on = :today, snoozed_until = NULL
        WHERE kind = 'other_site' AND status IN (:working) AND (
            EXISTS (SELECT 1 FROM sale x WHERE x.site_id = opportunity.site_id
                    AND x.sold_on >= opportunity.created_on)
            OR EXISTS (SELECT 1 FROM service_plan p WHERE p.site_id = opportunity.site_id
                       AND p.status = :active AND p.started_on >= opportunity.created_on))""",
        """UPDATE opportunity SET status = 'contacted', status_changed_on = :today, snoozed_until = NULL
        WHERE kind IN ('check_in', 'follow_up') AND status = 'open' AND (
            EXISTS (SELECT 1 FROM touch t WHERE t.customer_id = opportunity.customer_id
                    AND t.channel IN (:spoken) AND t.outcome NOT IN (:unanswered)
                    AND t.happened_at >= opportunity.created_on)
            OR EXISTS (SELECT 1 FROM visit v WHERE v.customer_id = opportunity.customer_id
                       AND v.visited_on >= opportunity.created_on))""",
    )
    database = database_proxy.obj
    for sql in statements:
        cursor = database.execute_sql(*bind_sql(sql, spoken=SPOKEN, unanswered=UNANSWERED, **common))
        closed += max(cursor.rowcount, 0)
    return closed + _close_renewals(rules)


def _close_renewals(rules: Rules) -> int:
    rows = run_sql(
        """SELECT o.id, o.trigger_key, p.ends_on, p.status FROM opportunity o
        JOIN service_plan p ON p.id = o.plan_id
        WHERE o.kind = 'renewal' AND o.status IN (:working)""",
        working=ACTIVE,
    )
    changes = []
    for id_, key, ends_on, status in rows:
        term_end = datetime.date.fromisoformat(key.rpartition(":")[2])
        if as_date(ends_on) > term_end:
            changes.append(("won", id_))
        elif status != PlanStatus.ACTIVE:
            changes.append(("lost", id_))
    if changes:
        p = database_proxy.obj.param
        cursor = database_proxy.obj.cursor()
        cursor.executemany(
            f"UPDATE opportunity SET status = {p}, status_changed_on = '{rules.today.isoformat()}', "
            f"snoozed_until = NULL WHERE id = {p}",
            changes,
        )
        cursor.close()
    return len(changes)
