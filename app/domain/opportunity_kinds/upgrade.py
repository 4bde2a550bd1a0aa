"""Upgrade: the next step up a basic-to-deluxe ladder, for a unit old enough to think about it."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from app.domain.kinds import OpportunityKind
from app.domain.opportunities import Raised, Rules, add_years, money, plural
from app.domain.opportunity_kinds.spec import KindSpec, Resolution, each
from app.domain.values import years_between

KIND = OpportunityKind.UPGRADE


class LadderStep(NamedTuple):
    equipment_id: int
    customer_id: int
    site_id: int
    installed_on: datetime.date
    item_name: str
    life_min: int | None
    next_item_id: int
    next_name: str
    next_price_cents: int


def trigger_key(unit: LadderStep) -> str:
    return f"{KIND}:equipment{unit.equipment_id}:item{unit.next_item_id}"


def upgrade(unit: LadderStep, rules: Rules) -> Raised | None:
    """The next step up the ladder, for a unit old enough to think about it but not yet due a replacement."""
    age = years_between(unit.installed_on, rules.today)
    if age < rules.upgrade_after_years:
        return None
    if unit.life_min is not None and age >= max(unit.life_min - rules.replacement_warning_years, 1):
        return None  # the replacement speaks for it
    reason = (
        f"Has had the {unit.item_name} since {unit.installed_on.year} ({plural(age, 'year')}); "
        f"the next step up is the {unit.next_name} ({money(unit.next_price_cents)})"
    )
    subject, _, event = trigger_key(unit).rpartition(":")
    return Raised(
        KIND, unit.customer_id, subject, event, reason, unit.next_price_cents,
        add_years(unit.installed_on, rules.upgrade_after_years), unit.site_id, unit.equipment_id,
        catalog_item_id=unit.next_item_id,
    )  # fmt: skip


SPEC = KindSpec(
    KIND,
    each(upgrade),
    refreshed=True,
    closes_when=(Resolution.UNIT_REMOVED, Resolution.ITEM_BOUGHT),
    key_of=trigger_key,  # most units on a ladder were offered their next step on an earlier day
)
