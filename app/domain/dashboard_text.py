"""The dashboard's words: how each figure is worked out, and the labels of the printed summary.

Kept apart from app.domain.dashboard (the figures) because the owner reads these
sentences next to the numbers; each must say exactly what the code computes. They are English,
the message ids of the Spanish in resources/translations/app_es/dashboard.toml: a screen or a
page shows them through `t()`.
"""

from __future__ import annotations

from app.domain.i18n import t
from app.domain.stats import RECENT_BUYER_YEARS

PROJECTION_METHOD = (
    "How the projection is worked out. It counts on the customers who bought in the last "
    f"{RECENT_BUYER_YEARS} years only, over the next 10 or 15 years starting with this one, at today's "
    "prices, with no inflation and no discounting. "
    "Their yearly spend today is a third of what they spent in the last 3 years plus the price of each "
    "active service plan once a year. Not all of them keep buying: of the customers who buy one year, "
    "only the retention rate r (the headline figure: bought in the year before last and again last year) "
    "buy again the next. So this year counts the yearly spend in full, next year times r, the year after "
    "times r², and so on: projected value = yearly spend × (1 + r + r² + … + r⁹) over 10 years "
    "(… + r¹⁴ over 15). Over 10 years this is the headline “projected value over 10 years”. "
    "Apart from it, and not added in, the replacements due: a piece of equipment still in place is due "
    "for replacement in the year it was installed plus its typical lifespan (the middle of the catalog's "
    "range for its catalog item, or else for its kind of equipment, in whole years rounded down); one "
    "already past that is counted as replaced this year, and again every lifespan after that within the "
    "horizon. Each replacement is priced at its catalog item's price while that item is still sold, else "
    "at the average price of the equipment of that kind in the catalog, and weighed like the spend: "
    "times r for each year from now. Equipment with no install date, or of a kind the catalog gives no "
    "lifespan or price for, is left out. They are not added to the projected value because the spend of "
    "the last 3 years already holds the replacements bought in them."
)

# The same in three sentences, for the printed one-page summary.
PROJECTION_METHOD_SHORT = (
    f"Counts on the customers who bought in the last {RECENT_BUYER_YEARS} years, at today's prices: their "
    "yearly spend (a third of the last 3 years' sales, plus their active service plans), this year in full "
    "and then shrinking each year by the retention rate r, so yearly spend × (1 + r + r² + … + r⁹) over 10 "
    "years. Replacements due (equipment past its typical lifespan, at its catalog price, weighed by "
    "retention the same way) are shown apart and not added in."
)

FIGURE_EXPLANATIONS: dict[str, str] = {
    "revenue_by_year": (
        "Sales per calendar year (this year up to today), split by customer: “new” is revenue from "
        "customers in the year of their first sale ever, “existing” is revenue from everyone who had "
        "bought in an earlier year."
    ),
    "retention_by_year": (
        "For each year, the share of the customers who bought that year who bought again the next year; "
        "the last one is the headline retention rate."
    ),
    "pipeline": "The open opportunities, counted and added up by kind.",
    "ltv_distribution": (
        "How many customers have a lifetime value (every sale, service plan and won commission since their "
        "first) in each range; “nothing yet” holds the customers with none."
    ),
    "projection": PROJECTION_METHOD,
    "warnings": "Things worth acting on now, each with the customers behind it.",
}

# One line per headline number, for the printed summary (the full sentences are stats.EXPLANATIONS).
HEADLINE_LABELS: dict[str, str] = {
    "customers": "Customers",
    "bought_last_3_years": "Bought in the last 3 years",
    "spoken_to_last_30_days": "…of them spoken to in the last 30 days",
    "not_contacted_12_months": "Not contacted for 12 months",
    "lifetime_value_total": "Lifetime value, all customers",
    "average_lifetime_value": "Average lifetime value",
    "projected_value_10_years": "Projected value over 10 years",
    "retention_rate": "Retention rate",
    "repeat_revenue_share": "Revenue from existing customers",
    "top_customer_share": "Biggest customer's share",
    "open_opportunities": "Open opportunities",
    "open_opportunity_value": "Open opportunity value",
    "commission_owed_to_us": "Commission partners owe us",
    "commission_we_owe": "Commission we owe partners",
}
HEADLINE_ONE_LINERS: dict[str, str] = {
    "customers": "Everyone in the database.",
    "bought_last_3_years": "At least one sale in the last 3 years.",
    "spoken_to_last_30_days": "A call, visit or in-person talk in the last 30 days.",
    "not_contacted_12_months": "No contact of any kind in 365 days (do-not-service left out).",
    "lifetime_value_total": "Every sale, service plan and won commission, ever.",
    "average_lifetime_value": "Per customer with any lifetime value.",
    "projected_value_10_years": "Yearly spend × (1 + r + r² + … + r⁹), r = retention rate.",
    "retention_rate": "Bought in the year before last and again last year.",
    "repeat_revenue_share": "Of the last 365 days' sales, from customers who had bought before.",
    "top_customer_share": "Of the last 365 days' sales, from the single biggest customer.",
    "open_opportunities": "Replacements, renewals, upgrades… waiting to be offered.",
    "open_opportunity_value": "What the open opportunities are worth.",
    "commission_owed_to_us": "Unpaid commission on won referrals we sent.",
    "commission_we_owe": "Unpaid commission on won referrals sent to us.",
}


def kind_words(kind: str) -> str:
    """An opportunity kind as a chart of the summary and a list's title name it: "add on",
    "maintenance due", in the owner's language."""
    return t(kind.replace("_", " "))
