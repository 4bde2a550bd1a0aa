"""Small wording helpers for the screens.

Counted nouns and articles ("1 page", "2 pages", "a site", "an e-mail", "equipment") come from
app.domain.wording, the one place they are built, which the domain's own sentences use too: a screen
builds such a string through `count_text`, `plural_word` or `with_article` from here, never by hand.
"""

from __future__ import annotations

import datetime

from app.domain import dates
from app.domain.i18n import count_words
from app.domain.wording import plural_word, with_article

__all__ = ["count_text", "date_text", "plural_word", "with_article"]


def count_text(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 customer", "2,000 customers", or in Spanish "2,000 clientes" for `tr("customer")`: the noun
    comes translated, and Spanish makes its own plural (app.domain.i18n.count_words)."""
    return count_words(count, singular, plural)


def date_text(day: datetime.date | None, *, long: bool = False) -> str:
    """A date in a list or heading: "Mar 3" this year, "Mar 3, 2025" otherwise, "" for none.

    Every date shown on screen goes through here (app.domain.dates.date_text), so the year is
    never left out when it is not this year.
    """
    return "" if day is None else dates.date_text(day, long=long)
