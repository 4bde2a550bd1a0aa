"""Dates as the owner reads them: the year is left out only when it is this year.

"Mar 3" is this year's 3 March; any other year says so ("Mar 3, 2025", "Jan 5, 2027"), so a
date in a list is never taken for the wrong year. "This year" is app.domain.clock's. English
month names, as every reason and letter is worded, not the computer's locale.
"""

from __future__ import annotations

import datetime

from app.domain import clock

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def date_text(day: datetime.date, *, today: datetime.date | None = None, long: bool = False) -> str:
    """ "Mar 3" in the current year, else "Mar 3, 2025"; `long`: "March 3" / "March 3, 2025".

    `today` decides the current year (clock.today() when None); a date-time counts by its date.
    """
    if isinstance(day, datetime.datetime):
        day = day.date()
    month = MONTHS[day.month - 1]
    shown = f"{month if long else month[:3]} {day.day}"
    if day.year != (today or clock.today()).year:
        shown += f", {day.year}"
    return shown
