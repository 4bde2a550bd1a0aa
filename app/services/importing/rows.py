"""One spreadsheet row → a cleaned customer with its sites, equipment, last visit and sales to date (RowData).

Nothing here looks at other rows or at the database: matching and merging come
after (matching.py, planning.py). A value that cannot be cleaned is never lost:
it goes into the customer's notes (or the site's) and the row gets a problem that
says so. Every value must fit the field it goes to (headers.VALUE_CHECKS): "TRUE"
is no street, a record number no company, phone numbers no part of an address;
such a value is kept in the notes, never stored in the wrong field. Several
columns may fill one field: the first filled value that fits is used, and the
others, where they say something else, are kept in the notes (`overlaps` counts
them for the plan's warnings); each address a row has (service, "Home",
"Address 2", billing) becomes a site of its own.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.domain import clock, formatting
from app.domain.customers import display_name
from app.domain.fields import CUSTOMER, DATE_KINDS, EQUIPMENT, FieldKind, FieldSpec
from app.domain.i18n import t
from app.domain.said import Said
from app.services.importing import addresses as addr
from app.services.importing.cleaning import (
    BUSINESS_WORDS,
    HOUSEHOLD_WORDS,
    PLACEHOLDERS,
    PhoneParser,
    flag_value,
    long_text,
    looks_like_company,
    name_case,
    parse_amount,
    parse_emails,
    phone_kind,
    same_person,
    shown_phone,
    split_job,
    split_person,
    text,
)
from app.services.importing.dates import DateProblem, DateReader
from app.services.importing.fields import (
    BILLING_ADDRESS_TARGETS,
    FLAG_TARGETS,
    FUTURE_TARGETS,
    MULTI_TARGETS,
    SERVICE_ADDRESS_TARGETS,
    TARGET_FIELDS,
    target_label,
)
from app.services.importing.headers import VALUE_CHECKS, AddressColumns, address_columns, phone_labels
from app.services.importing.reading import MAX_CELL_CHARS

__all__ = ["NO_IDENTITY", "PLACEHOLDERS", "RowBuilder", "RowData"]

NO_IDENTITY = Said("The row has no name, phone, e-mail or address.")


def _fingerprint(salt: bytes, values: list[object]) -> str:
    """The same cells in the same kind of file give the same fingerprint (repr is stable for cell values)."""
    return hashlib.blake2b(salt + repr(values).encode(), digest_size=12).hexdigest()


_NO_ADDRESS = addr.Address()
_NONE = (None, None, "")  # (column, raw value, clean text) of a target the row has no value for
_PHONE_KIND_OF_COLUMN = {"phone": "", "phone_mobile": "mobile", "phone_work": "work"}
_HOUSEHOLD_TYPES = HOUSEHOLD_WORDS | {"no", "false", "0"}
_BUSINESS_TYPES = BUSINESS_WORDS | {"yes", "true", "1"}
# Targets that keep one value (the first filled one that fits); the others combine several columns. The
# address's targets are read per address (`_address`), not here.
_SINGLE = tuple(
    key
    for key, _ in TARGET_FIELDS
    if key not in MULTI_TARGETS
    and not key.startswith(("bill_to_", "ship_to_"))
    and key not in SERVICE_ADDRESS_TARGETS
    and key not in BILLING_ADDRESS_TARGETS
    and key not in FLAG_TARGETS
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
# Refusals: a word in their column ("moved away") is taken as a yes, since a refusal must hold.
_REFUSALS = frozenset({"do_not_call", "do_not_mail", "do_not_email", "do_not_service"})
_LINE_BREAKS = re.compile(r"[\n\r]+|,")
# Each part of an address and what it must be; a state is checked with its country (`_site`).
_PART_CHECKS = {
    "street": addr.street_problem,
    "street2": addr.unit_problem,
    "city": addr.city_problem,
    "region": None,
    "country": addr.country_problem,
    "site_label": None,
}


@dataclass(slots=True)
class OpeningSale:
    """What the customer bought before, as the file totals it: one sale so lifetime value counts it."""

    amount: Decimal
    day: datetime.date
    column: str  # the heading of the total ("Total Sales")
    dated_by: str  # the heading of the date column it took its day from; "" for the import day

    @property
    def description(self) -> str:
        return f"Sales to date in the old program (“{self.column}”)"


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
    sale: OpeningSale | None = None
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
        if note not in self.notes:
            self.notes.append(note)

    @property
    def has_identity(self) -> bool:
        c = self.customer
        return bool(
            c.get("first_name") or c.get("last_name") or c.get("company") or self.phones or self.emails
        )


@dataclass(slots=True)
class _Found:
    """One address of a row as read, with what only the site needs to know."""

    address: addr.Address
    columns: AddressColumns
    label: str = ""
    billing_flag: bool | None = None
    country: str = ""
    postal_index: int | None = None
    region_index: int | None = None


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
        # Our own export holds what the app stored: its values are taken as they are, not judged again.
        self.checked = not keep_case
        self.part_checks = _PART_CHECKS if self.checked else dict.fromkeys(_PART_CHECKS)
        self.salt = salt.encode() + b"\x1e"
        self.headers = headers
        self.today = today or clock.today()
        self.region = region
        self.us = region == "US"
        self.north_american = region in ("US", "CA")
        self.phones = PhoneParser(region)
        self.dates = dates
        self.uncached = uncached or set()
        self.columns: dict[str, list[int]] = {}
        for index in sorted(mapping):
            self.columns.setdefault(mapping[index], []).append(index)
        self.single = [
            (target, self.columns[target], VALUE_CHECKS.get(target) if self.checked else None)
            for target in _SINGLE
            if target in self.columns
        ]
        self.flags = [(target, self.columns[target]) for target in sorted(FLAG_TARGETS - {"site_is_billing"})
                      if target in self.columns]  # fmt: skip
        self.phone_columns = [
            (i, _PHONE_KIND_OF_COLUMN[t]) for i, t in sorted(mapping.items()) if t in _PHONE_KIND_OF_COLUMN
        ]
        self.phone_label_of = phone_labels(headers, mapping)
        self.email_columns = self.columns.get("email", [])
        self.note_columns = [
            (i, mapping[i] == "note") for i in sorted(mapping) if mapping[i] in ("note", "notes")
        ]
        self.addresses = address_columns(headers, mapping)
        self.mapped = sorted(i for i, t in mapping.items() if t != "ignore")
        # For the plan's warnings: per target, how many rows took a later column's value because the first
        # was empty or did not fit, and how many other values went to the notes.
        self.overlaps: dict[str, list[int]] = {t: [0, 0] for t, columns, _ in self.single if len(columns) > 1}

    # ------------------------------------------------------------------ the row

    def build(self, excel_row: int, cells: list[object]) -> RowData:
        row = RowData(excel_row)
        row.fingerprint = _fingerprint(self.salt, [cells[i] for i in self.mapped])
        if reason := self._unreadable(excel_row, cells):
            row.reject = reason
            return row
        values: dict[str, tuple] = {}
        for target, indices, check in self.single:
            if len(indices) > 1:
                self._several(row, target, indices, check, cells, values)
                continue
            index = indices[0]
            value = cells[index]
            if value == "" or value is None:
                continue
            cleaned = text(value)
            if cleaned.lower() in PLACEHOLDERS:
                cleaned = ""
            elif check is not None and (problem := check(cleaned)):
                self._lost(row, index, value, problem)
                continue
            values[target] = (index, value, cleaned)
        if self.flags:
            self._flags(row, cells, values)
        self._names(row, values)
        self._contacts(row, cells)
        self._customer_fields(row, values)
        self._notes(row, cells)
        self._sites(row, cells)
        self._equipment(row, values)
        self._sale(row, values)
        if not row.has_identity and not row.reject and not (row.sites or row.equipment or row.last_service):
            row.reject = NO_IDENTITY
        return row

    def _several(
        self,
        row: RowData,
        target: str,
        indices: list[int],
        check: Any,
        cells: list[object],
        values: dict[str, tuple],
    ) -> None:
        """Several columns on one field: the first filled value that fits wins; the other values, where they
        say something else, go to the notes under their headings (HubSpot's "Company Name" and "Associated
        Company", QuickBooks' "Customer" and "Full Name")."""
        winner = None
        seen: set[str] = set()
        for index, value, cleaned in self._filled_and_fitting(row, indices, cells, check):
            same = addr.key(cleaned) or cleaned
            if winner is None:
                winner = (index, value, cleaned)
                seen.add(same)
                if index != indices[0]:
                    self.overlaps[target][0] += 1
            elif same not in seen:
                seen.add(same)
                row.add_note(f"{self.headers[index]}: {cleaned}")
                self.overlaps[target][1] += 1
        if winner is not None:
            values[target] = winner

    def _flags(self, row: RowData, cells: list[object], values: dict[str, tuple]) -> None:
        """Yes/no fields: a yes in any of their columns holds. A refusal's column may hold words instead
        ("moved away", "rude to the technician"): taken as a yes, since a refusal must hold, and kept."""
        for target, indices in self.flags:
            answer: tuple | None = None
            for index in indices:
                value = cells[index]
                if value == "" or value is None:
                    continue
                said = flag_value(value)
                if said is None:
                    words = text(value)
                    if words.lower() in PLACEHOLDERS:
                        continue
                    header = self.headers[index]
                    row.add_problem(
                        Said(
                            "{header}: “{value}” is not a yes or a no; taken as a yes, and the words were "
                            "put in the notes.",
                            header=header,
                            value=words,
                        )
                    )
                    row.add_note(f"{header}: {words}")
                    said = target in _REFUSALS
                if said:
                    answer = (index, "yes", "yes")
                elif answer is None:
                    answer = (index, "no", "no")
            if answer is not None:
                values[target] = answer

    def _unreadable(self, excel_row: int, cells: list[object]) -> str:
        for index in self.mapped:
            value = cells[index]
            if type(value) is str and len(value) >= MAX_CELL_CHARS:
                # Excel and calamine stop at 32,767 characters: a cell that long was probably cut short.
                return Said(
                    "Column “{header}” holds {count:,} characters, the most a cell may hold, "
                    "so it was probably cut short; shorten it in the file and import again.",
                    header=self.headers[index],
                    count=len(value),
                )
            if self.uncached and (excel_row, index) in self.uncached:
                return Said(
                    "Column “{header}” holds a formula whose result was never saved; open the file in Excel, "
                    "save it, and import again.",
                    header=self.headers[index],
                )
        return ""

    def _date(self, row: RowData, values: dict, target: str) -> datetime.date | None:
        if target not in values:
            return None
        index, value, _ = values[target]
        try:
            day = self.dates[index].read(value)
        except DateProblem as problem:
            self._lost(row, index, value, problem.args[0])
            return None
        if day and target not in FUTURE_TARGETS and day > self.today:
            self._lost(row, index, value, Said("{day} is in the future", day=formatting.short_date(day)))
            return None
        return day

    def _lost(self, row: RowData, index: int, value: object, why: str) -> None:
        header = self.headers[index]
        row.add_problem(Said("{header}: {why}; the value was put in the notes.", header=header, why=why))
        row.add_note(f"{header}: {text(value)}")

    # ------------------------------------------------------------------ who

    def _names(self, row: RowData, values: dict) -> None:
        first, last = values.get("first_name", _NONE)[2], values.get("last_name", _NONE)[2]
        company, full = values.get("company", _NONE)[2], values.get("full_name", _NONE)[2]
        customer_type = values.get("customer_type", _NONE)[2].lower()
        business = customer_type in _BUSINESS_TYPES
        if customer_type and not business and customer_type not in _HOUSEHOLD_TYPES:
            index = values["customer_type"][0]
            row.add_note(f"{self.headers[index]}: {values['customer_type'][2]}")
        job = ""
        if full:
            full, job = split_job(full)
            row.qb_customer = addr.key(full)  # used only when the file has "Customer:Job" names
            if not (first or last):
                if business or looks_like_company(full):
                    company = company or full
                elif full != company:
                    first, last = split_person(full)
            else:
                company = self._whole_name_beside_parts(row, values, full, first, last, company, business)
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
            if not self.keep_case:  # our own export's number is our own id: nothing to keep
                # Kept where the owner can read it: the number to look them up by in the old program.
                row.add_note(f"{self.headers[values['customer_ref'][0]]}: {ref}")

    def _whole_name_beside_parts(
        self, row: RowData, values: dict, full: str, first: str, last: str, company: str, business: bool
    ) -> str:
        """A whole name ("Display Name", "Account Name") beside first and last names: the same person again,
        the business they are with (the company, when there is none), or something else (the notes)."""
        whole = addr.key(full)
        if whole in (addr.key(first + last), addr.key(last + first), addr.key(company)):
            return company
        split_first, split_last = split_person(full)
        is_person = same_person(split_first, split_last, first, last) and not looks_like_company(full)
        if not company and (business or not is_person):
            return full
        row.add_note(f"{self.headers[values['full_name'][0]]}: {full}")
        return company

    def _contacts(self, row: RowData, cells: list[object]) -> None:
        for index, default_kind in self.phone_columns:
            value = cells[index]
            if value == "" or value is None or (type(value) is str and value.strip().lower() in PLACEHOLDERS):
                continue
            found, rejected, extensions = self.phones.parse(value)
            labelled = default_kind
            if index in self.phone_label_of:  # Google's "Phone 1 - Label": "Mobile", "Work", "Home"
                labelled = phone_kind(text(cells[self.phone_label_of[index]])) or default_kind
            for kind, number in found:
                row.phones.append((kind or labelled, number))
            for piece in rejected:
                self._lost(row, index, piece, Said("“{value}” is not a complete phone number", value=piece))
            for number, extension in extensions:
                shown = shown_phone(number, self.region)
                row.add_problem(
                    Said(
                        "{header}: extension {extension} of {number} was put in the notes.",
                        header=self.headers[index],
                        extension=extension,
                        number=shown,
                    )
                )
                row.add_note(t("Extension {extension} of {number}", extension=extension, number=shown))
        for index in self.email_columns:
            value = cells[index]
            if value == "" or value is None or (type(value) is str and value.strip().lower() in PLACEHOLDERS):
                continue
            found, rejected = parse_emails(value)
            row.emails.extend(e for e in found if e not in row.emails)
            for piece in rejected:
                self._lost(row, index, piece, Said("“{value}” is not an e-mail address", value=piece))

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

    def _sites(self, row: RowData, cells: list[object]) -> None:
        """Each address of the row a site: the first the main one, then "Home", "Address 2" and the like,
        and the billing address (the billing site, or a flag on the service site with the same street)."""
        if not self.addresses:
            return
        c = row.customer
        names = (c["display_name"], f"{c['first_name']} {c['last_name']}".strip(), c["company"], row.job)
        found: list[_Found] = []
        for columns in self.addresses:
            read = self._address(row, columns, cells, names)
            if read is not None:
                found.append(read)
        if not found:
            return
        if len(found) == 1 and not found[0].columns.billing:  # one address, the usual case
            read = found[0]
            site = self._site(row, read, read.label or read.columns.label or row.job, read.country)
            site["is_billing"] = True if read.billing_flag is None else read.billing_flag
            row.sites = [site]
            return
        main_country = next((f.country for f in found if f.country), "")
        service = [f for f in found if not f.columns.billing]
        billing = next((f for f in found if f.columns.billing), None)
        kept: list[tuple[_Found, dict[str, Any]]] = []
        places: dict[tuple[str, str], int] = {}
        for position, read in enumerate(service):
            label = read.label or read.columns.label or (row.job if position == 0 else "")
            site = self._site(row, read, label, read.country or main_country)
            place = _place(site)
            if place in places:  # "Home" the same as "Business": one site
                kept[places[place]][1]["is_billing"] |= bool(read.billing_flag)
                continue
            places[place] = len(kept)
            if read.billing_flag is not None:
                site["is_billing"] = read.billing_flag
            elif billing is None:
                site["is_billing"] = position == 0 and not any(f.billing_flag for f in service)
            kept.append((read, site))
        if billing is not None:
            site = self._site(row, billing, "", billing.country or main_country)
            place = _place(site)
            if place in places and place[0]:
                kept[places[place]][1]["is_billing"] = True
            else:
                site["label"] = t("Billing") if kept else (billing.label or row.job)
                site["is_billing"] = True
                kept.append((billing, site))
        row.sites = [site for _, site in kept]

    def _address(
        self, row: RowData, columns: AddressColumns, cells: list[object], names: tuple[str, ...]
    ) -> _Found | None:
        """One address of the row from its columns: a whole-address cell or "Bill to"/"Ship to" lines split
        into parts, then the part columns (Street, City, ...) over them; every part checked to fit."""
        parts = columns.parts
        found = addr.Address()
        whole = parts.get("full_address")
        lines = self._lines(row, columns.lines, cells) if columns.lines else []
        pieces = lines or (self._lines(row, whole, cells) if whole else [])
        first_block = (columns.lines or whole or [None])[0]
        parsed = None
        if pieces:
            found = addr.parse_lines(pieces, names)
            for part in ("street", "street2", "city"):
                value, check = getattr(found, part), self.part_checks[part]
                if value and check is not None and (problem := check(value)) and first_block is not None:
                    self._lost(row, first_block, value, problem)
                    setattr(found, part, "")
            parsed = (addr.street_key(found.street), addr.key(found.city))
        read = _Found(found, columns)
        for part, indices in columns.parts.items():
            if part == "full_address":
                continue
            if len(indices) == 1 and part not in ("postal_code", "site_is_billing"):
                index = indices[0]  # one column for the part, the usual case: read it here, at speed
                value = cells[index]
                if value == "" or value is None:
                    continue
                cleaned = text(value)
                if cleaned.lower() in PLACEHOLDERS:
                    continue
                check = self.part_checks[part]
                if check is not None and (problem := check(cleaned)):
                    self._lost(row, index, value, problem)
                    continue
                if part == "street":
                    found.street = cleaned
                elif part == "city":
                    found.city = cleaned
                else:
                    self._put(read, part, cleaned, index)
            elif part == "street":
                self._streets(row, found, indices, cells)
            elif part == "street2":
                for unit in self._fitting(row, indices, cells, self.part_checks["street2"], keep_all=True):
                    _add_line(found, unit)
            elif part == "postal_code":
                index = self._first_filled(indices, cells)
                if index is not None:
                    found.postal_code = cells[index]  # type: ignore[assignment]  # raw: 2134 is "02134"
                    read.postal_index = index
                    self._others_to_notes(row, indices, index, cells)
            elif part == "site_is_billing":
                read.billing_flag = self._billing_flag(row, indices, cells)
            else:
                chosen = self._fitting(row, indices, cells, self.part_checks[part])
                if chosen:
                    self._put(read, part, chosen[0], self._first_filled(indices, cells))
        if parsed is not None and parsed != (addr.street_key(found.street), addr.key(found.city)):
            block = first_block if first_block is not None else 0  # the columns say otherwise: keep the cell
            row.add_note(f"{self.headers[block]}: {'; '.join(pieces)}")
        street, unit = addr.split_unit(found.street)
        if unit:  # "901 Harbor Dr Apt 3B": the apartment on the second line, never dropped
            found.street = street
            if unit.lower() not in found.street2.lower():
                found.street2 = f"{unit}, {found.street2}" if found.street2 else unit
        if found.is_empty():
            return None
        return read

    @staticmethod
    def _put(read: _Found, part: str, value: str, index: int | None) -> None:
        if part == "country":
            read.country = addr.country_code(value)
        elif part == "site_label":
            read.label = value
        elif part == "street2":
            _add_line(read.address, value)
        else:
            setattr(read.address, part, value)
            if part == "region":
                read.region_index = index

    def _lines(self, row: RowData, indices: list[int], cells: list[object]) -> list[str]:
        """The lines of an address block, less what is no part of an address (phones, e-mails, yes/no,
        record numbers): those go to the notes."""
        kept = []
        for index in indices:
            value = cells[index]
            if value == "" or value is None:
                continue
            raw = value if isinstance(value, str) else text(value)
            for piece in _LINE_BREAKS.split(raw):
                line = text(piece)
                if not line or line.lower() in PLACEHOLDERS:
                    continue
                if self.checked and (problem := addr.line_problem(line)):
                    self._lost(row, index, line, problem)
                    continue
                kept.append(line)
        return kept

    def _streets(self, row: RowData, found: addr.Address, indices: list[int], cells: list[object]) -> None:
        """The first street that fits is the street; a further one is an apartment (the second line) or, when
        it is a street of its own, kept in the notes."""
        streets = self._fitting(row, indices, cells, self.part_checks["street"], keep_all=True)
        if not streets:
            return
        found.street = streets[0]
        for other in streets[1:]:
            if addr.is_unit(other):
                _add_line(found, other)
            else:
                index = next(i for i in indices if text(cells[i]) == other)
                row.add_note(f"{self.headers[index]}: {other}")

    def _fitting(
        self, row: RowData, indices: list[int], cells: list[object], check: Any, keep_all: bool = False
    ) -> list[str]:
        """The filled values of these columns that fit (the misfits go to the notes); without `keep_all`
        only the first, the others that differ from it going to the notes."""
        found: list[str] = []
        for index, _value, cleaned in self._filled_and_fitting(row, indices, cells, check):
            if any(addr.key(cleaned) == addr.key(seen) for seen in found):
                continue
            if found and not keep_all:
                row.add_note(f"{self.headers[index]}: {cleaned}")
                continue
            found.append(cleaned)
        return found

    def _filled_and_fitting(
        self, row: RowData, indices: list[int], cells: list[object], check: Any
    ) -> Iterator[tuple[int, object, str]]:
        """(column, value, cleaned text) of the columns' filled values that fit; misfits go to the notes."""
        for index in indices:
            value = cells[index]
            if value == "" or value is None:
                continue
            cleaned = text(value)
            if cleaned.lower() in PLACEHOLDERS:
                continue
            if check is not None and (problem := check(cleaned)):
                self._lost(row, index, value, problem)
                continue
            yield index, value, cleaned

    @staticmethod
    def _first_filled(indices: list[int], cells: list[object]) -> int | None:
        return next((i for i in indices if cells[i] != "" and cells[i] is not None), None)

    def _others_to_notes(self, row: RowData, indices: list[int], chosen: int, cells: list[object]) -> None:
        kept = text(cells[chosen])
        for index in indices:
            value = text(cells[index])
            if index != chosen and value and value != kept:
                row.add_note(f"{self.headers[index]}: {value}")

    def _billing_flag(self, row: RowData, indices: list[int], cells: list[object]) -> bool | None:
        answer = None
        for index in indices:
            value = cells[index]
            if value == "" or value is None:
                continue
            said = flag_value(value)
            if said is None:
                self._lost(row, index, value, Said("“{value}” is not a yes or a no", value=text(value)))
                continue
            answer = bool(answer) or said
        return answer

    def _site(self, row: RowData, read: _Found, label: str, country: str) -> dict[str, Any]:
        found = read.address
        country = country or "US"
        region = found.region
        if region and self.north_american and self.checked and country in ("US", "CA"):
            code, where = addr.north_american_region(region)
            if not code:
                index = read.region_index
                header = self.headers[index] if index is not None else target_label("region")
                row.add_problem(
                    Said(
                        "{header}: “{value}” is not a US state or Canadian province; the value was "
                        "put in the notes.",
                        header=header,
                        value=region,
                    )
                )
                row.add_note(f"{header}: {region}")
                region = ""
            else:
                region = code
                if where == "CA" and not read.country:
                    country = "CA"  # an Ontario address in a list without a country column
        elif region:
            region = addr.region_code(region) if country == "US" and self.us else region
        us = country == "US" and self.us
        postal, problem = addr.fix_zip(found.postal_code, us)
        notes = ""
        if problem:
            notes = f"ZIP code: {text(found.postal_code)}"
            index = read.postal_index
            row.add_problem(
                problem
                if index is None
                else Said("{header}: {problem}", header=self.headers[index], problem=problem)
            )
        return {
            "label": label,
            "street": found.street,
            "street2": found.street2,
            "city": found.city,
            "region": region,
            "postal_code": postal,
            "country": country,
            "is_billing": False,
            "notes": notes,
        }

    # ------------------------------------------------------------------ what

    def _equipment(self, row: RowData, values: dict) -> None:
        equipment = self._plain(row, values, EQUIPMENT.importable)
        if not any(equipment.values()):
            return
        installed, warranty = equipment["installed_on"], equipment["warranty_until"]
        if warranty and installed and warranty < installed:
            row.add_problem(
                Said(
                    "{field}: the warranty cannot end before the install; it was put in the notes.",
                    field=target_label("warranty_until"),
                )
            )
            row.add_note(t("Warranty until") + ": " + formatting.numeric_date(warranty))
            equipment["warranty_until"] = None
        equipment["kind"] = equipment["kind"] or "Equipment"
        row.equipment = equipment

    def _sale(self, row: RowData, values: dict) -> None:
        """Sales to date ("Total Sales", "Lifetime value") as one opening-balance sale, dated by the file's
        last sale, else the customer's first day with us, else the import day."""
        if "lifetime_value" not in values and "last_sale" not in values:
            return
        last_sale = self._date(row, values, "last_sale")
        index, raw, cleaned = values.get("lifetime_value", _NONE)
        amount = parse_amount(raw) if index is not None else None
        if index is not None and amount is not None and amount < 0:
            self._lost(row, index, raw, Said("{value} is less than nothing", value=cleaned))
            amount = None
        if not amount:  # no total, or nothing bought: the last sale's day is kept where it can be read
            if last_sale is not None:
                row.add_note(f"{self.headers[values['last_sale'][0]]}: {formatting.numeric_date(last_sale)}")
            return
        if last_sale is not None:
            day, dated_by = last_sale, self.headers[values["last_sale"][0]]
        elif row.customer.get("customer_since"):
            day, dated_by = row.customer["customer_since"], self.headers[values["customer_since"][0]]
        else:
            day, dated_by = self.today, ""
        row.sale = OpeningSale(amount, day, self.headers[index], dated_by)

    def _plain(self, row: RowData, values: dict, specs: tuple[FieldSpec, ...]) -> dict[str, Any]:
        """Declared fields read as their kind says, by field name: a date (a problem and a note when it
        cannot be read), yes/no, or the cleaned text; "" or None when the row has nothing for them."""
        found: dict[str, Any] = {}
        for spec in specs:
            target = spec.imports
            if spec.kind in DATE_KINDS:
                found[spec.name] = self._date(row, values, target)
            elif spec.kind is FieldKind.BOOL:
                found[spec.name] = target in values and values[target][1] == "yes"
            else:
                found[spec.name] = values.get(target, _NONE)[2]
        return found


def _add_line(found: addr.Address, line: str) -> None:
    """Another apartment, suite or "c/o" line, unless the second line has it already."""
    if not found.street2:
        found.street2 = line
    elif line.lower() not in found.street2.lower():
        found.street2 = f"{found.street2}, {line}"


def _place(site: dict[str, Any]) -> tuple[str, str]:
    """Where a site is, for telling two addresses of one row apart: street with unit, and ZIP or town."""
    street = addr.street_and_unit_key(site["street"], site["street2"])
    return street, (site["postal_code"] or "")[:5] or addr.key(site["city"])
