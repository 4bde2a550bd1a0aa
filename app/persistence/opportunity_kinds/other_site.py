"""Other-site candidates: every site of customers with more than one, with what it bought lately."""

from __future__ import annotations

from app.domain.opportunities import Rules
from app.domain.opportunity_kinds import other_site as rule
from app.persistence.opportunities import UNSERVED, common_params
from app.persistence.raw_sql import as_date, run_sql


def candidates(rules: Rules) -> list[rule.SiteSpend]:
    """Every site of customers with more than one, with what it bought lately and its active plan,
    ordered by customer (the rule judges each customer's sites together)."""
    rows = run_sql(
        f"""SELECT s.customer_id, s.id, s.label, s.street,
               CASE WHEN EXISTS (SELECT 1 FROM equipment e WHERE e.site_id = s.id AND e.removed_on IS NULL)
                    THEN 1 ELSE 0 END,
               (SELECT coalesce(sum(x.total_cents), 0) FROM sale x WHERE x.site_id = s.id
                AND x.sold_on >= :recent_from),
               (SELECT count(*) FROM sale x WHERE x.site_id = s.id AND x.sold_on >= :recent_from),
               (SELECT max(x.sold_on) FROM sale x WHERE x.site_id = s.id),
               (SELECT p.name FROM service_plan p WHERE p.site_id = s.id AND p.status = :active
                ORDER BY p.price_cents DESC, p.id LIMIT 1),
               (SELECT max(p.price_cents) FROM service_plan p WHERE p.site_id = s.id AND p.status = :active)
        FROM site s
        JOIN (SELECT customer_id FROM site GROUP BY customer_id HAVING count(*) > 1) AS m
             ON m.customer_id = s.customer_id
        WHERE s.customer_id NOT IN ({UNSERVED})
        ORDER BY s.customer_id, s.id""",
        **common_params(rules),
        recent_from=rules.recent_from.isoformat(),
    )
    return [
        rule.SiteSpend(
            cid,
            sid,
            ", ".join(p for p in (label, street) if p) or f"site {sid}",
            bool(equipment),
            int(cents or 0),
            int(jobs or 0),
            as_date(last),
            plan or "",
            int(plan_cents or 0),
        )
        for cid, sid, label, street, equipment, cents, jobs, last, plan, plan_cents in rows
    ]
