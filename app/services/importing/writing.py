"""A plan → the plain rows the persistence layer writes (app.persistence.imports.ImportWrite)."""

from __future__ import annotations

from typing import Any

from app.persistence.imports import ImportWrite, new_ref
from app.services.importing.planning import ImportPlan


def to_write(
    plan: ImportPlan, file_name: str, sheet: str, report: dict[str, Any], mapping: tuple[str, str] | None
) -> ImportWrite:
    """New customers with their sites, equipment, visits and opening-balance sales (referring to each other
    by Ref), and updates."""
    write = ImportWrite(
        file_name, sheet, plan.rows_read, list(plan.new_segments), report=report, mapping=mapping
    )
    for group in plan.groups:
        if group.saved_id is None:
            customer_ref = new_ref(len(write.customers))
            write.customers.append(group.customer)  # the writer picks the table's columns
            write.fingerprints.append(",".join(plan.row_data[i].fingerprint for i in group.members))
        else:
            customer_ref = group.saved_id
            if group.update:
                write.updates.append((group.saved_id, group.update, group.before))
        site_refs: dict[int, int] = {}
        for index, site in enumerate(group.sites):
            if index in group.saved_site_ids:
                site_refs[index] = group.saved_site_ids[index]
                continue
            site_refs[index] = new_ref(len(write.sites))
            site["customer_id"] = customer_ref  # in place: at 100,000 rows every copy costs memory
            write.sites.append(site)
        for site_index, item in group.equipment:
            item["site_id"] = site_refs[site_index]
            write.equipment.append(item)
        for sale in group.sales:
            write.sales.append(
                {
                    "customer_id": customer_ref,
                    "sold_on": sale.day,
                    "description": sale.description,
                    "total_cents": int(sale.amount * 100),
                }
            )
        for day, site_index in group.visits:
            site_ref = site_refs.get(site_index) if site_index is not None else None
            write.visits.append(
                {
                    "customer_id": customer_ref,
                    "site_id": site_ref,
                    "visited_on": day,
                    "kind": "maintenance",
                    "findings": "Last service, from the imported file.",
                }
            )
    return write
