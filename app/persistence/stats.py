"""The headline numbers, added up in SQL.

A few set-based queries (never a Python loop over customers) keep the whole
page under a second at 100,000 customers. Measured on SQLite, what costs is
sorting rows by customer and fetching rows one by one through an index, so the
numbers about recent buyers share one grouping of the sales, and a window that
covers a large part of a table is read by scanning the table in order.

The SQL is portable between SQLite and PostgreSQL: dates go in as ISO strings,
which compare correctly with SQLite's text dates ('YYYY-MM-DD' and
'YYYY-MM-DD HH:MM:SS') and which PostgreSQL casts to dates and timestamps.
What each number means is written once, in app.domain.stats.EXPLANATIONS, and each
is added up in one place: the lifetime value here (LIFETIME_SQL, which the dashboard
reuses), what is owed on commissions in app.persistence.partner_ledger (the Partners
page's totals), the projection's arithmetic in app.domain.stats.projected_value.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import NamedTuple

from peewee import PostgresqlDatabase

from app.domain.kinds import SPOKEN_CHANNELS, OpportunityStatus, PlanStatus, ReferralDirection, ReferralStatus
from app.domain.money import from_cents
from app.domain.stats import (
    HeadlineStats,
    ProjectionBase,
    StatsPeriods,
    average_cents,
    fraction,
    projected_value,
)
from app.persistence.partner_ledger import commission_totals
from app.persistence.raw_sql import run_sql
from app.persistence.tables import database_proxy

_SETTLED = (ReferralStatus.WON.value, ReferralStatus.PAID.value)  # a commission is earned once won
LIFETIME_PARAMS = {
    "to_partner": ReferralDirection.TO_PARTNER.value,
    "won": _SETTLED[0],
    "paid": _SETTLED[1],
}
# The lifetime value per customer: every sale, every service plan's price, and the commission on
# their referrals to partners once won. The headline total, the dashboard's distribution and its
# lists, and the customer screen all read it from here, so they cannot disagree.
_LIFETIME_TEMPLATE = """
SELECT customer_id, sum(amount) AS value FROM (
    SELECT customer_id, total_cents AS amount FROM sale{where}
    UNION ALL SELECT customer_id, price_cents FROM service_plan{where}
    UNION ALL SELECT customer_id, commission_cents FROM referral
        WHERE customer_id IS NOT NULL AND direction = :to_partner AND status IN (:won, :paid){also}
) AS parts GROUP BY customer_id
"""
LIFETIME_SQL = _LIFETIME_TEMPLATE.format(where="", also="")
# The same sum for one customer (:customer_id), narrowed inside each part so each reads its index on
# customer_id rather than every row: the customer screen asks it on every selection.
ONE_LIFETIME_SQL = _LIFETIME_TEMPLATE.format(
    where=" WHERE customer_id = :customer_id", also=" AND customer_id = :customer_id"
)


def _row(sql: str, **values: object) -> tuple:
    return run_sql(sql, **values)[0]


def _int(value: object) -> int:
    """Sums come back as int from SQLite and as Decimal (or None) from PostgreSQL."""
    return int(value or 0)


def headline_stats(today: datetime.date) -> HeadlineStats:
    """The headline numbers as of `today` (see app.domain.stats.EXPLANATIONS)."""
    return headline_figures(today)[0]


def headline_figures(today: datetime.date) -> tuple[HeadlineStats, ProjectionBase]:
    """The headline numbers, and the recent buyers' totals their projection was worked out from
    (the dashboard projects the same totals over its other horizons)."""
    periods = StatsPeriods.ending(today)
    database = database_proxy.obj
    # One transaction, so every number is read from the same snapshot of a SQLite file.
    with database.atomic():
        if isinstance(database, PostgresqlDatabase):
            # These queries look expensive to the planner but run in milliseconds; compiling
            # them with JIT took 0.4 s longer than running them.
            database.execute_sql("SET LOCAL jit = off")
        customers, not_contacted = _customer_counts(periods)
        recent = _recent_sales(periods)
        base_year_buyers, retained = _retention_counts(periods)
        lifetime_cents, valued_customers = _lifetime_value()
        open_count, open_cents = _open_opportunities()
        owed_to_us, we_owe = commission_totals()
    retention = fraction(retained, base_year_buyers)
    base = ProjectionBase(recent.buyers, recent.sales_cents, recent.plan_cents)
    stats = HeadlineStats(
        customers=customers,
        bought_last_3_years=recent.buyers,
        spoken_to_last_30_days=recent.spoken_to,
        not_contacted_12_months=not_contacted,
        lifetime_value_total=from_cents(lifetime_cents),
        average_lifetime_value=average_cents(lifetime_cents, valued_customers),
        projected_value_10_years=projected_value(base, retention).total,
        retention_rate=retention,
        repeat_revenue_share=fraction(recent.repeat_revenue_cents, recent.revenue_cents),
        top_customer_share=fraction(recent.top_revenue_cents, recent.revenue_cents),
        open_opportunities=open_count,
        open_opportunity_value=from_cents(open_cents),
        commission_owed_to_us=from_cents(owed_to_us),
        commission_we_owe=from_cents(we_owe),
    )
    return stats, base


def _customer_counts(periods: StatsPeriods) -> tuple[int, int]:
    """All customers, and those (not marked do-not-service) with no contact in the last 365 days."""
    (customers,) = _row("SELECT count(*) FROM customer")
    # One set operation instead of a lookup per customer, whose cost depends on how the rows lie; {scan}
    # reads all touches in order (a sixth of them through the date index: 0.13-0.4 s instead of 0.07-0.14 s).
    (not_contacted,) = _row(
        """SELECT count(*) FROM (
               SELECT id FROM customer WHERE do_not_service = :no
               EXCEPT SELECT customer_id FROM touch {scan}
                      WHERE happened_at >= :start AND happened_at < :end
           ) AS not_contacted""",
        no=False,
        start=periods.last_year_from.isoformat(),
        end=periods.day_after.isoformat(),
    )
    return _int(customers), _int(not_contacted)


class _RecentSales(NamedTuple):
    buyers: int  # customers who bought in the last 3 years
    sales_cents: int  # their sales in those 3 years
    plan_cents: int  # the yearly price of their active plans
    spoken_to: int  # those of them spoken to in the last 30 days
    revenue_cents: int  # sales in the last 365 days
    top_revenue_cents: int  # the biggest single customer's part of it
    repeat_revenue_cents: int  # the part from customers who had bought before those 365 days


# One grouping of the last 3 years' sales per customer serves every number about recent buyers:
# the last 365 days lie inside those 3 years (see StatsPeriods).
_RECENT_SALES_SQL = """
SELECT count(*), sum(r.recent_sales), sum(p.plan_cents), count(t.customer_id),
       sum(r.year_sales), max(r.year_sales),
       sum(CASE WHEN r.year_sales = 0 THEN 0
                WHEN EXISTS (SELECT 1 FROM sale e WHERE e.customer_id = r.customer_id
                             AND e.sold_on < :year_from) THEN r.year_sales
                ELSE 0 END)
FROM (SELECT customer_id, sum(total_cents) AS recent_sales,
             sum(CASE WHEN sold_on >= :year_from THEN total_cents ELSE 0 END) AS year_sales
      FROM sale {scan} WHERE sold_on >= :recent_from AND sold_on <= :today
      GROUP BY customer_id) AS r
LEFT JOIN (SELECT customer_id, sum(price_cents) AS plan_cents FROM service_plan
           WHERE status = :active GROUP BY customer_id) AS p ON p.customer_id = r.customer_id
LEFT JOIN (SELECT DISTINCT customer_id FROM touch
           WHERE happened_at >= :spoken_from AND happened_at < :day_after
             AND channel IN (:call, :visit, :in_person)) AS t ON t.customer_id = r.customer_id
"""


def _recent_sales(periods: StatsPeriods) -> _RecentSales:
    call, visit, in_person = (channel.value for channel in SPOKEN_CHANNELS)
    row = _row(
        _RECENT_SALES_SQL,
        recent_from=periods.recent_buyers_from.isoformat(),
        today=periods.today.isoformat(),
        year_from=periods.last_year_from.isoformat(),
        active=PlanStatus.ACTIVE.value,
        spoken_from=periods.spoken_from.isoformat(),
        day_after=periods.day_after.isoformat(),
        call=call,
        visit=visit,
        in_person=in_person,
    )
    return _RecentSales(*(_int(value) for value in row))


# The retention rate's two counts. Its own grouping of two years of sales rather than two more columns
# of the one above, so the lists behind the projection can work out the very same rate alone.
_RETENTION_SQL = """
SELECT count(*), sum(next_year) FROM (
    SELECT customer_id,
           max(CASE WHEN sold_on >= :base_from AND sold_on < :next_from THEN 1 ELSE 0 END) AS base_year,
           max(CASE WHEN sold_on >= :next_from THEN 1 ELSE 0 END) AS next_year
    FROM sale {scan} WHERE sold_on >= :base_from AND sold_on < :next_end AND sold_on <= :today
    GROUP BY customer_id
) AS years WHERE base_year = 1
"""


def _retention_counts(periods: StatsPeriods) -> tuple[int, int]:
    """Customers who bought in the calendar year before last, and how many of them bought last year."""
    buyers, retained = _row(
        _RETENTION_SQL,
        base_from=datetime.date(periods.retention_base_year, 1, 1).isoformat(),
        next_from=datetime.date(periods.retention_next_year, 1, 1).isoformat(),
        next_end=datetime.date(periods.retention_next_year + 1, 1, 1).isoformat(),
        today=periods.today.isoformat(),
    )
    return _int(buyers), _int(retained)


def retention_rate(today: datetime.date) -> Decimal:
    """The headline retention rate as of `today`, alone (the same counts headline_stats uses)."""
    buyers, retained = _retention_counts(StatsPeriods.ending(today))
    return fraction(retained, buyers)


def _lifetime_value() -> tuple[int, int]:
    """The lifetime value of all customers, and how many customers have a value above zero."""
    total, valued = _row(
        f"""SELECT sum(value), sum(CASE WHEN value > 0 THEN 1 ELSE 0 END)
            FROM ({LIFETIME_SQL}) AS per_customer""",
        **LIFETIME_PARAMS,
    )
    return _int(total), _int(valued)


def customer_lifetime_value(customer_id: int) -> Decimal:
    """One customer's lifetime value, as the headline total adds it up (0 when nothing was bought)."""
    rows = run_sql(ONE_LIFETIME_SQL, customer_id=customer_id, **LIFETIME_PARAMS)
    return from_cents(_int(rows[0][1]) if rows else 0)


def _open_opportunities() -> tuple[int, int]:
    count, value = _row(
        "SELECT count(*), sum(value_cents) FROM opportunity WHERE status = :open",
        open=OpportunityStatus.OPEN.value,
    )
    return _int(count), _int(value)
