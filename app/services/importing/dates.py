"""Dates as spreadsheets hold them: real dates, Excel serial numbers (1900 or 1904 based), ISO
timestamps, "3/15/2012" or "15/03/2012", "March 2015", "Mar 15, 2015", or a bare year.

Whether 03/04/2012 is March or April is decided per column from the data: a
first number above 12 means day first, a second number above 12 means month
first. When nothing in the column decides it, the default is used and the
column is reported as ambiguous, so the wizard can ask.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from app.domain import clock
from app.domain.said import Said
from app.services.importing.cleaning import text

MDY, DMY = "MDY", "DMY"
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)
_EPOCH_1900 = datetime.date(1899, 12, 30)  # serial 1 = 1900-01-01, counting Excel's phantom 29 Feb 1900
_EPOCH_1904 = datetime.date(1904, 1, 1)
_NUMERIC = re.compile(
    r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})(?:[ T]+\d{1,2}:\d{2}(?::\d{2})?\s*([ap]\.?m\.?)?)?$",
    re.IGNORECASE,
)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})/(\d{4})$")
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_WORDS = re.compile(r"[a-z]+|\d+")
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b")


class DateProblem(ValueError):
    """The value is not a date, or not a believable one; the message says which."""


def decide_order(values: Iterable[object], default: str = MDY) -> tuple[str, bool]:
    """(order, ambiguous) for one column, from its "a/b/yyyy" values."""
    month_first = day_first = undecided = 0
    for value in values:
        if not isinstance(value, str):
            continue
        match = _NUMERIC.match(value.strip())
        if not match:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            day_first += 1
        elif second > 12 >= first:
            month_first += 1
        elif first != second:
            undecided += 1
    if day_first or month_first:
        return (DMY if day_first > month_first else MDY), False
    return default, undecided > 0


class DateReader:
    """Turns one column's cells into dates, with the column's day/month order and the workbook's epoch."""

    def __init__(self, order: str = MDY, date1904: bool = False, today: datetime.date | None = None) -> None:
        self.order = order
        self.epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
        self.date1904 = date1904
        self.today = today or clock.today()

    def read(self, value: object) -> datetime.date | None:
        """The date in a cell; None for an empty one; DateProblem for anything else."""
        if type(value) is datetime.date:
            return value if EARLIEST <= value <= LATEST else self._checked(value, value)
        if value is None or value == "":
            return None
        if isinstance(value, datetime.datetime):
            return self._checked(value.date(), value)
        if isinstance(value, datetime.date):
            return self._checked(value, value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return self._number(float(value), value)
        raw = text(value)
        if not raw:
            return None
        try:
            return self._checked(self._text(raw), raw)
        except (ValueError, OverflowError) as error:
            if isinstance(error, DateProblem):
                raise
            raise DateProblem(Said("“{value}” is not a date", value=raw)) from None

    def _number(self, number: float, shown: object) -> datetime.date:
        if number.is_integer() and 1800 <= number <= 2200:
            return self._checked(datetime.date(int(number), 1, 1), int(number))  # a bare year
        if not 1 <= number < 2_958_466:  # 2_958_465 is 31 Dec 9999
            raise DateProblem(Said("{value} is not a date", value=text(shown)))
        whole = int(number)
        if not self.date1904 and whole < 60:
            whole += 1  # before Excel's phantom 29 Feb 1900 the count is one day off
        return self._checked(self.epoch + datetime.timedelta(days=whole), text(shown))

    def _text(self, raw: str) -> datetime.date:
        if match := _ISO.match(raw):
            return datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _NUMERIC.match(raw):
            first, second, year = int(match.group(1)), int(match.group(2)), _year(match.group(3), self.today)
            month, day = (first, second) if self.order == MDY else (second, first)
            return datetime.date(year, month, day)
        if match := _YEAR_MONTH.match(raw):
            return datetime.date(int(match.group(1)), int(match.group(2)), 1)
        if match := _MONTH_YEAR.match(raw):
            return datetime.date(int(match.group(2)), int(match.group(1)), 1)
        plain = raw.replace(",", "").replace(".", "")
        if plain.isdigit():
            return self._number(float(plain), raw)
        return _worded(raw.lower(), self.today)

    def _checked(self, day: datetime.date, shown: object) -> datetime.date:
        if not EARLIEST <= day <= LATEST:
            raise DateProblem(Said("{value} is out of the range of believable dates", value=text(shown)))
        return day


def _year(digits: str, today: datetime.date) -> int:
    """Two-digit years: up to next year's means this century, the rest the last one ("98" → 1998)."""
    year = int(digits)
    if len(digits) == 4:
        return year
    return 2000 + year if year <= today.year % 100 + 1 else 1900 + year


def _worded(raw: str, today: datetime.date) -> datetime.date:
    """ "March 2015", "Mar 15, 2015", "15 March 2015", "March 15th 2015"; a month alone is its first day."""
    words = _WORDS.findall(_ORDINAL.sub(r"\1", raw))
    months = [w for w in words if w[:3] in _MONTHS and not w.isdigit() and (w in _MONTHS or len(w) > 3)]
    numbers = [w for w in words if w.isdigit()]
    if len(months) != 1 or not numbers or len(numbers) > 2:
        raise DateProblem(Said("“{value}” is not a date", value=raw))
    month = _MONTHS[months[0][:3]]
    years = [n for n in numbers if len(n) == 4]
    if len(years) != 1:
        if len(numbers) == 1 and len(numbers[0]) == 2:  # "Mar-15" as Excel shows mmm-yy
            return datetime.date(_year(numbers[0], today), month, 1)
        raise DateProblem(Said("“{value}” is not a date", value=raw))
    days = [n for n in numbers if n is not years[0]]
    return datetime.date(int(years[0]), month, int(days[0]) if days else 1)
