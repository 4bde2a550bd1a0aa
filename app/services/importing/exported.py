"""Reading back a workbook written by `export_database`: customers, sites and equipment joined.

The export has one sheet per table; the importer wants one row per customer and
place. Joining them into the shape of a Jobber export (one row per site, or per
piece of equipment, with the customer repeated and its number in "Customer ID")
lets the same cleaning, matching and undo do the rest, so a round trip gives the
same customers, sites and equipment, and importing the export again adds nothing.
"""

from __future__ import annotations

from pathlib import Path

import python_calamine

from app.services.importing.headers import SheetTable
from app.services.importing.sniffing import Sniffed

EXPORT_SHEETS = ("customer", "site", "equipment")
CUSTOMER = (
    "id",
    "kind",
    "first_name",
    "last_name",
    "company",
    "email",
    "email2",
    "phone",
    "phone_mobile",
    "phone_work",
    "do_not_call",
    "do_not_mail",
    "do_not_email",
    "source",
    "customer_since",
    "notes",
)
SITE = ("label", "street", "street2", "city", "region", "postal_code", "country", "is_billing")
EQUIPMENT = ("kind", "brand", "model", "serial", "installed_on", "warranty_until")
HEADERS = [
    "Customer ID",
    "Customer Type",
    "First Name",
    "Last Name",
    "Company",
    "Email",
    "Email 2",
    "Phone",
    "Mobile",
    "Work Phone",
    "Do Not Call",
    "Do Not Mail",
    "Do Not Email",
    "Lead Source",
    "Customer Since",
    "Notes",
    "Segment",
    "Site Name",
    "Street",
    "Street 2",
    "City",
    "State",
    "ZIP",
    "Country",
    "Billing Site",
    "Equipment",
    "Brand",
    "Model",
    "Serial Number",
    "Installed",
    "Warranty Until",
]
MAPPING = dict(
    enumerate(
        [
            "customer_ref",
            "customer_type",
            "first_name",
            "last_name",
            "company",
            "email",
            "email",
            "phone",
            "phone_mobile",
            "phone_work",
            "do_not_call",
            "do_not_mail",
            "do_not_email",
            "source",
            "customer_since",
            "notes",
            "segment",
            "site_label",
            "street",
            "street2",
            "city",
            "region",
            "postal_code",
            "country",
            "site_is_billing",
            "equipment_kind",
            "brand",
            "model",
            "serial",
            "installed_on",
            "warranty_until",
        ]
    )
)


def is_export(path: Path, sniffed: Sniffed, sheet_names: list[str]) -> bool:
    if sniffed.kind != "xlsx" or not set(EXPORT_SHEETS) <= set(sheet_names):
        return False
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception:
        return False
    try:
        first = next(workbook.get_sheet_by_name("customer").iter_rows(), [])
        return "id" in first and "display_name" in first
    except Exception:
        return False
    finally:
        workbook.close()


def joined_table(path: Path) -> SheetTable:
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        sheets = {name: _records(workbook, name) for name in (*EXPORT_SHEETS, "segment")}
    finally:
        workbook.close()
    segments = {row["id"]: row.get("name", "") for row in sheets["segment"]}
    sites: dict[object, list[dict]] = {}
    for site in sheets["site"]:
        sites.setdefault(site["customer_id"], []).append(site)
    equipment: dict[object, list[dict]] = {}
    for item in sheets["equipment"]:
        equipment.setdefault(item["site_id"], []).append(item)
    rows: list[tuple[int, list[object]]] = []
    for customer in sheets["customer"]:
        who = [customer.get(c, "") for c in CUSTOMER] + [segments.get(customer.get("segment_id"), "")]
        for site in sites.get(customer["id"], [None]):  # type: ignore[list-item]
            where = [site.get(c, "") for c in SITE] if site else [""] * len(SITE)
            items = equipment.get(site["id"], [None]) if site else [None]  # type: ignore[list-item]
            for item in items:
                what = [item.get(c, "") for c in EQUIPMENT] if item else [""] * len(EQUIPMENT)
                rows.append((len(rows) + 2, [*who, *where, *what]))
    return SheetTable(
        "customer",
        1,
        list(HEADERS),
        rows,
        ["This is a Customers for Life export: its customers, sites and equipment were joined."],
        from_export=True,
    )


def _records(workbook: python_calamine.CalamineWorkbook, name: str) -> list[dict]:
    if name not in workbook.sheet_names:
        return []
    rows = workbook.get_sheet_by_name(name).to_python()
    if not rows:
        return []
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row, strict=False)) for row in rows[1:]]
