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

from app.domain import fields as declared
from app.services.importing.headers import SheetTable
from app.services.importing.sniffing import Sniffed

EXPORT_SHEETS = ("customer", "site", "equipment")
# Every importable field of the three, as declared (app/domain/fields.py): a field the importer offers
# comes back from the export with no code here. A reference is read back by the name of what it points at.
CUSTOMER = declared.CUSTOMER.importable
SITE = declared.SITE.importable
EQUIPMENT = declared.EQUIPMENT.importable
_REFERENCED_SHEET = {"segment_id": "segment"}  # the sheet whose "name" a reference column stands for
HEADERS = ["Customer ID", *(spec.label for spec in (*CUSTOMER, *SITE, *EQUIPMENT))]
MAPPING = dict(enumerate(["customer_ref", *(spec.imports for spec in (*CUSTOMER, *SITE, *EQUIPMENT))]))


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
        sheets = {name: _records(workbook, name) for name in (*EXPORT_SHEETS, *_REFERENCED_SHEET.values())}
    finally:
        workbook.close()
    names = {
        column: {row["id"]: row.get("name", "") for row in sheets[sheet]}
        for column, sheet in _REFERENCED_SHEET.items()
    }
    sites: dict[object, list[dict]] = {}
    for site in sheets["site"]:
        sites.setdefault(site["customer_id"], []).append(site)
    equipment: dict[object, list[dict]] = {}
    for item in sheets["equipment"]:
        equipment.setdefault(item["site_id"], []).append(item)
    rows: list[tuple[int, list[object]]] = []
    for customer in sheets["customer"]:
        who = [customer.get("id", ""), *_cells(customer, CUSTOMER, names)]
        for site in sites.get(customer["id"], [None]):  # type: ignore[list-item]
            where = _cells(site, SITE, names) if site else [""] * len(SITE)
            items = equipment.get(site["id"], [None]) if site else [None]  # type: ignore[list-item]
            for item in items:
                what = _cells(item, EQUIPMENT, names) if item else [""] * len(EQUIPMENT)
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


def _cells(record: dict, specs: tuple[declared.FieldSpec, ...], names: dict[str, dict]) -> list[object]:
    """The record's values of these fields, a reference as the name of the row it points at."""
    return [
        names[spec.column_name].get(record.get(spec.column_name), "")
        if spec.column_name in names
        else record.get(spec.column_name, "")
        for spec in specs
    ]
