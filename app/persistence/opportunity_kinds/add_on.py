"""Add-on candidates: what goes with the units of a site we visited lately, never bought nor offered there."""

from __future__ import annotations

from app.domain.opportunities import Rules
from app.domain.opportunity_kinds import add_on as rule
from app.persistence.opportunities import ACTIVE, UNSERVED, common_params
from app.persistence.raw_sql import as_date, run_sql

# The catalog's kind of item that goes with a unit (app.domain.catalog.CATALOG_KINDS); it is spelled
# like the opportunity kind, so it travels as a parameter too.
ADD_ON_ITEM = "add_on"


def candidates(rules: Rules) -> list[rule.AddOnFit]:
    """(site, add-on) pairs for what a site we visited lately has: add-ons the customer never bought,
    never offered at that site, at sites with no add-on offer being worked.

    The add-ons (a handful) are matched to the units in Python: a join on lower(kind) made SQLite
    compare every unit with every add-on, and checking each pair against the sales took seconds.
    """
    add_ons: dict[str, list[tuple[int, str, int]]] = {}
    for item, name, cents, kind in run_sql(
        """SELECT id, name, price_cents, lower(goes_with_kind) FROM catalog_item
        WHERE kind = :item_kind AND active = :yes AND goes_with_kind <> '' ORDER BY id""",
        item_kind=ADD_ON_ITEM,
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
    offered = set(
        run_sql("SELECT site_id, catalog_item_id FROM opportunity WHERE kind = :kind", kind=rule.KIND)
    )
    busy = {site for (site,) in run_sql(
        "SELECT site_id FROM opportunity WHERE kind = :kind AND status IN (:working)",
        kind=rule.KIND, working=ACTIVE,
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
                fits.append(rule.AddOnFit(cid, site, eq, kind, as_date(on), item, name, cents, as_date(last)))
    return fits
