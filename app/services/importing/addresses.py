"""Addresses: one cell or "Bill to" lines split into parts, ZIP codes repaired, keys for matching.

US forms first (the app's market), but a line it cannot split is kept whole as
the street rather than guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from app.domain.said import Said
from app.domain.values import is_email_address
from app.services.importing.cleaning import (
    contact_not,
    has_letters,
    is_flag,
    is_flag_text,
    only_phone_numbers,
    text,
)

STATES = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA", "colorado": "CO",
    "connecticut": "CT", "delaware": "DE", "district of columbia": "DC", "florida": "FL", "georgia": "GA",
    "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA", "kansas": "KS",
    "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD", "massachusetts": "MA",
    "michigan": "MI", "minnesota": "MN", "mississippi": "MS", "missouri": "MO", "montana": "MT",
    "nebraska": "NE", "nevada": "NV", "new hampshire": "NH", "new jersey": "NJ", "new mexico": "NM",
    "new york": "NY", "north carolina": "NC", "north dakota": "ND", "ohio": "OH", "oklahoma": "OK",
    "oregon": "OR", "pennsylvania": "PA", "rhode island": "RI", "south carolina": "SC", "south dakota": "SD",
    "tennessee": "TN", "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA",
    "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY", "puerto rico": "PR", "guam": "GU",
}  # fmt: skip
STATE_CODES = frozenset(STATES.values()) | {"VI", "AS", "MP", "AA", "AE", "AP"}
PROVINCES = {
    "alberta": "AB", "british columbia": "BC", "manitoba": "MB", "new brunswick": "NB",
    "newfoundland and labrador": "NL", "newfoundland": "NL", "nova scotia": "NS",
    "northwest territories": "NT",
    "nunavut": "NU", "ontario": "ON", "prince edward island": "PE", "quebec": "QC", "québec": "QC",
    "saskatchewan": "SK", "yukon": "YT",
}  # fmt: skip
PROVINCE_CODES = frozenset(PROVINCES.values())
_COUNTRIES = {
    "": "US", "US": "US", "USA": "US", "UNITED STATES": "US", "U.S.": "US", "U.S.A.": "US",
    "UNITED STATES OF AMERICA": "US", "AMERICA": "US", "CA": "CA", "CAN": "CA", "CANADA": "CA",
}  # fmt: skip
_STATE_NAMES = "|".join(sorted(STATES, key=len, reverse=True))
_PLACE = re.compile(
    rf"(?:^|[\s,]+)(?P<state>[A-Za-z]{{2}}|{_STATE_NAMES})\.?[\s,]+(?P<zip>\d{{5}}(?:[\s-]?\d{{4}})?|\d{{3,4}})"
    r"(?:[\s,]+(?:usa|us|united states(?: of america)?))?\s*$",
    re.IGNORECASE,
)
_CITY_ZIP_ONLY = re.compile(r"^(?P<city>[^\d,]+?)[\s,]+(?P<zip>\d{5}(?:-\d{4})?)\s*$")
_SUFFIX_WORDS = (
    "street|st|avenue|ave|road|rd|drive|dr|lane|ln|court|ct|boulevard|blvd|way|place|pl|terrace|ter|circle|cir|"
    "parkway|pkwy|highway|hwy|trail|trl|square|sq|pike|run|path|alley|loop|crossing|xing|ridge|row|walk"
)
_STREET_END = re.compile(
    rf"^(?P<street>.*\b(?:{_SUFFIX_WORDS})\.?(?:\s+[NSEW]{{1,2}})?)\s+(?P<rest>[A-Za-z].*)$",
                         re.IGNORECASE)  # fmt: skip
_UNIT = re.compile(r"^(apt|apartment|unit|suite|ste|#|fl|floor|bldg|building|rm|room|lot|trlr|po box)\b\.?",
                   re.IGNORECASE)  # fmt: skip
_UNIT_THEN_CITY = re.compile(r"^((?:apt|unit|suite|ste|#)\.?\s*[\w-]+)\s+([A-Za-z].*)$", re.IGNORECASE)
# A unit at the end of a street: "Apt 3B", "Suite 200", "# 4", "Unit B"; its number has a digit or is one
# letter, so "12 Lot Rd" keeps its road.
_UNIT_WORDS = (
    r"(?:apt|apartment|unit|suite|ste|bldg|building|fl|floor|rm|room|lot|trlr|trailer|spc|space|dept)"
)
_UNIT_NUMBER = r"#?\s*(?:(?=[\w-]*\d)[\w-]+|[A-Za-z])"
_UNIT_ALONE = re.compile(rf"^(?:{_UNIT_WORDS}\.?\s*{_UNIT_NUMBER}|#\s*[\w-]+)$", re.IGNORECASE)
_TRAILING_UNIT = re.compile(
    rf"^(?P<street>.*?[A-Za-z].*?)[\s,]+(?P<unit>{_UNIT_WORDS}\.?\s*{_UNIT_NUMBER}|#\s*[\w-]+)$",
    re.IGNORECASE,
)
_STARTS_LIKE_STREET = re.compile(r"^(\d|p\.?\s*o\.?\s*box|one |two |rr |hc |rural route)", re.IGNORECASE)
_ABBREVIATIONS = {
    "street": "st", "avenue": "ave", "road": "rd", "drive": "dr", "lane": "ln", "court": "ct",
    "boulevard": "blvd", "place": "pl", "terrace": "ter", "circle": "cir", "parkway": "pkwy",
    "highway": "hwy",
    "trail": "trl", "square": "sq", "north": "n", "south": "s", "east": "e", "west": "w", "apartment": "apt",
    "suite": "ste", "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw", "mount": "mt",
}  # fmt: skip
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass
class Address:
    street: str = ""
    street2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""

    def is_empty(self) -> bool:
        return not (self.street or self.street2 or self.city or self.region or self.postal_code)


@lru_cache(maxsize=100_000)
def fix_zip(value: object, us: bool = True) -> tuple[str, str]:
    """(ZIP, problem): Excel's 2134 becomes "02134", 21201123 "02120-1123"; a non-ZIP is a problem."""
    if value is None or value == "":
        return "", ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = text(value).upper()
    if not us:
        return raw, ""
    digits = raw.replace("-", "").replace(" ", "")
    if not digits.isdigit():
        return "", _not_a_zip(raw)
    if len(digits) in (3, 4):
        digits = digits.zfill(5)  # Excel dropped the leading zeros (New England, New Jersey, Puerto Rico)
    elif len(digits) in (7, 8):
        digits = digits.zfill(9)
    if len(digits) == 5:
        return digits, ""
    if len(digits) == 9:
        return f"{digits[:5]}-{digits[5:]}", ""
    return "", _not_a_zip(raw)


def _not_a_zip(raw: str) -> Said:
    return Said("ZIP code “{value}” is not a US ZIP code; it was put in the site's notes.", value=raw)


@lru_cache(maxsize=10_000)
def region_code(value: object) -> str:
    raw = text(value).strip(".")
    return STATES.get(raw.lower(), raw.upper() if len(raw) == 2 else raw)


def parse_one_line(value: object) -> Address:
    """ "12 Elm St, Apt 4, Springfield, MA 01103" or the same over several lines."""
    raw = value if isinstance(value, str) else text(value)
    parts = [text(p) for p in re.split(r"[\n\r]+|,", raw)]
    parts = [p for p in parts if p]
    return parse_lines(parts)


def parse_lines(lines: list[str], names: tuple[str, ...] = ()) -> Address:
    """Address lines ("Bill to 1..5"): name lines dropped, the "City, ST ZIP" line found, the rest street."""
    names_key = {key(n) for n in names if n}
    lines = [line for line in lines if line and key(line) not in names_key]
    lines = [part.strip() for line in lines for part in line.split(",") if part.strip()]
    address = Address()
    place_index = None
    for index in range(len(lines) - 1, -1, -1):
        joined = ", ".join(lines[index:])
        match = _PLACE.search(joined)
        if match and (match.group("state").upper() in STATE_CODES or match.group("state").lower() in STATES):
            address.region = region_code(match.group("state"))
            address.postal_code = fix_zip(match.group("zip"))[0]
            city = joined[: match.start()].strip(" ,")
            place_index = index
            if city and "," not in city and _STARTS_LIKE_STREET.match(city):
                lines = [*lines[:index], city]  # "12 Elm St Springfield MA 01103": split below
                place_index = len(lines)
            elif city and "," not in city:
                address.city = city
            elif city:  # "12 Elm St, Springfield" inside one line
                *streets, address.city = [c.strip() for c in city.split(",")]
                lines = lines[:index] + streets
                place_index = len(lines)
            break
    if place_index is None:
        return _without_place(lines)
    rest = lines[:place_index]
    if not address.city and rest and not _STARTS_LIKE_STREET.match(rest[-1]) and len(rest) > 1:
        address.city = rest.pop()
    _streets(address, rest)
    return address


def _without_place(lines: list[str]) -> Address:
    """No state and ZIP: "12 Elm St, Springfield" or "Springfield 01103", or a bare street."""
    address = Address()
    if lines and (match := _CITY_ZIP_ONLY.match(lines[-1])):
        address.city, address.postal_code = match.group("city").strip(), fix_zip(match.group("zip"))[0]
        lines = lines[:-1]
    elif len(lines) >= 2 and not _STARTS_LIKE_STREET.match(lines[-1]) and not _UNIT.match(lines[-1]):
        address.city = lines[-1]
        lines = lines[:-1]
    _streets(address, lines)
    return address


def _streets(address: Address, lines: list[str]) -> None:
    street_lines = [line for line in lines if line]
    if not street_lines:
        return
    first = next((i for i, line in enumerate(street_lines) if _STARTS_LIKE_STREET.match(line)), 0)
    street = street_lines[first]
    others = street_lines[first + 1 :]
    if not address.city and not others and (match := _STREET_END.match(street)):
        street, address.city = match.group("street"), match.group("rest")  # "12 Elm St Springfield"
        if _UNIT_ALONE.match(address.city):  # "901 Harbor Dr Apt 3B": a unit, not a town
            others, address.city = [address.city], ""
        elif unit := _UNIT_THEN_CITY.match(address.city):  # "12 Elm St Apt 4 Springfield"
            others, address.city = [unit.group(1)], unit.group(2)
    address.street = street
    extra = [line for line in others] + [
        line for line in street_lines[:first] if _UNIT.match(line) or line.lower().startswith(("c/o", "attn"))
    ]
    address.street2 = ", ".join(extra)


_UNIT_WORD_SET = frozenset(_UNIT_WORDS.strip("(?:)").split("|"))


def split_unit(street: str) -> tuple[str, str]:
    """ "901 Harbor Dr Apt 3B" → ("901 Harbor Dr", "Apt 3B"); a street without a unit comes back whole."""
    words = street.rsplit(None, 2)
    if len(words) < 2:
        return street, ""
    # The unit's word comes second to last ("Apt 3B") or the number has a "#": the rest need no regex.
    last = words[-1].lower()
    if not (
        "#" in last
        or "#" in words[-2]
        or words[-2].lower().rstrip(".,") in _UNIT_WORD_SET
        or (last.startswith(("apt", "unit", "ste", "suite")) and any(ch.isdigit() for ch in last))
    ):
        return street, ""
    if not (match := _TRAILING_UNIT.match(street)):
        return street, ""
    return match.group("street").rstrip(" ,"), match.group("unit")


def is_unit(value: str) -> bool:
    return bool(_UNIT_ALONE.match(value))


# ----------------------------------------------------------------------------- does a value fit


_PLAIN_STREET = re.compile(r"^\d{1,6}[A-Za-z]? [A-Za-z][A-Za-z .'-]*$")  # "12 Elm St": nothing to look at


def street_problem(cleaned: str) -> str:
    """Why a value is no street ("" when it may be one): a yes/no, a record number, phone numbers or an
    e-mail address is not where someone lives, though each has turned up in a street column."""
    if _PLAIN_STREET.match(cleaned):
        return ""
    if is_flag(cleaned):
        return Said("“{value}” is a yes/no value, not a street", value=cleaned)
    if not has_letters(cleaned):
        return Said("“{value}” is not a street", value=cleaned)
    return contact_not(cleaned, Said("a street"))


def unit_problem(cleaned: str) -> str:
    """An apartment or suite may be a bare number ("4"), but not a yes/no, a long record number or a phone."""
    if is_flag_text(cleaned):
        return Said("“{value}” is a yes/no value, not an apartment or suite", value=cleaned)
    digits = sum(ch.isdigit() for ch in cleaned)
    if (digits > 6 and not has_letters(cleaned)) or only_phone_numbers(cleaned):
        return Said("“{value}” is not an apartment or suite", value=cleaned)
    return contact_not(cleaned, Said("an apartment or suite"))


_THREE_DIGITS = re.compile(r"\d{3}")


_PLAIN_TOWN = re.compile(r"^[A-Za-z][A-Za-z .'-]*$")


def city_problem(cleaned: str) -> str:
    if _PLAIN_TOWN.match(cleaned) and not is_flag(cleaned):
        return ""
    if is_flag(cleaned) or not has_letters(cleaned):
        return Said("“{value}” is not a town", value=cleaned)
    if ("@" in cleaned and is_email_address(cleaned.lower())) or _THREE_DIGITS.search(cleaned):
        return Said("“{value}” is not a town", value=cleaned)
    return ""


def country_code(value: str) -> str:
    """ "USA", "United States", "" → "US"; "Canada" → "CA"; anything else upper-cased as given."""
    raw = value.strip().upper()
    return _COUNTRIES.get(raw, raw)


def country_problem(cleaned: str) -> str:
    return (
        ""
        if has_letters(cleaned) and not is_flag(cleaned)
        else Said("“{value}” is not a country", value=cleaned)
    )


@lru_cache(maxsize=10_000)
def north_american_region(value: str) -> tuple[str, str]:
    """(code, country) of a US state or a Canadian province, by code or name; ("", "") if it is neither."""
    raw = value.strip().strip(".").lower()
    if raw in STATES:
        return STATES[raw], "US"
    if raw in PROVINCES:
        return PROVINCES[raw], "CA"
    code = raw.upper().replace(".", "")
    if code in STATE_CODES or code == "DC":
        return code, "US"
    if code in PROVINCE_CODES:
        return code, "CA"
    return "", ""


def region_problem(cleaned: str) -> str:
    """A state column of a US or Canadian list holds a state or a province (“TRUE” is neither)."""
    if north_american_region(cleaned)[0]:
        return ""
    return Said("“{value}” is not a US state or Canadian province", value=cleaned)


_ID_DIGITS = re.compile(r"^[\d\s-]{6,}$")


def line_problem(line: str) -> str:
    """Why a line of an address block ("Bill to 3", "Ship to 2", a line of an address cell) is no part of an
    address: phone numbers, an e-mail address, a yes/no or a long record number ("" when it may be)."""
    if only_phone_numbers(line):
        return Said("“{value}” is a phone number, not part of an address", value=line)
    if "@" in line and is_email_address(line.strip().lower()):
        return Said("“{value}” is an e-mail address, not part of an address", value=line)
    if is_flag(line):
        return Said("“{value}” is a yes/no value, not part of an address", value=line)
    digits = line.replace("-", "").replace(" ", "")
    if _ID_DIGITS.match(line) and len(digits) not in (5, 9):
        return Said("“{value}” is a number, not part of an address", value=line)
    return ""


def key(value: str) -> str:
    """Lower-case letters and digits only, for comparing names and lines."""
    return _NOT_ALNUM.sub("", value.lower())


@lru_cache(maxsize=200_000)
def street_key(street: str) -> str:
    """ "12 North Elm Street, Apt. 4" and "12 N Elm St Apt 4" give the same key."""
    words = _NOT_ALNUM.sub(" ", street.lower()).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def street_and_unit_key(street: str, street2: str) -> str:
    """The street's key with its apartment or suite: two flats of one building are two places."""
    base = street_key(street)
    if street2 and base and _UNIT_ALONE.match(street2.split(",")[0].strip()):
        return f"{base} {street_key(street2.split(',')[0])}"
    return base


def house_number(street: str) -> str:
    match = re.match(r"\s*(\d+)", street)
    return match.group(1) if match else ""
