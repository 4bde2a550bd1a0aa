"""Follow-up: a call a set time after a job, unless someone has spoken with the customer since."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from app.domain.kinds import OpportunityKind
from app.domain.opportunities import Raised, Rules, long_date, relative_days
from app.domain.opportunity_kinds.spec import KindSpec, Resolution, each

KIND = OpportunityKind.FOLLOW_UP


class SaleDone(NamedTuple):
    sale_id: int
    customer_id: int
    site_id: int | None
    sold_on: datetime.date
    description: str
    last_contact: datetime.date | None  # the latest call, visit or talk with the customer


def follow_up(sale: SaleDone, rules: Rules) -> Raised | None:
    """A call `follow_up_after_days` after a sale, unless someone has spoken with them since."""
    due = sale.sold_on + datetime.timedelta(days=rules.follow_up_after_days)
    too_old = rules.days_ago(rules.follow_up_after_days + rules.follow_up_window_days)
    if due > rules.today or sale.sold_on < too_old:
        return None
    if sale.last_contact is not None and sale.last_contact > sale.sold_on:
        return None
    what = sale.description or "Job"
    reason = (
        f"{what} on {long_date(sale.sold_on)} ({relative_days(sale.sold_on, rules.today)}): check all is well"
    )
    return Raised(KIND, sale.customer_id, f"{KIND}:sale{sale.sale_id}", "call", reason, 0, due, sale.site_id)


# Not refreshed: every sale is a subject of its own, followed up once.
SPEC = KindSpec(KIND, each(follow_up), closes_when=(Resolution.SPOKEN_WITH,))
