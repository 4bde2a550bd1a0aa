"""Business settings: letterhead, paper, when calls are welcome, contact limits and thresholds.

Every setting is declared once, in SETTINGS: its name, type, default, allowed values, label, help
text and group (as Vorta's settings store and qutebrowser's configdata declare theirs). The rest is
derived from that list: the fields and defaults of BusinessSettings, the checking (every UserError
names its setting), the storage (app/persistence/settings.py: one JSON value per name) and the
Settings page, whose editors are chosen by type (ui/widgets/setting_editors.py). Adding a setting is one
entry below, and its test.

They live in the database, so they travel with the data and its backups.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import re
from dataclasses import dataclass, field
from enum import StrEnum

import phonenumbers

from app.domain import formatting
from app.domain.errors import UserError
from app.domain.values import (
    DEFAULT_REGION,
    clean_text,
    normalize_email,
    normalize_phone,
    parse_time_of_day,
)


class SettingType(StrEnum):
    """What kind of value a setting holds; it decides the checking, the storage and the editor."""

    TEXT = "text"  # one line
    MULTILINE = "multiline"
    PHONE = "phone"  # read in the business's country, kept as E.164
    EMAIL = "email"
    COUNTRY = "country"  # a two-letter country code (US, CA, GB…)
    INT = "int"  # a whole number from `minimum` to `maximum`
    PERCENT = "percent"  # kept as a fraction 0..1; `minimum`/`maximum` in whole per cent
    CHOICE = "choice"  # one of `choices`
    PERIODS = "periods"  # times of day as ("HH:MM", "HH:MM") pairs; "24:00" ends the day
    IMAGE = "image"  # PNG bytes of at most `max_bytes`


# The Python type each setting type is held as (the fields of BusinessSettings).
PYTHON_TYPES: dict[SettingType, type] = {
    SettingType.TEXT: str,
    SettingType.MULTILINE: str,
    SettingType.PHONE: str,
    SettingType.EMAIL: str,
    SettingType.COUNTRY: str,
    SettingType.INT: int,
    SettingType.PERCENT: float,
    SettingType.CHOICE: str,
    SettingType.PERIODS: tuple,
    SettingType.IMAGE: bytes,
}

Periods = tuple[tuple[str, str], ...]

# A message that already starts with a label ("Phone: …") gets the setting's own label instead.
_LABEL_PREFIX = re.compile(r"^[A-Z][A-Za-z -]*: ")


@dataclass(frozen=True)
class SettingSpec:
    name: str
    type: SettingType
    default: object
    label: str
    help: str
    group: str
    minimum: int = 0  # INT and PERCENT
    maximum: int = 0  # INT and PERCENT
    choices: tuple[tuple[str, str], ...] = ()  # CHOICE: (stored value, what the owner reads)
    max_length: int = 200  # TEXT and MULTILINE, in characters
    max_bytes: int = 2_000_000  # IMAGE
    max_pixels: int = 600  # IMAGE: the longer side; plenty for a letterhead, small in the database
    placeholder: str = ""

    @property
    def python_type(self) -> type:
        return PYTHON_TYPES[self.type]

    def problem(self, text: str) -> UserError:
        """A UserError about this setting, in the owner's words: "Label: what is wrong."."""
        return UserError(f"{self.label}: {text}", self.name)

    def checked(self, value: object, region: str = DEFAULT_REGION) -> object:
        """The value cleaned (trimmed, normalised), or a UserError naming this setting."""
        try:
            return _CHECKS[self.type](self, value, region)
        except UserError as error:
            if error.field == self.name and error.message.startswith(f"{self.label}: "):
                raise
            problem = _LABEL_PREFIX.sub("", error.message, count=1)
            raise self.problem(problem) from None

    def to_plain(self, value: object) -> object:
        """The value as JSON can hold it, for storage."""
        if self.type is SettingType.IMAGE:
            return base64.b64encode(value).decode("ascii")  # type: ignore[arg-type]
        if self.type is SettingType.PERIODS:
            return [list(period) for period in value]  # type: ignore[attr-defined]
        return value

    def from_plain(self, plain: object) -> object:
        """The value from its stored JSON form; ValueError when it has the wrong shape."""
        if self.type is SettingType.IMAGE:
            if not isinstance(plain, str):
                raise ValueError(f"{self.name}: an image is stored as base64 text")
            try:
                return base64.b64decode(plain, validate=True)
            except binascii.Error as error:
                raise ValueError(f"{self.name}: {error}") from error
        if self.type is SettingType.PERIODS:
            if not isinstance(plain, list) or not all(_is_pair(p) for p in plain):
                raise ValueError(f"{self.name}: periods are stored as [start, end] pairs")
            return tuple((start, end) for start, end in plain)
        if self.type is SettingType.PERCENT and isinstance(plain, int) and not isinstance(plain, bool):
            return float(plain)
        if not isinstance(plain, self.python_type) or isinstance(plain, bool):
            raise ValueError(f"{self.name}: expected {self.python_type.__name__}, got {plain!r}")
        return plain


def _is_pair(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)


# --- checking, one function per type ------------------------------------------------------------
def _text(spec: SettingSpec, value: object) -> str:
    if not isinstance(value, str):
        raise spec.problem("write it as text.")
    if len(value) > spec.max_length:
        raise spec.problem(f"at most {spec.max_length} characters, please.")
    return value


def _check_text(spec: SettingSpec, value: object, _region: str) -> str:
    return clean_text(_text(spec, value))


def _check_multiline(spec: SettingSpec, value: object, _region: str) -> str:
    return _text(spec, value).strip()


def _check_phone(spec: SettingSpec, value: object, region: str) -> str:
    return normalize_phone(_text(spec, value), spec.name, region)


def _check_email(spec: SettingSpec, value: object, _region: str) -> str:
    return normalize_email(_text(spec, value), spec.name)


def _check_country(spec: SettingSpec, value: object, _region: str) -> str:
    code = clean_text(_text(spec, value)).upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise spec.problem("write the two-letter country code, such as US, CA or GB.")
    return code


def _check_int(spec: SettingSpec, value: object, _region: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not spec.minimum <= value <= spec.maximum:
        raise spec.problem(f"give a whole number from {spec.minimum} to {spec.maximum}.")
    return value


def _check_percent(spec: SettingSpec, value: object, _region: str) -> float:
    number = value if isinstance(value, int | float) and not isinstance(value, bool) else None
    # A share typed in whole per cent arrives as e.g. 0.07 (7 / 100): compare in per cent, rounded.
    if number is None or not spec.minimum <= round(number * 100, 6) <= spec.maximum:
        raise spec.problem(f"give a share from {spec.minimum}% to {spec.maximum}%.")
    return round(float(number), 6)


def _check_choice(spec: SettingSpec, value: object, _region: str) -> str:
    values = [stored for stored, _text in spec.choices]
    if value not in values:
        names = [text for _stored, text in spec.choices]
        listed = ", ".join(names[:-1]) + f" or {names[-1]}" if len(names) > 1 else names[0]
        raise spec.problem(f"choose {listed}.")
    return value  # type: ignore[return-value]


def _check_periods(spec: SettingSpec, value: object, _region: str) -> Periods:
    if not isinstance(value, tuple | list) or not all(
        isinstance(p, tuple | list) and len(p) == 2 and all(isinstance(t, str) for t in p) for p in value
    ):
        raise spec.problem("write the times like 17:30-19:30.")
    cleaned = []
    for start, end in value:
        start_time = parse_time_of_day(start, spec.name)
        end_time = "24:00" if end.strip() in ("24:00", "24") else parse_time_of_day(end, spec.name)
        if not start_time or not end_time or end_time <= start_time:
            raise spec.problem(f"“{start}–{end}” must end after it starts.")
        cleaned.append((start_time, end_time))
    return tuple(sorted(cleaned))


def _check_image(spec: SettingSpec, value: object, _region: str) -> bytes:
    if not isinstance(value, bytes | bytearray):
        raise spec.problem("choose a picture.")
    if len(value) > spec.max_bytes:
        megabytes = spec.max_bytes / 1_000_000
        raise spec.problem(f"the picture is too large (at most {megabytes:g} MB); use a smaller image.")
    return bytes(value)


_CHECKS = {
    SettingType.TEXT: _check_text,
    SettingType.MULTILINE: _check_multiline,
    SettingType.PHONE: _check_phone,
    SettingType.EMAIL: _check_email,
    SettingType.COUNTRY: _check_country,
    SettingType.INT: _check_int,
    SettingType.PERCENT: _check_percent,
    SettingType.CHOICE: _check_choice,
    SettingType.PERIODS: _check_periods,
    SettingType.IMAGE: _check_image,
}


# --- the settings ------------------------------------------------------------------------------
T = SettingType
BUSINESS, LETTERS, CALLS = "Your business", "Letters and printing", "Calls and marketing"
OPPORTUNITIES, DASHBOARD = "When opportunities come up", "Dashboard"

PAPER_SIZES = ("letter", "a4")
MAX_LOGO_BYTES = 2_000_000
# "No calls before 9:00, between 17:30 and 19:30 (dinner), or after 20:30."
DEFAULT_QUIET_HOURS: Periods = (("00:00", "09:00"), ("17:30", "19:30"), ("20:30", "24:00"))

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "language",
        T.CHOICE,
        "en",
        label="Language",
        help="The language of every screen, letter, postcard, label and call sheet, and how dates read.",
        group=BUSINESS,
        # Each language named in itself: the owner who reads only Spanish must find "Español".
        choices=(("en", "English"), ("es", "Español")),
    ),
    SettingSpec(
        "company_name",
        T.TEXT,
        "",
        label="Company name",
        help="Printed at the top of every letter, postcard and statement.",
        group=BUSINESS,
    ),
    SettingSpec(
        "address",
        T.MULTILINE,
        "",
        label="Address",
        help="Your postal address as the letterhead and the return address show it.",
        group=BUSINESS,
        max_length=500,
    ),
    SettingSpec(
        "phone",
        T.PHONE,
        "",
        label="Phone",
        help="The number customers should call; printed on letters and postcards.",
        group=BUSINESS,
    ),
    SettingSpec(
        "email",
        T.EMAIL,
        "",
        label="E-mail",
        help="Printed on the letterhead; leave it empty to leave it off.",
        group=BUSINESS,
    ),
    SettingSpec(
        "licence_number",
        T.TEXT,
        "",
        label="License number",
        help="Printed on the letterhead as “License …” where your trade needs it.",
        group=BUSINESS,
    ),
    SettingSpec(
        "country",
        T.COUNTRY,
        "US",
        label="Country",
        help="Two letters (US, CA, GB…): phone numbers written without a +country code are read as "
        "this country's.",
        group=BUSINESS,
        placeholder="US",
    ),
    SettingSpec(
        "signature_name",
        T.TEXT,
        "",
        label="Letters signed by",
        help="The name under the closing of every letter, such as “Dana Whitfield, Owner”.",
        group=LETTERS,
    ),
    SettingSpec(
        "logo_png",
        T.IMAGE,
        b"",
        label="Logo",
        help="Printed at the top of letters, postcards and statements. PNG or JPEG; a large picture is "
        "made smaller.",
        group=LETTERS,
        max_bytes=MAX_LOGO_BYTES,
    ),
    SettingSpec(
        "paper_size",
        T.CHOICE,
        "letter",
        label="Paper size",
        help="The paper in your printer: letters, call sheets and statements are laid out for it.",
        group=LETTERS,
        choices=(("letter", "US Letter"), ("a4", "A4")),
    ),
    SettingSpec(
        "quiet_hours",
        T.PERIODS,
        DEFAULT_QUIET_HOURS,
        label="Quiet hours",
        help="No calls are suggested at these times of day.",
        group=CALLS,
        placeholder="before 9:00 AM, 5:30–7:30 PM, after 8:30 PM",
    ),
    SettingSpec(
        "calls_per_day",
        T.INT,
        40,
        label="Calls per day",
        help="How many calls a day Today's calls and the call sheet list, most urgent first; the "
        "rest wait for the next days, in the same order.",
        group=CALLS,
        minimum=1,
        maximum=1000,
    ),
    SettingSpec(
        "marketing_gap_days",
        T.INT,
        30,
        label="Days between marketing contacts",
        help="A customer gets at most one marketing letter, postcard or call in this many days.",
        group=CALLS,
        maximum=365,
    ),
    SettingSpec(
        "check_in_after_days",
        T.INT,
        180,
        label="Check in with recent buyers after (days)",
        help="A recent buyer you have not spoken to for this long is due a check-in.",
        group=OPPORTUNITIES,
        maximum=3650,
    ),
    SettingSpec(
        "follow_up_after_days",
        T.INT,
        14,
        label="Follow up after a sale after (days)",
        help="A follow-up call comes up this many days after a sale or an installation.",
        group=OPPORTUNITIES,
        maximum=365,
    ),
    SettingSpec(
        "renewal_notice_days",
        T.INT,
        45,
        label="Plan renewal notice (days before)",
        help="A service plan's renewal comes up this many days before the plan lapses.",
        group=OPPORTUNITIES,
        maximum=365,
    ),
    SettingSpec(
        "replacement_warning_years",
        T.INT,
        1,
        label="Replacement notice (years before end of life)",
        help="Equipment is offered a replacement this many years before its typical lifespan ends.",
        group=OPPORTUNITIES,
        maximum=10,
    ),
    SettingSpec(
        "recent_buyer_years",
        T.INT,
        3,
        label="A recent buyer bought within (years)",
        help="Customers who bought within this many years count as recent buyers and get check-ins.",
        group=OPPORTUNITIES,
        minimum=1,
        maximum=20,
    ),
    SettingSpec(
        "top_customer_share_warning",
        T.PERCENT,
        0.20,
        label="Warn when one customer brings over",
        help="The dashboard warns when a single customer brings more than this share of the revenue.",
        group=DASHBOARD,
        minimum=1,
        maximum=100,
    ),
)

SETTING: dict[str, SettingSpec] = {spec.name: spec for spec in SETTINGS}


def setting_names() -> list[str]:
    return [spec.name for spec in SETTINGS]


def setting_groups() -> list[tuple[str, list[SettingSpec]]]:
    """The settings by group, groups in the order they are first declared."""
    groups: dict[str, list[SettingSpec]] = {}
    for spec in SETTINGS:
        groups.setdefault(spec.group, []).append(spec)
    return list(groups.items())


def business_region(settings: object) -> str:
    """The business's country code, for showing and reading its phone numbers."""
    return _region({spec.name: getattr(settings, spec.name, None) for spec in SETTINGS})


def _region(values: dict[str, object]) -> str:
    """The business's country (the first COUNTRY setting), for reading its phone numbers."""
    for spec in SETTINGS:
        if spec.type is SettingType.COUNTRY and isinstance(values.get(spec.name), str):
            return values[spec.name] or DEFAULT_REGION  # type: ignore[return-value]
    return DEFAULT_REGION


# The fields come from SETTINGS (same names, same defaults), plus `extra`: the settings of later
# features (backup folder, label offset, envelope window…), kept as they were stored.
_DeclaredSettings = dataclasses.make_dataclass(
    "_DeclaredSettings",
    [(spec.name, spec.python_type, field(default=spec.default)) for spec in SETTINGS]
    + [("extra", dict, field(default_factory=dict))],
    frozen=True,
)


class BusinessSettings(_DeclaredSettings):  # type: ignore[misc,valid-type]
    """All business settings as one frozen value: one field per entry of SETTINGS, plus `extra`."""

    def validated(self) -> BusinessSettings:
        """The settings cleaned; the first value that can't be used raises a UserError naming it."""
        cleaned: dict[str, object] = {}
        # Phones are read in the business's country, so the country is checked before them.
        for spec in sorted(SETTINGS, key=lambda s: s.type is SettingType.PHONE):
            cleaned[spec.name] = spec.checked(getattr(self, spec.name), _region(cleaned))
        return dataclasses.replace(self, **cleaned)


# --- times of day -------------------------------------------------------------------------------
def is_quiet_time(settings: BusinessSettings, hhmm: str) -> bool:
    """True when no call should be made at this time of day ("HH:MM")."""
    return any(start <= hhmm < end for start, end in settings.quiet_hours)


_MERIDIEM = re.compile(r"\s*([ap])\.?m\.?\s*$", re.IGNORECASE)
# Quiet hours are shown in the owner's language (app.domain.formatting), so either is read back.
_SAID_BEFORE = re.compile(r"(before|antes de(?: las?)?)\s+", re.IGNORECASE)
_SAID_AFTER = re.compile(r"(after|despu[ée]s de(?: las?)?)\s+", re.IGNORECASE)


def parse_periods(text: str, spec: SettingSpec) -> Periods:
    """ "before 9:00 AM, 5:30–7:30 PM, after 8:30 PM", "before 9:00, 17:30-19:30, after 20:30" or
    "00:00-09:00, 17:30-19:30, 20:30-24:00" → periods; "all day" is the whole day. The Spanish
    words the screen shows in Spanish ("antes de las 9:00 a.m.", "después de las", "todo el día") too.

    A range that says AM or PM once, at its end, means it for both ends ("5:30–7:30 PM"), as it is
    written (format_periods writes it so): its start is not read as 5:30 in the morning.
    """
    periods = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        lowered = part.lower()
        before, after = _SAID_BEFORE.match(part), _SAID_AFTER.match(part)
        if lowered in ("all day", "todo el día", "todo el dia"):
            periods.append(("00:00", "24:00"))
        elif before:
            periods.append(("00:00", part[before.end() :]))
        elif after:
            periods.append((part[after.end() :], "24:00"))
        elif "-" in part or "–" in part:
            start, _, end = part.replace("–", "-").partition("-")
            said = _MERIDIEM.search(end)
            if said and not _MERIDIEM.search(start) and _same_half(start, end):
                start = f"{start.strip()} {said.group(1)}m"
            periods.append((start, end))
        else:
            raise spec.problem(f"“{part}” should look like 5:30–7:30 PM.")
    return spec.checked(periods)  # type: ignore[return-value]


def _same_half(start: str, end: str) -> bool:
    """Whether a start without AM/PM reads as the end's half of the day: "5:30–7:30 PM" does,
    "9–5 PM" (9 in the morning) and "12–1 PM" (noon) do not."""
    try:
        first = int(start.strip().partition(":")[0])
        last = int(_MERIDIEM.sub("", end).strip().partition(":")[0])
    except ValueError:
        return False  # not a time: the check says so
    return first != 12 and first <= last


def format_periods(periods: Periods) -> str:
    """ "before 9:00 AM, 5:30–7:30 PM, after 8:30 PM" (app.domain.formatting; parse_periods reads it)."""
    return formatting.periods_text(periods)


def parse_quiet_hours(text: str) -> Periods:
    return parse_periods(text, SETTING["quiet_hours"])


def format_quiet_hours(periods: Periods) -> str:
    return format_periods(periods)
