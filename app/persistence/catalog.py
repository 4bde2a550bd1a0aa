"""The catalog and the segments in the database, and the missing information the engine needs.

Rows come back as app.domain.catalog dataclasses; money goes in and out as integer cents.
"""

from __future__ import annotations

import datetime

from peewee import IntegrityError, fn

from app.domain.catalog import CatalogItemDraft, CatalogItemRow, SegmentDraft, SegmentRow
from app.domain.errors import UserError
from app.domain.money import from_cents, to_cents
from app.domain.opportunities import RENEWAL_GRACE_DAYS, MissingInfo, long_date, plural
from app.domain.respect import callable_periods, window_text
from app.persistence.raw_sql import as_date, run_sql
from app.persistence.tables import (
    BundleItem,
    CatalogItem,
    Customer,
    Equipment,
    SaleLine,
    Segment,
    ServicePlan,
    database_proxy,
)

_COLUMNS = (
    "kind", "name", "equipment_kind", "brand", "lifespan_min_years", "lifespan_max_years", "renewal_months",
    "visits_per_year", "ladder", "tier", "goes_with_kind", "discount_bp", "launched_on", "quantity_available",
    "active", "notes",
)  # fmt: skip


def is_empty() -> bool:
    return not CatalogItem.select().exists()


def list_items(count_equipment: bool = True) -> list[CatalogItemRow]:
    """Every catalog item, by kind then name, with its bundle contents and how much equipment it names."""
    contents: dict[int, list[int]] = {}
    for bundle, item in (
        BundleItem.select(BundleItem.bundle, BundleItem.item).order_by(BundleItem.id).tuples()
    ):
        contents.setdefault(bundle, []).append(item)
    used = {}
    if count_equipment:  # a pass over every unit: 0.1 s at 520,000
        used = dict(
            Equipment.select(Equipment.catalog_item, fn.COUNT(Equipment.id))
            .where(Equipment.catalog_item.is_null(False))
            .group_by(Equipment.catalog_item)
            .tuples()
        )
    rows = []
    for row in CatalogItem.select().order_by(CatalogItem.kind, CatalogItem.name, CatalogItem.id).dicts():
        values = {name: row[name] for name in _COLUMNS}
        values["launched_on"] = as_date(values["launched_on"])
        values["active"] = bool(values["active"])
        rows.append(
            CatalogItemRow(
                id=row["id"],
                price=from_cents(row["price_cents"]),
                bundle_item_ids=tuple(contents.get(row["id"], ())),
                equipment_count=used.get(row["id"], 0),
                **values,
            )
        )
    return rows


def _fields(draft: CatalogItemDraft) -> dict:
    values = {name: getattr(draft, name) for name in _COLUMNS}
    values["price_cents"] = to_cents(draft.price)  # type: ignore[arg-type]
    return values


def save_item(draft: CatalogItemDraft) -> int:
    """Insert (draft.id None) or update a validated item and its bundle contents; returns its id."""
    with database_proxy.atomic():
        if draft.id is None:
            item_id = CatalogItem.insert(**_fields(draft)).execute()
        else:
            item_id = draft.id
            if not CatalogItem.update(**_fields(draft)).where(CatalogItem.id == item_id).execute():
                raise UserError("This catalog item no longer exists; someone deleted it.")
        _save_contents(item_id, draft.bundle_item_ids)
    return item_id


def _save_contents(bundle_id: int, item_ids: tuple[int, ...]) -> None:
    BundleItem.delete().where(BundleItem.bundle == bundle_id).execute()
    if not item_ids:
        return
    found = dict(
        CatalogItem.select(CatalogItem.id, CatalogItem.kind).where(CatalogItem.id.in_(item_ids)).tuples()
    )
    if len(found) != len(item_ids):
        raise UserError(
            "One of the bundle's items no longer exists; pick its items again.", "bundle_item_ids"
        )
    if "bundle" in found.values():
        raise UserError("A bundle holds items, not other bundles.", "bundle_item_ids")
    BundleItem.insert_many(
        [{"bundle": bundle_id, "item": item, "quantity": 1} for item in item_ids]
    ).execute()


def delete_item(item_id: int) -> None:
    """Delete an item nothing refers to; one in use is kept (mark it inactive instead)."""
    with database_proxy.atomic():
        name = CatalogItem.select(CatalogItem.name).where(CatalogItem.id == item_id).scalar()
        if name is None:
            return
        uses = [
            (Equipment.select().where(Equipment.catalog_item == item_id).count(), "unit", None),
            (ServicePlan.select().where(ServicePlan.catalog_item == item_id).count(), "service plan", None),
            (SaleLine.select().where(SaleLine.catalog_item == item_id).count(), "sale line", None),
            (BundleItem.select().where(BundleItem.item == item_id).count(), "bundle", None),
        ]  # fmt: skip
        named = [plural(count, one, many) for count, one, many in uses if count]
        if named:
            raise UserError(
                f"“{name}” is recorded on {', '.join(named)}, so it cannot be deleted. "
                "Untick “active” instead: it will no longer be offered."
            )
        CatalogItem.delete().where(CatalogItem.id == item_id).execute()


def insert_default(
    items: list[CatalogItemDraft], bundles: dict[str, list[str]], segments: list[SegmentDraft]
) -> int:
    """The default catalog (and segments, when there are none) into an empty catalog; bundles by item name."""
    with database_proxy.atomic():
        ids = {draft.name: CatalogItem.insert(**_fields(draft)).execute() for draft in items}
        for bundle, names in bundles.items():
            _save_contents(ids[bundle], tuple(ids[name] for name in names))
        if not Segment.select().exists():
            for segment in segments:
                Segment.insert(
                    name=segment.name, pitch=segment.pitch, talking_points=segment.talking_points
                ).execute()
    return len(ids)


# ---------------------------------------------------------------- segments


def list_segments() -> list[SegmentRow]:
    counts = dict(
        Customer.select(Customer.segment, fn.COUNT(Customer.id))
        .where(Customer.segment.is_null(False))
        .group_by(Customer.segment)
        .tuples()
    )
    return [
        SegmentRow(
            id_, name, pitch, tuple(line for line in points.splitlines() if line.strip()), counts.get(id_, 0)
        )
        for id_, name, pitch, points in Segment.select(
            Segment.id, Segment.name, Segment.pitch, Segment.talking_points
        )
        .order_by(Segment.name)
        .tuples()
    ]


def save_segment(draft: SegmentDraft) -> int:
    values = {"name": draft.name, "pitch": draft.pitch, "talking_points": draft.talking_points}
    try:
        with database_proxy.atomic():
            if draft.id is None:
                return Segment.insert(**values).execute()
            if not Segment.update(**values).where(Segment.id == draft.id).execute():
                raise UserError("This segment no longer exists; someone deleted it.")
            return draft.id
    except IntegrityError:
        raise UserError(f"There is already a segment called “{draft.name}”.", "name") from None


def delete_segment(segment_id: int) -> None:
    """Its customers keep everything but the segment."""
    Segment.delete().where(Segment.id == segment_id).execute()


# ---------------------------------------------------------------- missing information


def missing_information(today: datetime.date, quiet_hours: tuple[tuple[str, str], ...]) -> list[MissingInfo]:
    """What the owner can fill in so nothing is guessed: catalog gaps, unknown install dates, and more."""
    return (
        _catalog_gaps() + _kinds_without_lifespan() + _unknown_install_dates() + _others(today, quiet_hours)
    )


def count_missing_information(today: datetime.date, quiet_hours: tuple[tuple[str, str], ...]) -> int:
    """How many things missing_information lists, without reading the (often many) units one by one."""
    (unknown,) = run_sql(_UNKNOWN_INSTALL.format(columns="count(*)", order=""), no=False)[0]
    return (
        len(_catalog_gaps())
        + len(_kinds_without_lifespan())
        + int(unknown)
        + len(_others(today, quiet_hours))
    )


def _catalog_gaps() -> list[MissingInfo]:
    return [
        MissingInfo("catalog_item", row.id, None, row.name, problem, field)
        for row in list_items(count_equipment=False)
        for field, problem in row.as_draft().missing()
    ]


def _others(today: datetime.date, quiet_hours: tuple[tuple[str, str], ...]) -> list[MissingInfo]:
    return _stale_plans(today) + _uncallable(quiet_hours)


def _kinds_without_lifespan() -> list[MissingInfo]:
    """Kinds of equipment in service that no lifespan covers: neither a unit's own item nor its kind's."""
    covered = {
        kind.lower()
        for (kind,) in CatalogItem.select(CatalogItem.equipment_kind)
        .where(
            (CatalogItem.kind == "equipment")
            & CatalogItem.lifespan_min_years.is_null(False)
            & CatalogItem.lifespan_max_years.is_null(False)
        )
        .tuples()
    }
    # One pass over the equipment, left with the kinds no line covers (a per-unit lookup of the catalog took
    # 2.3 s at 520,000 units; grouping them all by kind, 0.25 s).
    uncovered = "AND lower(e.kind) NOT IN (:covered)" if covered else ""
    rows = run_sql(
        f"""SELECT min(e.kind), count(*)
        FROM equipment e LEFT JOIN catalog_item own ON own.id = e.catalog_item_id
        WHERE e.removed_on IS NULL {uncovered}
          AND (own.id IS NULL OR own.lifespan_min_years IS NULL OR own.lifespan_max_years IS NULL)
        GROUP BY lower(e.kind) ORDER BY min(e.kind)""",
        covered=tuple(sorted(covered)),
    )
    return [
        MissingInfo(
            "equipment_kind",
            None,
            None,
            kind,
            f"{plural(int(count), 'unit')} of this kind, and no equipment line of the catalog gives its "
            "lifespan: they are never checked for replacement",
            "lifespan_min_years",
        )
        for kind, count in rows
    ]


_UNKNOWN_INSTALL = """SELECT {columns}
    FROM equipment e JOIN site s ON s.id = e.site_id JOIN customer c ON c.id = s.customer_id
    WHERE e.removed_on IS NULL AND e.installed_on IS NULL AND c.do_not_service = :no {order}"""


def _unknown_install_dates() -> list[MissingInfo]:
    rows = run_sql(
        _UNKNOWN_INSTALL.format(
            columns="e.id, s.customer_id, c.display_name, e.kind, e.brand, e.model, s.label",
            order="ORDER BY c.display_name, e.id",
        ),
        no=False,
    )
    return [
        MissingInfo(
            "equipment",
            id_,
            cid,
            f"{name}: {' '.join(p for p in (kind, brand, model) if p)}{f' ({label})' if label else ''}",
            "install date unknown: its age, replacement and upgrade cannot be worked out",
            "installed_on",
        )
        for id_, cid, name, kind, brand, model, label in rows
    ]


def _stale_plans(today: datetime.date) -> list[MissingInfo]:
    rows = run_sql(
        """SELECT p.id, p.customer_id, c.display_name, p.name, p.ends_on
        FROM service_plan p JOIN customer c ON c.id = p.customer_id
        WHERE p.status = 'active' AND p.ends_on < :stale AND c.do_not_service = :no
        ORDER BY c.display_name, p.id""",
        no=False,
        stale=(today - datetime.timedelta(days=RENEWAL_GRACE_DAYS)).isoformat(),
    )
    return [
        MissingInfo(
            "service_plan",
            id_,
            cid,
            f"{customer}: {name}",
            f"ended {long_date(as_date(ends))} but is still marked active: record its renewal or mark it "
            "lapsed",
            "status",
        )
        for id_, cid, customer, name, ends in rows
    ]


def _uncallable(quiet_hours: tuple[tuple[str, str], ...]) -> list[MissingInfo]:
    """Customers with open opportunities who may be called but can't: no phone, or a window in quiet hours."""
    rows = run_sql(
        """SELECT c.id, c.display_name, c.phone, c.phone_mobile, c.phone_work, c.call_window_start,
               c.call_window_end
        FROM customer c
        WHERE c.do_not_call = :no AND c.do_not_service = :no
          AND ((c.phone = '' AND c.phone_mobile = '' AND c.phone_work = '') OR c.call_window_start <> '')""",
        no=False,
    )
    windows: dict[tuple[str, str], bool] = {}
    problems = []
    for cid, name, phone, mobile, work, start, end in rows:
        if not (phone or mobile or work):
            problems.append((cid, name, "no phone number, so {about} cannot be called about", "phone"))
            continue
        if (start, end) not in windows:
            windows[start, end] = not callable_periods(quiet_hours, start, end)
        if windows[start, end]:
            problem = (
                f"best time to call ({window_text(start, end)}) lies inside the quiet hours, "
                "so {about} are never called about"
            )
            problems.append((cid, name, problem, "call_window_start"))
    found = []
    for cid, name, problem, field in problems:
        (count,) = run_sql(
            "SELECT count(*) FROM opportunity WHERE customer_id = :c AND status = 'open'", c=cid
        )[0]
        if count:
            about = plural(count, "open opportunity", "open opportunities")
            found.append(MissingInfo("customer", cid, cid, name, problem.format(about=about), field))
    return sorted(found, key=lambda info: (info.name, info.customer_id or 0))
