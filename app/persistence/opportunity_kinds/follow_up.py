"""Follow-up candidates: sales from the follow-up window, with the latest contact since."""

from __future__ import annotations

import datetime

from app.domain.opportunities import Rules
from app.domain.opportunity_kinds import follow_up as rule
from app.persistence.opportunities import SPOKEN, UNANSWERED, common_params
from app.persistence.raw_sql import as_date, run_sql


def candidates(rules: Rules) -> list[rule.SaleDone]:
    """Sales from the follow-up window, with each customer's latest call, visit or talk since."""
    window_from = rules.days_ago(rules.follow_up_after_days + rules.follow_up_window_days).isoformat()
    rows = run_sql(
        """SELECT x.id, x.customer_id, x.site_id, x.sold_on, x.description,
               (SELECT max(t.happened_at) FROM touch t WHERE t.customer_id = x.customer_id
                AND t.channel IN (:spoken) AND t.outcome NOT IN (:unanswered)
                AND t.happened_at >= :window_from),
               (SELECT max(v.visited_on) FROM visit v WHERE v.customer_id = x.customer_id
                AND v.visited_on >= :window_from)
        FROM sale x JOIN customer c ON c.id = x.customer_id
        WHERE x.sold_on >= :window_from AND x.sold_on <= :due_by AND c.do_not_service = :no""",
        **common_params(rules),
        spoken=SPOKEN,
        unanswered=UNANSWERED,
        window_from=window_from,
        due_by=rules.days_ago(rules.follow_up_after_days).isoformat(),
    )
    return [
        rule.SaleDone(id_, cid, site, as_date(on), text, _latest(as_date(spoken), as_date(visited)))
        for id_, cid, site, on, text, spoken, visited in rows
    ]


def _latest(*days: datetime.date | None) -> datetime.date | None:
    known = [day for day in days if day is not None]
    return max(known) if known else None
