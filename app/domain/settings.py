"""Business settings: letterhead, paper, when calls are welcome, contact limits and thresholds.

They live in the database (so they travel with the data and its backups); this
module says what they are, their defaults and what a valid value is.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, fields

from app.domain.errors import UserError
from app.domain.values import clean_text, normalize_email, normalize_phone, parse_time_of_day

PAPER_SIZES = ("letter", "a4")
MAX_LOGO_BYTES = 2_000_000

# "No calls before 9:00, between 17:30 and 19:30 (dinner), or after 20:30."
DEFAULT_QUIET_HOURS: tuple[tuple[str, str], ...] = (
    ("00:00", "09:00"),
    ("17:30", "19:30"),
    ("20:30", "24:00"),
)


@dataclass(frozen=True)
class BusinessSettings:
    company_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    licence_number: str = ""
    signature_name: str = ""
    logo_png: bytes = b""
    paper_size: str = "letter"
    country: str = "US"
    quiet_hours: tuple[tuple[str, str], ...] = DEFAULT_QUIET_HOURS
    marketing_gap_days: int = 30  # at most one marketing contact per customer in this many days
    check_in_after_days: int = 180  # a recent buyer not spoken to for this long is due a check-in
    follow_up_after_days: int = 14  # a follow-up call this long after a sale or install
    renewal_notice_days: int = 45  # raise a plan renewal this long before it lapses
    replacement_warning_years: int = 1  # raise a replacement this long before the typical lifespan ends
    recent_buyer_years: int = 3
    top_customer_share_warning: float = 0.20
    extra: dict = field(default_factory=dict)  # settings of later features, kept as they were

    def validated(self) -> BusinessSettings:
        if self.paper_size not in PAPER_SIZES:
            raise UserError("Paper size: choose Letter or A4.", "paper_size")
        if len(self.logo_png) > MAX_LOGO_BYTES:
            raise UserError("Logo: the picture is too large (at most 2 MB); use a smaller image.", "logo_png")
        for name in (
            "marketing_gap_days",
            "check_in_after_days",
            "follow_up_after_days",
            "renewal_notice_days",
            "replacement_warning_years",
            "recent_buyer_years",
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or not 0 <= value <= 3650:
                label = name.replace("_", " ").capitalize()
                raise UserError(f"{label}: give a whole number from 0 to 3650.", name)
        if not 0 < self.top_customer_share_warning <= 1:
            raise UserError(
                "Top customer warning: give a share between 1 % and 100 %.", "top_customer_share_warning"
            )
        return dataclasses.replace(
            self,
            company_name=clean_text(self.company_name),
            address=self.address.strip(),
            phone=normalize_phone(self.phone, "phone", self.country or "US"),
            email=normalize_email(self.email),
            licence_number=clean_text(self.licence_number),
            signature_name=clean_text(self.signature_name),
            quiet_hours=validated_quiet_hours(self.quiet_hours),
        )


def validated_quiet_hours(periods: tuple[tuple[str, str], ...] | list) -> tuple[tuple[str, str], ...]:
    cleaned = []
    for start, end in periods:
        start_time = parse_time_of_day(start, "quiet_hours")
        end_time = "24:00" if end.strip() in ("24:00", "24") else parse_time_of_day(end, "quiet_hours")
        if not start_time or not end_time or end_time <= start_time:
            raise UserError(f"Quiet hours: “{start}–{end}” must end after it starts.", "quiet_hours")
        cleaned.append((start_time, end_time))
    return tuple(sorted(cleaned))


def is_quiet_time(settings: BusinessSettings, hhmm: str) -> bool:
    """True when no call should be made at this time of day ("HH:MM")."""
    return any(start <= hhmm < end for start, end in settings.quiet_hours)


def setting_names() -> list[str]:
    return [f.name for f in fields(BusinessSettings) if f.name != "extra"]


def parse_quiet_hours(text: str) -> tuple[tuple[str, str], ...]:
    """ "before 9:00, 17:30-19:30, after 20:30" or "00:00-09:00, 17:30-19:30, 20:30-24:00" → periods."""
    periods = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        lowered = part.lower()
        if lowered.startswith("before "):
            periods.append(("00:00", part[7:]))
        elif lowered.startswith("after "):
            periods.append((part[6:], "24:00"))
        elif "-" in part or "–" in part:
            start, _, end = part.replace("–", "-").partition("-")
            periods.append((start, end))
        else:
            raise UserError(f"Quiet hours: “{part}” should look like 17:30-19:30.", "quiet_hours")
    return validated_quiet_hours(periods)


def format_quiet_hours(periods: tuple[tuple[str, str], ...]) -> str:
    words = []
    for start, end in periods:
        if start == "00:00":
            words.append(f"before {end}")
        elif end == "24:00":
            words.append(f"after {start}")
        else:
            words.append(f"{start}-{end}")
    return ", ".join(words)
