"""Add-on: something that goes with a unit a site has, offered after a visit there; one at a time."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from app.domain.kinds import OpportunityKind
from app.domain.opportunities import Raised, Rules, long_date
from app.domain.opportunity_kinds.spec import KindSpec, Resolution
from app.domain.wording import article

KIND = OpportunityKind.ADD_ON


class AddOnFit(NamedTuple):
    customer_id: int
    site_id: int
    equipment_id: int
    equipment_kind: str
    installed_on: datetime.date | None
    add_on_id: int
    add_on_name: str
    price_cents: int
    last_visit: datetime.date


def add_on(fit: AddOnFit, rules: Rules) -> Raised:
    since = f" (installed {fit.installed_on.year})" if fit.installed_on else ""
    unit = f"{article(fit.equipment_kind)} {fit.equipment_kind.lower()}"
    reason = f"Has {unit}{since} but no {fit.add_on_name.lower()}; we were there {long_date(fit.last_visit)}"
    return Raised(
        KIND, fit.customer_id, f"{KIND}:site{fit.site_id}", f"item{fit.add_on_id}", reason,
        fit.price_cents, fit.last_visit, fit.site_id, fit.equipment_id, catalog_item_id=fit.add_on_id,
    )  # fmt: skip


def best_add_ons(fits: Iterable[AddOnFit]) -> list[AddOnFit]:
    """One add-on at a time per site: the most valuable one not offered there before.

    Pass only add-ons never offered at that site, so that after a "no" the next one comes up.
    """
    best: dict[int, AddOnFit] = {}
    for fit in fits:
        held = best.get(fit.site_id)
        if held is None or (fit.price_cents, -fit.add_on_id) > (held.price_cents, -held.add_on_id):
            best[fit.site_id] = fit
    return list(best.values())


def judge(fits: Iterable[AddOnFit], rules: Rules) -> list[Raised]:
    return [add_on(fit, rules) for fit in best_add_ons(fits)]


# Not refreshed: while one add-on is being worked at a site, the next waits for its answer.
SPEC = KindSpec(KIND, judge, closes_when=(Resolution.ITEM_BOUGHT,))
