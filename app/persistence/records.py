"""Writing the records around a customer, and taking them away and back again (for undo).

Rows travel as plain dicts keyed by column name. A deleted customer is kept as a
snapshot of every row that belonged to them, so undo puts back exactly those
rows with their original ids.
"""

from __future__ import annotations

from typing import Any

from peewee import Model

from app.domain import clock
from app.domain.errors import UserError
from app.persistence import search_index
from app.persistence.tables import (
    CampaignRecipient,
    Customer,
    Disclosure,
    Equipment,
    Opportunity,
    Referral,
    Sale,
    SaleLine,
    ServicePlan,
    Site,
    Touch,
    Visit,
    database_proxy,
)

EDITABLE: dict[str, type[Model]] = {
    "site": Site,
    "equipment": Equipment,
    "visit": Visit,
    "sale": Sale,
    "service_plan": ServicePlan,
    "touch": Touch,
}
# The rows that belong to a customer, parents before children (the order to put them back in).
OWNED_BY_CUSTOMER: list[type[Model]] = [
    Site,
    ServicePlan,
    Opportunity,
    Sale,
    Visit,
    Touch,
    CampaignRecipient,
    Disclosure,
]
# Rows that only point at a customer and outlive them (the link is cleared on delete).
POINTING_AT_CUSTOMER: list[type[Model]] = [Referral]

Row = dict[str, Any]
Snapshot = dict[str, list[Row]]


def _table(name: str) -> type[Model]:
    try:
        return EDITABLE[name]
    except KeyError:
        raise ValueError(f"not an editable table: {name!r}") from None


def _columns(model: type[Model], values: Row) -> Row:
    known = {field.column_name for field in model._meta.sorted_fields}
    return {key: value for key, value in values.items() if key in known and key != "id"}


def _customer_of(table: str, row_id: int) -> int | None:
    if table == "equipment":
        return Site.select(Site.customer).join(Equipment).where(Equipment.id == row_id).scalar()
    model = _table(table)
    return model.select(model.customer).where(model.id == row_id).scalar()


def _touch_customer(customer_id: int | None) -> None:
    """A change to anything of a customer's bumps their version, so a stale editor finds out."""
    if customer_id is None:
        return
    Customer.update(version=Customer.version + 1, updated_at=clock.now()).where(
        Customer.id == customer_id
    ).execute()


def insert_record(table: str, values: Row) -> int:
    model = _table(table)
    with database_proxy.atomic():
        if table == "site" and values.get("is_billing"):
            Site.update(is_billing=False).where(Site.customer == values["customer_id"]).execute()
        row_id = model.insert(**_columns(model, values)).execute()
        customer_id = _customer_of(table, row_id)
        _touch_customer(customer_id)
        if table == "site" and customer_id is not None:
            search_index.reindex([customer_id])
    return row_id


def read_record(table: str, row_id: int) -> Row | None:
    model = _table(table)
    row = model.select().where(model.id == row_id).dicts().first()
    return _with_column_names(model, row) if row else None


def _with_column_names(model: type[Model], row: Row) -> Row:
    names = {field.name: field.column_name for field in model._meta.sorted_fields}
    return {names.get(key, key): value for key, value in row.items()}


def update_record(table: str, row_id: int, values: Row) -> None:
    model = _table(table)
    with database_proxy.atomic():
        if table == "site" and values.get("is_billing"):
            customer_id = values.get("customer_id") or _customer_of(table, row_id)
            Site.update(is_billing=False).where(
                (Site.customer == customer_id) & (Site.id != row_id)
            ).execute()
        changed = model.update(**_columns(model, values)).where(model.id == row_id).execute()
        if not changed:
            raise UserError("This record no longer exists; someone deleted it.")
        customer_id = _customer_of(table, row_id)
        _touch_customer(customer_id)
        if table == "site" and customer_id is not None:
            search_index.reindex([customer_id])


def delete_record(table: str, row_id: int) -> Snapshot:
    """Delete one record (and what hangs off it); returns what undo needs to put it back."""
    model = _table(table)
    with database_proxy.atomic():
        row = read_record(table, row_id)
        if row is None:
            raise UserError("This record no longer exists; someone deleted it.")
        snapshot = _dependents(table, row_id)
        snapshot[table] = [row]
        customer_id = _customer_of(table, row_id)
        model.delete().where(model.id == row_id).execute()
        _touch_customer(customer_id)
        if table == "site" and customer_id is not None:
            search_index.reindex([customer_id])
    return snapshot


def _dependents(table: str, row_id: int) -> Snapshot:
    """What a delete takes along (cascades) or unlinks (SET NULL), so undo can restore both."""
    site_ids = [row_id] if table == "site" else []
    equipment_ids = [row_id] if table == "equipment" else []
    snapshot: Snapshot = {"relinks": []}
    if site_ids:
        snapshot["equipment"] = _rows(Equipment, Equipment.site.in_(site_ids))
        equipment_ids = [row["id"] for row in snapshot["equipment"]]
    if table == "sale":
        snapshot["sale_line"] = _rows(SaleLine, SaleLine.sale == row_id)
    lost = []
    if site_ids:
        lost.append(Opportunity.site.in_(site_ids))
    if equipment_ids:
        lost.append(Opportunity.equipment.in_(equipment_ids))
    if table == "service_plan":
        lost.append(Opportunity.plan == row_id)
    if lost:
        condition = lost[0]
        for more in lost[1:]:
            condition |= more
        snapshot["opportunity"] = _rows(Opportunity, condition)
    links = [
        (Visit, "site_id", site_ids),
        (Sale, "site_id", site_ids),
        (ServicePlan, "site_id", site_ids),
        (Visit, "equipment_id", equipment_ids),
    ]
    if table == "service_plan":
        links.append((Visit, "plan_id", [row_id]))
    for model, column, ids in links:
        field = model._meta.combined[column]
        for link_id, value in model.select(model.id, field).where(field.in_(ids)).tuples() if ids else []:
            snapshot["relinks"].append(
                {"table": model._meta.table_name, "id": link_id, "column": column, "value": value}
            )
    return snapshot


def _rows(model: type[Model], where: Any) -> list[Row]:
    return [_with_column_names(model, row) for row in model.select().where(where).dicts()]


MODELS_BY_TABLE: dict[str, type[Model]] = {
    model._meta.table_name: model
    for model in [Customer, *OWNED_BY_CUSTOMER, Equipment, SaleLine, *POINTING_AT_CUSTOMER]
}
RESTORE_ORDER = [
    "customer",
    "site",
    "equipment",
    "service_plan",
    "opportunity",
    "sale",
    "sale_line",
    "visit",
    "touch",
    "campaign_recipient",
    "disclosure",
]


def restore_snapshot(snapshot: Snapshot) -> None:
    """Put deleted rows back with their ids, and re-point what pointed at the customer."""
    with database_proxy.atomic():
        for table in RESTORE_ORDER:
            rows = snapshot.get(table)
            if rows:
                model = MODELS_BY_TABLE[table]
                model.insert_many([_columns(model, row) | {"id": row["id"]} for row in rows]).execute()
        for link in snapshot.get("relinks", []):
            model = MODELS_BY_TABLE[link["table"]]
            model.update({model._meta.combined[link["column"]]: link["value"]}).where(
                model.id == link["id"]
            ).execute()
        customer_ids = {row["customer_id"] for row in snapshot.get("site", [])}
        customer_ids |= {row["id"] for row in snapshot.get("customer", [])}
        search_index.reindex(customer_ids)


def delete_customer(customer_id: int) -> Snapshot:
    """Delete a customer with everything of theirs; returns the snapshot that undo restores."""
    with database_proxy.atomic():
        snapshot = snapshot_customer(customer_id)
        Customer.delete().where(Customer.id == customer_id).execute()
        database_proxy.obj.execute_sql(
            f"DELETE FROM customer_search WHERE rowid = {database_proxy.obj.param}", [customer_id]
        )
    return snapshot


def snapshot_customer(customer_id: int) -> Snapshot:
    customer = Customer.select().where(Customer.id == customer_id).dicts().first()
    if customer is None:
        raise UserError("This customer no longer exists; someone deleted it.")
    snapshot: Snapshot = {"customer": [_with_column_names(Customer, customer)]}
    for model in OWNED_BY_CUSTOMER:
        snapshot[model._meta.table_name] = _rows(model, model.customer == customer_id)
    site_ids = [row["id"] for row in snapshot["site"]]
    snapshot["equipment"] = _rows(Equipment, Equipment.site.in_(site_ids)) if site_ids else []
    sale_ids = [row["id"] for row in snapshot["sale"]]
    snapshot["sale_line"] = _rows(SaleLine, SaleLine.sale.in_(sale_ids)) if sale_ids else []
    snapshot["relinks"] = [
        {"table": "referral", "id": rid, "column": "customer_id", "value": customer_id}
        for (rid,) in Referral.select(Referral.id).where(Referral.customer == customer_id).tuples()
    ]
    return snapshot


MOVABLE: list[type[Model]] = [*OWNED_BY_CUSTOMER, *POINTING_AT_CUSTOMER]
FILLABLE = (
    "company",
    "email",
    "email2",
    "phone",
    "phone_mobile",
    "phone_work",
    "segment_id",
    "call_window_start",
    "call_window_end",
    "source",
    "share_consent_on",
)
REFUSALS = ("do_not_call", "do_not_mail", "do_not_email", "do_not_service")


def merge_customers(keep_id: int, duplicate_id: int) -> dict:
    """Move everything of the duplicate onto the kept customer and delete the duplicate.

    Empty contact fields of the kept customer are filled from the duplicate; a refusal
    (do not call, mail, e-mail, service) on either one holds for the merged customer, and
    consent to share with partners only if both gave it. Returns what undo needs.
    """
    if keep_id == duplicate_id:
        raise UserError("Pick two different customers to merge.")
    with database_proxy.atomic():
        keep = Customer.select().where(Customer.id == keep_id).dicts().first()
        duplicate = Customer.select().where(Customer.id == duplicate_id).dicts().first()
        if keep is None or duplicate is None:
            raise UserError("One of these customers no longer exists; someone deleted it.")
        keep, duplicate = _with_column_names(Customer, keep), _with_column_names(Customer, duplicate)
        moved = {}
        for model in MOVABLE:
            ids = [i for (i,) in model.select(model.id).where(model.customer == duplicate_id).tuples()]
            moved[model._meta.table_name] = ids
        billing = [
            i
            for (i,) in Site.select(Site.id).where((Site.customer == duplicate_id) & Site.is_billing).tuples()
        ]
        keep_has_sites = Site.select().where(Site.customer == keep_id).exists()
        for model in MOVABLE:
            model.update(customer=keep_id).where(model.customer == duplicate_id).execute()
        if keep_has_sites and billing:
            Site.update(is_billing=False).where(Site.id.in_(billing)).execute()
        Customer.update(**_merged_fields(keep, duplicate)).where(Customer.id == keep_id).execute()
        Customer.delete().where(Customer.id == duplicate_id).execute()
        database_proxy.obj.execute_sql(
            f"DELETE FROM customer_search WHERE rowid = {database_proxy.obj.param}", [duplicate_id]
        )
        search_index.reindex([keep_id])
    return {"keep_before": keep, "duplicate": duplicate, "moved": moved, "billing": billing}


def _merged_fields(keep: Row, duplicate: Row) -> Row:
    merged: Row = {}
    for column in FILLABLE:
        if not keep[column] and duplicate[column]:
            merged[column] = duplicate[column]
    for column in REFUSALS:
        merged[column] = bool(keep[column] or duplicate[column])
    merged["share_with_partners"] = bool(keep["share_with_partners"] and duplicate["share_with_partners"])
    if not merged["share_with_partners"]:
        merged["share_consent_on"] = None
    since = [d for d in (keep["customer_since"], duplicate["customer_since"]) if d]
    merged["customer_since"] = min(since) if since else None
    if duplicate["notes"] and duplicate["notes"] not in keep["notes"]:
        merged["notes"] = "\n".join(n for n in (keep["notes"], duplicate["notes"]) if n)
    merged["version"] = keep["version"] + 1
    merged["updated_at"] = clock.now()
    return {Customer._meta.combined[key].name: value for key, value in merged.items()}


def unmerge_customers(record: dict) -> None:
    """Undo a merge: the duplicate comes back with exactly what it had."""
    keep, duplicate = record["keep_before"], record["duplicate"]
    with database_proxy.atomic():
        Customer.insert(**_columns(Customer, duplicate) | {"id": duplicate["id"]}).execute()
        for model in MOVABLE:
            ids = record["moved"].get(model._meta.table_name) or []
            for start in range(0, len(ids), 500):
                model.update(customer=duplicate["id"]).where(model.id.in_(ids[start : start + 500])).execute()
        if record["billing"]:
            Site.update(is_billing=True).where(Site.id.in_(record["billing"])).execute()
        restored = _columns(Customer, keep)
        Customer.update(**{Customer._meta.combined[k].name: v for k, v in restored.items()}).where(
            Customer.id == keep["id"]
        ).execute()
        search_index.reindex([keep["id"], duplicate["id"]])
