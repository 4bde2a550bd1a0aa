"""Editing what a customer has and what happened, with everything undo needs handed back."""

from __future__ import annotations

from typing import Any

from app.domain.records import (
    EquipmentDraft,
    PlanDraft,
    SaleDraft,
    SiteDraft,
    TouchDraft,
    VisitDraft,
    columns_of,
)
from app.persistence import records as repository

Draft = SiteDraft | EquipmentDraft | VisitDraft | SaleDraft | PlanDraft | TouchDraft
Snapshot = repository.Snapshot


def add_record(draft: Draft) -> int:
    """Validate and store a new record; returns its id."""
    return repository.insert_record(draft.TABLE, columns_of(draft.validated()))


def save_record(row_id: int, draft: Draft) -> None:
    repository.update_record(draft.TABLE, row_id, columns_of(draft.validated()))


def read_record(table: str, row_id: int) -> dict[str, Any] | None:
    return repository.read_record(table, row_id)


def write_columns(table: str, row_id: int, columns: dict[str, Any]) -> None:
    """Put back a record's columns exactly as they were (undo of an edit)."""
    repository.update_record(table, row_id, columns)


def delete_record(table: str, row_id: int) -> Snapshot:
    return repository.delete_record(table, row_id)


def restore(snapshot: Snapshot) -> None:
    repository.restore_snapshot(snapshot)


def delete_customer(customer_id: int) -> Snapshot:
    return repository.delete_customer(customer_id)


def merge_customers(keep_id: int, duplicate_id: int) -> dict:
    return repository.merge_customers(keep_id, duplicate_id)


def unmerge_customers(record: dict) -> None:
    repository.unmerge_customers(record)
