"""One spreadsheet row → a cleaned customer with its sites, equipment and last visit (RowData).

Nothing here looks at other rows or at the database: matching and merging come
after (matching.py, planning.py). A value that cannot be cleaned is never lost:
it goes into the customer's notes (or the site's) and the row gets a problem that
says so.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Any

from app.domain import clock, formatting
from app.domain.customers import display_name
from app.domain.fields import CUSTOMER, DATE_KINDS, EQUIPMENT, FieldKind, FieldSpec
from app.services.importing import addresses as addr
from app.services.importing.cleaning import (
    PhoneParser,
    long_text,
    looks_like_company,
    name_case,
    parse_emails,
    parse_flag,
    shown_phone,
    split_job,
    split_person,
    text,
)
from app.services.importing.dates import DateProblem, DateReader
from app.services.importing.fields import FUTURE_TARGETS, LABELS, MULTI_TARGETS, TARGET_FIELDS
from app.services.importing.reading import MAX_CELL_CHARS


def _fingerprint(salt: bytes, values: list[object]) -> str:
    """The same cells in the same kind of file give the same fingerprint (repr is stable for cell values)."""
    return hashlib.blake2b(salt + repr(values).encode(), digest_size=12).hexdigest()


_PARTS = {
    prefix: tuple(f"{prefix}{p}" for p in ("street", "street2", "city", "region"))
    for prefix in ("", "billing_")
}
_NO_ADDRESS = addr.Address()
_NONE = (None, None, "")  # (column, raw value, clean text) of a target the row has no value for
PLACEHOLDERS = frozenset(
    {"n/a", "na", "none", "-", "--", "?", "unknown", "no email", "no phone", "null", "."}
)
_PHONE_KIND_OF_COLUMN = {"phone": "", "phone_mobile": "mobile", "phone_work": "work"}
_HOUSEHOLD_TYPES = frozenset({"household", "residential", "home", "homeowner", "no", "false", "0"})
_BUSINESS_TYPES = frozenset({"business", "commercial", "company", "yes", "true", "1", "corporate", "b2b"})
# Targets that keep one column's value (the first non-empty one); the others combine several columns.
_SINGLE = tuple(
    key
    for key, _ in TARGET_FIELDS
    if key not in MULTI_TARGETS and not key.startswith(("bill_to_", "ship_to_"))
)
# Customer targets read by a step of their own below: names and household-or-business, phones and
# e-mails, notes, the segment (a name to be found or made). Every other importable customer field is
# taken as its declared kind says (PLAIN_CUSTOMER), so a new one needs no code here.
OWN_STEP_TARGETS = frozenset(
    {"first_name", "last_name", "company", "customer_type", "phone", "phone_mobile", "phone_work", "email"}
    | {"notes", "segment"}
)
PLAIN_KINDS = frozenset({FieldKind.TEXT, FieldKind.BOOL, *DATE_KINDS})
PLAIN_CUSTOMER = tuple(spec for spec in CUSTOMER.importable if spec.imports not in OWN_STEP_TARGETS)


@dataclass(slots=True)
class RowData:
    """A row as it will be stored, before it meets the other rows and the database."""

    excel_row: int
    customer: dict[str, Any] = field(default_factory=dict)  # customer columns
    phones: list[tuple[str, str]] = field(default_factory=list)  # (kind, E.164)
    emails: list[str] = field(default_factory=list)
    notes: list[str] | tuple[str, ...] = ()  # a shared empty tuple until the first note: memory at 100k rows
    sites: list[dict[str, Any]] = field(default_factory=list)
    equipment: dict[str, Any] | None = None
    last_service: datetime.date | None = None
    segment: str = ""
    ref: str = ""  # the customer's number in the program that exported the file
    qb_customer: str = ""  # the "Customer" of a QuickBooks "Customer:Job"
    job: str = ""  # the "Job" of it: a job of that customer, kept as the site's name
    fingerprint: str = ""  # the row's cells: the same row of the same kind of file again has the same one
    problems: list[str] | tuple[str, ...] = ()
    reject: str = ""

    def add_problem(self, problem: str) -> None:
        if not isinstance(self.problems, list):
            self.problems = list(self.problems)
        self.problems.append(problem)

    def add_note(self, note: str) -> None:
        if not isinstance(self.notes, list):
            self.notes = list(self.notes)
        self.notes.append(note)

    @property
    def has_identity(self) -> bool:
        c = self.customer
        return bool(
            c.get("first_name") or c.get("last_name") or c.get("company") or self.phones or self.emails
        )


class RowBuilder:
    """Built once per import from the mapping; `build` then runs once per row."""

    def __init__(
        self,
        headers: list[str],
        mapping: dict[int, str],
        dates: dict[int, DateReader],
        region: str = "US",
        today: datetime.date | None = None,
        uncached: set[tuple[int, int]] | None = None,
        salt: str = "",
        keep_case: bool = False,
    ) -> None:
        self.keep_case = keep_case
        self.salt = salt.encode() + b"\x1e"
        self.headers = headers
        self.today = today or clock.today()
        self.region = region
        self.us = region == "US"
        self.phones = PhoneParser(region)
        self.dates = dates
        self.uncached = uncached or set()
        self.columns: dict[str, list[int]] = {}
        for index in sorted(mapping):
            self.columns.setdefault(mapping[index], []).append(index)
        self.single = [(target, self.columns[target]) for target in _SINGLE if target in self.columns]
        self.phone_columns = [
            (i, _PHONE_KIND_OF_COLUMN[t]) for i, t in sorted(mapping.items()) if t in _PHONE_KIND_OF_COLUMN
        ]
        self.email_columns = self.columns.get("email", [])
        self.note_columns = [
            (i, mapping[i] == "note") for i in sorted(mapping) if mapping[i] in ("note", "notes")
        ]
        self.bill_to = [
            self.columns[f"bill_to_{n}"][0] for n in range(1, 6) if f"bill_to_{n}" in self.columns
        ]
        self.ship_to = [
            self.columns[f"ship_to_{n}"][0] for n in range(1, 6) if f"ship_to_{n}" in self.columns
        ]
        self.mapped = sorted(i for i, t in mapping.items() if t != "ignore")
        targets = set(mapping.values())
        self.has_service = bool(self.ship_to) or bool(
            targets & {"full_address", "street", "street2", "city", "region", "postal_code"}
        )
        self.has_billing = bool(self.bill_to) or any(t.startswith("billing_") for t in targets)

    # ------------------------------------------------------------------ the row

    def build(self, excel_row: int, cells: list[object]) -> RowData:
        row = RowData(excel_row)
        row.fingerprint = _fingerprint(self.salt, [cells[i] for i in self.mapped])
        if reason := self._unreadable(excel_row, cells):
            row.reject = reason
            return row
        values = {}
        for target, indices in self.single:
            for index in indices:
                value = cells[index]
                if value != "" and value is not None:
                    cleaned = text(value)
                    values[target] = (index, value, "" if cleaned.lower() in PLACEHOLDERS else cleaned)
                    break
        self._names(row, values)
        self._contacts(row, cells)
        self._customer_fields(row, values)
        self._notes(row, cells)
        self._sites(row, values, cells)
        self._equipment(row, values)
        if not row.has_identity and not row.reject and not (row.sites or row.equipment or row.last_service):
            row.reject = "The row has no name, phone, e-mail or address."
        return row

    def _unreadable(self, excel_row: int, cells: list[object]) -> str:
        for index in self.mapped:
            value = cells[index]
            if type(value) is str and len(value) >= MAX_CELL_CHARS:
                # Excel and calamine stop at 32,767 characters: a cell that long was probably cut short.
                return (
                    f"Column “{self.headers[index]}” holds {len(value):,} characters, "
                    "the most a cell may hold, "
                    "so it was probably cut short; shorten it in the file and import again."
                )
            if self.uncached and (excel_row, index) in self.uncached:
                return (
                    f"Column “{self.headers[index]}” holds a formula whose result was never saved; open the "
                    "file in Excel, save it, and import again."
                )
        return ""

    def _date(self, row: RowData, values: dict, target: str) -> datetime.date | None:
        if target not in values:
            return None
        index, value, _ = values[target]
        try:
            day = self.dates[index].read(value)
        except DateProblem as problem:
            self._lost(row, index, value, f"{problem}")
            return None
        if day and target not in FUTURE_TARGETS and day > self.today:
            self._lost(row, index, value, f"{formatting.short_date(day)} is in the future")
            return None
        return day

    def _lost(self, row: RowData, index: int, value: object, why: str) -> None:
        header = self.headers[index]
        row.add_problem(f"{header}: {why}; the value was put in the notes.")
        row.add_note(f"{header}: {text(value)}")

    # ------------------------------------------------------------------ who

    def _names(self, row: RowData, values: dict) -> None:
        first, last = values.get("first_name", _NONE)[2], values.get("last_name", _NONE)[2]
        company, full = values.get("company", _NONE)[2], values.get("full_name", _NONE)[2]
        customer_type = values.get("customer_type", _NONE)[2].lower()
        business = customer_type in _BUSINESS_TYPES
        job = ""
        if full:
            full, job = split_job(full)
            row.qb_customer = addr.key(full)  # used only when the file has "Customer:Job" names
            if not (first or last):
                if business or looks_like_company(full):
                    company = company or full
                elif full != company:
                    first, last = split_person(full)
        if last and not first and "," in last:
            first, last = split_person(last)
        if customer_type not in _HOUSEHOLD_TYPES and company and not (first or last):
            business = True
        if not self.keep_case:
            first, last = name_case(first), name_case(last)
            company = name_case(company, company=True)
        row.customer.update(
            first_name=first,
            last_name=last,
            company=company,
            kind="business" if business else "household",
            display_name=display_name(first, last, company),
        )
        row.job = job
        if ref := values.get("customer_ref", _NONE)[2]:
            row.ref = ref.lower()

    def _contacts(self, row: RowData, cells: list[object]) -> None:
        for index, default_kind in self.phone_columns:
            value = cells[index]
            if value == "" or value is None or (type(value) is str and value.strip().lower() in PLACEHOLDERS):
                continue
            found, rejected, extensions = self.phones.parse(value)
            for kind, number in found:
                row.phones.append((kind or default_kind, number))
            for piece in rejected:
                self._lost(row, index, piece, f"“{piece}” is not a complete phone number")
            for number, extension in extensions:
                shown = shown_phone(number, self.region)
                row.add_problem(
                    f"{self.headers[index]}: extension {extension} of {shown} was put in the notes."
                )
                row.add_note(f"Extension {extension} of {shown}")
        for index in self.email_columns:
            value = cells[index]
            if value == "" or value is None or (type(value) is str and value.strip().lower() in PLACEHOLDERS):
                continue
            found, rejected = parse_emails(value)
            row.emails.extend(e for e in found if e not in row.emails)
            for piece in rejected:
                self._lost(row, index, piece, f"“{piece}” is not an e-mail address")

    def _customer_fields(self, row: RowData, values: dict) -> None:
        for name, value in self._plain(row, values, PLAIN_CUSTOMER).items():
            if value:  # a yes is taken (do not call); a no, a blank or an unreadable date adds nothing
                row.customer[name] = value
        row.segment = values.get("segment", _NONE)[2]
        if visit := self._date(row, values, "last_service"):
            row.last_service = visit

    def _notes(self, row: RowData, cells: list[object]) -> None:
        for index, keep_header in self.note_columns:
            value = long_text(cells[index])
            if value and value.lower() not in PLACEHOLDERS:
                row.add_note(f"{self.headers[index]}: {value}" if keep_header else value)

    # ------------------------------------------------------------------ where

    def _sites(self, row: RowData, values: dict, cells: list[object]) -> None:
        country = values.get("country", _NONE)[2].upper()
        country = "US" if country in ("", "USA", "UNITED STATES", "U.S.", "U.S.A.") else country
        us = country == "US" and self.us
        c = row.customer
        names = (c["display_name"], f"{c['first_name']} {c['last_name']}".strip(), c["company"], row.job)
        service = self._address(values, "", self.ship_to, cells, names) if self.has_service else _NO_ADDRESS
        billing = (
            self._address(values, "billing_", self.bill_to, cells, names) if self.has_billing else _NO_ADDRESS
        )
        label = values.get("site_label", _NONE)[2] or row.job
        billing_flag = parse_flag(values["site_is_billing"][1]) if "site_is_billing" in values else None
        same = billing.is_empty() or addr.street_key(billing.street) == addr.street_key(service.street)
        if not service.is_empty():
            is_billing = billing_flag if billing_flag is not None else same
            row.sites.append(self._site(row, service, label, is_billing, country, us, values, ""))
        if not billing.is_empty() and not (same and not service.is_empty()):
            row.sites.append(
                self._site(
                    row, billing, "Billing" if row.sites else label, True, country, us, values, "billing_"
                )
            )

    def _address(
        self, values: dict, prefix: str, lines: list[int], cells: list[object], names: tuple[str, ...]
    ) -> addr.Address:
        whole = values.get(f"{prefix}full_address")
        found = addr.parse_one_line(whole[1]) if whole else addr.Address()
        if lines:
            texts = [text(cells[i]) for i in lines]
            if any(texts):
                found = addr.parse_lines([t for t in texts if t], names)
        for part in _PARTS[prefix]:
            if value := values.get(part, _NONE)[2]:
                setattr(found, part.removeprefix(prefix), value)
        if f"{prefix}postal_code" in values:
            found.postal_code = values[f"{prefix}postal_code"][1]  # type: ignore[assignment]
        return found

    def _site(
        self,
        row: RowData,
        found: addr.Address,
        label: str,
        is_billing: bool,
        country: str,
        us: bool,
        values: dict,
        prefix: str,
    ) -> dict[str, Any]:
        postal, problem = addr.fix_zip(found.postal_code, us)
        notes = ""
        if problem:
            notes = f"ZIP code: {text(found.postal_code)}"
            index = values.get(f"{prefix}postal_code", (None,))[0]
            row.add_problem(problem if index is None else f"{self.headers[index]}: {problem}")
        region = addr.region_code(found.region) if us else found.region
        return {
            "label": label,
            "street": found.street,
            "street2": found.street2,
            "city": found.city,
            "region": region,
            "postal_code": postal,
            "country": country,
            "is_billing": bool(is_billing),
            "notes": notes,
        }

    def _equipment(self, row: RowData, values: dict) -> None:
        equipment = self._plain(row, values, EQUIPMENT.importable)
        if not any(equipment.values()):
            return
        installed, warranty = equipment["installed_on"], equipment["warranty_until"]
        if warranty and installed and warranty < installed:
            row.add_problem(
                f"{LABELS['warranty_until']}: the warranty cannot end before the install; "
                "it was put in the notes."
            )
            row.add_note(f"Warranty until: {formatting.numeric_date(warranty)}")
            equipment["warranty_until"] = None
        equipment["kind"] = equipment["kind"] or "Equipment"
        row.equipment = equipment

    def _plain(self, row: RowData, values: dict, specs: tuple[FieldSpec, ...]) -> dict[str, Any]:
        """Declared fields read as their kind says, by field name: a date (a problem and a note when it
        cannot be read), yes/no, or the cleaned text; "" or None when the row has nothing for them."""
        found: dict[str, Any] = {}
        for spec in specs:
            target = spec.imports
            if spec.kind in DATE_KINDS:
                found[spec.name] = self._date(row, values, target)
            elif spec.kind is FieldKind.BOOL:
                found[spec.name] = target in values and parse_flag(values[target][1])
            else:
                found[spec.name] = values.get(target, _NONE)[2]
        return found
