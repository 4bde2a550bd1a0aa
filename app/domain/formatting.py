"""How every date, time, amount, share and phone number reads, printed or on screen: US English,
or US Spanish (es_US) when the owner chose Español in Settings (`use_language`, the one place).

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
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import phonenumbers
from babel import Locale
from babel.dates import format_interval, format_time
from babel.numbers import format_decimal

from app.domain import clock

CURRENCY = "USD"
_TIME = "h:mm a"  # "9:30 AM": no leading zero, minutes always (a call sheet's times line up)
# The app's languages and the CLDR locale each is written in: US English, and Spanish as it is
# written in the US (es_US: "2 de diciembre de 2026", "9:30 a.m.", "$1,234.50").
LOCALES = {"en": "en_US", "es": "es_US"}


@dataclass(frozen=True)
class Words:
    """One locale's names and patterns, read from its CLDR data once (see `words_for`)."""

    language: str
    locale: Locale
    months: tuple[str, ...]
    short_months: tuple[str, ...]
    weekdays: tuple[str, ...]  # Monday first, as date.weekday()
    money: object  # babel's parsed currency pattern: 14 µs an amount instead of 34
    # How a date is put together from those names, per language (CLDR's own patterns would cost
    # ~15 µs a date, and reasons for 100,000 customers are written with them).
    long: str  # "{month} {day}, {year}" / "{day} de {month} de {year}"
    short: str
    month_year: str
    short_month_year: str
    day_month: str  # without the year: "Mar 3" / "3 mar"
    long_day_month: str  # "March 3" / "3 de marzo"
    numeric: str
    with_year: str  # a day_month with its year: "{shown}, {year}" / "{shown} de {year}"
    short_with_year: str
    before: str  # quiet hours in words
    after: str
    all_day: str


_PATTERNS = {
    "en": dict(
        long="{month} {day}, {year}", short="{mon} {day}, {year}", month_year="{month} {year}",
        short_month_year="{mon} {year}", day_month="{mon} {day}", long_day_month="{month} {day}",
        numeric="{m:02d}/{d:02d}/{year}", with_year="{shown}, {year}", short_with_year="{shown}, {year}",
        before="before {time}", after="after {time}", all_day="all day",
    ),
    "es": dict(
        long="{day} de {month} de {year}", short="{day} {mon} {year}", month_year="{month} de {year}",
        short_month_year="{mon} {year}", day_month="{day} {mon}", long_day_month="{day} de {month}",
        numeric="{m:02d}/{d:02d}/{year}", with_year="{shown} de {year}", short_with_year="{shown} {year}",
        before="antes de las {time}", after="después de las {time}", all_day="todo el día",
    ),
}  # fmt: skip


def words_for(language: str) -> Words:
    """The names and patterns of one of LOCALES' languages."""
    locale = Locale.parse(LOCALES[language])
    months = locale.months["format"]
    return Words(
        language,
        locale,
        tuple(months["wide"][n] for n in range(1, 13)),
        tuple(months["abbreviated"][n].rstrip(".") for n in range(1, 13)),
        tuple(locale.days["format"]["wide"][n] for n in range(7)),
        locale.currency_formats["standard"],
        **_PATTERNS[language],
    )


# English always stays at hand: what the app stores in words (an opportunity's reason) is written
# in English whatever the owner reads, and read back by the same words (app.domain.i18n).
ENGLISH = words_for("en")
_active = ENGLISH
LOCALE = ENGLISH.locale
MONTHS, SHORT_MONTHS, WEEKDAYS = ENGLISH.months, ENGLISH.short_months, ENGLISH.weekdays


def use_language(language: str) -> None:
    """Show every date, time and amount from now on in `language` ("en" or "es"): the one place the
    locale is chosen (app.domain.i18n.use calls it when the owner's language is applied)."""
    global _active, LOCALE, MONTHS, SHORT_MONTHS, WEEKDAYS
    _active = ENGLISH if language == "en" else words_for(language)
    LOCALE = _active.locale
    MONTHS, SHORT_MONTHS, WEEKDAYS = _active.months, _active.short_months, _active.weekdays


def active_language() -> str:
    return _active.language


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
# `words` is the locale to write in: the one the owner chose unless a caller needs another
# (ENGLISH for what is stored).


def long_date(day: Day, words: Words | None = None) -> str:
    """ "December 2, 2026" / "2 de diciembre de 2026": letters, statements, headers; always with the year."""
    w = words or _active
    return w.long.format(month=w.months[day.month - 1], day=day.day, year=day.year)


def short_date(day: Day, words: Words | None = None) -> str:
    """ "Dec 2, 2026" / "2 dic 2026"; always with the year."""
    w = words or _active
    return w.short.format(mon=w.short_months[day.month - 1], day=day.day, year=day.year)


def numeric_date(day: Day) -> str:
    """ "12/02/2026", in Spanish too: the order the forms read dates in (four-digit year: columns line up)."""
    return _active.numeric.format(m=day.month, d=day.day, year=day.year)


def weekday_date(day: Day, *, today: datetime.date | None = None, year: bool = True) -> str:
    """ "Wednesday, December 2, 2026"; with `year=False` the year only when it is not this year."""
    w = _active
    weekday = w.weekdays[_day(day).weekday()]
    if not year and day.year == (today or clock.today()).year:
        return f"{weekday}, {w.long_day_month.format(month=w.months[day.month - 1], day=day.day)}"
    return f"{weekday}, {long_date(day)}"


def month_year(day: Day, words: Words | None = None) -> str:
    """ "December 2026" / "diciembre de 2026"."""
    w = words or _active
    return w.month_year.format(month=w.months[day.month - 1], year=day.year)


def short_month_year(day: Day) -> str:
    """ "Dec 2026"."""
    return _active.short_month_year.format(mon=_active.short_months[day.month - 1], year=day.year)


def date_text(day: Day, *, today: datetime.date | None = None, long: bool = False) -> str:
    """ "Mar 3" in the current year, else "Mar 3, 2025"; `long`: "March 3" / "March 3, 2025".

    For lists and headings, where this year's dates need no year and any other year must say so.
    `today` decides the current year (clock.today() when None); a date-time counts by its date.
    """
    w = _active
    if long:
        shown = w.long_day_month.format(month=w.months[day.month - 1], day=day.day)
    else:
        shown = w.day_month.format(mon=w.short_months[day.month - 1], day=day.day)
    if day.year == (today or clock.today()).year:
        return shown
    return (w.with_year if long else w.short_with_year).format(shown=shown, year=day.year)


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
    return _plain(format_time(_time(at), _TIME, locale=_active.locale))


def time_range(start: TimeOfDay, end: TimeOfDay) -> str:
    """ "9:00–11:00 AM", "9:00 AM–5:30 PM": the AM/PM said once when both share it."""
    first, last = _time(start), _time(end)
    if first == last:
        return time_text(first)
    return _plain(format_interval(first, last, "hm", locale=_active.locale))


def periods_text(periods: Iterable[tuple[TimeOfDay, TimeOfDay]]) -> str:
    """Times of day in words: "before 9:00 AM, 5:30–7:30 PM, after 8:30 PM" ("" for none)."""
    words = []
    for start, end in periods:
        from_midnight = _time(start) == datetime.time(0, 0)
        to_midnight = end == "24:00" or (_time(end) == datetime.time(0, 0) and not from_midnight)
        if from_midnight and to_midnight:
            words.append(_active.all_day)
        elif from_midnight:
            words.append(_active.before.format(time=time_text(end)))
        elif to_midnight:
            words.append(_active.after.format(time=time_text(start)))
        else:
            words.append(time_range(start, end))
    return ", ".join(words)


# ---------------------------------------------------------------- numbers


def money(amount: Decimal | int, words: Words | None = None) -> str:
    """ "$1,234.50", "-$12.00": to the cent, the minus before the sign (the same in es_US)."""
    w = words or _active
    return w.money.apply(Decimal(amount), w.locale, currency=CURRENCY)  # type: ignore[attr-defined]


def number(value: int | Decimal) -> str:
    """ "12,345"."""
    return format_decimal(value, locale=_active.locale)


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
