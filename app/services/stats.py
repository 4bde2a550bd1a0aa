"""The headline numbers of the customer base."""

from __future__ import annotations

import datetime

from app.domain.stats import HeadlineStats
from app.persistence import stats as repository


def headline_stats(today: datetime.date) -> HeadlineStats:
    return repository.headline_stats(today)
