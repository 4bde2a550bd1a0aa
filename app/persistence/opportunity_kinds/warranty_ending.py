"""Warranty-ending candidates: units in service whose warranty ends from today through the notice period."""

from __future__ import annotations

from app.domain.opportunities import Rules
from app.domain.opportunity_kinds import warranty_ending as rule
from app.persistence.opportunities import UNSERVED, common_params
from app.persistence.raw_sql import as_date, run_sql


def candidates(rules: Rules) -> list[rule.Warranty]:
    """Units in service whose warranty ends from today through the notice period, with the plan
    to offer a customer who has none (the catalog's most taken plan)."""
    offer = run_sql(
        """SELECT ci.name, ci.price_cents FROM catalog_item ci
        LEFT JOIN service_plan p ON p.catalog_item_id = ci.id AND p.status = :active
        WHERE ci.kind = 'plan' AND ci.active = :yes
        GROUP BY ci.id, ci.name, ci.price_cents ORDER BY count(p.id) DESC, ci.price_cents, ci.id LIMIT 1""",
        **common_params(rules),
    )
    offer_name, offer_cents = offer[0] if offer else ("", 0)
    rows = run_sql(
        f"""SELECT e.id, s.customer_id, e.site_id, e.kind, e.installed_on, e.warranty_until,
               (SELECT max(p.name) FROM service_plan p WHERE p.customer_id = s.customer_id
                AND p.status = :active AND p.ends_on >= :today)
        FROM equipment e
        JOIN site s ON s.id = e.site_id
        WHERE e.removed_on IS NULL AND e.warranty_until >= :today AND e.warranty_until <= :horizon
          AND s.customer_id NOT IN ({UNSERVED})""",
        **common_params(rules),
        horizon=rules.days_ahead(rules.warranty_notice_days).isoformat(),
    )
    return [
        rule.Warranty(id_, cid, site, kind, as_date(on), as_date(until), plan or "", offer_name, offer_cents)
        for id_, cid, site, kind, on, until, plan in rows
    ]
