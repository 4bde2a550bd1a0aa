"""Respect, built in: who may be contacted, on which channel, when, and how often.

These are rules, not options to remember:
- a refusal removes the customer from that channel everywhere (do not call: no calls
  and no texts; do not mail; do not e-mail), and "do not service" from everything;
- no call is suggested inside the business's quiet hours, nor outside the customer's
  preferred window (its end is exclusive: a 9:00–11:00 window takes calls up to 10:59);
- at most one marketing contact per customer every `marketing_gap_days` (30 by default):
  after a marketing contact on day D the next one may be made on day D + gap.
Times of day are "HH:MM" text (as settings and customers store them), "24:00" ends a day; they are
shown as app.domain.formatting writes them ("9:00–11:00 AM").
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from app.domain.formatting import time_range
from app.domain.kinds import Channel, OpportunityKind

# Selling something new; the rest (renewal, maintenance due, follow-up, check-in, warranty
# ending) look after what the customer already has, and are not limited by the marketing gap.
MARKETING_KINDS = frozenset(
    {
        OpportunityKind.REPLACEMENT,
        OpportunityKind.UPGRADE,
        OpportunityKind.ADD_ON,
        OpportunityKind.NEW_PRODUCT,
        OpportunityKind.OTHER_SITE,
    }
)
DAY_MINUTES = 24 * 60


@dataclass(frozen=True)
class ContactFlags:
    """A customer's refusals, as stored on the customer."""

    do_not_call: bool = False
    do_not_mail: bool = False
    do_not_email: bool = False
    do_not_service: bool = False


_REFUSED_BY = {
    Channel.CALL: "do_not_call",
    Channel.TEXT: "do_not_call",
    Channel.MAIL: "do_not_mail",
    Channel.EMAIL: "do_not_email",
}


def may_contact(flags: ContactFlags, channel: str) -> bool:
    """Whether this channel may be used for this customer (a visit or in-person talk only needs service)."""
    if flags.do_not_service:
        return False
    refusal = _REFUSED_BY.get(Channel(channel))
    return not (refusal and getattr(flags, refusal))


def allowed_channels(flags: ContactFlags) -> frozenset[Channel]:
    return frozenset(channel for channel in Channel if may_contact(flags, channel))


def refusal_text(flags: ContactFlags, channel: str) -> str:
    """Why a channel is closed, in the owner's words ("" when it is open)."""
    if flags.do_not_service:
        return "not serviced any more"
    refusal = _REFUSED_BY.get(Channel(channel))
    if refusal and getattr(flags, refusal):
        return {
            "do_not_call": "asked not to be called",
            "do_not_mail": "asked for no mail",
            "do_not_email": "asked for no e-mail",
        }[refusal]
    return ""


def is_marketing(kind: str) -> bool:
    return kind in MARKETING_KINDS


def marketing_allowed(last_marketing_on: datetime.date | None, day: datetime.date, gap_days: int) -> bool:
    """True when a marketing contact on `day` keeps at least `gap_days` days since the last one."""
    return last_marketing_on is None or (day - last_marketing_on).days >= gap_days


def marketing_blocked_since(day: datetime.date, gap_days: int) -> datetime.date:
    """The first day whose marketing contact still blocks another one on `day`."""
    return day - datetime.timedelta(days=max(gap_days, 0) - 1)


# ---------------------------------------------------------------- when to call


def minutes(hhmm: str) -> int:
    """ "17:30" → 1050; "24:00" → 1440."""
    hours, _, mins = hhmm.partition(":")
    return int(hours) * 60 + int(mins or 0)


def hhmm(total_minutes: int) -> str:
    return f"{total_minutes // 60:02d}:{total_minutes % 60:02d}"


def callable_periods(
    quiet_hours: tuple[tuple[str, str], ...], window_start: str = "", window_end: str = ""
) -> list[tuple[int, int]]:
    """The [start, end) minute ranges of a day in which this customer may be called."""
    if window_start and window_end:
        periods = [(minutes(window_start), minutes(window_end))]
    else:
        periods = [(0, DAY_MINUTES)]
    for quiet_start, quiet_end in quiet_hours:
        cut_from, cut_to = minutes(quiet_start), minutes(quiet_end)
        remaining = []
        for start, end in periods:
            if start < cut_from:
                remaining.append((start, min(end, cut_from)))
            if end > cut_to:
                remaining.append((max(start, cut_to), end))
        periods = [(start, end) for start, end in remaining if start < end]
    return sorted(periods)


def next_call_time(
    at: datetime.time, quiet_hours: tuple[tuple[str, str], ...], window_start: str = "", window_end: str = ""
) -> datetime.time | None:
    """The first moment from `at` (to the minute) on the same day when a call is allowed, or None."""
    now = at.hour * 60 + at.minute
    for start, end in callable_periods(quiet_hours, window_start, window_end):
        if now < end:
            first = max(now, start)
            return datetime.time(first // 60, first % 60)
    return None


def may_call_at(
    at: datetime.time, quiet_hours: tuple[tuple[str, str], ...], window_start: str = "", window_end: str = ""
) -> bool:
    return next_call_time(at, quiet_hours, window_start, window_end) == at.replace(second=0, microsecond=0)


def first_call_time(
    quiet_hours: tuple[tuple[str, str], ...], window_start: str = "", window_end: str = ""
) -> datetime.time | None:
    """The first moment of the day at which this customer may be called (None: never that day)."""
    return next_call_time(datetime.time(0, 0), quiet_hours, window_start, window_end)


def window_text(window_start: str, window_end: str) -> str:
    """ "9:00–11:00 AM", or "" for any time."""
    return time_range(window_start, window_end) if window_start and window_end else ""


def call_times_text(periods: list[tuple[int, int]]) -> str:
    """The minute ranges of callable_periods in words: "9:00 AM–5:30 PM, 7:30–8:30 PM"."""
    return ", ".join(time_range(hhmm(start), hhmm(end)) for start, end in periods)


# ---------------------------------------------------------------- after a call


@dataclass(frozen=True)
class CallOutcome:
    """What one logged call outcome does: the touch's wording, the opportunities' status, the next try.

    With `others_status` set, `status` goes to the one opportunity the call was about (the queue
    entry's first reason) and the customer's other reasons on the call take `others_status`,
    offered again `others_retry_days` later; otherwise every reason on the call takes `status`.
    """

    touch_outcome: str  # as app.domain.records.TOUCH_OUTCOMES spells it
    status: str  # the opportunities' new status
    retry_days: int | None  # the queue offers the customer again this many days later (None: no retry)
    reached: bool  # they heard the pitch: a marketing reason then counts against the marketing gap
    refuses_calls: bool = False
    others_status: str | None = None
    others_retry_days: int | None = None


# After a booking, the customer's other reasons wait this long: the booked visit usually falls within
# the month, and the technician can raise them on site; after that the queue offers them again.
BOOKED_OTHERS_RETRY_DAYS = 30
# "Not interested" answers the pitch the call led with; the customer's other reasons were not
# refused, but calling back about them soon would annoy: they rest for a season.
DECLINED_OTHERS_RETRY_DAYS = 90


# No answer: try again in 2 days; a message left: give them 3 days to call back. Both stay
# "contacted" with the next try as their snoozed-until day, and neither counts as a marketing
# contact (nobody heard the pitch), so the retry is not held back by the marketing gap.
# Booked: the job the call was about is won. The customer's other reasons are not: they did not
# buy those, but we did speak to them, so they are "contacted" and come back after the visit.
# Not interested: the reason the call led with is lost; the others rest, contacted, for a season.
CALL_OUTCOMES: dict[str, CallOutcome] = {
    "no_answer": CallOutcome("no answer", "contacted", 2, reached=False),
    "left_message": CallOutcome("left message", "contacted", 3, reached=False),
    "booked": CallOutcome(
        "booked",
        "won",
        None,
        reached=True,
        others_status="contacted",
        others_retry_days=BOOKED_OTHERS_RETRY_DAYS,
    ),
    "not_interested": CallOutcome(
        "not interested",
        "lost",
        None,
        reached=True,
        others_status="contacted",
        others_retry_days=DECLINED_OTHERS_RETRY_DAYS,
    ),
    "do_not_call_again": CallOutcome("do not call again", "lost", None, reached=True, refuses_calls=True),
}
