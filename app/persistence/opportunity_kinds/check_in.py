"""Check-in candidates: recent buyers with no sale, call, visit or talk since the check-in cut-off."""

from __future__ import annotations

import datetime

from app.domain.opportunities import Rules
from app.domain.opportunity_kinds import check_in as rule
from app.persistence.opportunities import SPOKEN, UNANSWERED, common_params
from app.persistence.raw_sql import as_date, run_sql


def candidates(rules: Rules) -> list[rule.RecentBuyer]:
    """Recent buyers with no sale, call, visit or talk since the check-in cut-off."""
    cutoff = rules.days_ago(rules.check_in_after_days)
    rows = run_sql(
        """SELECT customer_id, last_sale, last_spoken, last_visit FROM (
            SELECT r.customer_id, r.last_sale,
                   (SELECT max(t.happened_at) FROM touch t WHERE t.customer_id = r.customer_id
                    AND t.channel IN (:spoken) AND t.outcome NOT IN (:unanswered)) AS last_spoken,
                   (SELECT max(v.visited_on) FROM visit v WHERE v.customer_id = r.customer_id) AS last_visit
            FROM (SELECT customer_id, max(sold_on) AS last_sale FROM sale
                  WHERE sold_on >= :recent_from GROUP BY customer_id) AS r
            JOIN customer c ON c.id = r.customer_id
            WHERE r.last_sale <= :cutoff AND c.do_not_service = :no) AS q
        WHERE (last_spoken IS NULL OR last_spoken < :after_cutoff)
          AND (last_visit IS NULL OR last_visit <= :cutoff)""",
        **common_params(rules),
        spoken=SPOKEN,
        unanswered=UNANSWERED,
        recent_from=rules.recent_from.isoformat(),
        cutoff=cutoff.isoformat(),
        after_cutoff=(cutoff + datetime.timedelta(days=1)).isoformat(),
    )
    return [
        rule.RecentBuyer(cid, as_date(sale), as_date(spoken), as_date(visit))
        for cid, sale, spoken, visit in rows
    ]
