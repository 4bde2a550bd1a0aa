"""The relationship dashboard: what the customer base is worth, in figures and pictures.

The headline numbers are app.domain.stats (the `stats --json` contract); this
module adds what the dashboard draws around them: revenue by year split new vs
existing, retention by year, the open pipeline by kind, the lifetime-value
distribution, the 10- and 15-year projection (app.domain.stats.projected_value, the
headline's own, over both horizons) with the replacements due on top, and the warnings.
Persistence adds up rows; the periods, buckets, arithmetic and wording live here.
Every figure has a key (app.domain.dashboard_keys) that opens the customers behind it;
the sentences that explain the figures are in app.domain.dashboard_text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from app.domain.dashboard_text import PROJECTION_METHOD
from app.domain.i18n import t
from app.domain.kinds import OpportunityKind
from app.domain.money import CENT, format_money, from_cents
from app.domain.stats import (
    RECENT_BUYER_YEARS,
    HeadlineStats,
    ProjectedValue,
    ProjectionBase,
    fraction,
    percent,
    projected_value,
)
from app.domain.wording import count_text

REVENUE_YEARS = 10  # bars: this year (to date) and the nine before it
RETENTION_YEARS = 9  # pairs of whole years: the last one is the headline retention rate
PROJECTION_HORIZONS = (10, 15)
QUIET_DAYS = 365  # "gone quiet": no contact and no sale in this many days
TOP_HANDFUL = 5
BEST_SHARE_DENOMINATOR = 10  # the best customers are the top tenth by lifetime value
# Lifetime-value buckets, in cents: 0 is "nothing yet", then under $500, $500–2,000, ..., $25,000 and up.
LTV_BOUNDS_CENTS = (50_000, 200_000, 500_000, 1_000_000, 2_500_000)

# Warning keys (each is also the figure key of the customers behind the warning).
TOP_CUSTOMER = "top_customer"
TOP_CUSTOMERS = "top_customers"
ONE_SITE_BUYS = "one_site_buys"
QUIET_BEST_CUSTOMERS = "quiet_best_customers"
PLANS_LAPSING = "plans_lapsing"
WARNING_KEYS = (TOP_CUSTOMER, TOP_CUSTOMERS, ONE_SITE_BUYS, QUIET_BEST_CUSTOMERS, PLANS_LAPSING)


@dataclass(frozen=True)
class YearRevenue:
    year: int
    new: Decimal  # from customers in the year of their first sale
    existing: Decimal  # from customers who had bought in an earlier year
    new_customers: int
    existing_customers: int
    to_date: bool = False  # this year, so far

    @property
    def total(self) -> Decimal:
        return self.new + self.existing

    def key(self, part: str = "") -> str:
        """The figure key of the bar ("") or of its "new" or "existing" part."""
        return f"revenue_year:{self.year}:{part}" if part else f"revenue_year:{self.year}"


@dataclass(frozen=True)
class YearRetention:
    year: int  # bought this year...
    buyers: int
    retained: int  # ...and again the next year
    rate: Decimal  # a fraction 0..1, 4 decimals

    def key(self, part: str = "") -> str:
        """The figure key of the year's buyers (""), or of those "retained" or "lost" the next year."""
        return f"retention_year:{self.year}:{part}" if part else f"retention_year:{self.year}"


@dataclass(frozen=True)
class PipelineKind:
    kind: str
    count: int
    value: Decimal

    @property
    def key(self) -> str:
        return f"pipeline:{self.kind}"


@dataclass(frozen=True)
class LtvBucket:
    index: int
    low: Decimal  # included
    high: Decimal | None  # excluded; None for the top bucket
    customers: int
    value: Decimal

    @property
    def key(self) -> str:
        return f"ltv_bucket:{self.index}"

    @property
    def label(self) -> str:
        if self.index == 0:
            return "nothing yet"
        if self.high is None:
            return f"{_dollars(self.low)}+"
        if self.index == 1:
            return f"under {_dollars(self.high)}"
        return f"{_dollars(self.low)}–{_dollars(self.high)}"

    @property
    def short_label(self) -> str:
        """For a chart axis: "none", "<$500", "$500–2k", ..., "$25k+"."""
        if self.index == 0:
            return "none"
        if self.high is None:
            return f"{_thousands(self.low)}+"
        if self.index == 1:
            return f"<{_thousands(self.high)}"
        return f"{_thousands(self.low)}–{_thousands(self.high).lstrip('$')}"


@dataclass(frozen=True)
class Projection:
    """The projected value over `years` years (the same arithmetic as the headline's), and apart from
    it the replacements due in those years: they are not added in, because the recent sales the
    projection starts from already hold the replacements of the last 3 years."""

    customers: int  # the recent buyers it counts on
    value: ProjectedValue
    from_replacements: Decimal  # the replacements due, each weighed by retention like the spend
    replacements: int  # how many replacements fall within the horizon

    @property
    def years(self) -> int:
        return self.value.years

    @property
    def key(self) -> str:
        return f"projection:{self.years}"

    @property
    def from_spend(self) -> Decimal:
        return self.value.from_spend

    @property
    def from_plans(self) -> Decimal:
        return self.value.from_plans

    @property
    def total(self) -> Decimal:
        """The projected value (for 10 years: the headline projected_value_10_years)."""
        return self.value.total

    @property
    def per_customer(self) -> Decimal:
        if not self.customers:
            return Decimal("0.00")
        return (self.total / self.customers).quantize(CENT, rounding=ROUND_HALF_UP)

    @property
    def working(self) -> str:
        """The sum itself, in words (the owner's language), for the tooltip and the summary."""
        value = self.value
        return t(
            "{yearly} a year today ({spend} of spend and {plans} of service plans) × {factor} "
            "(1 + r + r² + … + r{last} with retention r = {retention}) = {total} over {years} years; "
            "if everyone kept buying it would be {without}. Apart from it, not added in: "
            "{replacements} replacements due, worth {weighed} weighed by retention.",
            yearly=format_money(value.yearly),
            spend=format_money(value.yearly_spend),
            plans=format_money(value.yearly_plans),
            factor=f"{value.years_of_spend:.3f}",
            last=_superscript(self.years - 1),
            retention=percent(value.retention),
            total=format_money(self.total),
            years=self.years,
            without=format_money(value.without_retention),
            replacements=f"{self.replacements:,}",
            weighed=format_money(self.from_replacements),
        )


@dataclass(frozen=True)
class DashboardWarning:
    key: str  # also the figure key of the customers behind it
    title: str
    sentence: str
    customer_ids: tuple[int, ...]


@dataclass(frozen=True)
class DashboardData:
    today: datetime.date
    stats: HeadlineStats
    revenue_by_year: tuple[YearRevenue, ...]
    retention_by_year: tuple[YearRetention, ...]
    pipeline: tuple[PipelineKind, ...]
    ltv_buckets: tuple[LtvBucket, ...]
    projections: tuple[Projection, ...]
    warnings: tuple[DashboardWarning, ...]
    projection_method: str = PROJECTION_METHOD

    @property
    def spoken_share(self) -> Decimal:
        """Of the customers who bought in the last 3 years, the fraction spoken to in the last 30 days."""
        return fraction(self.stats.spoken_to_last_30_days, self.stats.bought_last_3_years)

    def projection(self, years: int) -> Projection:
        return next(p for p in self.projections if p.years == years)


# ------------------------------------------------------------------ periods


def revenue_years(today: datetime.date) -> range:
    return range(today.year - REVENUE_YEARS + 1, today.year + 1)


def retention_years(today: datetime.date) -> range:
    """Base years N whose next year N + 1 is over (the last is the year before last)."""
    return range(today.year - RETENTION_YEARS - 1, today.year - 1)


def month_of(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of today's month."""
    first = today.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def quiet_since(today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=QUIET_DAYS)


# ------------------------------------------------------------------ building the figures


class YearTotals(NamedTuple):
    """One calendar year of sales as the database adds it up, in cents."""

    year: int
    revenue_cents: int
    new_revenue_cents: int  # from customers whose first sale ever was that year
    buyers: int
    new_buyers: int
    retained: int  # buyers that year who bought again the next year


def revenue_by_year(today: datetime.date, rows: list[YearTotals]) -> tuple[YearRevenue, ...]:
    """A bar per year, leaving out the years before the first sale."""
    by_year = {row.year: row for row in rows}
    bars = []
    for year in revenue_years(today):
        row = by_year.get(year, YearTotals(year, 0, 0, 0, 0, 0))
        if not bars and not row.revenue_cents and year != today.year:
            continue
        bars.append(
            YearRevenue(
                year=year,
                new=from_cents(row.new_revenue_cents),
                existing=from_cents(row.revenue_cents - row.new_revenue_cents),
                new_customers=row.new_buyers,
                existing_customers=row.buyers - row.new_buyers,
                to_date=year == today.year,
            )
        )
    return tuple(bars)


def retention_by_year(today: datetime.date, rows: list[YearTotals]) -> tuple[YearRetention, ...]:
    """A point per year N (bought in N and again in N + 1), leaving out the years before the first buyer."""
    by_year = {row.year: row for row in rows}
    points = []
    for year in retention_years(today):
        row = by_year.get(year, YearTotals(year, 0, 0, 0, 0, 0))
        if not points and not row.buyers and year != today.year - 2:
            continue
        points.append(YearRetention(year, row.buyers, row.retained, fraction(row.retained, row.buyers)))
    return tuple(points)


def pipeline(rows: list[tuple[str, int, int]]) -> tuple[PipelineKind, ...]:
    """Every opportunity kind in its usual order (zeros included), then any unknown kind."""
    found = {kind: (count, cents) for kind, count, cents in rows}
    kinds = [kind.value for kind in OpportunityKind] + sorted(set(found) - set(OpportunityKind))
    counted = [(kind, *found.get(kind, (0, 0))) for kind in kinds]
    return tuple(PipelineKind(kind, count, from_cents(cents)) for kind, count, cents in counted)


def ltv_bucket_of(cents: int) -> int:
    """The bucket index of a lifetime value in cents (0 for nothing, or less)."""
    if cents <= 0:
        return 0
    return 1 + sum(1 for bound in LTV_BOUNDS_CENTS if cents >= bound)


def ltv_buckets(customers: int, rows: list[tuple[int, int, int]]) -> tuple[LtvBucket, ...]:
    """From (bucket, customers, cents) of the customers with any lifetime row; the rest are "nothing yet"."""
    found = {index: (count, cents) for index, count, cents in rows}
    counted = sum(count for count, _ in found.values())
    lows = (0, 1, *LTV_BOUNDS_CENTS)  # bucket 0 is everything below one cent
    highs = (1, *LTV_BOUNDS_CENTS, None)
    buckets = []
    for index, (low, high) in enumerate(zip(lows, highs, strict=True)):
        count, cents = found.get(index, (0, 0))
        if index == 0:
            count += customers - counted
        top = None if high is None else from_cents(high)
        buckets.append(LtvBucket(index, from_cents(low), top, count, from_cents(cents)))
    return tuple(buckets)


def ltv_bucket_count() -> int:
    return len(LTV_BOUNDS_CENTS) + 2


class ReplacementGroup(NamedTuple):
    """Units in place at the recent buyers' sites with the same lifespan, price and year installed."""

    life: int  # the typical lifespan in whole years (above 0)
    price_cents: int  # what replacing one costs
    installed_year: int
    units: int


def replacement_offsets(installed_year: int, life: int, first_year: int, years: int) -> range:
    """The years, counted from `first_year` (0), in which a unit is replaced within `years` years.

    Due in the year installed + lifespan; one already past that is replaced this year; then again
    every lifespan after that.
    """
    start = max(installed_year + life, first_year) - first_year
    return range(start, years, life)


def projections(
    base: ProjectionBase, retention: Decimal, first_year: int, equipment: list[ReplacementGroup]
) -> tuple[Projection, ...]:
    """The projection over each horizon, with the replacements due in it.

    A replacement k years from now (0 = this year) counts at its price × r^k, as the spend does:
    a customer who no longer buys from us buys their replacement elsewhere.
    """
    result = []
    for years in PROJECTION_HORIZONS:
        weighed = Decimal(0)
        count = 0
        for group in equipment:
            offsets = replacement_offsets(group.installed_year, group.life, first_year, years)
            count += group.units * len(offsets)
            weighed += sum((group.units * group.price_cents * retention**k for k in offsets), Decimal(0))
        result.append(
            Projection(
                customers=base.customers,
                value=projected_value(base, retention, years),
                from_replacements=(weighed / 100).quantize(CENT, rounding=ROUND_HALF_UP),
                replacements=count,
            )
        )
    return tuple(result)


# ------------------------------------------------------------------ warnings


class TopCustomer(NamedTuple):
    customer_id: int
    name: str
    revenue_cents: int  # in the last 365 days


def concentration_warnings(
    top: list[TopCustomer], revenue_cents: int, threshold: float, top_share: Decimal | None = None
) -> list[DashboardWarning]:
    """One customer, or the biggest few together, making up at least `threshold` of the last 365 days.

    `top_share` is the headline top_customer_share, so the warning quotes the very number the
    headline shows; without it, it is worked out here the same way.
    """
    if not top or revenue_cents <= 0:
        return []
    limit = Decimal(str(threshold))
    warnings = []
    first = top[0]
    share = fraction(first.revenue_cents, revenue_cents) if top_share is None else top_share
    if share >= limit:
        warnings.append(
            DashboardWarning(
                TOP_CUSTOMER,
                "One customer carries too much of the revenue",
                f"{first.name} brought in {percent(share)} of the last 12 months' sales "
                f"({format_money(from_cents(first.revenue_cents))} of "
                f"{format_money(from_cents(revenue_cents))}; the warning starts at {percent(limit)}): "
                "losing them would hurt, so look after them and win more customers like them.",
                (first.customer_id,),
            )
        )
    handful = top[:TOP_HANDFUL]
    together = sum(customer.revenue_cents for customer in handful)
    share = fraction(together, revenue_cents)
    if len(handful) > 1 and share >= limit:
        warnings.append(
            DashboardWarning(
                TOP_CUSTOMERS,
                f"{len(handful)} customers carry too much of the revenue",
                f"Your {len(handful)} biggest customers brought in {percent(share)} of the last 12 months' "
                f"sales ({format_money(from_cents(together))}; the warning starts at {percent(limit)}): "
                "the business leans on a handful of customers.",
                tuple(customer.customer_id for customer in handful),
            )
        )
    return warnings


def one_site_warning(customer_ids: list[int]) -> list[DashboardWarning]:
    if not customer_ids:
        return []
    n = len(customer_ids)
    return [
        DashboardWarning(
            ONE_SITE_BUYS,
            "Customers with several sites buy for only one",
            f"{count_text(n, 'customer')} with more than one site bought for only one of "
            f"{'them' if n > 1 else 'its sites'} in the last {RECENT_BUYER_YEARS} years: "
            "offer their other sites a visit.",
            tuple(customer_ids),
        )
    ]


def quiet_best_warning(customer_ids: list[int], threshold_cents: int) -> list[DashboardWarning]:
    if not customer_ids:
        return []
    n = len(customer_ids)
    return [
        DashboardWarning(
            QUIET_BEST_CUSTOMERS,
            "Best customers have gone quiet",
            f"{count_text(n, 'of your best customers', 'of your best customers')} (the top tenth by lifetime "
            f"value, {format_money(from_cents(threshold_cents))} or more) "
            f"{'have' if n > 1 else 'has'} had no contact and no sale for 12 months: "
            "call them before a competitor does.",
            tuple(customer_ids),
        )
    ]


def plans_lapsing_warning(customer_ids: list[int], plans: int, yearly_cents: int) -> list[DashboardWarning]:
    if not plans:
        return []
    return [
        DashboardWarning(
            PLANS_LAPSING,
            "Service plans run out this month",
            f"{count_text(plans, 'service plan')} ({format_money(from_cents(yearly_cents))} a year) "
            f"{'run' if plans > 1 else 'runs'} out this month and "
            f"{'do' if plans > 1 else 'does'} not renew by {'themselves' if plans > 1 else 'itself'}: "
            "call to renew.",
            tuple(customer_ids),
        )
    ]


# ------------------------------------------------------------------ wording


def _dollars(amount: Decimal) -> str:
    return f"${amount:,.0f}"


def _thousands(amount: Decimal) -> str:
    """$500, $2k, $25k: whole dollars under a thousand, else thousands."""
    if amount < 1000:
        return _dollars(amount)
    return f"${amount / 1000:,.0f}k"


def _superscript(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
