"""Export the whole database and read it back: the same customers, sites and equipment."""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.campaigns import AudienceCriteria
from app.domain.errors import UserError
from app.persistence import exports
from app.persistence.db import close_database, open_database
from app.services.campaigns import create_campaign
from app.services.cancel import Cancelled
from app.services.demo import build_demo
from app.services.documents.letter_templates import save_template, shipped_templates
from app.services.exporting import LONG_TEXT_SHEET, MAX_CELL_TEXT, export_database
from app.services.importing import inspect_file, run_import
from app.services.opportunities import recompute_opportunities
from app.services.settings import load_settings, save_settings

TODAY = datetime.date(2024, 6, 1)


def snapshot() -> dict[str, list[tuple]]:
    """Customers, sites and equipment as the owner sees them (ids differ between databases)."""
    from app.persistence.tables import database_proxy

    db = database_proxy.obj
    customers = db.execute_sql(
        "SELECT c.id, c.kind, c.first_name, c.last_name, c.company, c.email, c.email2, c.phone, "
        "c.phone_mobile, "
        "c.phone_work, c.do_not_call, c.do_not_mail, c.do_not_email, c.customer_since, c.notes, "
        "coalesce(g.name, '') FROM customer c LEFT JOIN segment g ON g.id = c.segment_id"
    ).fetchall()
    sites = db.execute_sql(
        "SELECT customer_id, id, label, street, street2, city, region, postal_code, country FROM site"
    ).fetchall()
    equipment = db.execute_sql(
        "SELECT site_id, kind, brand, model, serial, installed_on, warranty_until FROM equipment"
    ).fetchall()
    by_site: dict[int, list[tuple]] = {}
    for site_id, *item in equipment:
        by_site.setdefault(site_id, []).append(tuple(str(v) if v else "" for v in item))
    by_customer: dict[int, list[tuple]] = {}
    for customer_id, site_id, *place in sites:
        by_customer.setdefault(customer_id, []).append((*place, tuple(sorted(by_site.get(site_id, [])))))
    found = [
        (
            *(_text(v) for v in row[1:]),
            tuple(sorted(by_customer.get(row[0], []))),
        )
        for row in customers
    ]
    return {"customers": sorted(found)}


def test_round_trip_gives_the_same_customers_sites_and_equipment(tmp_path: Path) -> None:
    open_database(tmp_path / "source.db")
    try:
        build_demo(customers=150, seed=3, today=TODAY)
        from app.persistence.tables import database_proxy

        database_proxy.obj.execute_sql(
            "UPDATE customer SET notes = '=HYPERLINK(\"http://evil\")' || char(1) || ' line' WHERE id = 1"
        )
        database_proxy.obj.execute_sql("UPDATE customer SET company = '@SUM(A1)' WHERE id = 2")
        expected = snapshot()
        summary = export_database(tmp_path / "everything.xlsx")
    finally:
        close_database()
    assert summary.rows["customer"] == 150 and summary.rows["site"] >= 150
    workbook = load_workbook(tmp_path / "everything.xlsx", read_only=False)
    assert {"customer", "site", "equipment", "visit", "touch", "partner"} <= set(workbook.sheetnames)
    notes_column = [c.value for c in workbook["customer"][1]].index("notes")
    cell = workbook["customer"].cell(row=2, column=notes_column + 1)
    assert cell.data_type == "s" and cell.quotePrefix and cell.value.startswith("=HYPERLINK")
    assert "\x01" not in cell.value  # a character XML cannot hold was removed
    assert not list(tmp_path.glob("*.partial.xlsx"))

    open_database(tmp_path / "fresh.db")
    try:
        info = inspect_file(tmp_path / "everything.xlsx")
        assert info.default_sheet == "customer"
        # Its sheet "customer" named: the customers, sites and equipment only, joined (the whole export
        # is restored when no sheet is named: tests/services/test_export_restore.py).
        report = run_import(tmp_path / "everything.xlsx", sheet="customer")
        assert report.customers_created == 150, report.rejected[:3]
        assert report.rejected == []
        restored = snapshot()
        again = run_import(tmp_path / "everything.xlsx", sheet="customer")
        assert (again.customers_created, again.sites_created, again.equipment_created) == (0, 0, 0)
    finally:
        close_database()
    expected_customers = [_without_control(c) for c in expected["customers"]]
    assert restored["customers"] == expected_customers


def _text(value: object) -> str:
    """A stored value as text, the same on SQLite (yes/no as 1/0) and PostgreSQL (True/False)."""
    if isinstance(value, bool):
        return str(int(value))
    return "" if value in (None, "") else str(value)


def _without_control(row: tuple) -> tuple:
    return tuple(v.replace("\x01", "") if isinstance(v, str) else v for v in row)


def test_export_is_cancellable_and_leaves_no_file(tmp_path: Path) -> None:
    open_database(tmp_path / "db.db")
    try:
        build_demo(customers=50, seed=1, today=TODAY)
        with pytest.raises(Cancelled):
            export_database(tmp_path / "out.xlsx", cancel=lambda: True)
    finally:
        close_database()
    assert list(tmp_path.glob("*.xlsx")) == []


def test_export_into_a_missing_folder_is_one_sentence(tmp_path: Path) -> None:
    open_database(tmp_path / "db.db")
    try:
        with pytest.raises(UserError, match="does not exist"):
            export_database(tmp_path / "nowhere" / "out.xlsx")
    finally:
        close_database()


# --- nothing is left out ----------------------------------------------------------------------
OWNERS_WORK = {
    "letter_template",
    "setting",
    "campaign",
    "campaign_recipient",
    "partner",
    "partner_term",
    "referral",
    "referral_payment",  # with the referrals' commissions, the commission ledger
    "touch",
    "visit",
    "sale",
    "sale_line",
    "service_plan",
    "opportunity",  # statuses, snoozes and dismissals are the owner's decisions, not derived
}


def test_every_table_is_exported_or_left_out_with_a_reason(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "db.db")
    try:
        tables = set(opened.database.get_tables())
        assert exports.unaccounted_tables() == []
        assert exports.unexported_columns() == {}
        exported = {name for name, _columns in exports.exportable_tables()}
    finally:
        close_database()
    assert not OWNERS_WORK - exported
    assert set(exports.NOT_EXPORTED) <= tables  # the list names tables that exist
    assert not exported & set(exports.NOT_EXPORTED)
    assert all(len(reason) > 20 for reason in exports.NOT_EXPORTED.values())
    assert LONG_TEXT_SHEET not in tables


def test_a_table_or_column_nobody_declared_is_caught(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "db.db")
    try:
        opened.database.execute_sql("CREATE TABLE warranty_claim (id INTEGER PRIMARY KEY, notes TEXT)")
        opened.database.execute_sql("ALTER TABLE customer ADD COLUMN loyalty_tier TEXT")
        assert exports.unaccounted_tables() == ["warranty_claim"]
        assert exports.unexported_columns() == {"customer": ["loyalty_tier"]}
    finally:
        close_database()


def test_the_owners_own_work_is_in_the_export_row_for_row(tmp_path: Path) -> None:
    logo = bytes(range(256)) * 200  # 51,200 bytes: its stored text is longer than a cell can hold
    open_database(tmp_path / "db.db")
    try:
        build_demo(customers=60, seed=2, today=TODAY)
        recompute_opportunities(today=TODAY)
        save_template(dataclasses.replace(shipped_templates()["renewal"], subject="Renew {plan_name} today"))
        save_settings(dataclasses.replace(load_settings(), company_name="Comfort", logo_png=logo))
        create_campaign("Spring check-in", AudienceCriteria(), today=TODAY)
        counts = {name: exports.count_rows(name) for name, _columns in exports.exportable_tables()}
        stored_logo = exports_value("setting", "value", "key", "logo_png")
        summary = export_database(tmp_path / "everything.xlsx")
    finally:
        close_database()
    assert [name for name in sorted(OWNERS_WORK) if not counts[name]] == []
    assert summary.rows == counts
    workbook = load_workbook(tmp_path / "everything.xlsx", read_only=True)
    try:
        sheets = {name: list(workbook[name].values) for name in workbook.sheetnames}
    finally:
        workbook.close()
    assert set(sheets) == set(counts) | {LONG_TEXT_SHEET}
    assert {name: len(rows) - 1 for name, rows in sheets.items() if name != LONG_TEXT_SHEET} == counts
    templates = records(sheets["letter_template"])
    assert [t["name"] for t in templates] == ["renewal"]
    assert json.loads(templates[0]["data_json"])["subject"] == "Renew {plan_name} today"
    setting_rows = sheets["setting"]
    row_number = next(i for i, row in enumerate(setting_rows, start=1) if row[0] == "logo_png")
    head = setting_rows[row_number - 1][1]
    assert len(head) == MAX_CELL_TEXT
    parts = [row for row in sheets[LONG_TEXT_SHEET][1:] if row[:2] == ("setting", f"B{row_number}")]
    assert [part for _sheet, _cell, part, _text in parts] == list(range(2, len(parts) + 2))
    assert head + "".join(text for *_where, text in parts) == stored_logo


def exports_value(table: str, column: str, key_column: str, key: str) -> str:
    from app.persistence.tables import database_proxy

    return database_proxy.obj.execute_sql(
        f'SELECT "{column}" FROM "{table}" WHERE "{key_column}" = ?', (key,)
    ).fetchone()[0]


def records(rows: list[tuple]) -> list[dict]:
    header, *body = rows
    return [dict(zip(header, row, strict=True)) for row in body]
