"""Customers as the domain sees them: what a form or an import hands in, and what lists show."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace

from app.domain import clock
from app.domain.errors import UserError
from app.domain.kinds import CustomerKind
from app.domain.values import (
    clean_text,
    normalize_email,
    normalize_phone,
    parse_time_of_day,
    years_between,
)

MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class CustomerDraft:
    """A customer as entered; `validated()` returns the cleaned copy or raises UserError."""

    first_name: str = ""
    last_name: str = ""
    company: str = ""
    kind: str = CustomerKind.HOUSEHOLD
    email: str = ""
    email2: str = ""
    phone: str = ""
    phone_mobile: str = ""
    phone_work: str = ""
    segment_id: int | None = None
    call_window_start: str = ""
    call_window_end: str = ""
    do_not_call: bool = False
    do_not_mail: bool = False
    do_not_email: bool = False
    do_not_service: bool = False
    share_with_partners: bool = False
    share_consent_on: datetime.date | None = None
    source: str = ""
    customer_since: datetime.date | None = None
    notes: str = ""

    def validated(self, region: str = "US") -> CustomerDraft:
        names = {
            "first_name": clean_text(self.first_name),
            "last_name": clean_text(self.last_name),
            "company": clean_text(self.company),
        }
        if not any(names.values()):
            raise UserError("Name: give a first or last name, or a company.", "last_name")
        for key, value in names.items():
            if len(value) > MAX_NAME_LENGTH:
                label = key.replace("_", " ").capitalize()
                raise UserError(f"{label} is too long (at most {MAX_NAME_LENGTH} characters).", key)
        if self.kind not in tuple(CustomerKind):
            raise UserError(f"Kind: “{self.kind}” is neither a household nor a business.", "kind")
        start = parse_time_of_day(self.call_window_start, "call_window_start")
        end = parse_time_of_day(self.call_window_end, "call_window_end")
        if bool(start) != bool(end):
            missing = "call_window_end" if start else "call_window_start"
            raise UserError("Best time to call: give both the start and the end, or neither.", missing)
        if start and end <= start:
            raise UserError("Best time to call: the end must be after the start.", "call_window_end")
        share_on = self.share_consent_on
        if self.share_with_partners and share_on is None:
            share_on = clock.today()
        return replace(
            self,
            **names,
            email=normalize_email(self.email, "email"),
            email2=normalize_email(self.email2, "email2"),
            phone=normalize_phone(self.phone, "phone", region),
            phone_mobile=normalize_phone(self.phone_mobile, "phone_mobile", region),
            phone_work=normalize_phone(self.phone_work, "phone_work", region),
            call_window_start=start,
            call_window_end=end,
            share_consent_on=share_on if self.share_with_partners else None,
            source=clean_text(self.source),
            notes=self.notes.strip(),
        )

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.last_name, self.company)


def display_name(first_name: str, last_name: str, company: str) -> str:
    """How a customer is listed: "Last, First" for people, the company otherwise."""
    first, last, company = first_name.strip(), last_name.strip(), company.strip()
    if last and first:
        return f"{last}, {first}"
    return last or first or company


@dataclass(frozen=True)
class CustomerRow:
    """One line of the customer list."""

    id: int
    name: str
    company: str
    phone: str
    email: str
    city: str
    segment: str


@dataclass(frozen=True)
class SiteRow:
    id: int
    label: str
    street: str
    street2: str
    city: str
    region: str
    postal_code: str
    country: str
    is_billing: bool
    notes: str = ""

    @property
    def one_line(self) -> str:
        place = " ".join(p for p in (self.region, self.postal_code) if p)
        parts = [self.street, self.street2, self.city, place]
        return ", ".join(p for p in parts if p)

    @property
    def mailing_gap(self) -> str:
        """What keeps a letter from reaching this site ("no street", "no town"), "" when it can be mailed.

        The campaigns' own check (a street or PO box, and a town) in words, for the customer screen.
        """
        missing = [
            word
            for word, present in (("street", self.street or self.street2), ("town", self.city))
            if not present.strip()
        ]
        return "no " + " and no ".join(missing) if missing else ""


@dataclass(frozen=True)
class EquipmentRow:
    id: int
    site_id: int
    kind: str
    brand: str
    model: str
    serial: str
    installed_on: datetime.date | None
    installed_by_us: bool
    warranty_until: datetime.date | None
    notes: str = ""

    def age_years(self, today: datetime.date) -> int | None:
        return years_between(self.installed_on, today) if self.installed_on else None


@dataclass(frozen=True)
class HistoryRow:
    """A dated line of a customer's history: a visit, a sale, a plan, a touch, an opportunity."""

    id: int
    on: datetime.date | None
    title: str
    detail: str


@dataclass(frozen=True)
class CustomerDetail:
    id: int
    draft: CustomerDraft
    segment: str
    version: int
    sites: list[SiteRow] = field(default_factory=list)
    equipment: list[EquipmentRow] = field(default_factory=list)
    visits: list[HistoryRow] = field(default_factory=list)
    sales: list[HistoryRow] = field(default_factory=list)
    plans: list[HistoryRow] = field(default_factory=list)
    touches: list[HistoryRow] = field(default_factory=list)
    opportunities: list[HistoryRow] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.draft.display_name
