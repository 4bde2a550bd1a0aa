"""Import batches: the reads the importer's matcher needs, the one-transaction write, remembered mappings.

The reads are set-based (every existing customer's phones, e-mails and addresses in a
few queries), because one SELECT per imported row would take minutes at 100,000 rows.
The write takes a plan of plain dicts, gives new rows their ids up front (so sites can
point at customers created in the same executemany) and records each top-level change
as an ImportChange, so `import_undo.undo_batch` can take it back.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

from peewee import CharField, DateField, Field, Model, TextField

from app.domain import clock
from app.persistence import bulk, search_index
from app.persistence.tables import (
    Customer,
    Equipment,
    ImportBatch,
    ImportMapping,
    Sale,
    Segment,
    Site,
    Visit,
    database_proxy,
)

CHUNK = 10_000  # rows written between two progress/cancel checks
IN_CHUNK = 500  # ids per "IN (...)": well under SQLite's parameter limit


def _columns(model: type[Model]) -> tuple[str, ...]:
    return tuple(f.column_name for f in model._meta.sorted_fields)


def _default(column: Field) -> Any:
    """What a column holds when the import gives nothing: its declared default (a stamp such as created_at
    is given by the write), "" for text that may not be NULL, else NULL."""
    if column.default is not None and not callable(column.default):
        return column.default
    if isinstance(column, (CharField, TextField)) and not column.null:
        return ""
    return None


# The columns of the tables an import writes, as the models declare them, so a column added to a table is
# written by the import too.
_MODELS: dict[str, type[Model]] = {
    "customer": Customer,
    "site": Site,
    "equipment": Equipment,
    "visit": Visit,
    "sale": Sale,
}
CUSTOMER_COLUMNS = _columns(Customer)
SITE_COLUMNS = _columns(Site)
EQUIPMENT_COLUMNS = _columns(Equipment)
VISIT_COLUMNS = _columns(Visit)
# The customer columns an import may fill in on an existing customer.
UPDATABLE = frozenset(CUSTOMER_COLUMNS) - {"id", "created_at", "updated_at", "version", "referred_by_id"}

_DEFAULTS: dict[str, dict[str, Any]] = {
    table: {f.column_name: _default(f) for f in model._meta.sorted_fields if f.column_name != "id"}
    for table, model in _MODELS.items()
}
_DATE_COLUMNS = {
    table: tuple(f.column_name for f in model._meta.sorted_fields if type(f) is DateField)
    for table, model in _MODELS.items()
}
_COLUMNS = {table: _columns(model) for table, model in _MODELS.items()}


def _now_text() -> str:
    return clock.now().isoformat(sep=" ")


def _sql_value(value: Any) -> Any:
    """Dates as ISO text, as peewee stores them in SQLite."""
    if isinstance(value, datetime.date):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
    return value


# ----------------------------------------------------------------------------- reads for the matcher


def existing_customers() -> list[tuple]:
    """(id, first_name, last_name, company, display_name, phone, phone_mobile, phone_work, email, email2)."""
    return fetch(
        "SELECT id, first_name, last_name, company, display_name, phone, phone_mobile, phone_work, email, "
        "email2 FROM customer"
    )


def existing_sites() -> list[tuple]:
    """(id, customer_id, street, street2, city, region, postal_code, is_billing) of every site."""
    return fetch("SELECT id, customer_id, street, street2, city, region, postal_code, is_billing FROM site")


def customers_by_id(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Every column of these customers, keyed by id (for filling blanks and for undo)."""
    found: dict[int, dict[str, Any]] = {}
    names = ", ".join(CUSTOMER_COLUMNS)
    for chunk, marks in id_chunks(ids):
        for row in fetch(f"SELECT {names} FROM customer WHERE id IN ({marks})", chunk):
            found[row[0]] = dict(zip(CUSTOMER_COLUMNS, row, strict=True))
    return found


def equipment_of_sites(site_ids: Iterable[int]) -> list[tuple]:
    """(site_id, kind, brand, model, serial, installed_on) of the equipment at these sites."""
    rows: list[tuple] = []
    for chunk, marks in id_chunks(site_ids):
        rows += fetch(
            "SELECT site_id, kind, brand, model, serial, installed_on FROM equipment "
            f"WHERE site_id IN ({marks})",
            chunk,
        )
    return rows


def visit_days_of(customer_ids: Iterable[int]) -> set[tuple[int, str]]:
    """(customer_id, ISO day) of every visit of these customers."""
    days: set[tuple[int, str]] = set()
    for chunk, marks in id_chunks(customer_ids):
        for customer_id, day in fetch(
            f"SELECT customer_id, visited_on FROM visit WHERE customer_id IN ({marks})", chunk
        ):
            days.add((customer_id, str(day)[:10]))
    return days


def sales_of(customer_ids: Iterable[int]) -> dict[int, set[tuple[str, int]]]:
    """(description, total in cents) of every sale of these customers, by customer."""
    found: dict[int, set[tuple[str, int]]] = {}
    for chunk, marks in id_chunks(customer_ids):
        sql = f"SELECT customer_id, description, total_cents FROM sale WHERE customer_id IN ({marks})"
        for customer_id, description, cents in fetch(sql, chunk):
            found.setdefault(customer_id, set()).add((description, cents))
    return found


def segment_ids() -> dict[str, int]:
    """Segment name (case-folded) → id."""
    return {name.casefold(): sid for sid, name in fetch("SELECT id, name FROM segment")}


def imported_fingerprints() -> dict[str, int]:
    """Fingerprint of an imported row → the customer it created (imports not undone, customer still there).

    They let a row with nothing but a name be recognised when the same file comes again, without ever
    matching two customers on a name alone.
    """
    found: dict[str, int] = {}
    rows = fetch(
        "SELECT c.row_id, c.before_json FROM import_change c JOIN import_batch b ON b.id = c.batch_id "
        "JOIN customer k ON k.id = c.row_id "
        "WHERE b.status = 'done' AND c.table_name = 'customer' AND c.action = 'created' "
        f"AND c.before_json LIKE {database_proxy.obj.param}",
        ["fp:%"],  # a parameter: psycopg reads a % written in the SQL as a placeholder
    )
    for customer_id, value in rows:
        for fingerprint in value[3:].split(","):
            found.setdefault(fingerprint, customer_id)
    return found


def fetch(sql: str, params: Sequence[Any] = ()) -> list[tuple]:
    """Every row of a query as tuples."""
    return [tuple(row) for row in database_proxy.obj.execute_sql(sql, params).fetchall()]


def id_chunks(ids: Iterable[int]) -> Iterator[tuple[list[int], str]]:
    """Sorted distinct ids in chunks, each with its "?, ?, …" placeholders for an IN (...)."""
    ordered = sorted(set(ids))
    param = database_proxy.obj.param
    for start in range(0, len(ordered), IN_CHUNK):
        chunk = ordered[start : start + IN_CHUNK]
        yield chunk, ", ".join([param] * len(chunk))


# ----------------------------------------------------------------------------- remembered mappings


def load_mapping(signature: str) -> str | None:
    row = ImportMapping.select(ImportMapping.mapping_json).where(ImportMapping.header_signature == signature)
    return row.scalar()


def save_mapping(signature: str, mapping_json: str) -> None:
    now = clock.now()
    ImportMapping.insert(header_signature=signature, mapping_json=mapping_json, used_at=now).on_conflict(
        conflict_target=[ImportMapping.header_signature],
        update={ImportMapping.mapping_json: mapping_json, ImportMapping.used_at: now},
    ).execute()


# ----------------------------------------------------------------------------- the write

# A reference to a row: an existing id (> 0), or a new row of the same write as -(index + 1).
Ref = int


def new_ref(index: int) -> Ref:
    return -(index + 1)


@dataclass
class ImportWrite:
    """Everything one import writes, as plain values (see the module docstring)."""

    file_name: str
    sheet: str
    rows_read: int
    segments: list[str] = field(default_factory=list)  # new segment names
    customers: list[dict[str, Any]] = field(default_factory=list)  # "segment_id" may be a Ref
    fingerprints: list[str] = field(default_factory=list)  # per new customer: its rows' fingerprints
    sites: list[dict[str, Any]] = field(default_factory=list)  # with "customer_id": Ref
    equipment: list[dict[str, Any]] = field(default_factory=list)  # with "site_id": Ref
    visits: list[dict[str, Any]] = field(default_factory=list)  # "customer_id"/"site_id": Ref
    sales: list[dict[str, Any]] = field(default_factory=list)  # opening balances, with "customer_id": Ref
    updates: list[tuple[int, dict[str, Any], dict[str, Any]]] = field(default_factory=list)  # id, new, old
    report: dict[str, Any] = field(default_factory=dict)
    mapping: tuple[str, str] | None = None  # (header signature, mapping JSON) to remember


def write_import(plan: ImportWrite, checkpoint: Callable[[int, int], None] | None = None) -> int:
    """Write the plan in one transaction and record it as a batch; returns the batch id.

    `checkpoint(done, total)` runs between chunks; an exception from it (a cancel)
    rolls everything back.
    """
    check = checkpoint or (lambda done, total: None)
    with bulk.transaction():
        # The batch row comes first: it takes the write lock before the ids below are counted.
        batch_id = ImportBatch.insert(file_name=plan.file_name[:255], sheet=plan.sheet[:255],
                                      rows_read=plan.rows_read).execute()  # fmt: skip
        writer = _Writer(plan, check)
        writer.run()
        changes = writer.changes
        bulk.insert_rows(
            "import_change",
            ("batch_id", "table_name", "row_id", "action", "before_json"),
            [(batch_id, *change) for change in changes],
        )
        report = dict(plan.report, batch=batch_id)
        ImportBatch.update(report_json=json.dumps(report, ensure_ascii=False, default=str)).where(
            ImportBatch.id == batch_id
        ).execute()
        if plan.mapping:
            save_mapping(*plan.mapping)
    return batch_id


def _as_tuples(
    table: str, rows: list[dict[str, Any]], ids: list[int], refs: dict[str, list[int]], extra: dict | None
) -> list[tuple]:
    """The rows as tuples in the table's column order, built a column at a time (several times faster
    than a merged dict per row at 100,000 rows): defaults filled, Refs resolved, dates as ISO text."""
    base = {**_DEFAULTS[table], **(extra or {})}
    present: set[str] = set()
    for row in rows:
        present.update(row)
    dates = _DATE_COLUMNS[table]
    columns: list[Iterable[Any]] = []
    for column in _COLUMNS[table]:
        if column == "id":
            columns.append(ids)
            continue
        default = base.get(column)
        if column not in present:
            columns.append(repeat(default))
            continue
        values = [row.get(column, default) for row in rows]
        if column in refs:
            new_ids = refs[column]
            values = [new_ids[-v - 1] if v is not None and v < 0 else v for v in values]
        if column in dates:
            values = [None if v is None else _sql_value(v) for v in values]
        columns.append(values)
    return list(zip(*columns, strict=False))  # the `repeat` columns are endless


class _Writer:
    """Assigns ids and writes the rows of one ImportWrite, parents first."""

    def __init__(self, plan: ImportWrite, check: Callable[[int, int], None]) -> None:
        self.plan, self.check = plan, check
        self.changes: list[tuple[str, int, str, str]] = []
        self.total = len(plan.customers) + len(plan.sites) + len(plan.equipment) + len(plan.visits)
        self.total += len(plan.sales)
        self.total += len(plan.updates) * 2 + len(plan.customers)  # the search index costs about as much
        self.done = 0
        self.now = _now_text()

    def run(self) -> None:
        plan = self.plan
        segment_ids = self._insert_segments()
        customer_ids = self._write(
            "customer", plan.customers, {"segment_id": segment_ids}, {"created_at": self.now,
                                                                     "updated_at": self.now},
        )  # fmt: skip
        fingerprints = plan.fingerprints or [""] * len(customer_ids)
        self.changes.extend(
            ("customer", cid, "created", f"fp:{fp}" if fp else "")
            for cid, fp in zip(customer_ids, fingerprints, strict=True)
        )
        site_ids = self._write("site", plan.sites, {"customer_id": customer_ids})
        self._record("site", [sid for sid, row in zip(site_ids, plan.sites, strict=True)
                              if row["customer_id"] > 0])  # fmt: skip
        equipment_ids = self._write("equipment", plan.equipment, {"site_id": site_ids})
        self._record("equipment", [eid for eid, row in zip(equipment_ids, plan.equipment, strict=True)
                                   if row["site_id"] > 0])  # fmt: skip
        visit_ids = self._write("visit", plan.visits, {"customer_id": customer_ids, "site_id": site_ids})
        self._record("visit", [vid for vid, row in zip(visit_ids, plan.visits, strict=True)
                               if row["customer_id"] > 0])  # fmt: skip
        sale_ids = self._write("sale", plan.sales, {"customer_id": customer_ids})
        self._record("sale", [sid for sid, row in zip(sale_ids, plan.sales, strict=True)
                              if row["customer_id"] > 0])  # fmt: skip
        updated = self._update_customers(segment_ids)
        touched = set(updated) | {row["customer_id"] for row in plan.sites if row["customer_id"] > 0}
        self._index_new(customer_ids)
        self._reindex(sorted(touched))

    def _step(self, count: int) -> None:
        self.done += count
        self.check(self.done, self.total)

    def _insert_segments(self) -> list[int]:
        ids = [Segment.insert(name=name).execute() for name in self.plan.segments]
        self._record("segment", ids)
        return ids

    def _write(
        self,
        table: str,
        rows: list[dict[str, Any]],
        refs: dict[str, list[int]],
        extra: dict[str, Any] | None = None,
    ) -> list[int]:
        """Insert rows with ids counted from the current maximum; resolve Ref columns; returns the ids."""
        if not rows:
            return []
        first = (fetch(f'SELECT coalesce(max(id), 0) FROM "{table}"')[0][0] or 0) + 1
        ids = list(range(first, first + len(rows)))
        for start in range(0, len(rows), CHUNK):
            chunk = _as_tuples(table, rows[start : start + CHUNK], ids[start : start + CHUNK], refs, extra)
            bulk.insert_rows(table, _COLUMNS[table], chunk)
            self._step(len(chunk))
        return ids

    def _record(self, table: str, ids: Iterable[int]) -> None:
        self.changes.extend((table, row_id, "created", "") for row_id in ids)

    def _update_customers(self, segment_ids: list[int]) -> list[int]:
        """Fill in what the file adds to existing customers; the old values go into the batch for undo."""
        db = database_proxy.obj
        groups: dict[tuple[str, ...], list[tuple]] = {}
        for customer_id, new, old in self.plan.updates:
            new = {k: v for k, v in new.items() if k in UPDATABLE}
            if new.get("segment_id") is not None and new["segment_id"] < 0:
                new["segment_id"] = segment_ids[-new["segment_id"] - 1]
            columns = tuple(sorted(new))
            if not columns:
                continue
            groups.setdefault(columns, []).append(
                (*(_sql_value(new[c]) for c in columns), self.now, customer_id)
            )
            before = {"columns": {c: _sql_value(old.get(c)) for c in columns}, "version": old["version"] + 1}
            self.changes.append(("customer", customer_id, "updated", json.dumps(before, default=str)))
        for columns, rows in groups.items():
            sets = ", ".join(f'"{c}" = {db.param}' for c in columns)
            sql = (
                f"UPDATE customer SET {sets}, updated_at = {db.param}, version = version + 1 "
                f"WHERE id = {db.param}"
            )
            cursor = db.cursor()
            try:
                cursor.executemany(sql, rows)
            finally:
                cursor.close()
            self._step(len(rows))
        return [customer_id for customer_id, new, _ in self.plan.updates if new]

    def _index_new(self, ids: list[int]) -> None:
        """New customers' ids are consecutive (see `_write`): they are indexed by ranges."""
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            search_index.index_new(chunk[0], chunk[-1])
            self._step(len(chunk))

    def _reindex(self, ids: list[int]) -> None:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            search_index.reindex(chunk)
            self._step(len(chunk))
