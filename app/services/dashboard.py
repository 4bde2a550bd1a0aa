"""The relationship dashboard: every figure in one go, and the customers behind any of them.

`dashboard_data` reads everything from one snapshot of the data, so the numbers
agree with each other (and with `stats --json` for the same day). It is meant
to run off the GUI thread: it reports progress after each step and stops with
Cancelled between steps when asked.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

from app.domain import dashboard as figures
from app.domain.dashboard import DashboardData, DashboardWarning
from app.domain.dashboard_keys import FigureCustomer
from app.domain.money import CENT
from app.domain.settings import BusinessSettings
from app.persistence import dashboard as repository
from app.persistence import dashboard_lists
from app.persistence.stats import headline_figures
from app.services.cancel import Cancelled
from app.services.settings import load_settings

Progress = Callable[[int, int], None]
STEPS = 7  # the queries between two progress reports take at most about half a second each


def dashboard_data(
    today: datetime.date,
    *,
    settings: BusinessSettings | None = None,
    progress: Progress | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DashboardData:
    """The whole dashboard as of `today`; `settings` (loaded when None) gives the warning threshold."""

    def checkpoint(done: int) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(done, STEPS)

    with repository.snapshot():  # every figure from the same state of the data
        checkpoint(0)
        settings = settings or load_settings()
        stats, base = headline_figures(today)
        checkpoint(1)
        years = repository.year_totals(today)
        checkpoint(2)
        pipeline = figures.pipeline(repository.open_pipeline())
        checkpoint(3)
        bucket_rows, edge_cents, quiet_ids = repository.lifetime_figures(today)
        buckets = figures.ltv_buckets(stats.customers, bucket_rows)
        checkpoint(4)
        # The headline's own totals and retention rate, so the 10-year projection is the headline's.
        equipment = repository.replacement_groups(today)
        projections = figures.projections(base, stats.retention_rate, today.year, equipment)
        checkpoint(5)
        revenue_cents, top = repository.top_customers(today)
        one_site_ids = repository.one_site_buyers(today)
        checkpoint(6)
        lapsing_ids, lapsing_plans, lapsing_cents = repository.plans_lapsing(today)
    warnings: list[DashboardWarning] = [
        *figures.concentration_warnings(
            top, revenue_cents, settings.top_customer_share_warning, stats.top_customer_share
        ),
        *figures.one_site_warning(one_site_ids),
        *figures.quiet_best_warning(quiet_ids, edge_cents),
        *figures.plans_lapsing_warning(lapsing_ids, lapsing_plans, lapsing_cents),
    ]
    if progress is not None:
        progress(STEPS, STEPS)
    return DashboardData(
        today=today,
        stats=stats,
        revenue_by_year=figures.revenue_by_year(today, years),
        retention_by_year=figures.retention_by_year(today, years),
        pipeline=pipeline,
        ltv_buckets=buckets,
        projections=projections,
        warnings=tuple(warnings),
    )


def customers_behind(key: str, today: datetime.date, *, limit: int | None = None) -> list[FigureCustomer]:
    """The customers behind a dashboard figure (see app.domain.dashboard_keys), biggest value first."""
    return dashboard_lists.customers_behind(key, today=today, limit=limit)


def dashboard_json(data: DashboardData) -> dict:
    """The dashboard as one JSON document: `stats --json`'s keys under "stats", then the figures.

    Money as "1234.50" text, rates as numbers 0..1, as in `stats --json`; every figure carries the
    key that `customers_behind` opens.
    """

    def money(amount: Decimal) -> str:
        return str(amount.quantize(CENT))

    return {
        "today": data.today.isoformat(),
        "stats": data.stats.as_json_dict(),
        "spoken_share": float(data.spoken_share),
        "revenue_by_year": [
            {
                "year": bar.year,
                "to_date": bar.to_date,
                "new": money(bar.new),
                "existing": money(bar.existing),
                "new_customers": bar.new_customers,
                "existing_customers": bar.existing_customers,
                "key": bar.key(),
            }
            for bar in data.revenue_by_year
        ],
        "retention_by_year": [
            {
                "year": point.year,
                "buyers": point.buyers,
                "retained": point.retained,
                "rate": float(point.rate),
                "key": point.key(),
            }
            for point in data.retention_by_year
        ],
        "pipeline": [
            {"kind": kind.kind, "count": kind.count, "value": money(kind.value), "key": kind.key}
            for kind in data.pipeline
        ],
        "ltv_buckets": [
            {
                "label": bucket.label,
                "low": money(bucket.low),
                "high": None if bucket.high is None else money(bucket.high),
                "customers": bucket.customers,
                "value": money(bucket.value),
                "key": bucket.key,
            }
            for bucket in data.ltv_buckets
        ],
        "projections": [
            {
                "years": p.years,
                "customers": p.customers,
                "total": money(p.total),
                "per_customer": money(p.per_customer),
                "from_spend": money(p.from_spend),
                "from_plans": money(p.from_plans),
                "retention": float(p.value.retention),
                "years_of_spend": float(round(p.value.years_of_spend, 4)),
                "without_retention": money(p.value.without_retention),
                "from_replacements": money(p.from_replacements),
                "replacements": p.replacements,
                "key": p.key,
            }
            for p in data.projections
        ],
        "projection_method": data.projection_method,
        "warnings": [
            {"key": w.key, "title": w.title, "sentence": w.sentence, "customers": len(w.customer_ids)}
            for w in data.warnings
        ],
    }
