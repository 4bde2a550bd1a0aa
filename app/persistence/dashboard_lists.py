"""The customers behind each dashboard figure, so any number or bar opens into its list.

Each figure is a subquery of (customer_id, value in cents) built from the same
SQL pieces as the figure itself (app.persistence.dashboard), so a list always
holds exactly the customers the figure counts. The list is sorted in SQL,
biggest value first. See app.domain.dashboard for the keys.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from app.domain import dashboard as figures
from app.domain.dashboard_keys import FigureCustomer, FigureKey, parse_figure_key
from app.domain.kinds import SPOKEN_CHANNELS, OpportunityStatus, ReferralDirection
from app.domain.money import from_cents
from app.domain.stats import PROJECTION_YEARS, RECENT_BUYER_YEARS, StatsPeriods, customer_projected_value
from app.persistence.dashboard import (
    LAPSING_SQL,
    LIFETIME_PARAMS,
    LIFETIME_SQL,
    as_int,
    lapsing_params,
    ltv_bucket_sql,
    one_site_sql,
    projection_params,
    projection_sql,
    quiet_best_sql,
    quiet_params,
    recent_sales_sql,
    snapshot,
    year_sales_params,
    year_sales_sql,
)
from app.persistence.partner_ledger import EARNED_PARAMS, OWED
from app.persistence.raw_sql import run_sql
from app.persistence.stats import retention_rate

_CITY = "(SELECT s.city FROM site s WHERE s.customer_id = c.id ORDER BY s.is_billing DESC, s.id LIMIT 1)"
Figure = tuple[str, dict[str, object]]  # (SQL of customer_id, value; its parameters)


def customers_behind(
    key: str | FigureKey, *, today: datetime.date, limit: int | None = None
) -> list[FigureCustomer]:
    """The customers behind the figure `key` as of `today`: (id, name, phone, city, value), biggest first."""
    figure = parse_figure_key(key) if isinstance(key, str) else key
    with snapshot():
        sql, params = _figure(figure, today)
        value_of = _value_of(figure, today)
        found = run_sql(
            f"""SELECT c.id, c.display_name, c.phone, coalesce({_CITY}, ''), f.value
                FROM ({sql}) AS f JOIN customer c ON c.id = f.customer_id
                ORDER BY f.value DESC, c.display_name, c.id
                {f"LIMIT {int(limit)}" if limit is not None else ""}""",
            **params,
        )
    return [FigureCustomer(*row[:4], value_of(as_int(row[4]))) for row in found]


def _value_of(figure: FigureKey, today: datetime.date) -> Callable[[int], Decimal]:
    """How a list's SQL value (cents) becomes the money shown: as it is, except for the projection.

    The projection's SQL value is a customer's sales of the last 3 years plus 3 × their yearly
    plans (so it ranks them exactly as their projection does); their projected value is then worked
    out by the very function the headline uses, with the very same retention rate.
    """
    if figure.name not in ("projected_value_10_years", "projection"):
        return from_cents
    retention = retention_rate(today)
    years = figure.number or PROJECTION_YEARS

    def projected(three_years_cents: int) -> Decimal:
        return customer_projected_value(three_years_cents, 0, retention, years)

    return projected


def _figure(figure: FigureKey, today: datetime.date) -> Figure:
    name = figure.name
    if name in _HEADLINE:
        return _HEADLINE[name](today)
    if name == "revenue_year":
        return _revenue_year(today, figure.year or 0, figure.part)
    if name == "retention_year":
        return _retention_year(today, figure.year or 0, figure.part)
    if name == "pipeline":
        return _pipeline(figure.part)
    if name == "ltv_bucket":
        return _ltv_bucket(figure.number or 0)
    if name == "projection":
        return _projection(today, figure.number or 0)
    return _WARNINGS[name](today)


# ------------------------------------------------------------------ the headline numbers


def _periods(today: datetime.date) -> dict[str, object]:
    periods = StatsPeriods.ending(today)
    return {
        "today": today.isoformat(),
        "day_after": periods.day_after.isoformat(),
        "recent_from": periods.recent_buyers_from.isoformat(),
        "spoken_from": periods.spoken_from.isoformat(),
        "year_from": periods.last_year_from.isoformat(),
    }


def _everyone(today: datetime.date) -> Figure:
    return (
        f"SELECT c.id AS customer_id, coalesce(l.value, 0) AS value FROM customer c "
        f"LEFT JOIN ({LIFETIME_SQL}) AS l ON l.customer_id = c.id",
        dict(LIFETIME_PARAMS),
    )


def _recent_buyers(today: datetime.date) -> Figure:
    return recent_sales_sql(), _periods(today)


def _spoken_to(today: datetime.date, spoken: bool = True) -> Figure:
    call, visit, in_person = (channel.value for channel in SPOKEN_CHANNELS)
    sql = f"""SELECT r.customer_id, r.value FROM ({recent_sales_sql()}) AS r
              WHERE r.customer_id {"" if spoken else "NOT"} IN (
                  SELECT customer_id FROM touch WHERE happened_at >= :spoken_from AND happened_at < :day_after
                  AND channel IN (:call, :visit, :in_person))"""
    return sql, _periods(today) | {"call": call, "visit": visit, "in_person": in_person}


def _not_contacted(today: datetime.date) -> Figure:
    sql = f"""SELECT c.id AS customer_id, coalesce(l.value, 0) AS value FROM customer c
              LEFT JOIN ({LIFETIME_SQL}) AS l ON l.customer_id = c.id
              WHERE c.do_not_service = :no AND c.id NOT IN (SELECT customer_id FROM touch
                  WHERE happened_at >= :year_from AND happened_at < :day_after)"""
    return sql, _periods(today) | LIFETIME_PARAMS | {"no": False}


def _valued(today: datetime.date) -> Figure:
    return f"SELECT customer_id, value FROM ({LIFETIME_SQL}) AS l WHERE value > 0", dict(LIFETIME_PARAMS)


def _projected_10(today: datetime.date) -> Figure:
    return _projection(today, PROJECTION_YEARS)


def _retention_headline(today: datetime.date) -> Figure:
    return _retention_year(today, StatsPeriods.ending(today).retention_base_year, "")


def _repeat_revenue(today: datetime.date) -> Figure:
    sql = f"""SELECT y.customer_id, y.value FROM ({year_sales_sql()}) AS y
              WHERE y.customer_id IN (SELECT customer_id FROM sale WHERE sold_on < :year_from)"""
    return sql, year_sales_params(today)


def _year_buyers(today: datetime.date) -> Figure:
    return year_sales_sql(), year_sales_params(today)


def _open_opportunities(today: datetime.date) -> Figure:
    return _pipeline(None)


def _commission(direction: str) -> Figure:
    """What is owed on each customer's referrals, as the Partners page and the headline add it up."""
    sql = f"""SELECT o.customer_id, sum(o.owed) AS value FROM {OWED} o
              WHERE o.direction = :direction AND o.customer_id IS NOT NULL
              GROUP BY o.customer_id"""
    return f"SELECT customer_id, value FROM ({sql}) AS c WHERE value > 0", EARNED_PARAMS | {
        "direction": direction
    }


_HEADLINE = {
    "customers": _everyone,
    "bought_last_3_years": _recent_buyers,
    "spoken_to_last_30_days": _spoken_to,
    "not_spoken_to_last_30_days": lambda today: _spoken_to(today, spoken=False),
    "not_contacted_12_months": _not_contacted,
    "lifetime_value_total": _valued,
    "average_lifetime_value": _valued,
    "projected_value_10_years": _projected_10,
    "retention_rate": _retention_headline,
    "repeat_revenue_share": _repeat_revenue,
    "top_customer_share": _year_buyers,
    "open_opportunities": _open_opportunities,
    "open_opportunity_value": _open_opportunities,
    "commission_owed_to_us": lambda today: _commission(ReferralDirection.TO_PARTNER.value),
    "commission_we_owe": lambda today: _commission(ReferralDirection.FROM_PARTNER.value),
}


# ------------------------------------------------------------------ the charts


def _year_range(today: datetime.date, year: int) -> dict[str, object]:
    """The sales days of `year` up to today."""
    end = min(datetime.date(year, 12, 31), today)
    return {"y_from": datetime.date(year, 1, 1).isoformat(), "y_to": end.isoformat()}


def _revenue_year(today: datetime.date, year: int, part: str) -> Figure:
    """What each customer spent in `year`; "new" keeps those whose first sale was that year."""
    sql = """SELECT customer_id, sum(total_cents) AS value FROM sale
             WHERE sold_on >= :y_from AND sold_on <= :y_to GROUP BY customer_id"""
    if part:
        before = "NOT IN" if part == "new" else "IN"
        sql = f"""SELECT y.customer_id, y.value FROM ({sql}) AS y WHERE y.customer_id {before} (
                      SELECT customer_id FROM sale WHERE sold_on < :y_from)"""
    return sql, _year_range(today, year)


def _retention_year(today: datetime.date, year: int, part: str) -> Figure:
    """The buyers of `year` and what they spent; "retained" / "lost": those who did / did not buy again."""
    sql, params = _revenue_year(today, year, "")
    if part:
        inside = "IN" if part == "retained" else "NOT IN"
        sql = f"""SELECT y.customer_id, y.value FROM ({sql}) AS y WHERE y.customer_id {inside} (
                      SELECT customer_id FROM sale WHERE sold_on >= :next_from AND sold_on <= :next_to)"""
        following = _year_range(today, year + 1)
        params |= {"next_from": following["y_from"], "next_to": following["y_to"]}
    return sql, params


def _pipeline(kind: str | None) -> Figure:
    sql = "SELECT customer_id, sum(value_cents) AS value FROM opportunity WHERE status = :open"
    params: dict[str, object] = {"open": OpportunityStatus.OPEN.value}
    if kind is not None:
        sql += " AND kind = :kind"
        params["kind"] = kind
    return sql + " GROUP BY customer_id", params


def _ltv_bucket(index: int) -> Figure:
    # Every customer, so that "nothing yet" holds those with no sale, plan or commission at all.
    sql = f"""SELECT customer_id, value FROM (
                  SELECT c.id AS customer_id, coalesce(l.value, 0) AS value FROM customer c
                  LEFT JOIN ({LIFETIME_SQL}) AS l ON l.customer_id = c.id
              ) AS v WHERE {ltv_bucket_sql()} = :bucket"""
    return sql, LIFETIME_PARAMS | {"bucket": index}


def _projection(today: datetime.date, years: int) -> Figure:
    """Per recent buyer: sales of the last 3 years + 3 × yearly plans (see _value_of)."""
    value = f"sales + {RECENT_BUYER_YEARS} * plans"
    return f"SELECT customer_id, {value} AS value FROM ({projection_sql()}) AS p", projection_params(today)


# ------------------------------------------------------------------ the warnings


def _top(limit: int) -> str:
    return (
        f"SELECT customer_id, value FROM ({year_sales_sql()}) AS y "
        f"ORDER BY value DESC, customer_id LIMIT {limit}"
    )


def _quiet_best(today: datetime.date) -> Figure:
    sql = f"WITH l AS ({LIFETIME_SQL}) SELECT customer_id, value FROM ({quiet_best_sql()}) AS q"
    return sql, quiet_params(today)


_WARNINGS = {
    figures.TOP_CUSTOMER: lambda today: (
        f"SELECT * FROM ({_top(1)}) AS t",
        year_sales_params(today),
    ),
    figures.TOP_CUSTOMERS: lambda today: (
        f"SELECT * FROM ({_top(figures.TOP_HANDFUL)}) AS t",
        year_sales_params(today),
    ),
    figures.ONE_SITE_BUYS: lambda today: (
        f"SELECT customer_id, value FROM ({one_site_sql()}) AS o",
        _periods(today),
    ),
    figures.QUIET_BEST_CUSTOMERS: _quiet_best,
    figures.PLANS_LAPSING: lambda today: (
        f"SELECT customer_id, value FROM ({LAPSING_SQL}) AS l",
        lapsing_params(today),
    ),
}
