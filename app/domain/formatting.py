"""How every date, time, amount, share and phone number reads, printed or on screen: US English.

One module, so "December 2, 2026", "9:30 AM", "$1,234.50" and "12%" read the same on the call
sheet, a statement, the summary and every screen. Babel (CLDR data, locale en_US) gives the
month and day names, the time and range patterns and the currency pattern, rather than
strftime, which follows the computer's locale and pads days with zeros.
Two CLDR habits are changed for paper and for tests that read text back: the narrow no-break
space before AM/PM becomes a plain space, and a range's thin-spaced dash becomes a bare en dash
("9:00–11:00 AM").

Times of day may be given as `datetime.time` or as the "HH:MM" text settings and customers store
("24:00" ends the day and reads as midnight).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

import phonenumbers
from babel import Locale
from babel.dates import format_interval, format_time
from babel.numbers import format_decimal

from app.domain import clock

LOCALE = Locale.parse("en_US")
CURRENCY = "USD"
_MONEY = LOCALE.currency_formats["standard"]  # parsed once: 14 µs an amount instead of 34
_TIME = "h:mm a"  # "9:30 AM": no leading zero, minutes always (a call sheet's times line up)

Day = datetime.date | datetime.datetime
TimeOfDay = datetime.time | str


def _plain(text: str) -> str:
    """CLDR's narrow and thin spaces as plain ones; a range's spaced dash as a bare en dash."""
    for odd, plain in (("\u2009–\u2009", "–"), ("\u202f", " "), ("\u2009", " "), ("\xa0", " ")):
        text = text.replace(odd, plain)
    return text


def _day(day: Day) -> datetime.date:
    return day.date() if isinstance(day, datetime.datetime) else day


# ---------------------------------------------------------------- dates
# The names come from the locale's data once; dates are then put together directly, as reasons for
# 100,000 customers are written with them (babel's format_date takes ~15 µs a date, this under 1).
MONTHS = tuple(LOCALE.months["format"]["wide"][n] for n in range(1, 13))
SHORT_MONTHS = tuple(LOCALE.months["format"]["abbreviated"][n] for n in range(1, 13))
WEEKDAYS = tuple(LOCALE.days["format"]["wide"][n] for n in range(7))  # Monday first, as date.weekday()


def long_date(day: Day) -> str:
    """ "December 2, 2026": letters, statements, headers; always with the year."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def short_date(day: Day) -> str:
    """ "Dec 2, 2026"; always with the year."""
    return f"{SHORT_MONTHS[day.month - 1]} {day.day}, {day.year}"


def numeric_date(day: Day) -> str:
    """ "12/02/2026": a table's date column (month first, four-digit year, columns line up)."""
    return f"{day.month:02d}/{day.day:02d}/{day.year}"


def weekday_date(day: Day, *, today: datetime.date | None = None, year: bool = True) -> str:
    """ "Wednesday, December 2, 2026"; with `year=False` the year only when it is not this year."""
    weekday = WEEKDAYS[_day(day).weekday()]
    if not year and day.year == (today or clock.today()).year:
        return f"{weekday}, {MONTHS[day.month - 1]} {day.day}"
    return f"{weekday}, {long_date(day)}"


def month_year(day: Day) -> str:
    """ "December 2026"."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def short_month_year(day: Day) -> str:
    """ "Dec 2026"."""
    return f"{SHORT_MONTHS[day.month - 1]} {day.year}"


def date_text(day: Day, *, today: datetime.date | None = None, long: bool = False) -> str:
    """ "Mar 3" in the current year, else "Mar 3, 2025"; `long`: "March 3" / "March 3, 2025".

    For lists and headings, where this year's dates need no year and any other year must say so.
    `today` decides the current year (clock.today() when None); a date-time counts by its date.
    """
    shown = f"{(MONTHS if long else SHORT_MONTHS)[day.month - 1]} {day.day}"
    return shown if day.year == (today or clock.today()).year else f"{shown}, {day.year}"


def date_time_text(moment: datetime.datetime, *, today: datetime.date | None = None) -> str:
    """ "Mar 3, 9:30 AM" this year, "Mar 3, 2025, 9:30 AM" otherwise."""
    return f"{date_text(moment, today=today)}, {time_text(moment.time())}"


# ---------------------------------------------------------------- times of day


def _time(at: TimeOfDay) -> datetime.time:
    if isinstance(at, datetime.time):
        return at
    hours, _, minutes = at.strip().partition(":")
    return datetime.time(int(hours) % 24, int(minutes or 0))


def time_text(at: TimeOfDay) -> str:
    """ "9:30 AM", "12:00 PM" (noon); "24:00" and "00:00" are "12:00 AM" (midnight)."""
    return _plain(format_time(_time(at), _TIME, locale=LOCALE))


def time_range(start: TimeOfDay, end: TimeOfDay) -> str:
    """ "9:00–11:00 AM", "9:00 AM–5:30 PM": the AM/PM said once when both share it."""
    first, last = _time(start), _time(end)
    if first == last:
        return time_text(first)
    return _plain(format_interval(first, last, "hm", locale=LOCALE))


def periods_text(periods: Iterable[tuple[TimeOfDay, TimeOfDay]]) -> str:
    """Times of day in words: "before 9:00 AM, 5:30–7:30 PM, after 8:30 PM" ("" for none)."""
    words = []
    for start, end in periods:
        from_midnight = _time(start) == datetime.time(0, 0)
        to_midnight = end == "24:00" or (_time(end) == datetime.time(0, 0) and not from_midnight)
        if from_midnight and to_midnight:
            words.append("all day")
        elif from_midnight:
            words.append(f"before {time_text(end)}")
        elif to_midnight:
            words.append(f"after {time_text(start)}")
        else:
            words.append(time_range(start, end))
    return ", ".join(words)


# ---------------------------------------------------------------- numbers


def money(amount: Decimal | int) -> str:
    """ "$1,234.50", "-$12.00": to the cent, the minus before the sign."""
    return _MONEY.apply(Decimal(amount), LOCALE, currency=CURRENCY)


def number(value: int | Decimal) -> str:
    """ "12,345"."""
    return format_decimal(value, locale=LOCALE)


def percent(fraction: Decimal | float, decimals: int = 1) -> str:
    """0.12 → "12%", 0.2345 → "23.5%": no space before the sign, a whole share without ".0"."""
    share = (Decimal(str(fraction)) * 100).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    shown = f"{share:,f}"
    if "." in shown:
        shown = shown.rstrip("0").rstrip(".")
    return f"{'0' if shown in ('-0', '') else shown}%"


def percent_points(value: Decimal | float, decimals: int = 2) -> str:
    """A share already in per cent: 12.5 → "12.5%", 15 → "15%"."""
    return percent(Decimal(str(value)) / 100, decimals)


# ---------------------------------------------------------------- phones


def phone(number_e164: str, region: str = "US") -> str:
    """The stored number as people write it at home: "(410) 555-1234"; international abroad.

    North American numbers at home are laid out directly: phonenumbers takes ~40 µs a number,
    which a call sheet or a list of thousands notices.
    """
    if not number_e164:
        return ""
    if (
        region in ("US", "CA")
        and len(number_e164) == 12
        and number_e164.startswith("+1")
        and number_e164[1:].isdigit()
    ):
        return f"({number_e164[2:5]}) {number_e164[5:8]}-{number_e164[8:]}"
    try:
        parsed = phonenumbers.parse(number_e164, region)
    except phonenumbers.NumberParseException:
        return number_e164
    if phonenumbers.region_code_for_number(parsed) == region:
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
