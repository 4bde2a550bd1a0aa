"""Maintenance due: a plan that includes visits, a year / visits_per_year after the last one."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from app.domain.kinds import OpportunityKind
from app.domain.opportunities import Raised, Rules, long_date, plural
from app.domain.opportunity_kinds.spec import KindSpec, Resolution, each

KIND = OpportunityKind.MAINTENANCE_DUE


class PlanVisits(NamedTuple):
    plan_id: int
    customer_id: int
    site_id: int | None
    name: str
    started_on: datetime.date
    ends_on: datetime.date
    visits_per_year: int
    price_cents: int
    last_visit: datetime.date | None


def maintenance_due(plan: PlanVisits, rules: Rules) -> Raised | None:
    """A visit is due a year / visits_per_year after the last one (or the start), within the term."""
    if plan.visits_per_year <= 0:
        return None
    since = plan.last_visit or plan.started_on
    due = since + datetime.timedelta(days=365 // plan.visits_per_year)
    if due > rules.today or due > plan.ends_on:
        return None
    last = f"last visit {long_date(plan.last_visit)}" if plan.last_visit else "no visit since it started"
    overdue = (rules.today - due).days
    late = f"{plural(overdue, 'day')} overdue" if overdue else "due today"
    reason = f"{plan.name}: {plural(plan.visits_per_year, 'visit')} a year; {last}; {late}"
    return Raised(
        KIND, plan.customer_id, f"{KIND}:plan{plan.plan_id}", f"after{since}", reason,
        plan.price_cents // plan.visits_per_year, due, plan.site_id, plan_id=plan.plan_id,
    )  # fmt: skip


SPEC = KindSpec(KIND, each(maintenance_due), refreshed=True, closes_when=(Resolution.VISIT_MADE,))
