"""Privacy: a customer's data in a workbook, erasure that stays erased, files only the owner can read."""

from __future__ import annotations

import datetime
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from app.domain.customers import CustomerDraft
from app.domain.errors import UserError
from app.domain.records import EquipmentDraft, SaleDraft, SiteDraft, TouchDraft, VisitDraft
from app.persistence import db as database_files
from app.persistence.tables import ImportBatch, ImportChange, Partner, Referral, Suppression
from app.services import customers, privacy, records

NOTE = '=HYPERLINK("http://evil.example","click")\x0b and a vertical tab'


@pytest.fixture
def ann(db) -> int:
    customer_id = customers.add_customer(
        CustomerDraft(
            first_name="José",
            last_name="Núñez",
            phone="410-632-0571",
            phone_mobile="443 555 0199",
            email="Jose.Nunez@Example.com",
            notes=NOTE,
        )
    )
    site_id = records.add_record(
        SiteDraft(customer_id, street="12 Elm St", city="Towson", region="MD", postal_code="21204-3311")
    )
    equipment_id = records.add_record(
        EquipmentDraft(site_id, kind="Furnace", brand="Carrier", installed_on=datetime.date(2009, 3, 15))
    )
    records.add_record(VisitDraft(customer_id, datetime.date(2024, 10, 1), site_id, equipment_id))
    records.add_record(SaleDraft(customer_id, datetime.date(2009, 3, 15), "Furnace install", "4,250.00"))
    records.add_record(
        TouchDraft(customer_id, "call", datetime.datetime(2025, 1, 5, 10, 0), outcome="talked")
    )
    partner = Partner.create(business="Bay Plumbing")
    Referral.create(
        partner=partner,
        customer=customer_id,
        direction="from_partner",
        referred_on=datetime.date(2024, 5, 1),
        notes="José's basement floods every spring",
        commission_cents=15_000,
    )
    batch = ImportBatch.create(file_name="list.xlsx")
    ImportChange.create(batch=batch, table_name="customer", row_id=customer_id, action="updated",
                        before_json='{"last_name": "Núñez"}')  # fmt: skip
    ImportChange.create(batch=batch, table_name="site", row_id=site_id, action="created")
    return customer_id


@pytest.fixture
def bob(db) -> int:
    customer_id = customers.add_customer(
        CustomerDraft(first_name="Bob", last_name="Other", phone="410-555-0100")
    )
    records.add_record(SiteDraft(customer_id, street="1 Oak Ave", city="Towson", postal_code="21204"))
    return customer_id


def test_the_export_holds_everything_about_the_customer(ann: int, bob: int, tmp_path: Path) -> None:
    out = privacy.export_customer(ann, tmp_path / "ann")
    assert out.suffix == ".xlsx" and out.exists()
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == [
        "Customer", "Sites", "Equipment", "Sales", "Visits", "Contacts", "Referrals"
    ]  # fmt: skip
    fields = {row[0].value: row[1] for row in workbook["Customer"].iter_rows(min_row=2)}
    assert fields["Email"].value == "jose.nunez@example.com"
    assert fields["Phone"].value == "+14106320571"
    # The note is the customer's text, kept as text: never a formula, even though it looks like one.
    assert fields["Notes"].data_type == "s" and fields["Notes"].value.startswith("=HYPERLINK(")
    sales = list(workbook["Sales"].iter_rows(values_only=True))
    assert "Total" in sales[0]
    assert Decimal(str(sales[1][sales[0].index("Total")])) == Decimal("4250")
    referral = list(workbook["Referrals"].iter_rows(values_only=True))
    assert "Bay Plumbing" in referral[1]
    everything = " ".join(
        str(cell) for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
    )
    assert "Bob" not in everything and "Oak Ave" not in everything
    if sys.platform != "win32":
        assert out.stat().st_mode & 0o777 == 0o600


def _count(database, sql: str, *params) -> int:
    return database.execute_sql(sql, list(params)).fetchone()[0]


def test_erasing_removes_the_customer_and_their_history(db, ann: int, bob: int) -> None:
    database = db.database
    result = privacy.erase_customer(ann)
    assert (
        result.removed["customer"] == 1 and result.removed["site"] == 1 and result.removed["equipment"] == 1
    )
    assert customers.customer_detail(ann) is None
    assert customers.find_customers("Núñez") == [] and customers.find_customers("Elm St") == []
    for table in ("site", "sale", "visit", "touch", "service_plan", "opportunity"):
        assert _count(database, f"SELECT count(*) FROM {table} WHERE customer_id = ?", ann) == 0
    assert _count(database, "SELECT count(*) FROM equipment") == 0
    # The import log forgets them too; the partner's referral stays (it is the business's money)
    # but no longer says who it was about.
    assert _count(database, "SELECT count(*) FROM import_change") == 0
    referral = Referral.get()
    assert referral.customer_id is None and referral.notes == "" and referral.commission_cents == 15_000
    assert customers.customer_detail(bob) is not None  # nobody else was touched


def test_nothing_personal_is_kept_in_the_suppression_list(db, ann: int) -> None:
    privacy.erase_customer(ann)
    kept = " ".join(key for (key,) in Suppression.select(Suppression.match_key).tuples())
    assert kept and all(len(key) == 64 for key in kept.split())
    for secret in ("4106320571", "nunez", "Núñez", "example.com", "21204"):
        assert secret.lower() not in kept.lower()
    connection = sqlite3.connect(db.database.database)
    try:
        (dumped,) = connection.execute(
            "SELECT group_concat(display_name || email || phone) FROM customer"
        ).fetchone()
    finally:
        connection.close()
    assert dumped is None  # no customer rows at all (only Ann was there besides the fixture-less db)


@pytest.mark.parametrize(
    "seen",
    [
        {"phone": "(410) 632-0571"},
        {"phone": "+1 443-555-0199"},
        {"email": "  JOSE.NUNEZ@example.com "},
        {"name": "Jose Nunez", "postal_code": "21204"},
        {"name": "NÚÑEZ, José", "postal_code": "21204-3311"},
        {"name": "Someone Else", "email": "x@y.com", "phone": "410-632-0571"},
    ],
)
def test_an_erased_customer_is_recognised_by_a_later_import(db, ann: int, seen: dict) -> None:
    assert not privacy.is_suppressed(**seen)
    privacy.erase_customer(ann)
    assert privacy.is_suppressed(**seen)
    assert not privacy.suppressed_keys().isdisjoint(privacy.match_keys(**seen))


@pytest.mark.parametrize(
    "seen",
    [
        {"name": "José Núñez"},  # a name without a postal code is too common to go by
        {"name": "José Núñez", "postal_code": "21286"},
        {"phone": "410-632-0572"},
        {"email": "jose.nunez@example.org"},
        {},
    ],
)
def test_other_people_are_not_suppressed(db, ann: int, seen: dict) -> None:
    privacy.erase_customer(ann)
    assert not privacy.is_suppressed(**seen)


def test_erasing_twice_is_a_plain_message(db, ann: int) -> None:
    privacy.erase_customer(ann)
    with pytest.raises(UserError, match="no longer exists"):
        privacy.erase_customer(ann)
    with pytest.raises(UserError, match="no longer exists"):
        privacy.export_customer(ann, Path("unused.xlsx"))


@pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps %LOCALAPPDATA% private by its ACL")
def test_the_database_backups_and_logs_are_readable_by_the_owner_only(tmp_path: Path) -> None:
    import os

    from app.logs import setup_logging
    from app.services.backups import make_backup

    old = os.umask(0o022)  # the usual umask: new files readable by everyone
    try:
        data_dir = tmp_path / "data"
        path = data_dir / "customers.sqlite3"
        database_files.open_database(path)
        customers.add_customer(CustomerDraft(first_name="Ann", last_name="Smith"))
        setup_logging(data_dir)
        (data_dir / "backups").mkdir()
        (data_dir / "backups" / "old-copy.sqlite3").write_bytes(b"")
        assert path.stat().st_mode & 0o077  # as SQLite created it
        privacy.protect_data_files(path, data_dir)
        made = make_backup()
        customers.add_customer(CustomerDraft(first_name="Bob", last_name="Smith"))
        assert Path(f"{path}-wal").stat().st_mode & 0o777 == 0o600  # SQLite gives it the file's mode
    finally:
        os.umask(old)
        database_files.close_database()
    for file in [path, *data_dir.glob("backups/*"), *data_dir.glob("logs/*"), made.path]:
        assert file.stat().st_mode & 0o777 == 0o600, file
    assert (data_dir / "backups").stat().st_mode & 0o777 == 0o700
