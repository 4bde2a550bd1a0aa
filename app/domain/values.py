"""Cleaning and checking single values: phones, e-mails, times, dates.

The domain is otherwise stdlib-only; `phonenumbers` is allowed here because a
hand-written phone parser would be worse at the one thing it must get right.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

import phonenumbers

from app.domain.errors import UserError

DEFAULT_REGION = "US"
# The one e-mail pattern: something@something.something, no spaces (forms and imports both ask this).
EMAIL_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TIME = re.compile(r"^\s*(\d{1,2})(?::(\d{2}))?\s*([ap]\.?m\.?)?\s*$", re.IGNORECASE)
_INVISIBLE = {"Cc", "Cf"}


def clean_text(value: object) -> str:
    """NFC-normalised text without control or invisible characters, single spaces."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    text = "".join(
        " " if ch in "\t\n\r" else ch
        for ch in text
        if unicodedata.category(ch) not in _INVISIBLE or ch in "\t\n\r"
    )
    return " ".join(text.split())


def normalize_phone(text: str, field: str = "phone", region: str = DEFAULT_REGION) -> str:
    """E.164 ("+14105551234") for a valid number, "" for an empty one, else a UserError."""
    text = clean_text(text)
    if not text:
        return ""
    label = field.replace("_", " ").capitalize()
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        raise UserError(f"{label}: “{text}” is not a phone number.", field) from None
    if not phonenumbers.is_valid_number(number):
        raise UserError(
            f"{label}: “{text}” is not a valid number; check the area code and the number of digits.",
            field,
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str, region: str = DEFAULT_REGION) -> str:
    """The stored number as people write it locally: (410) 555-1234, or international abroad."""
    from app.domain.formatting import phone  # the one way numbers are shown (it needs no values)

    return phone(e164, region)


def is_email_address(text: str) -> bool:
    """Whether `text`, already cleaned, has the shape of one e-mail address."""
    return EMAIL_ADDRESS.match(text) is not None


def normalize_email(text: str, field: str = "email") -> str:
    text = clean_text(text).lower()
    if text.startswith("mailto:"):
        text = text[len("mailto:") :]
    if text and not is_email_address(text):
        raise UserError(f"E-mail: “{text}” is not an e-mail address.", field)
    return text


def parse_time_of_day(text: str, field: str) -> str:
    """ "9", "9:30", "5:30 pm", "17:30" → "HH:MM"; "" stays ""."""
    text = clean_text(text)
    if not text:
        return ""
    match = _TIME.match(text)
    if not match:
        raise UserError(f"“{text}” is not a time of day (write it like 9:30 or 5:30 pm).", field)
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = (match.group(3) or "").lower().replace(".", "")
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or (meridiem and int(match.group(1)) > 12):
        raise UserError(f"“{text}” is not a time of day (write it like 9:30 or 5:30 pm).", field)
    return f"{hour:02d}:{minute:02d}"


def years_between(start: datetime.date, end: datetime.date) -> int:
    """Whole years from start to end, as a person counts birthdays."""
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def phone_digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}


def parse_date_text(text: str, field: str, label: str = "Date") -> datetime.date | None:
    """A date as people type it: 2009-03-15, 3/15/2009, Mar 2009, March 15 2009 or 2009; "" is None.

    A month or a bare year means its first day: good enough for an install date
    nobody remembers exactly.
    """
    text = clean_text(text).replace(",", " ")
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", text):
            return datetime.date.fromisoformat("-".join(p.zfill(2) for p in text.split("-")))
        if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})", text):
            month, day, year = (int(g) for g in match.groups())
            return datetime.date(year + 2000 if year < 100 else year, month, day)
        if re.fullmatch(r"\d{4}", text):
            return datetime.date(int(text), 1, 1)
        words = text.lower().split()
        if words and words[0][:3] in _MONTHS and len(words) in (2, 3) and words[-1].isdigit():
            day = int(words[1]) if len(words) == 3 else 1
            return datetime.date(int(words[-1]), _MONTHS[words[0][:3]], day)
    except ValueError:
        pass
    raise UserError(f"{label}: “{text}” is not a date (write it like 3/15/2009, Mar 2009 or 2009).", field)
