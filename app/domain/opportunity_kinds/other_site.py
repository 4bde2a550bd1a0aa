"""Other site: a customer who buys for one of their sites and nothing for another that has equipment."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from itertools import groupby
from typing import NamedTuple

from app.domain.kinds import OpportunityKind
from app.domain.opportunities import Raised, Rules, month_year, plural
from app.domain.opportunity_kinds.spec import KindSpec, Resolution

KIND = OpportunityKind.OTHER_SITE


class SiteSpend(NamedTuple):
    customer_id: int
    site_id: int
    label: str
    has_equipment: bool
    recent_cents: int  # sales at this site in the last recent_buyer_years
    recent_jobs: int
    last_sale: datetime.date | None  # ever
    plan_name: str  # an active plan at this site
    plan_cents: int


def other_sites(sites: list[SiteSpend], rules: Rules) -> list[Raised]:
    """One customer's sites: some buy (recent jobs or an active plan), others with equipment don't."""
    buying = [s for s in sites if s.recent_jobs or s.plan_name]
    if not buying:
        return []
    best = max(buying, key=lambda s: (s.plan_cents, s.recent_cents, -s.site_id))
    if best.plan_name:
        what, value = f"{best.label} ({best.plan_name})", best.plan_cents
    else:
        what = f"{best.label} ({plural(best.recent_jobs, 'job')} since {rules.recent_from.year})"
        value = sum(s.recent_cents for s in buying) // len(buying)
    raised = []
    for site in sites:
        if site in buying or not site.has_equipment:
            continue
        last = f"last job there {month_year(site.last_sale)}" if site.last_sale else "never a job there"
        reason = f"Buys for {what} but nothing for {site.label} ({last})"
        event = f"last{site.last_sale.isoformat() if site.last_sale else 'never'}"
        raised.append(Raised(
            KIND, site.customer_id, f"{KIND}:site{site.site_id}", event, reason, value,
            rules.today, site.site_id,
        ))  # fmt: skip
    return raised


def judge(sites: Iterable[SiteSpend], rules: Rules) -> list[Raised]:
    """`sites` ordered by customer: each customer's sites are judged together."""
    raised = []
    for _, theirs in groupby(sites, key=lambda site: site.customer_id):
        raised += other_sites(list(theirs), rules)
    return raised


SPEC = KindSpec(KIND, judge, refreshed=True, closes_when=(Resolution.SITE_BOUGHT,))
