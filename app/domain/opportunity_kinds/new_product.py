"""New product: a product launched within the "new" period, offered to the best customers first,
as many as its quantity allows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from app.domain.kinds import OpportunityKind
from app.domain.opportunities import Raised, Rules, long_date, money
from app.domain.opportunity_kinds.spec import KindSpec, Resolution

KIND = OpportunityKind.NEW_PRODUCT


class BestCustomer(NamedTuple):
    customer_id: int
    lifetime_cents: int
    customer_since: datetime.date | None
    product_id: int
    product_name: str
    price_cents: int
    launched_on: datetime.date


class ProductOffer(NamedTuple):
    """One new product and who may be offered it: best customer first (only those who can be
    reached, who own a unit of the kind it goes with, never bought it and were never offered it)."""

    product_id: int
    slots: int | None  # how many offers it has left (None: no limit)
    customers: Iterable[BestCustomer]


def is_new(launched_on: datetime.date | None, rules: Rules) -> bool:
    return launched_on is not None and rules.days_ago(rules.new_product_days) <= launched_on <= rules.today


def new_product(best: BestCustomer, rules: Rules) -> Raised | None:
    if not is_new(best.launched_on, rules):
        return None
    since = f" since {best.customer_since.year}" if best.customer_since else ""
    reason = (
        f"{best.product_name} (launched {long_date(best.launched_on)}), offered first to our best "
        f"customers: {money(best.lifetime_cents)} with us{since}"
    )
    return Raised(
        KIND, best.customer_id, f"{KIND}:customer{best.customer_id}:item{best.product_id}",
        "offer", reason, best.price_cents, max(best.launched_on, rules.today),
        catalog_item_id=best.product_id,
    )  # fmt: skip


def judge(offers: Iterable[ProductOffer], rules: Rules) -> list[Raised]:
    """Each product to its customers in order, until its slots are taken."""
    raised = []
    for offer in offers:
        picked: list[Raised] = []
        for best in offer.customers:
            if offer.slots is not None and len(picked) >= offer.slots:
                break
            if (found := new_product(best, rules)) is not None:
                picked.append(found)
        raised += picked
    return raised


# Not refreshed: every (customer, product) pair is a subject of its own, offered once.
SPEC = KindSpec(KIND, judge, closes_when=(Resolution.ITEM_BOUGHT,))
