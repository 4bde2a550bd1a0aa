"""Records around a customer: edits, deletes that undo exactly, and merges that undo exactly."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from app.domain import clock
from app.domain.customers import CustomerDraft
from app.domain.errors import UserError
from app.domain.records import EquipmentDraft, SaleDraft, SiteDraft, TouchDraft, VisitDraft
from app.services import customers, records


def _dump(database) -> dict:
    tables = ["customer", "site", "equipment", "visit", "sale", "touch", "service_plan", "customer_search"]
    return {t: database.execute_sql(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}


@pytest.fixture
def smith(db) -> int:
    customer_id = customers.add_customer(
        CustomerDraft(first_name="Ann", last_name="Smith", phone="410-632-0571")
    )
    site_id = records.add_record(
        SiteDraft(
            customer_id, street="12 Elm St", city="Towson", region="md", postal_code="21204", is_billing=True
        )
    )
    equipment_id = records.add_record(
        EquipmentDraft(site_id, kind="Furnace", brand="Carrier", installed_on=datetime.date(2009, 3, 15))
    )
    records.add_record(
        VisitDraft(customer_id, datetime.date(2024, 10, 1), site_id, equipment_id, technician="Raj")
    )
    records.add_record(SaleDraft(customer_id, datetime.date(2009, 3, 15), "Furnace install", "4,250.00"))
    records.add_record(
        TouchDraft(customer_id, "call", datetime.datetime(2025, 1, 5, 10, 0), outcome="talked")
    )
    return customer_id


def test_a_site_makes_the_customer_findable_by_street(db, smith: int) -> None:
    assert [c.id for c in customers.find_customers("Elm St")] == [smith]
    assert customers.find_customers("towson")[0].city == "Towson"


def test_a_sale_stores_cents(db, smith: int) -> None:
    detail = customers.customer_detail(smith)
    assert detail.sales[0].detail.startswith("$4,250.00")
    assert detail.equipment[0].kind == "Furnace"
    assert detail.sites[0].region == "MD"


def test_deleting_a_customer_then_undoing_restores_every_row(db, smith: int) -> None:
    before = _dump(db.database)
    snapshot = records.delete_customer(smith)
    assert customers.customer_detail(smith) is None
    assert customers.find_customers("Smith") == []
    records.restore(snapshot)
    assert _dump(db.database) == before


def test_deleting_a_site_takes_its_equipment_and_undo_brings_back_links(db, smith: int) -> None:
    before = _dump(db.database)
    site_id = customers.customer_detail(smith).sites[0].id
    snapshot = records.delete_record("site", site_id)
    detail = customers.customer_detail(smith)
    assert detail.sites == [] and detail.equipment == []
    records.restore(snapshot)
    after = _dump(db.database)
    # Only the customer's version moved on (it counts changes); every row is back as it was.
    assert after["equipment"] == before["equipment"] and after["visit"] == before["visit"]
    assert after["site"] == before["site"]


def test_merging_moves_history_and_undo_separates_them_again(db, smith: int) -> None:
    duplicate = customers.add_customer(
        CustomerDraft(first_name="Ann", last_name="Smith", email="ann@example.com", do_not_call=True)
    )
    records.add_record(
        SiteDraft(duplicate, street="9 Bay Rd", city="Dundalk", postal_code="21222", is_billing=True)
    )
    records.add_record(TouchDraft(duplicate, "mail", datetime.datetime(2025, 2, 1, 9, 0)))
    before = _dump(db.database)
    record = records.merge_customers(smith, duplicate)
    merged = customers.customer_detail(smith)
    assert customers.customer_detail(duplicate) is None
    assert len(merged.sites) == 2 and len(merged.touches) == 2
    assert [s.is_billing for s in merged.sites].count(True) == 1
    assert merged.draft.email == "ann@example.com"  # filled from the duplicate
    assert merged.draft.do_not_call  # a refusal on either one holds
    records.unmerge_customers(record)
    assert _dump(db.database) == before


def test_merging_a_customer_with_itself_is_refused(db, smith: int) -> None:
    with pytest.raises(UserError, match="two different"):
        records.merge_customers(smith, smith)


def test_an_edit_is_checked_and_a_stale_version_is_refused(db, smith: int) -> None:
    detail = customers.customer_detail(smith)
    version = customers.save_customer(
        smith, CustomerDraft(first_name="Ann", last_name="Smyth"), detail.version
    )
    assert customers.customer_detail(smith).name == "Smyth, Ann"
    with pytest.raises(UserError, match="Someone else changed"):
        customers.save_customer(smith, CustomerDraft(first_name="Ann", last_name="Smith"), version - 1)
    with pytest.raises(UserError) as caught:
        customers.save_customer(smith, CustomerDraft(last_name="Smyth", phone="12"), version)
    assert caught.value.field == "phone"


def test_bad_records_are_refused_with_the_field_named(db, smith: int) -> None:
    site_id = customers.customer_detail(smith).sites[0].id
    future = clock.today() + datetime.timedelta(days=10)
    with pytest.raises(UserError) as caught:
        records.add_record(EquipmentDraft(site_id, kind="Furnace", installed_on=future))
    assert caught.value.field == "installed_on"
    with pytest.raises(UserError) as caught:
        records.add_record(SaleDraft(smith, datetime.date(2024, 1, 1), "Repair", "-5"))
    assert caught.value.field == "total"
    with pytest.raises(UserError) as caught:
        records.add_record(SiteDraft(smith, street="1 Main", city="Towson", postal_code="2120"))
    assert caught.value.field == "postal_code"
    assert (
        Decimal(customers.customer_detail(smith).sales[0].detail.split()[0].strip("$").replace(",", "")) > 0
    )


def test_the_search_index_keeps_one_row_per_customer_through_every_change(db, smith: int, tmp_path) -> None:
    """Counting matches in the index alone (count_customers) is right only while this holds."""
    from openpyxl import Workbook

    from app.services import privacy
    from app.services.importing import run_import, undo_import

    def indexed_as_stored() -> bool:
        ids = db.database.execute_sql("SELECT id FROM customer ORDER BY id").fetchall()
        return ids == db.database.execute_sql("SELECT rowid FROM customer_search ORDER BY rowid").fetchall()

    others = [customers.add_customer(CustomerDraft(first_name="Bo", last_name=f"Smith{n}")) for n in range(3)]
    assert indexed_as_stored() and customers.count_customers("Smith") == 4
    snapshot = records.delete_customer(others[0])
    assert indexed_as_stored() and customers.count_customers("Smith") == 3
    records.restore(snapshot)
    merge = records.merge_customers(smith, others[1])
    assert indexed_as_stored() and customers.count_customers("Smith") == 3
    records.unmerge_customers(merge)
    privacy.erase_customer(others[2])
    assert indexed_as_stored() and customers.count_customers("Smith") == 3
    book = Workbook()
    book.active.append(["First Name", "Last Name", "Phone"])
    book.active.append(["Cy", "Smithers", "410-555-0142"])
    book.save(tmp_path / "more.xlsx")
    report = run_import(tmp_path / "more.xlsx")
    assert indexed_as_stored() and customers.count_customers("Smith") == 4
    undo_import(report.batch)
    assert indexed_as_stored() and customers.count_customers("Smith") == 3
    assert customers.count_customers("") == 3
