"""What a customer has and what happened: sites, equipment, visits, sales, plans and touches, as entered.

Each draft's `validated()` returns a cleaned copy or raises a UserError naming
the field. Field names are the table's column names, so storing a draft needs
no mapping code.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from decimal import Decimal

from app.domain import clock, formatting
from app.domain.errors import UserError
from app.domain.kinds import Channel, PlanStatus
from app.domain.money import parse_money, to_cents
from app.domain.values import clean_text

MAX_TEXT = 200
VISIT_KINDS = ("maintenance", "repair", "install", "inspection", "estimate")
TOUCH_OUTCOMES = (
    "",
    "talked",
    "no answer",
    "left message",
    "booked",
    "not interested",
    "do not call again",
    "sent",
)


def _required(value: str, field: str, label: str) -> str:
    value = _limited(value, field, label)
    if not value:
        raise UserError(f"{label}: this cannot be empty.", field)
    return value


def _limited(value: str, field: str, label: str) -> str:
    """A text that may be empty, cleaned, and no longer than a line of the form takes."""
    value = clean_text(value)
    if len(value) > MAX_TEXT:
        raise UserError(f"{label} is too long (at most {MAX_TEXT} characters).", field)
    return value


def _not_future(value: datetime.date | None, field: str, label: str, today: datetime.date) -> None:
    if value is not None and value > today:
        raise UserError(f"{label}: {formatting.short_date(value)} is in the future.", field)


@dataclass(frozen=True)
class SiteDraft:
    customer_id: int
    label: str = ""
    street: str = ""
    street2: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = "US"
    is_billing: bool = False
    notes: str = ""
    TABLE = "site"

    def validated(self) -> SiteDraft:
        # A site may lack a street (or a town): an import often brings one so, and the owner must be able
        # to save it back as it is. It can't be mailed then, which the customer screen says and the
        # mailings check for themselves; only a site that says nothing of where it is is refused.
        street = _limited(self.street, "street", "Street")
        city = _limited(self.city, "city", "City")
        where = (street, city, self.street2, self.postal_code, self.label)
        if not any(clean_text(part) for part in where):
            raise UserError("Address: give a street, a town, a ZIP code or a name for the site.", "street")
        postal = clean_text(self.postal_code).upper()
        country = clean_text(self.country).upper() or "US"
        if country == "US" and postal:
            digits = postal.replace("-", "")
            if not digits.isdigit() or len(digits) not in (5, 9):
                raise UserError(f"ZIP code: “{postal}” should be 5 digits (or ZIP+4).", "postal_code")
        return dataclasses.replace(
            self,
            label=clean_text(self.label),
            street=street,
            street2=clean_text(self.street2),
            city=city,
            region=clean_text(self.region).upper() if country in ("US", "CA") else clean_text(self.region),
            postal_code=postal,
            country=country,
        )


@dataclass(frozen=True)
class EquipmentDraft:
    site_id: int
    kind: str = ""
    brand: str = ""
    model: str = ""
    serial: str = ""
    installed_on: datetime.date | None = None
    installed_by_us: bool = False
    warranty_until: datetime.date | None = None
    notes: str = ""
    TABLE = "equipment"

    def validated(self, today: datetime.date | None = None) -> EquipmentDraft:
        today = today or clock.today()
        _not_future(self.installed_on, "installed_on", "Installed on", today)
        if self.installed_on and self.installed_on.year < 1900:
            raise UserError("Installed on: a year before 1900 is surely a typing mistake.", "installed_on")
        if self.warranty_until and self.installed_on and self.warranty_until < self.installed_on:
            raise UserError("Warranty until: the warranty cannot end before the install.", "warranty_until")
        return dataclasses.replace(
            self,
            kind=_required(self.kind, "kind", "Kind"),
            brand=clean_text(self.brand),
            model=clean_text(self.model),
            serial=clean_text(self.serial),
        )


@dataclass(frozen=True)
class VisitDraft:
    customer_id: int
    visited_on: datetime.date
    site_id: int | None = None
    equipment_id: int | None = None
    kind: str = "maintenance"
    technician: str = ""
    findings: str = ""
    TABLE = "visit"

    def validated(self, today: datetime.date | None = None) -> VisitDraft:
        if self.kind not in VISIT_KINDS:
            raise UserError(f"Kind: choose one of {', '.join(VISIT_KINDS)}.", "kind")
        if self.visited_on is None:
            raise UserError("Date: give the day of the visit.", "visited_on")
        return dataclasses.replace(
            self, technician=clean_text(self.technician), findings=self.findings.strip()
        )


@dataclass(frozen=True)
class SaleDraft:
    customer_id: int
    sold_on: datetime.date
    description: str = ""
    total: Decimal | str = Decimal("0")
    job_number: str = ""
    site_id: int | None = None
    TABLE = "sale"

    def validated(self, today: datetime.date | None = None) -> SaleDraft:
        today = today or clock.today()
        if self.sold_on is None:
            raise UserError("Date: give the day of the sale.", "sold_on")
        _not_future(self.sold_on, "sold_on", "Date", today)
        return dataclasses.replace(
            self,
            description=_required(self.description, "description", "Description"),
            total=parse_money(self.total, "total"),
            job_number=clean_text(self.job_number),
        )

    def columns(self) -> dict:
        values = dataclasses.asdict(self)
        values["total_cents"] = to_cents(Decimal(values.pop("total")))
        return values


@dataclass(frozen=True)
class PlanDraft:
    customer_id: int
    name: str
    started_on: datetime.date
    ends_on: datetime.date
    price: Decimal | str = Decimal("0")
    visits_per_year: int = 2
    auto_renew: bool = False
    status: str = PlanStatus.ACTIVE
    site_id: int | None = None
    TABLE = "service_plan"

    def validated(self) -> PlanDraft:
        if self.started_on is None or self.ends_on is None:
            raise UserError("Give the plan's start and end dates.", "ends_on")
        if self.ends_on <= self.started_on:
            raise UserError("Ends on: the plan must end after it starts.", "ends_on")
        if self.status not in tuple(PlanStatus):
            raise UserError("Status: choose active, lapsed or cancelled.", "status")
        if not 0 <= self.visits_per_year <= 52:
            raise UserError("Visits per year: give a number from 0 to 52.", "visits_per_year")
        return dataclasses.replace(
            self, name=_required(self.name, "name", "Plan"), price=parse_money(self.price, "price")
        )

    def columns(self) -> dict:
        values = dataclasses.asdict(self)
        values["price_cents"] = to_cents(Decimal(values.pop("price")))
        return values


@dataclass(frozen=True)
class TouchDraft:
    customer_id: int
    channel: str
    happened_at: datetime.datetime
    outcome: str = ""
    reason: str = ""
    by_whom: str = ""
    direction: str = "out"
    is_marketing: bool = False
    notes: str = ""
    TABLE = "touch"

    def validated(self) -> TouchDraft:
        if self.channel not in tuple(Channel):
            raise UserError("Channel: choose call, mail, e-mail, text, visit or in person.", "channel")
        if self.happened_at > clock.now() + datetime.timedelta(minutes=5):
            raise UserError("When: a contact cannot be logged in the future.", "happened_at")
        return dataclasses.replace(
            self,
            outcome=clean_text(self.outcome),
            reason=clean_text(self.reason),
            by_whom=clean_text(self.by_whom),
            happened_at=self.happened_at.replace(microsecond=0),
        )


def columns_of(draft: object) -> dict:
    """The draft as table columns (money as cents)."""
    if hasattr(draft, "columns"):
        return draft.columns()  # type: ignore[no-any-return]
    return dataclasses.asdict(draft)  # type: ignore[call-overload]
