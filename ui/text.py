"""Small wording helpers for the screens."""

from __future__ import annotations

import datetime

from app.domain import dates


def count_text(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 customer", "2,000 customers"."""
    word = singular if count == 1 else (plural or singular + "s")
    return f"{count:,} {word}"


def date_text(day: datetime.date | None, *, long: bool = False) -> str:
    """A date in a list or heading: "Mar 3" this year, "Mar 3, 2025" otherwise, "" for none.

    Every date shown on screen goes through here (app.domain.dates.date_text), so the year is
    never left out when it is not this year.
    """
    return "" if day is None else dates.date_text(day, long=long)
