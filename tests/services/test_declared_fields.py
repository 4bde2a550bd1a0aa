"""The declared fields (app/domain/fields.py) reach the importer and the export: none is left out.

Every declared field is a column of its table and is in the export with its value; every importable one is
an import target under its label, is read by the importer, and comes back from an export imported into an
empty database.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.domain.catalog import SegmentDraft
from app.domain.customers import CustomerDraft
from app.domain.fields import CUSTOMER, ENTITIES, EQUIPMENT, SITE, Entity, FieldKind
from app.domain.records import EquipmentDraft, PlanDraft, SaleDraft, SiteDraft, TouchDraft, VisitDraft
from app.persistence import exports
from app.persistence.db import OpenedDatabase, close_database, open_database
from app.services import customers, records
from app.services.catalog import list_segments_full, save_segment
from app.services.exporting import export_database
from app.services.importing import TARGET_FIELDS, run_import
from app.services.importing.rows import OWN_STEP_TARGETS, PLAIN_KINDS

# The keys an owner's remembered mappings hold (the import_mapping table): a target may be relabelled,
# never renamed, or a remembered mapping stops working.
REMEMBERED_KEYS = {
    "full_name", "first_name", "last_name", "company", "customer_type", "customer_ref", "phone",
    "phone_mobile", "phone_work", "email", "notes", "customer_since", "segment", "source", "do_not_call",
    "do_not_mail", "do_not_email", "full_address", "street", "street2", "city", "region", "postal_code",
    "country", "site_label", "site_is_billing", "billing_full_address", "billing_street", "billing_street2",
    "billing_city", "billing_region", "billing_postal_code", *(f"bill_to_{n}" for n in range(1, 6)),
    *(f"ship_to_{n}" for n in range(1, 6)), "equipment_kind", "brand", "model", "serial", "installed_on",
    "warranty_until", "last_service", "note", "ignore",
}  # fmt: skip

# A value for every declared field, none of them the default, each as its draft keeps it once validated.
# A field added to the declaration must be given a value here (the first test says so).
CUSTOMER_VALUES: dict[str, Any] = {
    "kind": "business",
    "first_name": "Ann",
    "last_name": "Lee",
    "company": "Lee Rentals",
    "phone": "+14105550101",
    "phone_mobile": "+14435550102",
    "phone_work": "+14105550103",
    "email": "ann@example.com",
    "email2": "office@example.com",
    "segment_id": "Landlords",  # the segment's name: ids differ between databases
    "call_window_start": "09:00",
    "call_window_end": "17:00",
    "do_not_call": True,
    "do_not_mail": True,
    "do_not_email": True,
    "do_not_service": True,
    "share_with_partners": True,
    "share_consent_on": datetime.date(2024, 1, 5),
    "source": "Yard sign",
    "customer_since": datetime.date(2019, 5, 1),
    "notes": "Gate code 4512",
}
SITE_VALUES: dict[str, Any] = {
    "label": "Rental",
    "street": "5 Oak Ave",
    "street2": "Apt 2",
    "city": "Ottawa",
    "region": "ON",
    "postal_code": "K1A 0B1",
    "country": "CA",
    "is_billing": True,
    "notes": "Side door",
}
EQUIPMENT_VALUES: dict[str, Any] = {
    "kind": "Furnace",
    "brand": "Trane",
    "model": "XR80",
    "serial": "S123",
    "installed_on": datetime.date(2012, 3, 15),
    "installed_by_us": True,
    "warranty_until": datetime.date(2022, 3, 15),
    "notes": "Filter 16x25",
}
OTHER_VALUES: dict[str, dict[str, Any]] = {
    "visit": {
        "visited_on": datetime.date(2024, 2, 1),
        "kind": "repair",
        "technician": "Sam",
        "findings": "Replaced the igniter",
    },
    "sale": {
        "sold_on": datetime.date(2024, 2, 1),
        "description": "Igniter",
        "total": Decimal("425.50"),
        "job_number": "J-1001",
    },
    "service_plan": {
        "name": "Comfort Club",
        "started_on": datetime.date(2023, 2, 1),
        "ends_on": datetime.date(2024, 2, 1),
        "price": Decimal("199.00"),
        "visits_per_year": 3,
        "auto_renew": True,
        "status": "lapsed",
    },
    "touch": {
        "channel": "mail",
        "happened_at": datetime.datetime(2024, 2, 2, 9, 30),
        "outcome": "sent",
        "reason": "Spring check-in",
        "by_whom": "Pat",
        "is_marketing": True,
        "notes": "Postcard",
        "direction": "in",
    },
}
VALUES = {"customer": CUSTOMER_VALUES, "site": SITE_VALUES, "equipment": EQUIPMENT_VALUES, **OTHER_VALUES}
REFERENCES = {"site_id", "equipment_id", "segment_id"}  # given the ids of the rows made below


def test_the_values_cover_every_declared_field() -> None:
    for entity in ENTITIES:
        assert set(VALUES[entity.table]) | REFERENCES >= {s.name for s in entity.fields}, entity.table
        assert not set(VALUES[entity.table]) - {s.name for s in entity.fields}, entity.table


def test_every_importable_field_is_an_import_target_under_its_label() -> None:
    targets = dict(TARGET_FIELDS)
    assert set(REMEMBERED_KEYS) <= set(targets)
    for entity in ENTITIES:
        first_of_target: dict[str, str] = {}
        for spec in entity.importable:
            first_of_target.setdefault(spec.imports, spec.label)
        for key, label in first_of_target.items():
            assert targets.get(key) == label, f"{entity.table}.{key}"


@pytest.mark.parametrize("entity", [CUSTOMER, SITE, EQUIPMENT], ids=lambda e: e.table)
def test_every_importable_field_is_read_by_the_importer(entity: Entity) -> None:
    """A customer field has a step of its own in the importer or is taken as its kind says; the site's
    and the equipment's are all read (the addresses by the address step, the equipment by kind)."""
    for spec in entity.importable:
        if entity is CUSTOMER and spec.imports in OWN_STEP_TARGETS:
            continue
        if entity is SITE:
            continue  # every site field the importer offers is part of an address it parses
        assert spec.kind in PLAIN_KINDS, f"the importer cannot read {entity.table}.{spec.name}"


def _fill() -> dict[str, int]:
    """One customer with a site, equipment and a record of every kind, every declared field set."""
    segment_id = save_segment(SegmentDraft("Landlords"))
    ids = {"customer": customers.add_customer(CustomerDraft(**{**CUSTOMER_VALUES, "segment_id": segment_id}))}
    ids["site"] = records.add_record(SiteDraft(ids["customer"], **SITE_VALUES))
    ids["equipment"] = records.add_record(EquipmentDraft(ids["site"], **EQUIPMENT_VALUES))
    links = {"site_id": ids["site"]}
    customer_id = ids["customer"]
    other = OTHER_VALUES
    made = {
        "visit": VisitDraft(customer_id, **other["visit"], **links, equipment_id=ids["equipment"]),
        "sale": SaleDraft(customer_id, **other["sale"], **links),
        "service_plan": PlanDraft(customer_id, **other["service_plan"], **links),
        "touch": TouchDraft(customer_id, **other["touch"]),
    }
    for table, draft in made.items():
        ids[table] = records.add_record(draft)
    return ids


def _expected(entity: Entity, ids: dict[str, int]) -> dict[str, Any]:
    """What the export's columns hold: money in cents, links as ids."""
    found = {}
    for spec in entity.fields:
        if spec.name in REFERENCES:
            value: Any = {"site_id": ids["site"], "equipment_id": ids["equipment"]}.get(spec.name)
            if spec.name == "segment_id":
                value = next(s.id for s in list_segments_full() if s.name == CUSTOMER_VALUES["segment_id"])
        elif spec.kind is FieldKind.MONEY:
            value = int(VALUES[entity.table][spec.name] * 100)
        else:
            value = VALUES[entity.table][spec.name]
        found[spec.column_name] = value
    return found


def _cell(value: Any, kind: FieldKind) -> Any:
    if kind in (FieldKind.DATE, FieldKind.OPTIONAL_DATE) and isinstance(value, datetime.datetime):
        return value.date()  # a spreadsheet's date is a datetime at midnight
    return value


def test_every_declared_field_is_a_column_and_is_exported_with_its_value(
    db: OpenedDatabase, tmp_path: Path
) -> None:
    ids = _fill()
    columns = dict(exports.exportable_tables())
    export_database(tmp_path / "all.xlsx")
    workbook = load_workbook(tmp_path / "all.xlsx", read_only=True)
    try:
        sheets = {entity.table: list(workbook[entity.table].values) for entity in ENTITIES}
    finally:
        workbook.close()
    for entity in ENTITIES:
        declared = {spec.column_name for spec in entity.fields}
        link = {entity.parent} if entity.parent else set()
        table_columns = {name for name, _kind in columns[entity.table]}
        # Every column of the table is an owner's field or one the app keeps; nothing else.
        assert table_columns == declared | link | set(entity.app_columns), entity.table
        header, *rows = sheets[entity.table]
        assert len(rows) == 1, entity.table
        row = dict(zip(header, rows[0], strict=True))
        kinds = {spec.column_name: spec.kind for spec in entity.fields}
        got = {column: _cell(row[column], kinds[column]) for column in declared}
        assert got == _expected(entity, ids), entity.table
        if entity.parent:
            assert row[entity.parent] == ids["customer"]


def test_the_column_check_bites_on_an_undeclared_column(db: OpenedDatabase) -> None:
    db.database.execute_sql("ALTER TABLE customer ADD COLUMN loyalty_tier TEXT")
    assert exports.unexported_columns() == {"customer": ["loyalty_tier"]}


def _importable(entity: Entity, record: dict[str, Any], segments: dict[int, str]) -> dict[str, Any]:
    return {
        spec.name: segments.get(record[spec.name]) if spec.name == "segment_id" else record[spec.column_name]
        for spec in entity.importable
    }


def _stored(db: OpenedDatabase) -> dict[str, dict[str, Any]]:
    """The customer, its site and its equipment as stored, with the segment by name."""
    from app.persistence.tables import Customer, Equipment, Segment, Site

    segments = {s.id: s.name for s in Segment.select()}
    customer = Customer.select().dicts().get()
    customer["segment_id"] = customer.pop("segment")
    site, item = Site.select().dicts().get(), Equipment.select().dicts().get()
    return {
        "customer": _importable(CUSTOMER, customer, segments),
        "site": _importable(SITE, site, segments),
        "equipment": _importable(EQUIPMENT, item, segments),
    }


def test_every_importable_field_comes_back_from_the_export(tmp_path: Path) -> None:
    opened = open_database(tmp_path / "source.db")
    try:
        _fill()
        before = _stored(opened)
        export_database(tmp_path / "all.xlsx")
    finally:
        close_database()
    opened = open_database(tmp_path / "fresh.db")
    try:
        report = run_import(tmp_path / "all.xlsx")
        assert (report.customers_created, report.sites_created, report.equipment_created) == (1, 1, 1)
        after = _stored(opened)
    finally:
        close_database()
    assert before["customer"]["do_not_call"] and before["equipment"]["warranty_until"]  # not blanks
    assert after == before
