"""The follow-up queue: today's calls in a sensible order, and logging what came of each in one click.

Who is in it: customers with an opportunity due by that day (open, or snoozed/contacted whose
next try has come), who may be called (not "do not call", not "do not service", with a
phone), and who can be called at some time that day (outside the quiet hours, inside their
own window; from `now` on when it is given). A customer who had a marketing contact within
the marketing gap is only called about what looks after what they have (renewal,
maintenance, follow-up, check-in, warranty), never sold to again before the gap is over.

The order: the earliest due date first (anything due 30 days ago or more counts as 30 days
overdue, so an old backlog does not bury this week's work), then the biggest total value,
then the earliest suggested call time. One entry per customer, carrying every reason.

A day holds the business's "calls per day" (40 by default), not everyone due: the first of
them in that order. The rest wait, in the same order, and come first on the next days (they
are due earlier than what comes up meanwhile). Today's calls and the printed call sheet are
this one list (plan_day).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from app.domain import clock
from app.domain.dates import date_text
from app.domain.errors import UserError
from app.domain.history import last_contact_text
from app.domain.money import from_cents
from app.domain.opportunities import KIND_LABELS, plural
from app.domain.records import TouchDraft
from app.domain.respect import (
    CALL_OUTCOMES,
    call_times_text,
    callable_periods,
    first_call_time,
    is_marketing,
    marketing_blocked_since,
    next_call_time,
    window_text,
)
from app.domain.settings import BusinessSettings
from app.domain.values import format_phone, years_between
from app.persistence import queue as repository
from app.persistence.raw_sql import as_date
from app.services.settings import load_settings

BACKLOG_DAYS = 30  # due longer ago than this counts as this long overdue when ordering
OUTCOMES = tuple(CALL_OUTCOMES)


@dataclass(frozen=True)
class QueueReason:
    opportunity_id: int
    kind: str
    reason: str
    value: Decimal
    due: datetime.date | None
    status: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)  # type: ignore[call-overload]

    @property
    def is_marketing(self) -> bool:
        return is_marketing(self.kind)


@dataclass(frozen=True)
class OwnedEquipment:
    kind: str
    brand: str
    model: str
    installed_on: datetime.date | None
    age_years: int | None
    site: str

    def describe(self) -> str:
        """ "Furnace, Carrier 58SB0B080, installed 2009 (17 years)"; "install date unknown" when it is."""
        made = " ".join(p for p in (self.brand, self.model) if p)
        when = (
            f"installed {self.installed_on.year} ({plural(self.age_years or 0, 'year')})"
            if self.installed_on
            else "install date unknown"
        )
        return ", ".join(p for p in (self.kind, made, when) if p)


@dataclass(frozen=True)
class LastContact:
    at: datetime.datetime
    channel: str
    outcome: str
    reason: str
    by_whom: str

    def describe(self, today: datetime.date | None = None) -> str:
        """ "Mar 3, 2025, call (left message): Spring tune-up reminder, by Donna Reyes"; "Mar 3, call…"
        when it was this year (app.domain.dates); in the owner's language (app.domain.history)."""
        on = date_text(self.at, today=today)
        return last_contact_text(on, self.channel, self.outcome, self.reason, self.by_whom)


@dataclass(frozen=True)
class QueueEntry:
    """One customer to call, with everything the call needs (the call sheet prints the same)."""

    customer_id: int
    name: str
    phones: tuple[tuple[str, str], ...]  # (label, number as people write it)
    address: str
    segment: str
    pitch: str
    talking_points: tuple[str, ...]
    equipment: tuple[OwnedEquipment, ...]
    last_contact: LastContact | None
    reasons: tuple[QueueReason, ...]
    suggested_time: datetime.time  # the first time they may be called: in their window, not in quiet hours
    call_window: str  # their preferred window, "9:00–11:00 AM"; "" for any time
    call_times: str  # when they may be called that day: "9:00 AM–5:30 PM, 7:30–8:30 PM"
    due: datetime.date | None  # the earliest due date of its reasons
    value: Decimal  # the total estimated value of its reasons

    @property
    def opportunity_ids(self) -> tuple[int, ...]:
        return tuple(reason.opportunity_id for reason in self.reasons)


@dataclass(frozen=True)
class LoggedCall:
    touch_id: int
    opportunity_ids: tuple[int, ...]  # those that took `status`
    status: str
    next_try: datetime.date | None  # when the queue offers the customer again (None: no retry)
    do_not_call: bool
    # The customer's other reasons on the call, when the outcome settles only the one it was about
    # (booked): their new status and when the queue offers them again.
    other_ids: tuple[int, ...] = ()
    others_status: str | None = None
    others_next_try: datetime.date | None = None
    recorded: repository.RecordedCall | None = None  # what it replaced, for undo_call


@dataclass(frozen=True)
class DayPlan:
    """A day's calls: at most the day's capacity, most urgent first; the rest wait for the next days."""

    day: datetime.date
    entries: list[QueueEntry]
    room: int  # the calls the day had left: calls per day less those logged, or the limit asked for
    called: int  # calls from the queue already logged that day: they used up part of the capacity
    waiting: int  # due by that day and callable, but left for the next days
    due: int  # everyone due who may be called that day: on the list, already called, or waiting
    missed: int = 0  # on the day's list, but their calling hours are over by now: not offered


def plan_from_now(day: datetime.date | None = None, *, limit: int | None = None) -> DayPlan:
    """The day's calls as they stand now, the same on the screen, the call sheet and the command line:
    today's from the clock's time on, another day's from its start."""
    day = day or clock.today()
    now = clock.now().time() if day == clock.today() else None
    return plan_day(day, now=now, limit=limit)


def build_queue(
    day: datetime.date, *, now: datetime.time | None = None, limit: int | None = None
) -> list[QueueEntry]:
    """The calls for `day` in order (plan_day's entries): Today's calls and the call sheet alike."""
    return plan_day(day, now=now, limit=limit).entries


def plan_day(day: datetime.date, *, now: datetime.time | None = None, limit: int | None = None) -> DayPlan:
    """The day's calls: the first `calls_per_day` of everyone due, in the queue's order, less the calls
    already logged that day (so the list does not refill as calls are made); `limit` asks for that
    many instead.

    A future day is planned as if each day before it, from today, made its full share of calls:
    those customers are on the earlier days' lists, so a day's list starts with what the day before
    had no room for. The same database and day always give the same list. Given `now`, the list
    is the same, less those who can no longer be called that day (their window has passed);
    suggested times are then from `now` on.
    """
    settings = load_settings()
    capacity = settings.calls_per_day
    today = clock.today()
    planned: set[int] = set()
    cursor = today
    while cursor < day:  # the days between today and a future day take their share first
        room = capacity - len(repository.customers_called_on(cursor))
        planned.update(cid for *_, cid in _ranked(cursor, settings, exclude=planned)[: max(room, 0)])
        cursor += datetime.timedelta(days=1)
    called = repository.customers_called_on(day)
    ranked = _ranked(day, settings, exclude=planned)
    missed = 0
    room = max(limit if limit is not None else capacity - len(called), 0)
    chosen, waiting = ranked[:room], len(ranked) - min(room, len(ranked))
    if now is not None:
        start = now.replace(second=0, microsecond=0)
        later: dict[tuple[str, str], datetime.time | None] = {}
        kept = []
        for *rest, window, cid in chosen:
            if window not in later:
                later[window] = next_call_time(start, settings.quiet_hours, *window)
            if later[window] is not None:
                kept.append((*rest[:-1], later[window], window, cid))
        missed, chosen = len(chosen) - len(kept), kept
    details = repository.queue_details([cid for *_, cid in chosen], day)
    marketed = repository.marketed_since(day, marketing_blocked_since(day, settings.marketing_gap_days))
    entries = []
    for *_, suggested, window, cid in chosen:
        entry = _entry(cid, suggested, window, details, day, settings, cid in marketed)
        if entry is not None:
            entries.append(entry)
    return DayPlan(day, entries, room, len(called), waiting, len(ranked) + len(called), missed)


def _ranked(
    day: datetime.date, settings: BusinessSettings, *, exclude: set[int]
) -> list[tuple[datetime.date, int, datetime.time, tuple[str, str], int]]:
    """Everyone who may be called on `day`, in the queue's order: (due for ordering, -cents, first
    allowed time, window, customer id). Those with no allowed time that day are left out; so are
    the customers already called from the queue that day, and `exclude`."""
    since = marketing_blocked_since(day, settings.marketing_gap_days)
    backlog = day - datetime.timedelta(days=BACKLOG_DAYS)
    called = repository.customers_called_on(day)
    slots: dict[tuple[str, str], datetime.time | None] = {}
    ranked = []
    for customer_id, due, cents, *window in repository.queue_customers(day, since):
        if customer_id in exclude or customer_id in called:
            continue
        key = (window[0] or "", window[1] or "")
        if key not in slots:
            slots[key] = first_call_time(settings.quiet_hours, *key)
        suggested = slots[key]
        if suggested is None:
            continue  # no time that day at which they may be called
        ranked.append((max(due, backlog) if due else day, -cents, suggested, key, customer_id))
    ranked.sort()
    return ranked


def _entry(
    customer_id: int,
    suggested: datetime.time,
    window: tuple[str, str],
    details: dict,
    day: datetime.date,
    settings: BusinessSettings,
    marketed: bool,
) -> QueueEntry | None:
    customer = details["customers"].get(customer_id)
    reasons = [r for r in details["reasons"].get(customer_id, []) if not (marketed and is_marketing(r[2]))]
    if not customer or not reasons:
        return None  # changed between the two reads
    _, name, phone, mobile, work, _start, _end, segment, pitch, points, address = customer[0]
    region = settings.country or "US"
    phones = tuple(
        (label, format_phone(number, region))
        for label, number in (("Phone", phone), ("Mobile", mobile), ("Work", work))
        if number
    )
    owned = []
    for _, kind, brand, model, installed, site in details["equipment"].get(customer_id, []):
        installed = as_date(installed)
        age = years_between(installed, day) if installed else None
        owned.append(OwnedEquipment(kind, brand, model, installed, age, site))
    touches = details["touches"].get(customer_id)
    last = None
    if touches:
        _, at, channel, outcome, reason, by_whom = touches[0]
        at = at if isinstance(at, datetime.datetime) else datetime.datetime.fromisoformat(str(at))
        last = LastContact(at, channel, outcome, reason, by_whom)
    why = tuple(
        QueueReason(id_, kind, reason, from_cents(cents), as_date(due), status)
        for _, id_, kind, reason, cents, due, status in reasons
    )
    dues = [reason.due for reason in why if reason.due]
    return QueueEntry(
        customer_id=customer_id,
        name=name,
        phones=phones,
        address=address or "",
        segment=segment,
        pitch=pitch,
        talking_points=tuple(line.strip() for line in points.splitlines() if line.strip()),
        equipment=tuple(owned),
        last_contact=last,
        reasons=why,
        suggested_time=suggested,
        call_window=window_text(*window),
        call_times=call_times_text(callable_periods(settings.quiet_hours, *window)),
        due=min(dues) if dues else None,
        value=sum((reason.value for reason in why), Decimal("0.00")),
    )


def log_outcome(
    entry_or_opportunity_id: QueueEntry | int,
    outcome: str,
    *,
    when: datetime.datetime | None = None,
    by_whom: str = "",
    booked_opportunity_id: int | None = None,
) -> LoggedCall:
    """Record one call: a touch, the opportunities' new status and next try, and a refusal; all or nothing.

    no_answer → contacted, tried again in 2 days; left_message → contacted, again in 3 days
    (the next try is the opportunity's snoozed-until day); do_not_call_again → lost, and the
    customer is marked "do not call". Each applies to every reason of the entry. not_interested →
    the reason the call led with is lost, the others contacted and offered again in 90 days.

    booked → the opportunity the call was about is won: `booked_opportunity_id` when given (one of
    the entry's reasons), else the entry's first reason, the one the queue and the call sheet lead
    with. The customer's other reasons are not bought by that booking; as we spoke to them, they
    become contacted and the queue offers them again 30 days later (app.domain.respect). Given an
    opportunity id instead of an entry, only that opportunity is logged.
    """
    plan = CALL_OUTCOMES.get(outcome)
    if plan is None:
        raise UserError(f"Outcome: choose one of {', '.join(OUTCOMES)}.", "outcome")
    if isinstance(entry_or_opportunity_id, QueueEntry):
        entry = entry_or_opportunity_id
        customer_id = entry.customer_id
        facts = [(r.opportunity_id, r.kind, r.reason) for r in entry.reasons]
    else:
        found = repository.opportunity_facts([entry_or_opportunity_id])
        if not found:
            raise UserError("This opportunity no longer exists; it went away when its record was deleted.")
        customer_id = found[0][1]
        facts = [(id_, kind, reason) for id_, _, kind, reason in found]
    if booked_opportunity_id is not None:
        if booked_opportunity_id not in [id_ for id_, _, _ in facts]:
            raise ValueError("the booked opportunity must be one of the call's reasons")
        # What was booked leads: the touch is about it, and it alone is won.
        facts.sort(key=lambda fact: fact[0] != booked_opportunity_id)
    touch = TouchDraft(
        customer_id=customer_id,
        channel="call",
        happened_at=when or clock.now(),
        outcome=plan.touch_outcome,
        reason="; ".join(f"{KIND_LABELS.get(kind, kind)}: {reason}" for _, kind, reason in facts),  # type: ignore[call-overload]
        by_whom=by_whom,
    ).validated()
    day = touch.happened_at.date()
    next_try = day + datetime.timedelta(days=plan.retry_days) if plan.retry_days is not None else None
    ids = tuple(id_ for id_, _, _ in facts)
    others: tuple[int, ...] = ()
    others_next_try = None
    if plan.others_status is not None:
        ids, others = ids[:1], ids[1:]
        if plan.others_retry_days is not None:
            others_next_try = day + datetime.timedelta(days=plan.others_retry_days)
    recorded = repository.record_outcome(
        customer_id=customer_id,
        happened_at=touch.happened_at,
        outcome=plan.touch_outcome,
        reason=touch.reason,
        by_whom=touch.by_whom,
        is_marketing=plan.reached and any(is_marketing(kind) for _, kind, _ in facts),
        changes=[(ids, plan.status, next_try), (others, plan.others_status or plan.status, others_next_try)],
        do_not_call=plan.refuses_calls,
    )
    return LoggedCall(
        recorded.touch_id,
        ids,
        plan.status,
        next_try,
        plan.refuses_calls,
        others,
        plan.others_status if others else None,
        others_next_try if others else None,
        recorded,
    )


def undo_call(logged: LoggedCall) -> None:
    """Edit ▸ Undo of a logged call: its contact goes, and the opportunities and "do not call" are as
    they were before it (a refusal the customer had given earlier stays)."""
    if logged.recorded is not None:
        repository.undo_outcome(logged.recorded)
