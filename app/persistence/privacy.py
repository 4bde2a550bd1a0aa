"""Everything stored about one customer, erasing it, and the suppression list that outlives them.

A suppression entry is a one-way hash (made in app.services.privacy) of a phone, an
e-mail or a name with a postal code: enough for a later import to recognise the person
and leave them out, without keeping who they were.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from app.persistence import records
from app.persistence.tables import (
    Campaign,
    Customer,
    ImportChange,
    Partner,
    Referral,
    Segment,
    Suppression,
    database_proxy,
)

Row = dict[str, Any]
# The tables of a customer's snapshot (app.persistence.records) in the order an export shows them.
EXPORT_TABLES = (
    "customer",
    "site",
    "equipment",
    "service_plan",
    "sale",
    "sale_line",
    "visit",
    "touch",
    "opportunity",
    "campaign_recipient",
    "disclosure",
    "referral",
)


def customer_data(customer_id: int) -> dict[str, list[Row]]:
    """Every row about the customer, per table, with the names of what the rows point at."""
    with database_proxy.atomic():  # one snapshot of the data, even while others write
        snapshot = records.snapshot_customer(customer_id)
        data = {table: snapshot.get(table, []) for table in EXPORT_TABLES if table != "referral"}
        data["referral"] = _rows_with(
            Referral.select(Referral, Partner.business.alias("partner_name"))
            .join(Partner)
            .where(Referral.customer == customer_id)
        )
        _name_links(data)
    return data


def _rows_with(query) -> list[Row]:
    """Rows keyed by column name (customer_id, not customer), as the snapshot's rows are."""
    columns = {field.name: field.column_name for field in Referral._meta.sorted_fields}
    return [{columns.get(key, key): value for key, value in row.items()} for row in query.dicts()]


def _name_links(data: dict[str, list[Row]]) -> None:
    """Say which segment, partner or campaign a row points at, not only its number."""
    customer = data["customer"][0]
    if customer.get("segment_id"):
        customer["segment_name"] = (
            Segment.select(Segment.name).where(Segment.id == customer["segment_id"]).scalar() or ""
        )
    if customer.get("referred_by_id"):
        customer["referred_by_name"] = (
            Partner.select(Partner.business).where(Partner.id == customer["referred_by_id"]).scalar() or ""
        )
    partners = dict(Partner.select(Partner.id, Partner.business).tuples())
    for row in data["disclosure"]:
        row["partner_name"] = partners.get(row["partner_id"], "")
    campaign_ids = {row["campaign_id"] for row in data["campaign_recipient"]}
    if campaign_ids:
        query = Campaign.select(Campaign.id, Campaign.name).where(Campaign.id.in_(campaign_ids))
        names = dict(query.tuples())
        for row in data["campaign_recipient"]:
            row["campaign_name"] = names.get(row["campaign_id"], "")


def erase_customer(customer_id: int, match_keys: Iterable[str], reason: str = "erased on request") -> dict:
    """In one transaction: keep the suppression keys, then delete the customer and all their history.

    Also goes: the import log's copies of their rows (kept for undoing an import) and the
    notes on referrals about them (the referral itself stays: a partner's commission is the
    business's record, but it no longer names the customer). Returns rows removed per table.
    """
    keys = sorted(set(match_keys))
    with database_proxy.atomic():
        snapshot = records.snapshot_customer(customer_id)
        add_suppressions(keys, reason)
        removed = {table: len(rows) for table, rows in snapshot.items() if table != "relinks" and rows}
        for table, rows in snapshot.items():
            ids = [row["id"] for row in rows] if table != "relinks" else []
            for start in range(0, len(ids), 500):
                ImportChange.delete().where(
                    (ImportChange.table_name == table) & ImportChange.row_id.in_(ids[start : start + 500])
                ).execute()
        Referral.update(notes="").where(Referral.customer == customer_id).execute()
        Customer.delete().where(Customer.id == customer_id).execute()
        database_proxy.obj.execute_sql(
            f"DELETE FROM customer_search WHERE rowid = {database_proxy.obj.param}", [customer_id]
        )
    return removed


def add_suppressions(keys: Iterable[str], reason: str = "erased on request") -> None:
    rows = [{"match_key": key, "reason": reason} for key in sorted(set(keys))]
    for start in range(0, len(rows), 500):
        Suppression.insert_many(rows[start : start + 500]).on_conflict_ignore().execute()


def suppressed_keys() -> frozenset[str]:
    """The whole suppression list (small: one line per erased key), for checking a big import."""
    return frozenset(key for (key,) in Suppression.select(Suppression.match_key).tuples())


def any_suppressed(keys: Iterable[str]) -> bool:
    keys = sorted(set(keys))
    if not keys:
        return False
    return Suppression.select().where(Suppression.match_key.in_(keys)).exists()


def suppression_count() -> int:
    return Suppression.select().count()


__all__ = [
    "EXPORT_TABLES",
    "add_suppressions",
    "any_suppressed",
    "customer_data",
    "erase_customer",
    "suppressed_keys",
    "suppression_count",
]
