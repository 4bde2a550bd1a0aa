"""The headline numbers, added up in SQL.

A few set-based queries (never a Python loop over customers) keep the whole
page under a second at 100,000 customers. Measured on SQLite, what costs is
sorting rows by customer and fetching rows one by one through an index, so the
numbers about recent buyers share one grouping of the sales, and a window that
covers a large part of a table is read by scanning the table in order.

The SQL is portable between SQLite and PostgreSQL: dates go in as ISO strings,
which compare correctly with SQLite's text dates ('YYYY-MM-DD' and
'YYYY-MM-DD HH:MM:SS') and which PostgreSQL casts to dates and timestamps.
What each number means is written once, in app.domain.stats.EXPLANATIONS.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from peewee import PostgresqlDatabase

from app.domain.kinds import SPOKEN_CHANNELS, OpportunityStatus, PlanStatus, ReferralDirection, ReferralStatus
from app.domain.money import from_cents
from app.domain.stats import HeadlineStats, StatsPeriods, average_cents, fraction, projected_value
from app.persistence.raw_sql import run_sql
from app.persistence.tables import database_proxy

_SETTLED = (ReferralStatus.WON.value, ReferralStatus.PAID.value)  # a commission is earned once won


def _row(sql: str, **values: object) -> tuple:
    return run_sql(sql, **values)[0]


def _int(value: object) -> int:
    """Sums come back as int from SQLite and as Decimal (or None) from PostgreSQL."""
    return int(value or 0)


def headline_stats(today: datetime.date) -> HeadlineStats:
    """The headline numbers as of `today` (see app.domain.stats.EXPLANATIONS)."""
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
        lifetime_cents, valued_customers = _lifetime_value()
        open_count, open_cents = _open_opportunities()
        owed_to_us, we_owe = _commission_outstanding()
    return HeadlineStats(
        customers=customers,
        bought_last_3_years=recent.buyers,
        spoken_to_last_30_days=recent.spoken_to,
        not_contacted_12_months=not_contacted,
        lifetime_value_total=from_cents(lifetime_cents),
        average_lifetime_value=average_cents(lifetime_cents, valued_customers),
        projected_value_10_years=projected_value(recent.sales_cents, recent.plan_cents),
        retention_rate=fraction(recent.retained, recent.base_year_buyers),
        repeat_revenue_share=fraction(recent.repeat_revenue_cents, recent.revenue_cents),
        top_customer_share=fraction(recent.top_revenue_cents, recent.revenue_cents),
        open_opportunities=open_count,
        open_opportunity_value=from_cents(open_cents),
        commission_owed_to_us=from_cents(owed_to_us),
        commission_we_owe=from_cents(we_owe),
    )


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
    base_year_buyers: int  # customers who bought in the calendar year before last
    retained: int  # those of them who bought again last calendar year


# One grouping of the last 3 years' sales per customer serves every number about recent buyers:
# the last 365 days and the two retention years all lie inside those 3 years (see StatsPeriods).
_RECENT_SALES_SQL = """
SELECT count(*), sum(r.recent_sales), sum(p.plan_cents), count(t.customer_id),
       sum(r.year_sales), max(r.year_sales),
       sum(CASE WHEN r.year_sales = 0 THEN 0
                WHEN EXISTS (SELECT 1 FROM sale e WHERE e.customer_id = r.customer_id
                             AND e.sold_on < :year_from) THEN r.year_sales
                ELSE 0 END),
       sum(r.base_year), sum(r.base_year * r.next_year)
FROM (SELECT customer_id, sum(total_cents) AS recent_sales,
             sum(CASE WHEN sold_on >= :year_from THEN total_cents ELSE 0 END) AS year_sales,
             max(CASE WHEN sold_on >= :base_from AND sold_on < :next_from THEN 1 ELSE 0 END) AS base_year,
             max(CASE WHEN sold_on >= :next_from AND sold_on < :next_end THEN 1 ELSE 0 END) AS next_year
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
        base_from=datetime.date(periods.retention_base_year, 1, 1).isoformat(),
        next_from=datetime.date(periods.retention_next_year, 1, 1).isoformat(),
        next_end=datetime.date(periods.retention_next_year + 1, 1, 1).isoformat(),
        active=PlanStatus.ACTIVE.value,
        spoken_from=periods.spoken_from.isoformat(),
        day_after=periods.day_after.isoformat(),
        call=call,
        visit=visit,
        in_person=in_person,
    )
    return _RecentSales(*(_int(value) for value in row))


def _lifetime_value() -> tuple[int, int]:
    """The lifetime value of all customers, and how many customers have a value above zero."""
    total, valued = _row(
        """SELECT sum(v), sum(CASE WHEN v > 0 THEN 1 ELSE 0 END) FROM (
               SELECT customer_id, sum(amount) AS v FROM (
                   SELECT customer_id, total_cents AS amount FROM sale
                   UNION ALL SELECT customer_id, price_cents FROM service_plan
                   UNION ALL SELECT customer_id, commission_cents FROM referral
                       WHERE customer_id IS NOT NULL AND direction = :to_partner
                         AND status IN (:won, :paid)
               ) AS parts GROUP BY customer_id
           ) AS per_customer""",
        to_partner=ReferralDirection.TO_PARTNER.value,
        won=_SETTLED[0],
        paid=_SETTLED[1],
    )
    return _int(total), _int(valued)


def _open_opportunities() -> tuple[int, int]:
    count, value = _row(
        "SELECT count(*), sum(value_cents) FROM opportunity WHERE status = :open",
        open=OpportunityStatus.OPEN.value,
    )
    return _int(count), _int(value)


def _commission_outstanding() -> tuple[int, int]:
    """Unpaid commission on won or paid referrals, per direction; an overpaid referral counts as 0."""
    rows = run_sql(
        """SELECT r.direction,
                  sum(CASE WHEN r.commission_cents > coalesce(p.paid, 0)
                           THEN r.commission_cents - coalesce(p.paid, 0) ELSE 0 END)
           FROM referral r
           LEFT JOIN (SELECT referral_id, sum(amount_cents) AS paid FROM referral_payment
                      GROUP BY referral_id) AS p ON p.referral_id = r.id
           WHERE r.status IN (:won, :paid)
           GROUP BY r.direction""",
        won=_SETTLED[0],
        paid=_SETTLED[1],
    )
    outstanding = {direction: _int(cents) for direction, cents in rows}
    return (
        outstanding.get(ReferralDirection.TO_PARTNER.value, 0),
        outstanding.get(ReferralDirection.FROM_PARTNER.value, 0),
    )
