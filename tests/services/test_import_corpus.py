"""Each program's real-shaped export (tests/services/real_exports.py) imports with nothing lost and nothing
invented: every value of every imported row is somewhere the owner can see it (a field of the customer,
one of its sites, its sales, or its notes), every row left out says why, every customer with an address
can be mailed at a real street, importing the file again adds nothing, and undo takes it all back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain import clock
from app.domain.campaigns import AudienceCriteria
from app.persistence.db import OpenedDatabase
from app.services.importing import addresses as addr
from app.services.importing import guess_mapping, plan_import, read_sheet, run_import, undo_import
from app.services.importing.cleaning import PLACEHOLDERS, PhoneParser, is_flag, parse_amount, text
from app.services.mailings import select_audience
from tests.services import real_exports as rx

# Columns the importer leaves out on purpose: the old program's bookkeeping and the labels of values it
# reads with them ("Phone 1 - Label" says which slot "Phone 1 - Value" goes in; "E-mail Type" is "SMTP").
LEFT_OUT = {
    "quickbooks": {"Balance Total"},
    "google": {"E-mail 1 - Label", "E-mail 2 - Label", "Phone 1 - Label", "Phone 2 - Label"},
    "outlook": {"E-mail Type"},
}
_WORD = re.compile(r"[0-9a-z]+")


def _norm(value: object) -> str:
    return "".join(_WORD.findall(str(value).casefold()))


def _rows(db: OpenedDatabase, sql: str, params: list | tuple = ()) -> list[tuple]:
    return db.database.execute_sql(sql, list(params)).fetchall()


def _seen(db: OpenedDatabase, customer_id: int) -> str:
    """All the owner can see of one customer, as one run of lower-case letters and digits per field."""
    parts = [str(v) for v in _rows(db, "SELECT * FROM customer WHERE id = ?", [customer_id])[0]]
    parts += [f"{first} {last}" for first, last in _rows(
        db, "SELECT first_name, last_name FROM customer WHERE id = ?", [customer_id])]  # fmt: skip
    segment = _rows(db, "SELECT g.name FROM customer c JOIN segment g ON g.id = c.segment_id WHERE c.id = ?",
                    [customer_id])  # fmt: skip
    parts += [name for (name,) in segment]
    for site in _rows(db, "SELECT label, street, street2, city, region, postal_code, country, notes, id "
                          "FROM site WHERE customer_id = ?", [customer_id]):  # fmt: skip
        parts.append(" ".join(str(v) for v in site[:7]))  # the address as one run: "901 Harbor Dr Apt 3B"
        parts.append(str(site[7]))
        parts += [" ".join(str(v) for v in item) for item in _rows(
            db, "SELECT kind, brand, model, serial, installed_on, warranty_until FROM equipment "
                "WHERE site_id = ?", [site[8]])]  # fmt: skip
    parts += [f"{day} {cents} {cents / 100:,.2f}" for day, cents in _rows(
        db, "SELECT sold_on, total_cents FROM sale WHERE customer_id = ?", [customer_id])]  # fmt: skip
    return "\x1f".join(_norm(p) for p in parts)


_ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2})?)?$")


def _kept(value: object, seen: str, phones: PhoneParser, since: str = "") -> bool:
    """Whether a cell's value is among what the owner sees of its customer, in some form of it.
    `since`: the customer's first day (ISO); a later day of one of its rows is within it."""
    cleaned = text(value)
    if _norm(cleaned) in seen:
        return True
    if day := _ISO_DAY.match(cleaned):  # a date and time of day: the day is what is kept
        return _norm(day.group(1)) in seen or bool(since and since <= day.group(1))
    if is_flag(cleaned):  # a yes/no is a field's state, checked by the tests of those fields
        return True
    found, _rejected, _ext = phones.parse(value)
    if found and all(number.removeprefix("+") in seen for _, number in found):
        return True
    amount = parse_amount(value)
    if amount is not None and str(int(amount * 100)) in seen:
        return True
    code, _country = addr.north_american_region(cleaned)
    if code and _norm(code) in seen:  # "Ontario" is kept as ON
        return True
    if addr.country_code(cleaned) in ("US", "CA"):
        return True
    if cleaned.lower() in ("residential", "commercial"):
        return True  # the customer's kind
    # A whole address or name cell: each of its lines or parts ("SMITH, JOHN:Kitchen Remodel").
    pieces = [p for p in re.split(r"[\n,:;()]+", cleaned) if _norm(p)]
    return len(pieces) > 1 and all(_kept(p, seen, phones) for p in pieces)


def _customer_of_each_row(table, mapping) -> tuple[dict[int, int], list[dict]]:
    """Excel row → the id its customer gets in a fresh database (created in the plan's order)."""
    plan = plan_import(table, mapping)
    created = [g for g in plan.groups if g.saved_id is None]
    owner = {}
    for number, group in enumerate(created, start=1):
        for member in group.members:
            owner[plan.row_data[member].excel_row] = number
    return owner, plan.rejected


@pytest.mark.parametrize("name", sorted(rx.CORPUS))
def test_every_value_is_kept_where_the_owner_can_see_it(
    db: OpenedDatabase, tmp_path: Path, name: str
) -> None:
    path = rx.CORPUS[name](tmp_path)
    table = read_sheet(path)
    mapping = guess_mapping(table.headers)
    left_out = {table.headers[i] for i, target in mapping.items() if target == "ignore"}
    assert left_out <= LEFT_OUT.get(name, set()), f"{name} leaves out {left_out}"
    owner, rejected = _customer_of_each_row(table, mapping)
    report = run_import(path)
    assert report.rejected == rejected
    assert all(item["reason"] for item in report.rejected)
    phones = PhoneParser("US")
    seen: dict[int, str] = {}
    lost = []
    for excel_row, cells in table.rows:
        if excel_row not in owner:
            continue
        customer = owner[excel_row]
        seen.setdefault(customer, _seen(db, customer))
        (since,) = _rows(db, "SELECT coalesce(customer_since, '') FROM customer WHERE id = ?", [customer])[0]
        for index, value in enumerate(cells):
            if mapping.get(index, "ignore") == "ignore" or value in ("", None):
                continue
            if text(value).lower() in PLACEHOLDERS or _kept(value, seen[customer], phones, str(since)[:10]):
                continue
            lost.append(f"row {excel_row} {table.headers[index]}: {value!r}")
    assert not lost, f"{name}: {len(lost)} values lost, e.g. {lost[:5]}"


@pytest.mark.parametrize("name", sorted(rx.CORPUS))
def test_every_customer_with_an_address_can_be_mailed(db: OpenedDatabase, tmp_path: Path, name: str) -> None:
    run_import(rx.CORPUS[name](tmp_path))
    addressed = {
        cid
        for cid, street, city, postal in _rows(db, "SELECT customer_id, street, city, postal_code FROM site")
        if street and (city or postal)
    }
    refused = {cid for (cid,) in _rows(db, "SELECT id FROM customer WHERE do_not_mail OR do_not_service")}
    audience = select_audience(AudienceCriteria(), today=clock.today())
    mailed = {r.customer_id: r for r in audience.included}
    assert addressed, name
    assert addressed - refused == set(mailed), name
    streets = {(cid, street) for cid, street in _rows(db, "SELECT customer_id, street FROM site")}
    for customer_id, recipient in mailed.items():
        assert recipient.address is not None
        assert not addr.street_problem(recipient.address.street), recipient.address
        assert (customer_id, recipient.address.street) in streets
    excluded = {item.customer_id for item in audience.excluded}
    assert refused & addressed <= excluded


@pytest.mark.parametrize("name", sorted(rx.CORPUS))
def test_importing_it_again_adds_nothing_and_undo_takes_it_back(
    db: OpenedDatabase, tmp_path: Path, name: str
) -> None:
    path = rx.CORPUS[name](tmp_path)
    first = run_import(path)
    tables = ("customer", "site", "sale", "visit", "equipment")
    counts = {t: _rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in tables}
    again = run_import(path)
    assert (again.customers_created, again.customers_updated, again.sites_created) == (0, 0, 0), name
    assert {t: _rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in tables} == counts, name
    undo_import(again.batch)
    undo_import(first.batch)
    assert {t: _rows(db, f"SELECT count(*) FROM {t}")[0][0] for t in tables} == dict.fromkeys(tables, 0)
