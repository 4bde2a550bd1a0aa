"""The opportunity engine's candidates about plans and people: renewal, maintenance due, follow-up,
check-in, new products (to the best customers first) and other sites.

Each function reads, in one set-based query, the rows (app.domain.opportunity_rules
NamedTuples, or plain tuples for the new-product ranking) whose eligibility the matching rule
then decides, with the same cut-offs; see app/persistence/opportunities.py for what the
engine's queries share.
"""

from __future__ import annotations

import datetime

from app.domain import opportunity_rules as rules_
from app.domain.opportunities import RENEWAL_GRACE_DAYS, Rules
from app.persistence.opportunities import SPOKEN, UNANSWERED, UNSERVED, common_params
from app.persistence.raw_sql import as_date, run_sql

# ---------------------------------------------------------------- plans


def renewal_candidates(rules: Rules) -> list[rules_.PlanTerm]:
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
        rules_.PlanTerm(id_, cid, site, name, as_date(ends), cents, bool(auto))
        for id_, cid, site, name, ends, cents, auto in rows
    ]


def maintenance_candidates(rules: Rules) -> list[rules_.PlanVisits]:
    """Active plans with visits, each with its last maintenance or inspection visit."""
    rows = run_sql(
        """SELECT p.id, p.customer_id, p.site_id, p.name, p.started_on, p.ends_on, p.visits_per_year,
               p.price_cents,
               (SELECT max(v.visited_on) FROM visit v WHERE v.plan_id = p.id
                AND v.kind IN ('maintenance', 'inspection') AND v.visited_on <= :today)
        FROM service_plan p JOIN customer c ON c.id = p.customer_id
        WHERE p.status = :active AND p.visits_per_year > 0 AND p.started_on <= :today
          AND c.do_not_service = :no""",
        **common_params(rules),
    )
    return [
        rules_.PlanVisits(id_, cid, site, name, as_date(start), as_date(end), vpy, cents, as_date(last))
        for id_, cid, site, name, start, end, vpy, cents, last in rows
    ]


# ---------------------------------------------------------------- keeping in touch


def follow_up_candidates(rules: Rules) -> list[rules_.SaleDone]:
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
        rules_.SaleDone(id_, cid, site, as_date(on), text, _latest(as_date(spoken), as_date(visited)))
        for id_, cid, site, on, text, spoken, visited in rows
    ]


def _latest(*days: datetime.date | None) -> datetime.date | None:
    known = [day for day in days if day is not None]
    return max(known) if known else None


def check_in_candidates(rules: Rules) -> list[rules_.RecentBuyer]:
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
        rules_.RecentBuyer(cid, as_date(sale), as_date(spoken), as_date(visit))
        for cid, sale, spoken, visit in rows
    ]


# ---------------------------------------------------------------- new products and other sites


def new_products(rules: Rules) -> list[tuple[int, str, int, datetime.date, int | None, str]]:
    """Active products launched within the "new" period: (id, name, price, launched, slots left, kind).

    Slots left: the quantity available less the offers still standing or won (None: no limit).
    """
    rows = run_sql(
        """SELECT ci.id, ci.name, ci.price_cents, ci.launched_on, ci.quantity_available, ci.equipment_kind,
               (SELECT count(*) FROM opportunity o WHERE o.catalog_item_id = ci.id AND o.kind = 'new_product'
                AND o.status NOT IN ('lost', 'dismissed'))
        FROM catalog_item ci
        WHERE ci.kind = 'product' AND ci.active = :yes AND ci.launched_on IS NOT NULL
          AND ci.launched_on >= :new_from AND ci.launched_on <= :today
        ORDER BY ci.launched_on, ci.id""",
        **common_params(rules),
        new_from=rules.days_ago(rules.new_product_days).isoformat(),
    )
    return [
        (id_, name, cents, as_date(on), None if qty is None else max(0, qty - taken), kind)
        for id_, name, cents, on, qty, kind, taken in rows
    ]


def best_customers(rules: Rules) -> list[tuple[int, int, datetime.date | None]]:
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
        "SELECT customer_id FROM opportunity WHERE kind = 'new_product' AND catalog_item_id = :item",
        item=item_id,
    )
    return {cid for (cid,) in rows}


def site_spend(rules: Rules) -> list[rules_.SiteSpend]:
    """Every site of customers with more than one, with what it bought lately and its active plan."""
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
        rules_.SiteSpend(
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
