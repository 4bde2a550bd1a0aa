"""US conventions, one way: dates, times, money, shares and phones as every page and screen shows them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from app.domain import formatting
from app.domain.dates import date_text as old_date_text
from app.domain.money import format_money

D = datetime.date
T = datetime.time


def test_dates_read_month_day_year() -> None:
    day = D(2026, 12, 2)
    assert formatting.long_date(day) == "December 2, 2026"
    assert formatting.long_date(datetime.datetime(2026, 12, 2, 15, 30)) == "December 2, 2026"
    assert formatting.short_date(D(2026, 3, 3)) == "Mar 3, 2026"
    assert formatting.numeric_date(D(2026, 3, 3)) == "03/03/2026"
    assert formatting.weekday_date(day) == "Wednesday, December 2, 2026"
    assert formatting.month_year(day) == "December 2026"
    assert formatting.short_month_year(day) == "Dec 2026"


def test_the_year_is_left_out_only_when_it_is_this_year(clock) -> None:  # the clock stands in 2026
    assert formatting.date_text(D(2026, 3, 3)) == "Mar 3"
    assert formatting.date_text(D(2025, 3, 3)) == "Mar 3, 2025"
    assert formatting.date_text(D(2027, 1, 5), long=True) == "January 5, 2027"
    assert formatting.weekday_date(D(2026, 12, 2), year=False) == "Wednesday, December 2"
    assert formatting.weekday_date(D(2027, 1, 4), year=False) == "Monday, January 4, 2027"
    assert formatting.date_time_text(datetime.datetime(2026, 3, 3, 14, 5)) == "Mar 3, 2:05 PM"
    clock.set(datetime.datetime(2027, 2, 1, 9, 0))
    assert formatting.date_text(D(2026, 3, 3)) == "Mar 3, 2026"
    assert old_date_text(D(2026, 3, 3)) == formatting.date_text(D(2026, 3, 3))  # one way, both names


@pytest.mark.parametrize(
    ("at", "shown"),
    [
        (T(9, 30), "9:30 AM"),
        ("09:30", "9:30 AM"),
        ("17:00", "5:00 PM"),
        ("12:00", "12:00 PM"),
        ("00:00", "12:00 AM"),
        ("24:00", "12:00 AM"),
        (T(20, 5), "8:05 PM"),
    ],
)
def test_times_are_twelve_hour_with_am_pm(at: object, shown: str) -> None:
    assert formatting.time_text(at) == shown  # a plain space, not CLDR's narrow one


def test_time_ranges_and_quiet_hours() -> None:
    assert formatting.time_range("09:00", "11:00") == "9:00–11:00 AM"
    assert formatting.time_range("09:00", "17:30") == "9:00 AM–5:30 PM"
    assert formatting.time_range(T(17), T(19, 30)) == "5:00–7:30 PM"
    quiet = (("00:00", "09:00"), ("17:30", "19:30"), ("20:30", "24:00"))
    assert formatting.periods_text(quiet) == "before 9:00 AM, 5:30–7:30 PM, after 8:30 PM"
    assert formatting.periods_text((("00:00", "24:00"),)) == "all day"
    assert formatting.periods_text(()) == ""


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("1234.5"), "$1,234.50"),
        (Decimal("0"), "$0.00"),
        (Decimal("-12"), "-$12.00"),
        (Decimal("1000000"), "$1,000,000.00"),
        (7, "$7.00"),
    ],
)
def test_money(amount: Decimal, shown: str) -> None:
    assert formatting.money(amount) == shown
    assert format_money(Decimal(amount)) == shown  # the old name gives the same text


@pytest.mark.parametrize(
    ("fraction", "shown"),
    [
        (0.12, "12%"),
        (Decimal("0.2345"), "23.5%"),  # half a tenth rounds up, as the owner would
        (Decimal("0.5"), "50%"),
        (0, "0%"),
        (1, "100%"),
        (Decimal("-0.0001"), "0%"),
    ],
)
def test_percent_has_no_space_before_the_sign(fraction: object, shown: str) -> None:
    assert formatting.percent(fraction) == shown


def test_percent_points_and_counts() -> None:
    assert formatting.percent_points(Decimal("12.5")) == "12.5%"
    assert formatting.percent_points(15) == "15%"
    assert formatting.number(12345) == "12,345"


def test_phones_as_people_write_them() -> None:
    assert formatting.phone("+14105551234") == "(410) 555-1234"
    assert formatting.phone("+14105551234", "CA") == "(410) 555-1234"
    assert formatting.phone("+442071838750") == "+44 20 7183 8750"
    assert formatting.phone("+442071838750", "GB") == "020 7183 8750"
    assert formatting.phone("") == ""
    assert formatting.phone("not a number") == "not a number"


def test_a_numeric_date_reads_month_first_in_spanish_too(spanish: None) -> None:
    """The forms read 3/15/2009 as March 15 in either language: a table must not print it 15/03."""
    from app.domain.values import parse_date_text

    day = D(2009, 3, 15)
    assert formatting.numeric_date(day) == "03/15/2009"
    assert parse_date_text(formatting.numeric_date(day), "installed_on") == day
