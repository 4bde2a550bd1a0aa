"""New-product candidates: each product launched within the "new" period, with its eligible customers,
best first."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from app.domain.opportunities import Rules
from app.domain.opportunity_kinds import new_product as rule
from app.persistence.opportunities import common_params
from app.persistence.raw_sql import as_date, run_sql

Ranking = list[tuple[int, int, datetime.date | None]]


def candidates(rules: Rules) -> list[rule.ProductOffer]:
    """Every new product with offers left, and who may be offered it, best customer first: customers
    who own a unit of the kind it goes with (when it names one), never bought it, never offered it."""
    products = [p for p in new_products(rules) if p[4] is None or p[4] > 0]
    if not products:
        return []
    ranking = best_customers(rules)
    owners_of: dict[str, set[int]] = {}
    offers = []
    for item_id, name, cents, launched, slots, equipment_kind in products:
        owners = None
        if equipment_kind:
            kind = equipment_kind.lower()
            if kind not in owners_of:
                owners_of[kind] = customers_with(rules, kind)
            owners = owners_of[kind]
        skip = customers_with(rules, bought_item=item_id) | offered(item_id)
        product = (item_id, name, cents, launched)
        offers.append(rule.ProductOffer(item_id, slots, _eligible(ranking, skip, owners, product)))
    return offers


def _eligible(
    ranking: Ranking, skip: set[int], owners: set[int] | None, product: tuple[int, str, int, datetime.date]
) -> Iterator[rule.BestCustomer]:
    """Lazily: a product with few offers left reads only the top of a long ranking."""
    for customer_id, lifetime_cents, since in ranking:
        if customer_id in skip or (owners is not None and customer_id not in owners):
            continue
        yield rule.BestCustomer(customer_id, lifetime_cents, since, *product)


def new_products(rules: Rules) -> list[tuple[int, str, int, datetime.date, int | None, str]]:
    """Active products launched within the "new" period: (id, name, price, launched, slots left, kind).

    Slots left: the quantity available less the offers still standing or won (None: no limit).
    """
    rows = run_sql(
        """SELECT ci.id, ci.name, ci.price_cents, ci.launched_on, ci.quantity_available, ci.equipment_kind,
               (SELECT count(*) FROM opportunity o WHERE o.catalog_item_id = ci.id AND o.kind = :kind
                AND o.status NOT IN ('lost', 'dismissed'))
        FROM catalog_item ci
        WHERE ci.kind = 'product' AND ci.active = :yes AND ci.launched_on IS NOT NULL
          AND ci.launched_on >= :new_from AND ci.launched_on <= :today
        ORDER BY ci.launched_on, ci.id""",
        **common_params(rules),
        kind=rule.KIND,
        new_from=rules.days_ago(rules.new_product_days).isoformat(),
    )
    return [
        (id_, name, cents, as_date(on), None if qty is None else max(0, qty - taken), kind)
        for id_, name, cents, on, qty, kind, taken in rows
    ]


def best_customers(rules: Rules) -> Ranking:
    """Every customer who can be reached on some channel, best first: lifetime value, then loyalty.

    The lifetime value is the one of the headline numbers (sales, plans, and commissions won on
    their referrals); loyalty is how long they have been a customer.
    """
    rows = run_sql(
        """SELECT c.id, coalesce(v.cents, 0) AS ltv, c.customer_since
        FROM customer c
        LEFT JOIN (SELECT customer_id, sum(amount) AS cents FROM (
                       SELECT customer_id, total_cents AS amount FROM sale
                       UNION ALL SELECT customer_id, price_cents FROM service_plan
                       UNION ALL SELECT customer_id, commission_cents FROM referral
                           WHERE customer_id IS NOT NULL AND direction = 'to_partner'
                             AND status IN ('won', 'paid')) AS parts
                   GROUP BY customer_id) AS v ON v.customer_id = c.id
        WHERE c.do_not_service = :no AND NOT (c.do_not_call = :yes AND c.do_not_mail = :yes
                                              AND c.do_not_email = :yes)
        ORDER BY ltv DESC, CASE WHEN c.customer_since IS NULL THEN 1 ELSE 0 END, c.customer_since, c.id""",
        **common_params(rules),
    )
    return [(cid, int(ltv or 0), as_date(since)) for cid, ltv, since in rows]


def customers_with(rules: Rules, equipment_kind: str = "", bought_item: int | None = None) -> set[int]:
    """Customers with a unit of this kind in service, or who ever bought this catalog item."""
    if equipment_kind:
        rows = run_sql(
            """SELECT DISTINCT s.customer_id FROM equipment e JOIN site s ON s.id = e.site_id
            WHERE e.removed_on IS NULL AND lower(e.kind) = :kind""",
            kind=equipment_kind.lower(),
        )
    else:
        rows = run_sql(
            """SELECT DISTINCT x.customer_id FROM sale_line sl JOIN sale x ON x.id = sl.sale_id
            WHERE sl.catalog_item_id = :item""",
            item=bought_item,
        )
    return {cid for (cid,) in rows}


def offered(item_id: int) -> set[int]:
    rows = run_sql(
        "SELECT customer_id FROM opportunity WHERE kind = :kind AND catalog_item_id = :item",
        kind=rule.KIND,
        item=item_id,
    )
    return {cid for (cid,) in rows}
