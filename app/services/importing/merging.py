"""Putting rows of one customer together, and working out what they add to a saved customer.

A group is the rows of one customer (one row, or several: a Jobber client with
several properties, a QuickBooks customer with its jobs, duplicates, the contacts
of one business). Its phones fill the phone, mobile and work slots by their labels;
numbers, addresses, other people's names and other values that have no slot go
into the notes, never away. Against a saved customer only blanks are filled and new
sites, equipment, visits and the opening-balance sale added: what the owner already
has is not overwritten by an old spreadsheet.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from app.domain import formatting
from app.domain.customers import display_name
from app.domain.fields import FieldKind
from app.domain.i18n import t
from app.domain.said import Said
from app.services.importing import addresses as addr
from app.services.importing.cleaning import same_person, shown_phone
from app.services.importing.rows import PLAIN_CUSTOMER, OpeningSale, RowData

_SLOT_OF_KIND = {
    "mobile": "phone_mobile",
    "work": "phone_work",
    "home": "phone",
    "": "phone",
    "other": "phone",
}
PHONE_SLOTS = ("phone", "phone_mobile", "phone_work")
# What an import may fill in on a saved customer, besides phones, e-mails and notes: the blanks of its plain
# declared fields, and each refusal (a yes) it lacks, since a refusal always holds. Names are never changed
# by an import: the owner may have fixed them.
FILLABLE = tuple(spec.name for spec in PLAIN_CUSTOMER if spec.kind is not FieldKind.BOOL)
REFUSALS = tuple(spec.name for spec in PLAIN_CUSTOMER if spec.kind is FieldKind.BOOL)


_NOTHING: Mapping[Any, Any] = MappingProxyType({})
# Customer fields whose other values in a group (a second source, a second company) are kept in the notes.
_NOTED_FIELDS = (("company", "Company"), ("source", "How they found us"))


@dataclass(slots=True)
class Group:
    """One customer of the file: its rows merged."""

    primary: int  # index of its first row
    members: list[int] = field(default_factory=list)
    customer: dict[str, Any] = field(default_factory=dict)
    sites: list[dict[str, Any]] = field(default_factory=list)
    equipment: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (index in sites, equipment)
    visits: list[tuple[datetime.date, int | None]] = field(default_factory=list)
    sales: list[OpeningSale] | tuple[OpeningSale, ...] = ()  # the opening balance (a shared empty tuple)
    segment: str = ""
    saved_id: int | None = None
    # What it changes on a saved customer (new values, old values) and which of its sites are saved already:
    # empty and shared until a saved customer needs them (100,000 groups, most of them new customers).
    update: Mapping[str, Any] = field(default_factory=lambda: _NOTHING)
    before: Mapping[str, Any] = field(default_factory=lambda: _NOTHING)
    saved_site_ids: Mapping[int, int] = field(default_factory=lambda: _NOTHING)  # sites index → saved id


def site_key(site: dict[str, Any]) -> tuple[str, str]:
    street = addr.street_and_unit_key(site.get("street", ""), site.get("street2", ""))
    place = (site.get("postal_code") or "")[:5] or addr.key(site.get("city", ""))
    if street:
        return street, place
    return "", f"{place}|{addr.key(site.get('label', ''))}"


def merge_group(group: Group, rows: list[RowData], region: str) -> None:
    """Fold the member rows into one customer; later rows fill what earlier ones left blank."""
    if len(group.members) == 1 and _merge_single(group, rows[group.members[0]], region):
        return
    customer: dict[str, Any] = {}
    phones: list[tuple[str, str]] = []
    emails: list[str] = []
    notes: list[str] = []
    keys: dict[tuple[str, str], int] = {}
    sales: list[OpeningSale] = []
    last_site: int | None = None  # the site of the row before: where a row without an address belongs
    for index in group.members:
        row = rows[index]
        for column, value in row.customer.items():
            if value and not customer.get(column):
                customer[column] = value
            elif column == "customer_since" and value and value < customer[column]:
                customer[column] = value  # a customer since the first of their rows' days
        phones += [p for p in row.phones if p[1] not in {n for _, n in phones}]
        emails += [e for e in row.emails if e not in emails]
        notes += [n for n in row.notes if n not in notes]
        group.segment = group.segment or row.segment
        row_sites = []
        for site in row.sites:
            key = site_key(site)
            if key not in keys:
                keys[key] = len(group.sites)
                group.sites.append(dict(site))
            elif site.get("is_billing"):
                group.sites[keys[key]]["is_billing"] = True
            row_sites.append(keys[key])
        if (row.equipment or row.last_service) and not row_sites and last_site is not None:
            row_sites.append(last_site)  # a row of more equipment under its customer's: at their address
        elif (row.equipment or row.last_service) and not row_sites:
            keys[("", f"|{index}")] = len(group.sites)
            row_sites.append(len(group.sites))
            group.sites.append(_empty_site())
            row.add_problem(Said("No address: its equipment is on a site without an address."))
        service = row_sites[0] if row_sites else None
        last_site = service if service is not None else last_site
        if row.equipment and service is not None:
            group.equipment.append((service, row.equipment))
        if row.last_service:
            group.visits.append((row.last_service, service))
        if row.sale is not None and not any(_same_sale(row.sale, s) for s in sales):
            sales.append(row.sale)  # a client's total repeated on each of its property rows counts once
    group.sales = sales
    others = _others_in_group(group, rows, customer, region)
    if any(line.startswith("Other contact: ") for line in others) and customer.get("company"):
        customer["kind"] = "business"  # several people of one named business: its contacts
    notes += others
    _billing_once(group.sites)
    slots, extra = assign_phones(phones)
    customer.update(slots)
    customer["email"] = emails[0] if emails else ""
    customer["email2"] = emails[1] if len(emails) > 1 else ""
    notes += [_other_phone(n, region) for kind, n in extra if kind != "fax"]
    notes += [t("Fax: {phone}", phone=shown_phone(n, region)) for kind, n in extra if kind == "fax"]
    notes += [t("Other e-mail: {email}", email=e) for e in emails[2:]]
    customer["notes"] = "\n".join(notes)
    first, last, company = (customer.get(k, "") for k in ("first_name", "last_name", "company"))
    customer["display_name"] = display_name(first, last, company)
    group.customer = customer


def _same_sale(a: OpeningSale, b: OpeningSale) -> bool:
    return a.amount == b.amount and a.column == b.column


def _others_in_group(group: Group, rows: list[RowData], customer: dict[str, Any], region: str) -> list[str]:
    """What the customer's fields could not hold of the other rows: other people (a business's contacts,
    with their own e-mail and phone), a name written otherwise, a second company or source."""
    lines: list[str] = []
    first, last = customer.get("first_name", ""), customer.get("last_name", "")
    shown = " ".join(p for p in (first, last) if p)
    for index in group.members[1:]:
        row = rows[index]
        c = row.customer
        person = " ".join(p for p in (c.get("first_name", ""), c.get("last_name", "")) if p)
        if person and person.lower() != shown.lower():
            if shown and not same_person(c.get("first_name", ""), c.get("last_name", ""), first, last):
                reach = [*row.emails, *(shown_phone(n, region) for _, n in row.phones)]
                lines.append(f"Other contact: {person}" + (f" ({', '.join(reach)})" if reach else ""))
            else:
                lines.append(f"Also written as: {person}")
        for column, label in _NOTED_FIELDS:
            value = c.get(column, "")
            if value and addr.key(value) != addr.key(customer.get(column, "")):
                lines.append(f"{label}: {value}")
    return list(dict.fromkeys(lines))


def _merge_single(group: Group, row: RowData, region: str) -> bool:
    """The common case, one row and nothing to fold: taken as it is (a tenth of the work). False if not."""
    if len(row.phones) > 1 or len(row.emails) > 2 or len(row.sites) != 1:
        return False
    customer = row.customer  # shared, not copied: the row's values are the customer's
    customer["phone"] = customer["phone_mobile"] = customer["phone_work"] = ""
    if row.phones:
        kind, number = row.phones[0]
        customer[_SLOT_OF_KIND.get(kind, "phone")] = number
        if kind == "fax":
            return False
    customer["email"] = row.emails[0] if row.emails else ""
    customer["email2"] = row.emails[1] if len(row.emails) > 1 else ""
    customer["notes"] = "\n".join(row.notes)
    group.customer = customer
    group.segment = row.segment
    row.sites[0]["is_billing"] = True
    group.sites = [row.sites[0]]
    if row.equipment:
        group.equipment.append((0, row.equipment))
    if row.last_service:
        group.visits.append((row.last_service, 0))
    if row.sale is not None:
        group.sales = [row.sale]
    return True


def _other_phone(number: str, region: str) -> str:
    """A phone with no slot left, as the notes keep it (in the owner's language: it is their record)."""
    return t("Other phone: {phone}", phone=shown_phone(number, region))


def _empty_site() -> dict[str, Any]:
    return {
        "label": t("Site"),
        "street": "",
        "street2": "",
        "city": "",
        "region": "",
        "postal_code": "",
        "country": "US",
        "is_billing": False,
        "notes": "",
    }


def _billing_once(sites: list[dict[str, Any]]) -> None:
    """One billing site per customer: the first marked one, or the only one."""
    marked = [s for s in sites if s.get("is_billing")]
    for site in marked[1:]:
        site["is_billing"] = False
    if not marked and len(sites) == 1:
        sites[0]["is_billing"] = True


def assign_phones(
    phones: list[tuple[str, str]], taken: dict[str, str] | None = None
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Numbers into the phone/mobile/work slots by label; the ones with no free slot come back as extra."""
    slots = dict.fromkeys(PHONE_SLOTS, "")
    if taken:
        slots.update({k: v for k, v in taken.items() if k in slots})
    present = {v for v in slots.values() if v}
    extra = []
    for kind, number in phones:
        if number in present:
            continue
        slot = _SLOT_OF_KIND.get(kind)
        if slot and not slots[slot]:
            slots[slot] = number
            present.add(number)
        else:
            extra.append((kind, number))
    if taken:
        return {k: v for k, v in slots.items() if v and not taken.get(k)}, extra
    return slots, extra


# ----------------------------------------------------------------------------- against a saved customer


def diff_saved(
    group: Group,
    saved: dict[str, Any],
    saved_sites: list[tuple],
    saved_equipment: set[tuple],
    saved_visits: set[tuple[int, str]],
    region: str,
    saved_sales: dict[int, set[tuple[str, int]]] | None = None,
) -> None:
    """Fill `group.update`/`before` with what the file adds to the saved customer; drop what it has.

    `saved_sales`: (description, cents) of the saved customers' sales. The same opening balance again
    adds nothing; a customer with other sales has their sales to date in the app already, so the file's
    total is not added as a sale (it would count twice) but kept in the notes.
    """
    new = group.customer
    update: dict[str, Any] = {}
    for column in FILLABLE:
        if new.get(column) and not saved.get(column):
            update[column] = new[column]
    for flag in REFUSALS:
        if new.get(flag) and not saved.get(flag):
            update[flag] = True  # a refusal always holds
    numbers = [
        ("mobile" if s == "phone_mobile" else "work" if s == "phone_work" else "", new[s])
        for s in PHONE_SLOTS
        if new.get(s)
    ]
    slots, extra = assign_phones(numbers, {s: saved.get(s, "") for s in PHONE_SLOTS})
    update.update(slots)
    emails = [
        e for e in (new.get("email"), new.get("email2")) if e and e not in (saved["email"], saved["email2"])
    ]
    lines = [_other_phone(n, region) for _, n in extra]
    for column in ("email", "email2"):
        if emails and not saved.get(column):
            update[column] = emails.pop(0)
    lines += [f"Other e-mail: {e}" for e in emails]
    had = (saved_sales or {}).get(group.saved_id or 0, set())
    if group.sales and had:
        fresh = [s for s in group.sales if (s.description, int(s.amount * 100)) not in had]
        lines += [f"{s.column} in the imported file: {formatting.money(s.amount)}" for s in fresh]
        group.sales = ()
    lines += [line for line in (new.get("notes") or "").split("\n") if line]
    lines = [line for line in dict.fromkeys(lines) if line not in (saved.get("notes") or "")]
    if lines:
        update["notes"] = "\n".join([saved["notes"], *lines] if saved.get("notes") else lines)
    group.update = update
    group.before = {column: saved.get(column) for column in update} | {"version": saved["version"]}
    _match_sites(group, saved_sites)
    _drop_saved_children(group, saved_equipment, saved_visits)


def _match_sites(group: Group, saved_sites: list[tuple]) -> None:
    by_key = {}
    for sid, _cid, street, street2, city, _region, postal, _billing in saved_sites:
        place = {"street": street, "street2": street2, "city": city, "postal_code": postal}
        by_key.setdefault(site_key(place), sid)
        by_key.setdefault(site_key({**place, "street2": ""}), sid)  # saved before units were kept apart
    has_billing = any(row[7] for row in saved_sites)
    group.saved_site_ids = {}
    for index, site in enumerate(group.sites):
        key = site_key(site)
        if key in by_key:
            group.saved_site_ids[index] = by_key[key]
        elif not key[0] and saved_sites and group.equipment:
            group.saved_site_ids[index] = saved_sites[0][
                0
            ]  # no address: the equipment goes to their first site
        if has_billing:
            site["is_billing"] = False


def _drop_saved_children(
    group: Group, saved_equipment: set[tuple], saved_visits: set[tuple[int, str]]
) -> None:
    kept = []
    for site_index, item in group.equipment:
        site_id = group.saved_site_ids.get(site_index)
        if site_id is not None and equipment_key(site_id, item) in saved_equipment:
            continue
        kept.append((site_index, item))
    group.equipment = kept
    group.visits = [
        (day, s) for day, s in group.visits if (group.saved_id, day.isoformat()) not in saved_visits
    ]


def equipment_key(site_id: int, item: dict[str, Any] | tuple) -> tuple:
    if isinstance(item, tuple):  # a saved row: (site_id, kind, brand, model, serial, installed_on)
        _, kind, brand, model, serial, installed = item
        installed = str(installed)[:10] if installed else ""
    else:
        kind, brand, model, serial = item["kind"], item["brand"], item["model"], item["serial"]
        installed = item["installed_on"].isoformat() if item["installed_on"] else ""
    return (site_id, kind.lower(), brand.lower(), model.lower(), serial.lower(), installed)


def has_changes(group: Group) -> bool:
    new_sites = len(group.sites) - len(group.saved_site_ids)
    return bool(group.update or new_sites or group.equipment or group.visits or group.sales)
