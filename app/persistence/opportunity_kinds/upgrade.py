"""Upgrade candidates: units from a ladder with an active higher tier, old enough for an upgrade."""

from __future__ import annotations

from app.domain.opportunities import Rules, add_years
from app.domain.opportunity_kinds import upgrade as rule
from app.persistence.opportunities import KIND_LIFE, UNSERVED, common_params
from app.persistence.raw_sql import as_date, run_sql


def candidates(rules: Rules) -> list[rule.LadderStep]:
    """Units from a ladder with an active higher tier, old enough for an upgrade: the next tier up each."""
    rows = run_sql(
        f"""WITH {KIND_LIFE}
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
    steps: dict[int, rule.LadderStep] = {}
    for id_, cid, site, on, name, life_min, next_id, next_name, cents in rows:
        if id_ not in steps:  # the lowest tier above theirs comes first
            steps[id_] = rule.LadderStep(
                id_, cid, site, as_date(on), name, life_min, next_id, next_name, cents
            )
    return list(steps.values())
