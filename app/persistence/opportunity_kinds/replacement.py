"""Replacement candidates: units in service whose age has reached their lifespan less the warning years."""

from __future__ import annotations

from app.domain.opportunities import Rules
from app.domain.opportunity_kinds import replacement as rule
from app.persistence.opportunities import KIND_LIFE, UNSERVED, common_params
from app.persistence.raw_sql import as_date, run_sql


def candidates(rules: Rules) -> list[rule.EquipmentAge]:
    """Units in service whose age (whole years) has reached their lifespan less the warning years,
    unless the age threshold they crossed was raised already (the stage is worked out as in
    app.domain.opportunity_kinds.replacement.replacement_stage, so that a second run reads next
    to nothing).

    A unit's lifespan is its own catalog item's when that item has one, else its kind's (the
    widest range of the catalog's items of that kind); the price is today's price of its
    own item, else of the cheapest active item of its kind.
    """
    step = rule.REPLACEMENT_STEP_YEARS
    rows = run_sql(
        f"""WITH {KIND_LIFE},
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
        subject=rule.SUBJECT_PREFIX,
        event=f":{rule.EVENT_PREFIX}",
        **common_params(rules),
        today_ymd=int(rules.today.strftime("%Y%m%d")),
        warning=rules.replacement_warning_years,
    )
    return [
        rule.EquipmentAge(id_, cid, site, kind, as_date(on), lmin, lmax, cents, bool(own))
        for id_, cid, site, kind, on, lmin, lmax, cents, own in rows
    ]
