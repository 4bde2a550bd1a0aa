"""The headline numbers: what the customer base is worth, and how well it is looked after.

The periods and the arithmetic live here; app/persistence/stats.py only adds up
rows. Each number comes with one sentence (EXPLANATIONS) saying exactly how it
is computed, because the owner is shown that sentence next to the number.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from app.domain import formatting
from app.domain.i18n import t
from app.domain.money import CENT, format_money

RATE_PLACES = Decimal("0.0001")
PROJECTION_YEARS = 10
RECENT_BUYER_YEARS = 3
SPOKEN_DAYS = 30
YEAR_DAYS = 365

MONEY_FIELDS = (
    "lifetime_value_total",
    "average_lifetime_value",
    "projected_value_10_years",
    "open_opportunity_value",
    "commission_owed_to_us",
    "commission_we_owe",
)
RATE_FIELDS = ("retention_rate", "repeat_revenue_share", "top_customer_share")

_EXPLANATIONS: dict[str, str] = {
    "customers": "Every customer in the database, each counted once.",
    "bought_last_3_years": (
        "Customers with at least one sale dated from the same day three years ago (28 February when "
        "today is 29 February) through today."
    ),
    "spoken_to_last_30_days": (
        "Of the customers who bought in the last 3 years, those with a call, visit or in-person contact "
        "logged from 30 days before today through today."
    ),
    "not_contacted_12_months": (
        "Customers not marked “do not service” with no contact of any kind logged from 365 days "
        "before today through today."
    ),
    "lifetime_value_total": (
        "The sum over all customers of their sales totals, the prices of all their service plans, and "
        "the commissions on their referrals to partners that were won or paid."
    ),
    "average_lifetime_value": (
        "The lifetime value total divided by the number of customers whose lifetime value is above "
        "zero (0 when there are none), rounded to the cent."
    ),
    "projected_value_10_years": (
        "What the customers who bought in the last 3 years are expected to spend over the next 10 years, "
        "this one included: their yearly spend today (a third of their sales in those 3 years plus the "
        "price of their active service plans, which renew yearly) in full this year, times the retention "
        "rate r next year, times r² the year after and so on, that is yearly spend × (1 + r + r² + … + r⁹), "
        "the sales part and the plans part each rounded to the cent."
    ),
    "retention_rate": (
        "Of the customers who bought in the calendar year before last, the fraction who bought again "
        "last calendar year (0 when nobody bought in the year before last)."
    ),
    "repeat_revenue_share": (
        "Of the sales revenue from 365 days before today through today, the fraction that came from "
        "customers whose first sale was before that period (0 when there was no revenue)."
    ),
    "top_customer_share": (
        "The fraction of the sales revenue from 365 days before today through today that came from "
        "the single biggest customer in that period (0 when there was no revenue)."
    ),
    "open_opportunities": "The number of opportunities whose status is open.",
    "open_opportunity_value": "The sum of the values of the opportunities whose status is open.",
    "commission_owed_to_us": (
        "For referrals we sent to partners that were won or paid: each referral's commission minus "
        "the payments recorded against it (never below 0), summed."
    ),
    "commission_we_owe": (
        "For referrals partners sent to us that were won or paid: each referral's commission minus "
        "the payments recorded against it (never below 0), summed."
    ),
}


class InOwnersLanguage(Mapping[str, str]):
    """English sentences that read in the owner's language wherever they are read: the dashboard's
    tooltips and `stats`' third column take them from here, so neither has to translate them.
    `english` holds them as written (the catalog's message ids)."""

    def __init__(self, english: dict[str, str]) -> None:
        self.english = english

    def __getitem__(self, key: str) -> str:
        return t(self.english[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self.english)

    def __len__(self) -> int:
        return len(self.english)


EXPLANATIONS = InOwnersLanguage(_EXPLANATIONS)


def years_before(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class StatsPeriods:
    """The date ranges behind the numbers.

    The rolling ranges run from their first day through `today`, inclusive. The last 365 days
    and both retention years always lie inside the last 3 years, so the recent-buyer numbers
    can all be read from one pass over those 3 years of sales.
    """

    today: datetime.date
    recent_buyers_from: datetime.date  # bought_last_3_years, projected_value_10_years
    spoken_from: datetime.date  # spoken_to_last_30_days
    last_year_from: datetime.date  # not_contacted_12_months and the revenue shares
    retention_base_year: int  # customers who bought this calendar year...
    retention_next_year: int  # ...and again this one

    @classmethod
    def ending(cls, today: datetime.date) -> StatsPeriods:
        return cls(
            today=today,
            recent_buyers_from=years_before(today, RECENT_BUYER_YEARS),
            spoken_from=today - datetime.timedelta(days=SPOKEN_DAYS),
            last_year_from=today - datetime.timedelta(days=YEAR_DAYS),
            retention_base_year=today.year - 2,
            retention_next_year=today.year - 1,
        )

    @property
    def day_after(self) -> datetime.date:
        """The exclusive end for timestamps, so a contact at any time today counts."""
        return self.today + datetime.timedelta(days=1)


def fraction(part: int, whole: int) -> Decimal:
    """part / whole to 4 decimals, 0 when there is nothing to divide."""
    if not whole:
        return Decimal("0.0000")
    return (Decimal(part) / Decimal(whole)).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def average_cents(total_cents: int, count: int) -> Decimal:
    """An average amount of money from cents, rounded to the cent (0 when count is 0)."""
    if not count:
        return Decimal("0.00")
    return (Decimal(total_cents) / count / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def years_of_spend(retention: Decimal, years: int) -> Decimal:
    """How many years of today's yearly spend a customer base brings over `years` years, this one first.

    1 + r + r² + … + r^(years − 1), r being the retention rate: this year the whole base buys, next
    year the retained share of it, the year after the retained share of that, and so on. It is
    (1 − r^years) / (1 − r), and `years` itself when everyone stays (r = 1).
    """
    if years <= 0:
        return Decimal(0)
    # This year is 1 on its own: Decimal refuses 0 ** 0 (nobody retained, the first year still counts).
    return sum((retention**year for year in range(1, years)), Decimal(1))


class ProjectionBase(NamedTuple):
    """What a projection counts on, in cents: the recent buyers, their 3 years of sales, their plans."""

    customers: int  # who bought in the last RECENT_BUYER_YEARS years
    recent_sales_cents: int  # their sales in those years
    plan_cents: int  # the yearly price of their active service plans


@dataclass(frozen=True)
class ProjectedValue:
    """The one projection of what the recent buyers are worth over `years` years (see projected_value)."""

    years: int
    retention: Decimal  # the retention rate it is worked out with, a fraction 0..1
    yearly_spend: Decimal  # today's yearly spend: sales in the last 3 years / 3
    yearly_plans: Decimal  # the yearly price of the active plans
    years_of_spend: Decimal  # 1 + r + r² + … + r^(years − 1)
    from_spend: Decimal
    from_plans: Decimal
    without_retention: Decimal  # years × yearly spend: if every customer kept buying (for comparison)

    @property
    def yearly(self) -> Decimal:
        return self.yearly_spend + self.yearly_plans

    @property
    def total(self) -> Decimal:
        return self.from_spend + self.from_plans


def projected_value(
    base: ProjectionBase, retention: Decimal, years: int = PROJECTION_YEARS
) -> ProjectedValue:
    """What the recent buyers are expected to spend over `years` years, this year included.

    yearly spend Y = recent sales / RECENT_BUYER_YEARS + yearly price of the active plans, and
    projected value = Y × (1 + r + r² + … + r^(years − 1)) = Y × (1 − r^years) / (1 − r),
    r being the headline retention rate (to 4 decimals, as shown). Year k from now (0 = this year)
    brings Y × r^k: of those who buy one year, only the retained share buy the next. The sales
    part and the plans part are each rounded to the cent; the total is their sum. `stats`, the
    dashboard and the printed summary all take their projection from here.
    """
    factor = years_of_spend(retention, years)
    spend = Decimal(base.recent_sales_cents) / RECENT_BUYER_YEARS / 100
    plans = Decimal(base.plan_cents) / 100
    return ProjectedValue(
        years=years,
        retention=retention,
        yearly_spend=spend.quantize(CENT, rounding=ROUND_HALF_UP),
        yearly_plans=plans.quantize(CENT, rounding=ROUND_HALF_UP),
        years_of_spend=factor,
        from_spend=(spend * factor).quantize(CENT, rounding=ROUND_HALF_UP),
        from_plans=(plans * factor).quantize(CENT, rounding=ROUND_HALF_UP),
        without_retention=((spend + plans) * years).quantize(CENT, rounding=ROUND_HALF_UP),
    )


def customer_projected_value(
    recent_sales_cents: int, plan_cents: int, retention: Decimal, years: int = PROJECTION_YEARS
) -> Decimal:
    """One customer's share of projected_value, rounded once (the lists of customers behind the figure)."""
    yearly = Decimal(recent_sales_cents) / RECENT_BUYER_YEARS + plan_cents
    return (yearly * years_of_spend(retention, years) / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def percent(rate: Decimal) -> str:
    """0.2345 → "23.5%"; whole percentages without the ".0" (app.domain.formatting)."""
    return formatting.percent(rate)


@dataclass(frozen=True)
class HeadlineStats:
    customers: int
    bought_last_3_years: int
    spoken_to_last_30_days: int
    not_contacted_12_months: int
    lifetime_value_total: Decimal
    average_lifetime_value: Decimal
    projected_value_10_years: Decimal
    retention_rate: Decimal  # a fraction 0..1, 4 decimals
    repeat_revenue_share: Decimal  # a fraction 0..1, 4 decimals
    top_customer_share: Decimal  # a fraction 0..1, 4 decimals
    open_opportunities: int
    open_opportunity_value: Decimal
    commission_owed_to_us: Decimal
    commission_we_owe: Decimal

    def as_json_dict(self) -> dict[str, int | float | str]:
        """The `stats --json` document: counts as numbers, money as "1234.50", rates as 0..1 numbers."""
        result: dict[str, int | float | str] = {}
        for key, value in asdict(self).items():
            if key in MONEY_FIELDS:
                result[key] = str(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))
            elif key in RATE_FIELDS:
                result[key] = round(float(value), 4)
            else:
                result[key] = int(value)
        return result

    def text(self, key: str) -> str:
        """A headline number as every screen and page shows it: money to the cent ("$1,234.50"), rates as
        "22.3%", counts with thousands separators. One way, so the same number never reads two ways."""
        value = getattr(self, key)
        if key in MONEY_FIELDS:
            return format_money(value)
        if key in RATE_FIELDS:
            return percent(value)
        return f"{value:,}"
