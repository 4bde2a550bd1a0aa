"""Check-in: a customer who bought in the last few years and nobody has spoken with for a while."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from app.domain.kinds import OpportunityKind
from app.domain.opportunities import Raised, Rules, long_date, plural
from app.domain.opportunity_kinds.spec import KindSpec, Resolution, each

KIND = OpportunityKind.CHECK_IN


class RecentBuyer(NamedTuple):
    customer_id: int
    last_sale: datetime.date
    last_spoken: datetime.date | None
    last_visit: datetime.date | None


def _last_contact(buyer: RecentBuyer) -> datetime.date:
    """The last sale, talk or visit: what the time without contact counts from."""
    return max(day for day in (buyer.last_sale, buyer.last_spoken, buyer.last_visit) if day is not None)


def trigger_key(buyer: RecentBuyer) -> str:
    return f"{KIND}:customer{buyer.customer_id}:since{_last_contact(buyer)}"


def check_in(buyer: RecentBuyer, rules: Rules) -> Raised | None:
    """A customer who bought in the last few years and nobody has spoken with for a while."""
    if buyer.last_sale < rules.recent_from:
        return None
    last = _last_contact(buyer)
    due = last + datetime.timedelta(days=rules.check_in_after_days)
    if due > rules.today:
        return None
    spoken = [day for day in (buyer.last_spoken, buyer.last_visit) if day is not None]
    contact = f"last spoken with {long_date(max(spoken))}" if spoken else "never spoken with since"
    reason = (
        f"Bought from us {long_date(buyer.last_sale)}; {contact} "
        f"({plural((rules.today - last).days, 'day')} without contact)"
    )
    subject, _, event = trigger_key(buyer).rpartition(":")
    return Raised(KIND, buyer.customer_id, subject, event, reason, 0, due)


# A customer nobody has spoken with stays a candidate every day until someone does: judged once.
SPEC = KindSpec(
    KIND, each(check_in), refreshed=True, closes_when=(Resolution.SPOKEN_WITH,), key_of=trigger_key
)
