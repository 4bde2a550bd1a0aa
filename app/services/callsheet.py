"""The day's follow-up calls on paper: the queue, rendered as a call sheet (GUI and CLI alike)."""

from __future__ import annotations

import datetime
from pathlib import Path

from app.domain import clock
from app.services.cancel import Cancelled
from app.services.documents.callsheet import (
    CallReason,
    CallSheetEntry,
    LastContact,
    OwnedItem,
    Phone,
    render_callsheet,
)
from app.services.documents.common import BatchResult, Cancel, Progress
from app.services.queue import QueueEntry, build_queue
from app.services.settings import load_settings


def sheet_entry(entry: QueueEntry) -> CallSheetEntry:
    """What the screen shows for a call, as the call sheet prints it."""
    last = entry.last_contact
    return CallSheetEntry(
        key=f"customer {entry.customer_id}",
        name=entry.name,
        phones=tuple(Phone(label, number) for label, number in entry.phones),
        address=entry.address,
        best_time=entry.call_window or "any time",
        reasons=tuple(CallReason(r.reason, r.kind_label, r.value) for r in entry.reasons),
        owns=tuple(
            OwnedItem(
                " ".join(p for p in (item.kind, item.brand, item.model) if p),
                item.installed_on,
                item.age_years,
            )
            for item in entry.equipment
        ),
        last_contact=LastContact(last.at.date(), last.channel, last.outcome, last.by_whom) if last else None,
        segment=entry.segment,
        talking_points="\n".join(entry.talking_points),
    )


def print_callsheet(
    out: Path,
    *,
    day: datetime.date | None = None,
    limit: int | None = None,
    progress: Progress = None,
    cancel: Cancel = None,
) -> BatchResult:
    """The whole day's queue (from the start of the day, for someone working away from the screen)."""
    day = day or clock.today()
    entries = build_queue(day, limit=limit)
    if cancel is not None and cancel():
        raise Cancelled
    sheet = [sheet_entry(entry) for entry in entries]
    return render_callsheet(sheet, Path(out), load_settings(), day=day, progress=progress, cancel=cancel)
