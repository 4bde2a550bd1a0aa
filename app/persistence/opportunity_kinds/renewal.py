"""Renewal candidates: active plans that do not renew themselves, from the notice to the grace period."""

from __future__ import annotations

from app.domain.opportunities import RENEWAL_GRACE_DAYS, Rules
from app.domain.opportunity_kinds import renewal as rule
from app.persistence.opportunities import common_params
from app.persistence.raw_sql import as_date, run_sql


def candidates(rules: Rules) -> list[rule.PlanTerm]:
    rows = run_sql(
        """SELECT p.id, p.customer_id, p.site_id, p.name, p.ends_on, p.price_cents, p.auto_renew
        FROM service_plan p JOIN customer c ON c.id = p.customer_id
        WHERE p.status = :active AND p.auto_renew = :no AND p.ends_on <= :horizon AND p.ends_on >= :grace
          AND c.do_not_service = :no""",
        **common_params(rules),
        horizon=rules.days_ahead(rules.renewal_notice_days).isoformat(),
        grace=rules.days_ago(RENEWAL_GRACE_DAYS).isoformat(),
    )
    return [
        rule.PlanTerm(id_, cid, site, name, as_date(ends), cents, bool(auto))
        for id_, cid, site, name, ends, cents, auto in rows
    ]
