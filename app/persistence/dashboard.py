"""The dashboard's figures, added up in SQL (see app.domain.dashboard for what they mean).

Set-based queries only: at 100,000 customers each one is a scan or two of a
table and a grouping, never a query per customer. The SQL is portable between
SQLite and PostgreSQL: dates go in as ISO text (see app.persistence.stats), and
the two places where the dialects differ (the year of a date, and asking
SQLite to scan a table in order rather than walk its date index) are written
by `year_of` and `full_scan`. The lists of customers behind each figure are in
app.persistence.dashboard_lists, built from the same SQL pieces as here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

from peewee import PostgresqlDatabase, SqliteDatabase

from app.domain import dashboard as figures
from app.domain.kinds import OpportunityStatus, PlanStatus
from app.domain.stats import StatsPeriods
from app.persistence.raw_sql import run_sql
from app.persistence.stats import LIFETIME_PARAMS, LIFETIME_SQL
from app.persistence.tables import database_proxy

_EQUIPMENT = "equipment"


@contextmanager
def snapshot() -> Iterator[None]:
    """One read transaction, so every figure of a dashboard comes from the same state of the data."""
    database = database_proxy.obj
    with database.atomic():
        if isinstance(database, PostgresqlDatabase):
            # As in app.persistence.stats: compiling these queries with JIT costs more than running them.
            database.execute_sql("SET LOCAL jit = off")
        yield


def is_sqlite() -> bool:
    return isinstance(database_proxy.obj, SqliteDatabase)


def year_of(column: str) -> str:
    """SQL for the calendar year (an integer) of a date column."""
    if is_sqlite():
        return f"CAST(substr({column}, 1, 4) AS INTEGER)"  # dates are stored as 'YYYY-MM-DD'
    return f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"


def full_scan() -> str:
    """After a table name: read the whole table in order on SQLite (see app.persistence.raw_sql._expand)."""
    return "NOT INDEXED" if is_sqlite() else ""


def as_int(value: object) -> int:
    """Sums come back as int from SQLite and as Decimal (or None) from PostgreSQL."""
    return int(value or 0)


# ------------------------------------------------------------------ shared SQL pieces
# Each piece is a subquery of (customer_id, value) in cents, with the parameters it needs; the lifetime
# value per customer is app.persistence.stats.LIFETIME_SQL, the headline's own.


def recent_sales_sql() -> str:
    """Sales per customer from :recent_from through :today (the recent buyers)."""
    return f"""
SELECT customer_id, sum(total_cents) AS value FROM sale {full_scan()}
WHERE sold_on >= :recent_from AND sold_on <= :today GROUP BY customer_id
"""


def _terms_sql() -> str:
    """Lifespan and price for each (catalog item or 0, kind) pair of equipment in place: a few dozen rows.

    From the unit's catalog item when it gives them (its price only while it is an active
    equipment line), else the averages of the catalog's equipment of that kind. The GROUP BY
    makes both databases work it out once, not once per piece of equipment.
    """
    return f"""
SELECT item, kind, max(life) AS life, max(price) AS price
FROM (
    SELECT pairs.item, pairs.kind,
           coalesce((i.lifespan_min_years + i.lifespan_max_years) / 2, k.life) AS life,
           coalesce(CASE WHEN i.kind = :equipment AND i.active = :yes AND i.price_cents > 0
                         THEN i.price_cents END, k.price) AS price
    FROM (SELECT DISTINCT coalesce(catalog_item_id, 0) AS item, kind FROM equipment {full_scan()}
          WHERE removed_on IS NULL) AS pairs
    LEFT JOIN catalog_item i ON i.id = pairs.item
    LEFT JOIN (
        SELECT lower(equipment_kind) AS kind, (min(lifespan_min_years) + max(lifespan_max_years)) / 2 AS life,
               CAST(round(avg(CASE WHEN active = :yes AND price_cents > 0 THEN price_cents END)) AS BIGINT)
                   AS price
        FROM catalog_item WHERE kind = :equipment AND equipment_kind <> '' GROUP BY lower(equipment_kind)
    ) AS k ON k.kind = lower(pairs.kind)
) AS raw
WHERE life > 0 AND price IS NOT NULL
GROUP BY item, kind
"""


def recent_buyer_ids_sql() -> str:
    return f"SELECT customer_id FROM sale {full_scan()} WHERE sold_on >= :recent_from AND sold_on <= :today"


def projection_sql() -> str:
    """Per recent buyer: `sales` in the last 3 years and the yearly price of their active `plans`."""
    return f"""
SELECT r.customer_id, r.value AS sales, coalesce(p.plans, 0) AS plans
FROM ({recent_sales_sql()}) AS r
LEFT JOIN (SELECT customer_id, sum(price_cents) AS plans FROM service_plan WHERE status = :active
           GROUP BY customer_id) AS p ON p.customer_id = r.customer_id
"""


def projection_params(today: datetime.date) -> dict[str, object]:
    return {
        "recent_from": StatsPeriods.ending(today).recent_buyers_from.isoformat(),
        "today": today.isoformat(),
        "active": PlanStatus.ACTIVE.value,
    }


def ltv_bucket_sql() -> str:
    """SQL for the bucket index of a `value` in cents (app.domain.dashboard.ltv_bucket_of)."""
    steps = " ".join(
        f"WHEN value < {bound} THEN {index}" for index, bound in enumerate(figures.LTV_BOUNDS_CENTS, start=1)
    )
    return f"CASE WHEN value <= 0 THEN 0 {steps} ELSE {len(figures.LTV_BOUNDS_CENTS) + 1} END"


def quiet_best_sql() -> str:
    """The best customers (not do-not-service) with no contact and no sale from :quiet_from through today.

    Reads the lifetime values from a common table expression `l` (LIFETIME_SQL). The best are the
    top tenth of the customers with a lifetime value, rounded up, with ties at the edge: `edge` is
    the value of the customer at that place. It is found with ORDER BY ... LIMIT 1 OFFSET, which
    keeps only the top tenth while sorting (a rank() window over everyone took three times longer).
    """
    return """
SELECT l.customer_id, l.value, e.edge FROM l
JOIN (SELECT value AS edge FROM l WHERE value > 0 ORDER BY value DESC LIMIT 1 OFFSET (
          SELECT CASE WHEN count(*) > 0 THEN (count(*) + :tenth - 1) / :tenth - 1 ELSE 0 END
          FROM l WHERE value > 0)
     ) AS e ON l.value >= e.edge
JOIN customer c ON c.id = l.customer_id AND c.do_not_service = :no
WHERE NOT EXISTS (SELECT 1 FROM touch t WHERE t.customer_id = l.customer_id
                  AND t.happened_at >= :quiet_from AND t.happened_at < :day_after)
  AND NOT EXISTS (SELECT 1 FROM sale s WHERE s.customer_id = l.customer_id
                  AND s.sold_on >= :quiet_from AND s.sold_on <= :today)
"""


def quiet_params(today: datetime.date) -> dict[str, object]:
    return LIFETIME_PARAMS | {
        "tenth": figures.BEST_SHARE_DENOMINATOR,
        "no": False,
        "quiet_from": figures.quiet_since(today).isoformat(),
        "day_after": (today + datetime.timedelta(days=1)).isoformat(),
        "today": today.isoformat(),
    }


def one_site_sql() -> str:
    """Customers with two or more sites whose sales of the last 3 years (naming a site) name only one.

    Only the few customers with several sites are looked up (through the sale's customer index),
    rather than grouping the last 3 years of everyone's sales.
    """
    return """
SELECT b.customer_id, b.value FROM (
    SELECT customer_id, count(DISTINCT site_id) AS buying, sum(total_cents) AS value FROM sale
    WHERE customer_id IN (SELECT customer_id FROM site GROUP BY customer_id HAVING count(*) > 1)
      AND sold_on >= :recent_from AND sold_on <= :today AND site_id IS NOT NULL
    GROUP BY customer_id
) AS b
WHERE b.buying = 1
"""


LAPSING_SQL = """
SELECT customer_id, sum(price_cents) AS value, count(*) AS plans FROM service_plan
WHERE status = :active AND auto_renew = :no AND ends_on >= :month_start AND ends_on <= :month_end
GROUP BY customer_id
"""


def lapsing_params(today: datetime.date) -> dict[str, object]:
    first, last = figures.month_of(today)
    return {
        "active": PlanStatus.ACTIVE.value,
        "no": False,
        "month_start": first.isoformat(),
        "month_end": last.isoformat(),
    }


def year_sales_sql() -> str:
    """Sales per customer in the last 365 days (the headline's revenue period)."""
    return """
SELECT customer_id, sum(total_cents) AS value FROM sale
WHERE sold_on >= :year_from AND sold_on <= :today GROUP BY customer_id
"""


def year_sales_params(today: datetime.date) -> dict[str, object]:
    return {"year_from": StatsPeriods.ending(today).last_year_from.isoformat(), "today": today.isoformat()}


# ------------------------------------------------------------------ the figures


def year_totals(today: datetime.date) -> list[figures.YearTotals]:
    """Revenue (all, and from first-year customers), buyers and who came back, per year of the charts.

    One grouping of the sales per customer and year serves both charts; the first sale of each
    customer is looked up over all their sales, so a customer is "new" only in their first year.
    """
    first_year = min(figures.revenue_years(today).start, figures.retention_years(today).start)
    sql = f"""
WITH per_year AS (
    SELECT customer_id, {year_of("sold_on")} AS y, sum(total_cents) AS value FROM sale {full_scan()}
    WHERE sold_on >= :from_day AND sold_on <= :today GROUP BY customer_id, {year_of("sold_on")}
)
SELECT a.y, sum(a.value), sum(CASE WHEN f.first_year = a.y THEN a.value ELSE 0 END), count(*),
       sum(CASE WHEN f.first_year = a.y THEN 1 ELSE 0 END), count(b.customer_id)
FROM per_year a
JOIN (SELECT customer_id, {year_of("min(sold_on)")} AS first_year FROM sale GROUP BY customer_id) AS f
  ON f.customer_id = a.customer_id
LEFT JOIN per_year b ON b.customer_id = a.customer_id AND b.y = a.y + 1
GROUP BY a.y
"""
    found = run_sql(sql, from_day=datetime.date(first_year, 1, 1).isoformat(), today=today.isoformat())
    return [figures.YearTotals(*(as_int(value) for value in row)) for row in found]


def open_pipeline() -> list[tuple[str, int, int]]:
    found = run_sql(
        "SELECT kind, count(*), sum(value_cents) FROM opportunity WHERE status = :open GROUP BY kind",
        open=OpportunityStatus.OPEN.value,
    )
    return [(kind, as_int(count), as_int(cents)) for kind, count, cents in found]


def lifetime_figures(today: datetime.date) -> tuple[list[tuple[int, int, int]], int, list[int]]:
    """From one pass over everyone's lifetime value: (bucket, customers, cents) over the customers who
    have any sale, plan or won commission; the value that makes a best customer; and the best
    customers who went quiet, most valuable first.
    """
    found = run_sql(
        f"""WITH l AS ({LIFETIME_SQL})
            SELECT 0, bucket, count(*), sum(value)
            FROM (SELECT {ltv_bucket_sql()} AS bucket, value FROM l) AS b GROUP BY bucket
            UNION ALL
            SELECT 1, q.customer_id, q.value, q.edge FROM ({quiet_best_sql()}) AS q
            ORDER BY 1, 3 DESC, 2""",
        **quiet_params(today),
    )
    buckets = [(as_int(b), as_int(count), as_int(cents)) for part, b, count, cents in found if part == 0]
    quiet = [(customer_id, as_int(edge)) for part, customer_id, _, edge in found if part == 1]
    return buckets, (quiet[0][1] if quiet else 0), [customer_id for customer_id, _ in quiet]


def replacement_groups(today: datetime.date) -> list[figures.ReplacementGroup]:
    """The equipment in place at the recent buyers' sites that the catalog gives a lifespan and price
    for, counted by (lifespan, price, year installed): a few hundred rows at most, whatever the size
    of the business, from which app.domain.dashboard works out when each unit is replaced.

    The units are counted per (catalog item, kind, year) in one pass over the equipment before
    the few dozen terms are joined: joined first, SQLite scanned the equipment once per term
    (4.2 s instead of 0.7 s at 100,000 customers).
    """
    installed = year_of("e.installed_on")
    found = run_sql(
        f"""SELECT t.life, t.price, g.y, sum(g.units)
            FROM (SELECT coalesce(e.catalog_item_id, 0) AS item, e.kind, {installed} AS y, count(*) AS units
                  FROM equipment e {full_scan()}
                  WHERE e.removed_on IS NULL AND e.installed_on IS NOT NULL AND e.installed_on <= :today
                    AND e.site_id IN (SELECT id FROM site WHERE customer_id IN ({recent_buyer_ids_sql()}))
                  GROUP BY coalesce(e.catalog_item_id, 0), e.kind, {installed}) AS g
            JOIN ({_terms_sql()}) AS t ON t.item = g.item AND t.kind = g.kind
            GROUP BY t.life, t.price, g.y""",
        recent_from=StatsPeriods.ending(today).recent_buyers_from.isoformat(),
        today=today.isoformat(),
        equipment=_EQUIPMENT,
        yes=True,
    )
    return [figures.ReplacementGroup(*(as_int(value) for value in row)) for row in found]


def top_customers(today: datetime.date) -> tuple[int, list[figures.TopCustomer]]:
    """The sales of the last 365 days, and the biggest customers in them (most first)."""
    params = year_sales_params(today)
    (revenue,) = run_sql(
        "SELECT sum(total_cents) FROM sale WHERE sold_on >= :year_from AND sold_on <= :today", **params
    )[0]
    found = run_sql(
        f"SELECT y.customer_id, c.display_name, y.value FROM ({year_sales_sql()}) AS y "
        f"JOIN customer c ON c.id = y.customer_id ORDER BY y.value DESC, y.customer_id "
        f"LIMIT {figures.TOP_HANDFUL}",
        **params,
    )
    return as_int(revenue), [figures.TopCustomer(cid, name, as_int(cents)) for cid, name, cents in found]


def one_site_buyers(today: datetime.date) -> list[int]:
    found = run_sql(
        f"SELECT customer_id FROM ({one_site_sql()}) AS o ORDER BY value DESC, customer_id",
        recent_from=StatsPeriods.ending(today).recent_buyers_from.isoformat(),
        today=today.isoformat(),
    )
    return [customer_id for (customer_id,) in found]


def plans_lapsing(today: datetime.date) -> tuple[list[int], int, int]:
    """Customers whose active, not self-renewing plans end this month; how many plans; their yearly price."""
    found = run_sql(
        f"SELECT customer_id, value, plans FROM ({LAPSING_SQL}) AS l ORDER BY value DESC, customer_id",
        **lapsing_params(today),
    )
    return (
        [customer_id for customer_id, _, _ in found],
        sum(as_int(plans) for _, _, plans in found),
        sum(as_int(value) for _, value, _ in found),
    )
