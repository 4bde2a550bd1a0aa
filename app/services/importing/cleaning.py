"""Cleaning single values from a spreadsheet: text, names, phones, e-mails, yes/no.

Written for 100,000 rows: the common case takes a fast path (plain ASCII text, a
ten-digit North American number) and everything else goes the careful way
(`clean_text`, `phonenumbers`). The fast phone path gives exactly what
`normalize_phone` gives; validity depends only on the first six digits, so it is
asked of phonenumbers once per area code and exchange.
"""

from __future__ import annotations

import datetime
import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import NamedTuple

import phonenumbers
from nicknames import NickNamer
from rapidfuzz import fuzz

from app.domain.said import Said
from app.domain.values import clean_text, is_email_address

_SPACES = re.compile(r"\s+")
# What a "Customer Type" column says, in words (a yes/no "Is Company" column is read as a flag).
HOUSEHOLD_WORDS = frozenset(
    {"household", "residential", "home", "homeowner", "person", "individual", "residence"}
)
BUSINESS_WORDS = frozenset(
    {"business", "commercial", "company", "corporate", "b2b", "organization", "organisation"}
)
CUSTOMER_TYPE_WORDS = HOUSEHOLD_WORDS | BUSINESS_WORDS
# What people type for "nothing here"; never a value to keep.
PLACEHOLDERS = frozenset(
    {"n/a", "na", "none", "-", "--", "?", "unknown", "no email", "no phone", "null", "."}
)
_CENT = Decimal("0.01")


def text(value: object) -> str:
    """A cell as clean text: numbers without a trailing ".0", invisible characters removed, single spaces."""
    if value is None or value == "":
        return ""
    kind = type(value)
    if kind is str:
        if value.isascii() and value.isprintable():  # type: ignore[union-attr]
            stripped = value.strip()  # type: ignore[union-attr]
            return stripped if "  " not in stripped else " ".join(stripped.split())
        return clean_text(value)
    if kind is float:
        return str(int(value)) if value.is_integer() else repr(value)  # type: ignore[union-attr]
    if kind is int:
        return str(value)
    if kind is datetime.date:
        return value.isoformat()  # type: ignore[union-attr]
    if kind is datetime.datetime:
        return value.isoformat(sep=" ").removesuffix(" 00:00:00")  # type: ignore[union-attr]
    if kind is bool:
        return "yes" if value else "no"
    return clean_text(value)


def long_text(value: object) -> str:
    """Notes keep their line breaks; other control characters go."""
    if isinstance(value, str) and "\n" in value:
        return "\n".join(line for line in (clean_text(part) for part in value.splitlines()) if line)
    return text(value)


# ----------------------------------------------------------------------------- names

_COMPANY_WORDS = re.compile(
    r"\b(llc|l\.l\.c|inc|incorporated|corp|corporation|co|company|ltd|limited|lp|llp|pllc|pc|plc|group|"
    r"associates|partners|properties|property|management|mgmt|realty|rentals|apartments|apts|condominium|condo|"
    r"hoa|association|church|school|academy|university|college|hospital|clinic|center|centre|restaurant|cafe|"
    r"hotel|motel|bank|trust|estate|foundation|services|enterprises|industries|holdings|builders|construction|"
    r"homes|dental|medical|law|office|offices|store|shop|market|farm|farms|township|county|city of|town of|"
    r"department|dept|district|ministries|club|society|supply|hvac|plumbing|electric)\b\.?",
    re.IGNORECASE,
)
_SALUTATION = re.compile(r"^(mr|mrs|ms|miss|dr|mx|mr\.? (and|&) mrs)\.?\s+", re.IGNORECASE)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "md", "phd", "dds", "esq", "cpa"})
_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le", "st", "bin"}
)
_ACRONYMS = frozenset({"LLC", "LLP", "PLLC", "LP", "PC", "HVAC", "USA", "HOA", "II", "III", "IV", "DDS", "MD",
                       "CPA", "YMCA", "ABC", "PA", "NA"})  # fmt: skip


def looks_like_company(name: str) -> bool:
    return bool(_COMPANY_WORDS.search(name))


def name_case(value: str, company: bool = False) -> str:
    """Names typed all in capitals (or all small) put in their usual case: "O'BRIEN" → "O'Brien"."""
    if not value or not (value.isupper() or value.islower()):
        return value
    return " ".join(_word_case(word, company) for word in value.split(" "))


def _word_case(word: str, company: bool) -> str:
    bare = word.strip(".,").upper()
    if company and bare in _ACRONYMS:
        return word.upper()
    if bare.lower() in _SUFFIXES and len(bare) > 1 and bare not in ("V", "MD"):
        return word.upper() if bare in ("II", "III", "IV") else word.capitalize()
    parts = re.split(r"([-'’])", word.lower())
    return "".join(_part_case(p) if p not in "-'’" else p for p in parts)


def _part_case(part: str) -> str:
    if part.startswith("mc") and len(part) > 2:
        return "Mc" + part[2:].capitalize()
    return part.capitalize()


def split_person(full: str) -> tuple[str, str]:
    """(first, last) of "Smith, John", "John Q. Smith Jr.", "John and Mary Smith", "Mr. John Smith"."""
    full = _SALUTATION.sub("", full.strip()).strip()
    if "," in full:
        last, _, first = full.partition(",")
        first = first.strip()
        if first.strip(".").lower() not in _SUFFIXES:
            return first, last.strip()
        full = f"{last.strip()} {first}"  # "John Smith, Jr." is not "Last, First"
    words = full.split()
    if len(words) <= 1:
        return "", full
    end = len(words) - 1
    while end > 1 and words[end].strip(".").lower() in _SUFFIXES:
        end -= 1
    start = end
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return " ".join(words[:start]), " ".join(words[start:])


def split_job(full: str) -> tuple[str, str]:
    """QuickBooks "Customer:Job" → ("Customer", "Job"); the job is a job of that customer, not a customer."""
    if ":" not in full:
        return full, ""
    customer, _, job = full.partition(":")
    return customer.strip(), job.replace(":", " – ").strip()


# ----------------------------------------------------------------------------- phones

_PHONE_CANDIDATE = re.compile(
    r"(\+?\d[\d\s().\-/]{5,}\d)(\s*(?:x|ext\.?|extension|#)\s*(\d{1,6}))?", re.IGNORECASE
)
_LABELS = (
    ("mobile", "mobile"), ("cell", "mobile"), ("cel", "mobile"), ("work", "work"), ("office", "work"),
    ("business", "work"), ("bus", "work"), ("fax", "fax"), ("home", "home"), ("main", "home"),
    ("phone", "home"),
    ("tel", "home"), ("alt", "other"), ("other", "other"), ("m", "mobile"), ("c", "mobile"), ("w", "work"),
    ("o", "work"), ("h", "home"), ("f", "fax"),
)  # fmt: skip
_SIMPLE_NANP = re.compile(r"^\s*(?:\+?1[\s.\-]?)?\(?(\d{3})\)?[\s.\-]?(\d{3})[\s.\-]?(\d{4})\s*$")
_LABEL_AT_END = re.compile(r"([a-z]+)\W*$", re.IGNORECASE)


class PhoneCell(NamedTuple):
    found: list[tuple[str, str]]  # (kind, E.164)
    rejected: list[str]  # pieces that are not phone numbers
    extensions: list[tuple[str, str]]  # (E.164, extension): a phone has no place for one, the notes do


class PhoneParser:
    """Phones as (kind, E.164) pairs for one region; kind is home/mobile/work/other/fax or "" (unlabelled)."""

    def __init__(self, region: str = "US") -> None:
        self.region = region
        self.nanp = phonenumbers.country_code_for_region(region) == 1

    def parse(self, value: object) -> PhoneCell:
        """The numbers in a cell, the pieces that were not phone numbers, and extensions (for the notes)."""
        if self.nanp and type(value) is str and (simple := _SIMPLE_NANP.match(value)):
            digits = "".join(simple.groups())
            if _nanp_valid(digits[:6]):
                return PhoneCell([("", "+1" + digits)], [], [])
            return PhoneCell([], [value.strip()], [])
        if type(value) is float or type(value) is int:
            digits = str(int(value))  # type: ignore[arg-type]
            number = self._number(digits)
            return PhoneCell([("", number)], [], []) if number else PhoneCell([], [digits], [])
        raw = text(value)
        if not raw:
            return PhoneCell([], [], [])
        found: list[tuple[str, str]] = []
        rejected: list[str] = []
        extensions: list[tuple[str, str]] = []
        position = 0
        for match in _PHONE_CANDIDATE.finditer(raw):
            label = _label(raw[position : match.start()])
            position = match.end()
            number = self._number(match.group(1))
            if number:
                found.append((label, number))
                if match.group(3):
                    extensions.append((number, match.group(3)))
            else:
                rejected.append(match.group(0).strip())
        if not found and not rejected:
            rejected.append(raw)
        return PhoneCell(found, rejected, extensions)

    def _number(self, candidate: str) -> str:
        digits = "".join(ch for ch in candidate if ch.isdigit())
        if (self.nanp and not candidate.lstrip().startswith("+")) or candidate.lstrip().startswith("+1"):
            if len(digits) == 11 and digits[0] == "1":
                digits = digits[1:]
            if len(digits) == 10:
                return "+1" + digits if _nanp_valid(digits[:6]) else ""
        return _parse_slow(candidate, self.region)


@lru_cache(maxsize=20_000)
def _nanp_valid(first_six: str) -> bool:
    """phonenumbers' own verdict; for North American numbers it depends on area code and exchange only."""
    number = phonenumbers.PhoneNumber(country_code=1, national_number=int(first_six + "0000"))
    return phonenumbers.is_valid_number(number)


@lru_cache(maxsize=20_000)
def _parse_slow(candidate: str, region: str) -> str:
    try:
        number = phonenumbers.parse(candidate, region)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_valid_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_kind(label: str) -> str:
    """The kind a label names ("Mobile", "Work Fax", "Home"): home/mobile/work/other/fax, or ""."""
    return _label(label)


def _label(before: str) -> str:
    match = _LABEL_AT_END.search(before)
    if not match:
        return ""
    word = match.group(1).lower()
    for prefix, kind in _LABELS:
        if word == prefix or (len(prefix) > 1 and word.startswith(prefix)):
            return kind
    return ""


@lru_cache(maxsize=1000)
def _region_of_area(area: str) -> str | None:
    number = phonenumbers.PhoneNumber(country_code=1, national_number=int(area + "5550100"))
    return phonenumbers.region_code_for_number(number)


def shown_phone(e164: str, region: str = "US") -> str:
    """The stored number as people write it: (410) 555-1234 at home, +44 20 … abroad."""
    if e164.startswith("+1") and len(e164) == 12 and _region_of_area(e164[2:5]) == region:
        d = e164[2:]
        return f"({d[:3]}) {d[3:6]}-{d[6:]}"
    from app.domain.values import format_phone

    return format_phone(e164, region)


# ----------------------------------------------------------------------------- e-mails and yes/no

_EMAIL_SPLIT = re.compile(r"[\s,;/|<>()\"']+")


def parse_emails(value: object) -> tuple[list[str], list[str]]:
    """The addresses in a cell ("a@x.com; b@y.com", "John <j@x.com>"), and what was not an address."""
    raw = text(value)
    if not raw:
        return [], []
    if "@" in raw and " " not in raw and "," not in raw and ";" not in raw:
        candidates = [raw]
    else:
        candidates = [c for c in _EMAIL_SPLIT.split(raw) if c]
    found, rejected = [], []
    for candidate in candidates:
        address = candidate.lower().removeprefix("mailto:").strip(".")
        if is_email_address(address):
            if address not in found:
                found.append(address)
        elif "@" in candidate:
            rejected.append(candidate)
    if not found and not rejected:
        rejected.append(raw)
    return found, rejected


_YES = frozenset({"yes", "y", "true", "1", "x", "✓", "✔", "dnc", "do not call", "checked", "on", "t"})
_NO = frozenset({"no", "n", "false", "0", "unchecked", "off", "f", "-"})
FLAG_WORDS = _YES | _NO
# What a yes/no column holds and no name, street or town is: a cell reading "TRUE" in a text field is a flag.
_FLAG_TEXT = frozenset({"yes", "no", "true", "false"})


def parse_flag(value: object) -> bool:
    return text(value).lower() in _YES


def flag_value(value: object) -> bool | None:
    """True or False for a yes/no cell, None for anything else ("moved away" in a Do not mail column)."""
    word = text(value).lower()
    if word in _YES:
        return True
    return False if word in _NO else None


def is_flag(cleaned: str) -> bool:
    return cleaned.lower() in FLAG_WORDS


# ----------------------------------------------------------------------------- does a value fit its field

_LETTER = re.compile(r"[^\W\d_]")
_PHONE_IN_TEXT = re.compile(r"(?:\+?1[\s.\-]?)?\(?\b\d{3}\)?[\s.\-/]*\d{3}[\s.\-]?\d{4}\b")
_PHONE_WORDS = re.compile(
    r"\b(?:ph|phone|tel|telephone|cell|mobile|home|work|office|fax|ext|x|c|h|w|m|o|main|or|and|alt|other)\b\.?",
    re.IGNORECASE,
)


def has_letters(cleaned: str) -> bool:
    return _LETTER.search(cleaned) is not None


def only_phone_numbers(cleaned: str) -> bool:
    """ "(410) 555-0101 / Cell 443-555-0102": phone numbers and their labels, nothing else."""
    if _PHONE_IN_TEXT.search(cleaned) is None:
        return False
    rest = _PHONE_WORDS.sub(" ", _PHONE_IN_TEXT.sub(" ", cleaned))
    return not has_letters(rest)


def is_flag_text(cleaned: str) -> bool:
    """ "TRUE", "no": what a yes/no column holds and no name, street or apartment is."""
    return cleaned.lower() in _FLAG_TEXT


def contact_not(cleaned: str, field: Said) -> str:
    """Why a text value is another field's: an e-mail address or phone numbers ("" when neither);
    `field` says what it is not ("a street")."""
    if "@" in cleaned and is_email_address(cleaned.lower()):
        return Said("“{value}” is an e-mail address, not {field}", value=cleaned, field=field)
    if only_phone_numbers(cleaned):
        return Said("“{value}” is a phone number, not {field}", value=cleaned, field=field)
    return ""


def name_problem(cleaned: str) -> str:
    """Why a value is no name of a person or a business ("" when it may be one): a record number, a
    yes/no, a phone number or an e-mail address in a name column is not someone's name."""
    if not has_letters(cleaned):
        return Said("“{value}” is not a name", value=cleaned)
    if is_flag_text(cleaned):
        return Said("“{value}” is a yes/no value, not a name", value=cleaned)
    return contact_not(cleaned, Said("a name"))


def text_problem(cleaned: str) -> str:
    """A word-like field (a source, a segment, a kind of equipment): anything but a bare yes/no."""
    return Said("“{value}” is a yes/no value", value=cleaned) if cleaned.lower() in _FLAG_TEXT else ""


def flag_problem(cleaned: str) -> str:
    return "" if cleaned.lower() in FLAG_WORDS else Said("“{value}” is not a yes or a no", value=cleaned)


_MONEY = re.compile(r"^\(?-?\s*(?:usd|us\$|\$)?\s*-?[\d,]*\.?\d+\s*(?:usd)?\)?$", re.IGNORECASE)


def parse_amount(value: object) -> Decimal | None:
    """An amount of money in a cell ("$1,234.50", 1234.5, "(12.00)"), to the cent; None if it is none."""
    if type(value) is bool:
        return None
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return None
        return Decimal(repr(value) if isinstance(value, float) else value).quantize(_CENT, ROUND_HALF_UP)
    raw = text(value)
    if not raw or not _MONEY.match(raw):
        return None
    negative = (raw.startswith("(") and raw.endswith(")")) or "-" in raw
    digits = re.sub(r"[^\d.]", "", raw)
    try:
        amount = Decimal(digits)
    except InvalidOperation:
        return None
    return (-amount if negative else amount).quantize(_CENT, ROUND_HALF_UP)


def money_problem(cleaned: str) -> str:
    return (
        ""
        if parse_amount(cleaned) is not None
        else Said("“{value}” is not an amount of money", value=cleaned)
    )


# ----------------------------------------------------------------------------- the same person?

_NAME_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _nicknames() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=20_000)
def _first_names_match(a: str, b: str) -> bool:
    """ "Bob" and "Robert", "Chris" and "Christopher", "J" and "John", "Jonathan" and "Jonathon"."""
    if a == b or not a or not b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short) == 1 or (len(short) >= 3 and long.startswith(short)):
        return True
    names = _nicknames()
    if b in names.nicknames_of(a) or a in names.nicknames_of(b):
        return True
    if names.canonicals_of(a) & (names.canonicals_of(b) | {b}):
        return True
    return fuzz.ratio(a, b) >= 85


def _first_words(first: str) -> list[str]:
    """The given names in a first-name cell: "John & Mary" → john, mary; "Ann M." → ann."""
    parts = re.split(r"\s+(?:&|and|\+)\s+|\s*&\s*|/", first.lower())
    found = []
    for part in parts:
        words = _NAME_WORD.findall(part)
        if words:
            found.append(words[0])
    return found


def _last_key(last: str) -> str:
    return "".join(_NAME_WORD.findall(last.lower()))


def same_person(first_a: str, last_a: str, first_b: str, last_b: str) -> bool:
    """Whether two people's names may be one person: the same family name (or one missing) and given
    names that are one another's nickname, initial, short form or spelling. "Ann Lee" and "Ann M. Lee",
    "Bob Ray" and "Robert Ray" are; "John Smith" and "Mary Smith", "Ann Lee" and "Ann Park" are not."""
    last_1, last_2 = _last_key(last_a), _last_key(last_b)
    if last_1 and last_2 and last_1 != last_2:
        hyphenated = set(re.split(r"[\s-]+", last_a.lower())) & set(re.split(r"[\s-]+", last_b.lower()))
        if not hyphenated and fuzz.ratio(last_1, last_2) < 90:
            return False
    words_1, words_2 = _first_words(first_a), _first_words(first_b)
    if not words_1 or not words_2:
        return True  # "Smith" and "John Smith": nothing says they are two people
    return any(_first_names_match(a, b) for a in words_1 for b in words_2)
