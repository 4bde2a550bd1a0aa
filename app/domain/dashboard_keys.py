"""The keys of the dashboard's figures: each opens the list of customers behind it.

"bought_last_3_years" and the other headline keys of `stats --json` (plus
"not_spoken_to_last_30_days": the recent buyers a competitor could take),
"revenue_year:2024", "revenue_year:2024:new" / ":existing", "retention_year:2024"
(the buyers of 2024) / ":retained" / ":lost" (did / did not buy again in 2025),
"pipeline:replacement" (any opportunity kind), "ltv_bucket:3" (0 to 6),
"projection:10" / "projection:15", and each warning's key.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from app.domain.dashboard import PROJECTION_HORIZONS, WARNING_KEYS, ltv_bucket_count, ltv_buckets
from app.domain.dashboard_text import kind_words
from app.domain.errors import UserError
from app.domain.i18n import t, translated


class FigureCustomer(NamedTuple):
    """One customer behind a figure, as the list shows it; `value` is the money that ranks them."""

    id: int
    name: str
    phone: str  # E.164
    city: str
    value: Decimal


HEADLINE_FIGURES = (
    "customers",
    "bought_last_3_years",
    "spoken_to_last_30_days",
    "not_spoken_to_last_30_days",  # the recent buyers a competitor could take tomorrow
    "not_contacted_12_months",
    "lifetime_value_total",
    "average_lifetime_value",
    "projected_value_10_years",
    "retention_rate",
    "repeat_revenue_share",
    "top_customer_share",
    "open_opportunities",
    "open_opportunity_value",
    "commission_owed_to_us",
    "commission_we_owe",
)


@dataclass(frozen=True)
class FigureKey:
    """A parsed figure key, e.g. "revenue_year:2024:new" → name "revenue_year", year 2024, part "new"."""

    name: str
    year: int | None = None
    part: str = ""
    number: int | None = None  # a bucket index or a projection horizon


_PARTS = {"revenue_year": ("", "new", "existing"), "retention_year": ("", "retained", "lost")}


def parse_figure_key(key: str) -> FigureKey:
    """The figure behind a key (see the module docstring); an unknown key is a UserError."""
    name, _, rest = key.strip().partition(":")
    pieces = rest.split(":") if rest else []
    try:
        if name in HEADLINE_FIGURES or name in WARNING_KEYS:
            if not pieces:
                return FigureKey(name)
        elif name in _PARTS and 1 <= len(pieces) <= 2:
            part = pieces[1] if len(pieces) == 2 else ""
            if part in _PARTS[name]:
                return FigureKey(name, year=int(pieces[0]), part=part)
        elif name == "pipeline" and len(pieces) == 1 and pieces[0]:
            return FigureKey(name, part=pieces[0])
        elif name in ("ltv_bucket", "projection") and len(pieces) == 1:
            number = int(pieces[0])
            valid = range(ltv_bucket_count()) if name == "ltv_bucket" else PROJECTION_HORIZONS
            if number in valid:
                return FigureKey(name, number=number)
    except ValueError:
        pass
    raise UserError(f"There is no figure “{key}” on the dashboard.")


# The lists behind a chart's bars are titled by their key in words ("revenue year 2024 new"), which
# is the English; other languages say it in full ("Ingresos de 2024: clientes nuevos").
_LIST_TITLES = {
    ("revenue_year", ""): "revenue year {year}",
    ("revenue_year", "new"): "revenue year {year} new",
    ("revenue_year", "existing"): "revenue year {year} existing",
    ("retention_year", ""): "retention year {year}",
    ("retention_year", "retained"): "retention year {year} retained",
    ("retention_year", "lost"): "retention year {year} lost",
    ("ltv_bucket", ""): "ltv bucket {number}",
}


def figure_title(key: str) -> str:
    """The title of the list of customers behind a bar of the dashboard's charts."""
    figure = parse_figure_key(key)
    if figure.name == "pipeline":
        return t("pipeline {kind}", kind=kind_words(figure.part))
    message = _LIST_TITLES.get((figure.name, figure.part))
    if message is None:
        return key.replace("_", " ").replace(":", " ")
    bucket = ltv_buckets(0, [])[figure.number or 0].label if figure.name == "ltv_bucket" else ""
    year = figure.year or 0
    return t(message, year=year, next=year + 1, number=figure.number, bucket=translated(bucket))
