"""Renewal: a service plan whose term ends soon (or just ended) and does not renew itself."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from app.domain.kinds import OpportunityKind
from app.domain.opportunities import RENEWAL_GRACE_DAYS, Raised, Rules, long_date, money, relative_days
from app.domain.opportunity_kinds.spec import KindSpec, Resolution, each

KIND = OpportunityKind.RENEWAL
# Trigger keys read "renewal:plan11:2026-05-17": the event is the end of the term to renew.
SUBJECT_PREFIX = f"{KIND}:plan"


class PlanTerm(NamedTuple):
    plan_id: int
    customer_id: int
    site_id: int | None
    name: str
    ends_on: datetime.date
    price_cents: int
    auto_renew: bool


def renewal(plan: PlanTerm, rules: Rules) -> Raised | None:
    """From `renewal_notice_days` before the term ends; a plan that renews itself needs no call."""
    opens = plan.ends_on - datetime.timedelta(days=rules.renewal_notice_days)
    if plan.auto_renew or rules.today < opens or (rules.today - plan.ends_on).days > RENEWAL_GRACE_DAYS:
        return None
    when = relative_days(plan.ends_on, rules.today)
    verb = "ended" if plan.ends_on < rules.today else "ends"
    reason = f"{plan.name} {verb} {long_date(plan.ends_on)} ({when}); renewal {money(plan.price_cents)}"
    return Raised(
        KIND, plan.customer_id, f"{SUBJECT_PREFIX}{plan.plan_id}", plan.ends_on.isoformat(), reason,
        plan.price_cents, opens, plan.site_id, plan_id=plan.plan_id,
    )  # fmt: skip


SPEC = KindSpec(KIND, each(renewal), refreshed=True, closes_when=(Resolution.TERM_RENEWED,))
