"""Demo data: a believable heating, cooling and plumbing business with twenty years of history.

`build_demo` fills an empty database in one transaction: segments, the catalog
and partners, then customers in chunks, each with sites, equipment (and what it
replaced), sales, visits, service plans, touches and referrals (the rows come
from app.services.demo.rows). The same seed and `today` give the same database.
Rows are written with executemany, a chunk at a time, because per-row ORM calls
would take minutes at 100,000 customers and holding every row would take
gigabytes.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from app.domain import clock
from app.domain.errors import UserError
from app.persistence import bulk, search_index
from app.services.cancel import Cancelled
from app.services.demo.rows import COLUMNS, TABLES, DemoRows
from app.services.settings import load_settings, save_settings

CHUNK = 1000  # customers generated, written and reported at a time
MAX_CUSTOMERS = 1_000_000


@dataclass(frozen=True)
class DemoSummary:
    """How many rows of each kind the demo wrote."""

    segments: int = 0
    catalog_items: int = 0
    bundle_items: int = 0
    partners: int = 0
    partner_terms: int = 0
    customers: int = 0
    sites: int = 0
    equipment: int = 0
    service_plans: int = 0
    referrals: int = 0
    referral_payments: int = 0
    disclosures: int = 0
    sales: int = 0
    sale_lines: int = 0
    visits: int = 0
    touches: int = 0


_SUMMARY_FIELD = {
    "segment": "segments",
    "catalog_item": "catalog_items",
    "bundle_item": "bundle_items",
    "partner": "partners",
    "partner_term": "partner_terms",
    "customer": "customers",
    "site": "sites",
    "equipment": "equipment",
    "service_plan": "service_plans",
    "referral": "referrals",
    "referral_payment": "referral_payments",
    "disclosure": "disclosures",
    "sale": "sales",
    "sale_line": "sale_lines",
    "visit": "visits",
    "touch": "touches",
}


def build_demo(
    *,
    customers: int = 500,
    seed: int = 1,
    today: datetime.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DemoSummary:
    """Fill an empty database with a demo business: all of it, or nothing if cancelled (Cancelled)."""
    if not 1 <= customers <= MAX_CUSTOMERS:
        raise UserError(f"Give a number of demo customers from 1 to {MAX_CUSTOMERS:,}.")
    if not bulk.is_empty(["customer"]):
        raise UserError(
            "This database already has customers. Demo data only goes into a new, empty database: "
            "create one and try again."
        )
    if not bulk.is_empty(TABLES):
        raise UserError(
            "This database already has a catalog, partners or segments. Demo data only goes into a new, "
            "empty database: create one and try again."
        )
    generator = DemoRows(random.Random(seed), today or clock.today(), customers)
    written = dict.fromkeys(TABLES, 0)
    # Rebuilding the search index at the end is about a tenth of the work.
    total = customers + max(1, customers // 10)
    # The generator numbers every row itself, so the per-row foreign-key look-ups can be spared.
    with bulk.transaction(check_foreign_keys=False):
        generator.reference_data()
        _write(generator, written)
        for start in range(0, customers, CHUNK):
            _check(cancel)
            end = min(start + CHUNK, customers)
            for index in range(start, end):
                generator.customer(index)
            _write(generator, written)
            if progress:
                progress(end, total)
        _check(cancel)
        search_index.reindex()
        _demo_letterhead()
    if progress:
        progress(total, total)
    return DemoSummary(**{_SUMMARY_FIELD[table]: count for table, count in written.items()})


def _demo_letterhead() -> None:
    """The demo business's own details, so its letters and statements print as a real one's would."""
    current = load_settings()
    if current.company_name:
        return
    save_settings(
        dataclasses.replace(
            current,
            company_name="Chesapeake Comfort Heating & Plumbing",
            address="1200 York Road, Suite 4\nTowson, MD 21204",
            phone="(410) 296-4820",
            email="office@chesapeakecomfort.example",
            licence_number="MD HVACR #84213",
            signature_name="Dana Whitfield, Owner",
        )
    )


def _write(generator: DemoRows, written: dict[str, int]) -> None:
    """Write what the generator holds, parents first, and empty it."""
    for table in TABLES:
        rows = generator.rows[table]
        if rows:
            bulk.insert_rows(table, COLUMNS[table], rows)
            written[table] += len(rows)
            rows.clear()


def _check(cancel: Callable[[], bool] | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled()
