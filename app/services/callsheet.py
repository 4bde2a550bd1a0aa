"""The day's follow-up calls on paper: the day's list from the queue, as a call sheet (GUI and CLI alike)."""

from __future__ import annotations

import datetime
from pathlib import Path

from app.domain import clock, formatting, i18n
from app.domain.campaigns import customer_key
from app.domain.history import channel_word, outcome_word
from app.domain.i18n import t
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
from app.services.queue import DayPlan, QueueEntry, plan_from_now
from app.services.queue import LastContact as QueueLastContact
from app.services.settings import load_settings


def sheet_entry(entry: QueueEntry) -> CallSheetEntry:
    """What the screen shows for a call, as the call sheet prints it."""
    last = entry.last_contact
    return CallSheetEntry(
        key=customer_key(entry.customer_id, entry.name),
        name=entry.name,
        phones=tuple(Phone(label, number) for label, number in entry.phones),
        address=entry.address,
        call_at=entry.suggested_time,
        call_times=entry.call_times,
        window=entry.call_window,
        reasons=tuple(CallReason(r.reason, r.kind_label, r.value) for r in entry.reasons),
        owns=tuple(
            OwnedItem(
                " ".join(p for p in (item.kind, item.brand, item.model) if p),
                item.installed_on,
                item.age_years,
            )
            for item in entry.equipment
        ),
        last_contact=_last_contact(last) if last else None,
        segment=entry.segment,
        pitch=entry.pitch,
        talking_points="\n".join(entry.talking_points),
    )


def _last_contact(last: QueueLastContact) -> LastContact:
    """The call's last contact as printed: how and what came of it in the owner's language."""
    return LastContact(last.at.date(), channel_word(last.channel), outcome_word(last.outcome), last.by_whom)


def plan_note(plan: DayPlan) -> str:
    """What the sheet holds, under its title: "40 calls of the 1,549 due; the other 1,509 wait …"."""
    calls = i18n.counted(len(plan.entries), "call")
    parts = [t("{calls} of the {due} due, most urgent first", calls=calls, due=formatting.number(plan.due))]
    if plan.called:
        parts.append(t("{calls} already logged today", calls=i18n.counted(plan.called, "call")))
    if plan.missed:
        missed = i18n.counted(plan.missed, "call")
        parts.append(t("{calls} left out: their calling hours are over for today", calls=missed))
    if plan.waiting:
        waiting = formatting.number(plan.waiting)
        parts.append(t("the other {waiting} wait for the next days, in the same order", waiting=waiting))
    return "; ".join(parts) + "."


def print_callsheet(
    out: Path,
    *,
    day: datetime.date | None = None,
    limit: int | None = None,
    progress: Progress = None,
    cancel: Cancel = None,
) -> BatchResult:
    """The day's list (the business's calls per day, or `limit` calls), for someone working away from
    the screen: the list Today's calls shows, from now on when the day is today (plan_from_now)."""
    day = day or clock.today()
    plan = plan_from_now(day, limit=limit)
    if cancel is not None and cancel():
        raise Cancelled
    sheet = [sheet_entry(entry) for entry in plan.entries]
    return render_callsheet(
        sheet, Path(out), load_settings(), day=day, note=plan_note(plan), progress=progress, cancel=cancel
    )
