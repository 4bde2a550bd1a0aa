"""Warranty ending: from a notice period before a unit's warranty ends through the day it ends."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from app.domain.kinds import OpportunityKind
from app.domain.opportunities import Raised, Rules, long_date, money, month_year, relative_days
from app.domain.opportunity_kinds.spec import KindSpec, Resolution, each

KIND = OpportunityKind.WARRANTY_ENDING


class Warranty(NamedTuple):
    equipment_id: int
    customer_id: int
    site_id: int
    kind: str
    installed_on: datetime.date | None
    warranty_until: datetime.date
    plan_name: str  # the customer's active plan, "" when none
    offer_name: str  # the plan to offer when they have none ("" when the catalog has none)
    offer_cents: int


def warranty_ending(unit: Warranty, rules: Rules) -> Raised | None:
    """From `warranty_notice_days` before the warranty ends through the day it ends."""
    opens = unit.warranty_until - datetime.timedelta(days=rules.warranty_notice_days)
    if not opens <= rules.today <= unit.warranty_until:
        return None
    installed = f", installed {month_year(unit.installed_on)}" if unit.installed_on else ""
    reason = (
        f"{unit.kind} warranty ends {long_date(unit.warranty_until)} "
        f"({relative_days(unit.warranty_until, rules.today)}){installed}"
    )
    value = 0
    if unit.plan_name:
        reason += f"; covered by {unit.plan_name}: book a check before it ends"
    elif unit.offer_name:
        reason += f"; no service plan: offer {unit.offer_name} ({money(unit.offer_cents)})"
        value = unit.offer_cents
    return Raised(
        KIND, unit.customer_id, f"{KIND}:equipment{unit.equipment_id}",
        unit.warranty_until.isoformat(), reason, value, opens, unit.site_id, unit.equipment_id,
    )  # fmt: skip


SPEC = KindSpec(KIND, each(warranty_ending), refreshed=True, closes_when=(Resolution.UNIT_REMOVED,))
