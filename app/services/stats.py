"""The headline numbers of the customer base."""

from __future__ import annotations

import datetime
from decimal import Decimal

from app.domain.stats import HeadlineStats
from app.persistence import stats as repository


def headline_stats(today: datetime.date) -> HeadlineStats:
    return repository.headline_stats(today)


def customer_lifetime_value(customer_id: int) -> Decimal:
    """What this customer has been worth: the headline lifetime value's sum, for them alone."""
    return repository.customer_lifetime_value(customer_id)
