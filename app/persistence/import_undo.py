"""Undoing an import batch: what it created goes, what it changed comes back, in one transaction.

Every top-level row an import creates or changes is recorded as an ImportChange
(app.persistence.imports); children the owner added later to a created customer go
with it (the foreign keys cascade) and are counted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.domain.errors import UserError
from app.persistence import bulk, search_index
from app.persistence.imports import UPDATABLE, customers_by_id, fetch, id_chunks
from app.persistence.tables import ImportBatch, database_proxy


@dataclass(frozen=True)
class UndoCounts:
    customers_removed: int
    sites_removed: int
    equipment_removed: int
    visits_removed: int
    segments_removed: int
    customers_restored: int
    warnings: list[str]


def undo_batch(batch_id: int) -> UndoCounts:
    """Remove what the batch created and put back what it changed, in one transaction."""
    with bulk.transaction():
        batch = ImportBatch.select().where(ImportBatch.id == batch_id).first()
        if batch is None:
            raise UserError(f"There is no import number {batch_id}; check the number in the import report.")
        if batch.status == "undone":
            raise UserError(f"Import number {batch_id} was already undone.")
        changes = fetch(
            "SELECT table_name, row_id, action, before_json FROM import_change WHERE batch_id = "
            f"{database_proxy.obj.param} ORDER BY id",
            [batch_id],
        )
        created: dict[str, list[int]] = {}
        updated: list[tuple[int, dict]] = []
        for table, row_id, action, before in changes:
            if action == "created":
                created.setdefault(table, []).append(row_id)
            else:
                updated.append((row_id, json.loads(before)))
        warnings: list[str] = []
        restored = _restore_updates(updated, warnings)
        edited = _count_edited(created.get("customer", []))
        if edited:
            warnings.append(
                f"{edited} of the customers this import created were changed after the import; "
                "they were removed all the same."
            )
        affected = _customers_of_children(created)
        taken_along = _cascaded(created)
        counts = {table: _delete(table, created.get(table, [])) + taken_along.get(table, 0) for table in
                  ("sale", "visit", "equipment", "site", "customer", "segment")}  # fmt: skip
        _drop_search_rows(created.get("customer", []))
        search_index.reindex(affected | {row_id for row_id, _ in updated})
        ImportBatch.update(status="undone").where(ImportBatch.id == batch_id).execute()
    return UndoCounts(counts["customer"], counts["site"], counts["equipment"], counts["visit"],
                      counts["segment"], restored, warnings)  # fmt: skip


def _restore_updates(updated: list[tuple[int, dict]], warnings: list[str]) -> int:
    db = database_proxy.obj
    current = customers_by_id(row_id for row_id, _ in updated)
    restored = edited = gone = 0
    for customer_id, before in updated:
        now = current.get(customer_id)
        if now is None:
            gone += 1
            continue
        if now["version"] != before["version"]:
            edited += 1
        columns = [c for c in before["columns"] if c in UPDATABLE]
        if columns:
            sets = ", ".join(f'"{c}" = {db.param}' for c in columns)
            db.execute_sql(
                f"UPDATE customer SET {sets}, version = version + 1 WHERE id = {db.param}",
                [before["columns"][c] for c in columns] + [customer_id],
            )
            restored += 1
    if edited:
        warnings.append(
            f"{edited} of the customers this import changed were edited again afterwards; "
            "the values from before the import were put back all the same."
        )
    if gone:
        warnings.append(f"{gone} of the customers this import changed have since been deleted.")
    return restored


def _count_edited(customer_ids: list[int]) -> int:
    """Created customers changed since: every edit, merge or new record of theirs bumps the version."""
    edited = 0
    for chunk, marks in id_chunks(customer_ids):
        edited += fetch(f"SELECT count(*) FROM customer WHERE id IN ({marks}) AND version > 1", chunk)[0][0]
    return edited


def _customers_of_children(created: dict[str, list[int]]) -> set[int]:
    """Existing customers whose sites change when the created children go (their search rows change)."""
    found: set[int] = set()
    for chunk, marks in id_chunks(created.get("site", [])):
        found |= {cid for (cid,) in fetch(f"SELECT customer_id FROM site WHERE id IN ({marks})", chunk)}
    return found - set(created.get("customer", []))


def _cascaded(created: dict[str, list[int]]) -> dict[str, int]:
    """What deleting the created customers and sites takes along with them (counted for the report)."""
    counts = {"site": 0, "equipment": 0, "visit": 0}
    for chunk, marks in id_chunks(created.get("customer", [])):
        counts["site"] += fetch(f"SELECT count(*) FROM site WHERE customer_id IN ({marks})", chunk)[0][0]
        counts["visit"] += fetch(f"SELECT count(*) FROM visit WHERE customer_id IN ({marks})", chunk)[0][0]
        counts["equipment"] += fetch(
            "SELECT count(*) FROM equipment WHERE site_id IN "
            f"(SELECT id FROM site WHERE customer_id IN ({marks}))",
            chunk,
        )[0][0]
    for chunk, marks in id_chunks(created.get("site", [])):
        counts["equipment"] += fetch(f"SELECT count(*) FROM equipment WHERE site_id IN ({marks})", chunk)[0][
            0
        ]
    return counts


def _delete(table: str, ids: list[int]) -> int:
    removed = 0
    for chunk, marks in id_chunks(ids):
        cursor = database_proxy.obj.execute_sql(f'DELETE FROM "{table}" WHERE id IN ({marks})', chunk)
        removed += max(cursor.rowcount, 0)
    return removed


def _drop_search_rows(customer_ids: list[int]) -> None:
    for chunk, marks in id_chunks(customer_ids):
        database_proxy.obj.execute_sql(f"DELETE FROM customer_search WHERE rowid IN ({marks})", chunk)
