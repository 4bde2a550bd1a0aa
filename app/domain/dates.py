"""Dates as the owner reads them: the year is left out only when it is this year.

"Mar 3" is this year's 3 March; any other year says so ("Mar 3, 2025", "Jan 5, 2027"), so a
date in a list is never taken for the wrong year. "This year" is app.domain.clock's. The text
itself comes from app.domain.formatting (US English, whatever the computer's locale).
"""

from __future__ import annotations

import datetime

from app.domain import formatting


def date_text(day: datetime.date, *, today: datetime.date | None = None, long: bool = False) -> str:
    """ "Mar 3" in the current year, else "Mar 3, 2025"; `long`: "March 3" / "March 3, 2025".

    `today` decides the current year (clock.today() when None); a date-time counts by its date.
    """
    return formatting.date_text(day, today=today, long=long)
