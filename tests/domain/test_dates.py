"""Dates shown to the owner carry their year whenever it is not this year."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from app.domain.dates import date_text

D = datetime.date
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("day", "short", "long"),
    [
        (D(2026, 3, 3), "Mar 3", "March 3"),  # the tests' clock stands on 2 December 2026
        (D(2026, 12, 31), "Dec 31", "December 31"),
        (D(2025, 12, 30), "Dec 30, 2025", "December 30, 2025"),
        (D(2027, 1, 5), "Jan 5, 2027", "January 5, 2027"),
        (D(1999, 5, 1), "May 1, 1999", "May 1, 1999"),
    ],
)
def test_the_year_is_shown_unless_it_is_this_year(day: datetime.date, short: str, long: str) -> None:
    assert date_text(day) == short
    assert date_text(day, long=True) == long
    assert date_text(datetime.datetime.combine(day, datetime.time(15, 30))) == short


def test_this_year_is_the_clocks(clock) -> None:
    assert date_text(D(2026, 3, 3)) == "Mar 3"
    clock.set(datetime.datetime(2027, 1, 2, 9, 0))  # a new year: last year's dates now say so
    assert date_text(D(2026, 3, 3)) == "Mar 3, 2026"
    assert date_text(D(2027, 3, 3)) == "Mar 3"
    assert date_text(D(2026, 3, 3), today=D(2026, 6, 1)) == "Mar 3"


def test_no_screen_or_service_formats_a_month_and_day_without_the_year() -> None:
    # A day-of-month format ("%b %d", "%B %d") must go on to the year, else go through date_text.
    without_year = re.compile(r"%[bB] %d(?!, %Y)")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("ui", "app/services")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if without_year.search(line)
    ]
    assert found == []
