"""Maintenance candidates: active plans with visits, each with its last maintenance or inspection visit."""

from __future__ import annotations

from app.domain.opportunities import Rules
from app.domain.opportunity_kinds import maintenance_due as rule
from app.persistence.opportunities import MAINTENANCE_VISITS, common_params
from app.persistence.raw_sql import as_date, run_sql


def candidates(rules: Rules) -> list[rule.PlanVisits]:
    """Active plans with visits, each with its last maintenance or inspection visit."""
    rows = run_sql(
        """SELECT p.id, p.customer_id, p.site_id, p.name, p.started_on, p.ends_on, p.visits_per_year,
               p.price_cents,
               (SELECT max(v.visited_on) FROM visit v WHERE v.plan_id = p.id
                AND v.kind IN (:maintenance) AND v.visited_on <= :today)
        FROM service_plan p JOIN customer c ON c.id = p.customer_id
        WHERE p.status = :active AND p.visits_per_year > 0 AND p.started_on <= :today
          AND c.do_not_service = :no""",
        **common_params(rules),
        maintenance=MAINTENANCE_VISITS,
    )
    return [
        rule.PlanVisits(id_, cid, site, name, as_date(start), as_date(end), vpy, cents, as_date(last))
        for id_, cid, site, name, start, end, vpy, cents, last in rows
    ]
