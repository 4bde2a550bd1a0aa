"""The opportunity engine's candidates about equipment: replacement, upgrade, add-on, warranty ending.

Each function reads, in one set-based query, the rows (app.domain.opportunity_rules
NamedTuples) whose eligibility the matching rule then decides, with the same cut-offs; see
app/persistence/opportunities.py for what the engine's queries share.
"""

from __future__ import annotations

from app.domain import opportunity_rules as rules_
from app.domain.opportunities import Rules, add_years
from app.persistence.opportunities import ACTIVE, UNSERVED, common_params
from app.persistence.raw_sql import as_date, run_sql

_KIND_LIFE = """
kind_life AS (
    SELECT lower(equipment_kind) AS kind, min(lifespan_min_years) AS lmin, max(lifespan_max_years) AS lmax
    FROM catalog_item
    WHERE kind = 'equipment' AND equipment_kind <> ''
      AND lifespan_min_years IS NOT NULL AND lifespan_max_years IS NOT NULL
    GROUP BY lower(equipment_kind))"""


def replacement_candidates(rules: Rules) -> list[rules_.EquipmentAge]:
    """Units in service whose age (whole years) has reached their lifespan less the warning years,
    unless the age threshold they crossed was raised already (the stage is worked out as in
    app.domain.opportunity_rules.replacement_stage, so that a second run reads next to nothing).

    A unit's lifespan is its own catalog item's when that item has one, else its kind's (the
    widest range of the catalog's items of that kind); the price is today's price of its
    own item, else of the cheapest active item of its kind.
    """
    step = rules_.REPLACEMENT_STEP_YEARS
    rows = run_sql(
        f"""WITH {_KIND_LIFE},
        kind_price AS (
            SELECT lower(equipment_kind) AS kind, min(price_cents) AS cents FROM catalog_item
            WHERE kind = 'equipment' AND active = :yes AND price_cents > 0 AND equipment_kind <> ''
            GROUP BY lower(equipment_kind)),
        unit AS (
            SELECT e.id, s.customer_id, e.site_id, e.kind, e.installed_on,
                   CASE WHEN ci.id IS NULL THEN kl.lmin ELSE ci.lifespan_min_years END AS lmin,
                   CASE WHEN ci.id IS NULL THEN kl.lmax ELSE ci.lifespan_max_years END AS lmax,
                   CASE WHEN own.active = :yes AND own.price_cents > 0 THEN own.price_cents
                        ELSE coalesce(kp.cents, 0) END AS cents,
                   CASE WHEN ci.id IS NULL THEN 0 ELSE 1 END AS from_item,
                   (:today_ymd - {{ymd:e.installed_on}}) / 10000 AS age
            FROM equipment e
            JOIN site s ON s.id = e.site_id
            LEFT JOIN catalog_item own ON own.id = e.catalog_item_id
            LEFT JOIN catalog_item ci ON ci.id = e.catalog_item_id
                 AND ci.lifespan_min_years IS NOT NULL AND ci.lifespan_max_years IS NOT NULL
            LEFT JOIN kind_life kl ON kl.kind = lower(e.kind)
            LEFT JOIN kind_price kp ON kp.kind = lower(e.kind)
            WHERE e.removed_on IS NULL AND e.installed_on IS NOT NULL AND s.customer_id NOT IN ({UNSERVED}))
        SELECT id, customer_id, site_id, kind, installed_on, lmin, lmax, cents, from_item
        FROM (SELECT u.*, CASE WHEN age >= lmax THEN lmax + (age - lmax) / {step} * {step}
                               WHEN age >= lmin THEN lmin
                               WHEN lmin - :warning > 1 THEN lmin - :warning ELSE 1 END AS stage
              FROM unit u WHERE lmin IS NOT NULL AND age >= lmin - :warning AND age >= 1) AS staged
        WHERE NOT EXISTS (SELECT 1 FROM opportunity o WHERE o.trigger_key = CAST(:subject AS VARCHAR)
                          || staged.id || CAST(:event AS VARCHAR) || staged.stage)""",
        subject="replacement:equipment",
        event=":age",
        **common_params(rules),
        today_ymd=int(rules.today.strftime("%Y%m%d")),
        warning=rules.replacement_warning_years,
    )
    return [
        rules_.EquipmentAge(id_, cid, site, kind, as_date(on), lmin, lmax, cents, bool(own))
        for id_, cid, site, kind, on, lmin, lmax, cents, own in rows
    ]


def upgrade_candidates(rules: Rules) -> list[rules_.LadderStep]:
    """Units from a ladder with an active higher tier, old enough for an upgrade: the next tier up each."""
    rows = run_sql(
        f"""WITH {_KIND_LIFE}
        SELECT e.id, s.customer_id, e.site_id, e.installed_on, ci.name,
               coalesce(ci.lifespan_min_years, kl.lmin), nx.id, nx.name, nx.price_cents
        FROM equipment e {{scan}}
        JOIN catalog_item ci ON ci.id = e.catalog_item_id
        JOIN catalog_item nx ON nx.ladder = ci.ladder AND nx.kind = ci.kind AND nx.tier > ci.tier
             AND nx.active = :yes
        JOIN site s ON s.id = e.site_id
        LEFT JOIN kind_life kl ON kl.kind = lower(e.kind)
        WHERE ci.ladder <> '' AND ci.tier IS NOT NULL AND e.removed_on IS NULL
          AND e.installed_on IS NOT NULL AND e.installed_on <= :old_enough
          AND s.customer_id NOT IN ({UNSERVED})
        ORDER BY e.id, nx.tier, nx.id""",
        **common_params(rules),
        old_enough=add_years(rules.today, -rules.upgrade_after_years).isoformat(),
    )
    steps: dict[int, rules_.LadderStep] = {}
    for id_, cid, site, on, name, life_min, next_id, next_name, cents in rows:
        if id_ not in steps:  # the lowest tier above theirs comes first
            steps[id_] = rules_.LadderStep(
                id_, cid, site, as_date(on), name, life_min, next_id, next_name, cents
            )
    return list(steps.values())


def add_on_candidates(rules: Rules) -> list[rules_.AddOnFit]:
    """(site, add-on) pairs for what a site we visited lately has: add-ons the customer never bought,
    never offered at that site, at sites with no add-on offer being worked.

    The add-ons (a handful) are matched to the units in Python: a join on lower(kind) made SQLite
    compare every unit with every add-on, and checking each pair against the sales took seconds.
    """
    add_ons: dict[str, list[tuple[int, str, int]]] = {}
    for item, name, cents, kind in run_sql(
        """SELECT id, name, price_cents, lower(goes_with_kind) FROM catalog_item
        WHERE kind = 'add_on' AND active = :yes AND goes_with_kind <> '' ORDER BY id""",
        yes=True,
    ):
        add_ons.setdefault(kind, []).append((item, name, cents))
    if not add_ons:
        return []
    items = tuple(item for offers in add_ons.values() for item, _, _ in offers)
    bought = set(
        run_sql(
            """SELECT DISTINCT x.customer_id, sl.catalog_item_id
            FROM sale_line sl JOIN sale x ON x.id = sl.sale_id WHERE sl.catalog_item_id IN (:items)""",
            items=items,
        )
    )
    offered = set(run_sql("SELECT site_id, catalog_item_id FROM opportunity WHERE kind = 'add_on'"))
    busy = {site for (site,) in run_sql(
        "SELECT site_id FROM opportunity WHERE kind = 'add_on' AND status IN (:working)", working=ACTIVE
    )}  # fmt: skip
    rows = run_sql(
        f"""SELECT s.customer_id, e.site_id, lower(e.kind), min(e.id), min(e.kind), min(e.installed_on),
               sv.last
        FROM (SELECT site_id, max(visited_on) AS last FROM visit
              WHERE site_id IS NOT NULL AND visited_on >= :seen_from AND visited_on <= :today
              GROUP BY site_id) AS sv
        JOIN equipment e ON e.site_id = sv.site_id
        JOIN site s ON s.id = e.site_id
        WHERE e.removed_on IS NULL AND lower(e.kind) IN (:kinds) AND s.customer_id NOT IN ({UNSERVED})
        GROUP BY s.customer_id, e.site_id, lower(e.kind), sv.last""",
        **common_params(rules),
        kinds=tuple(add_ons),
        seen_from=rules.days_ago(rules.add_on_seen_days).isoformat(),
    )
    fits = []
    for cid, site, lowered, eq, kind, on, last in rows:
        if site in busy:
            continue
        for item, name, cents in add_ons[lowered]:
            if (cid, item) not in bought and (site, item) not in offered:
                fits.append(
                    rules_.AddOnFit(cid, site, eq, kind, as_date(on), item, name, cents, as_date(last))
                )
    return fits


def warranty_candidates(rules: Rules) -> list[rules_.Warranty]:
    """Units in service whose warranty ends from today through the notice period."""
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
        rules_.Warranty(
            id_, cid, site, kind, as_date(on), as_date(until), plan or "", offer_name, offer_cents
        )
        for id_, cid, site, kind, on, until, plan in rows
    ]
