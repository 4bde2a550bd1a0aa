"""Rows → a plan: what the import WILL do, row by row, without writing anything.

The steps: check the mapping against the columns' values (headers.fit_mapping),
clean every row (rows.py), tie the rows of one customer together and find the
saved customers they are (matching.py), merge each customer's rows and work out
what they add to a saved one (merging.py). The database is read in a few
set-based queries; nothing is written. The plan's warnings say what the owner
must know before importing: a column taken for something else than its heading
said, which of several columns on one field was used and why, what became of a
"Total Sales" column, rows sharing a phone or e-mail kept apart.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.domain import clock, formatting
from app.domain.said import Said, quoted
from app.persistence import imports as repository
from app.services import privacy
from app.services.importing import matching
from app.services.importing.cleaning import shown_phone
from app.services.importing.dates import DMY, MDY, DateReader, decide_order
from app.services.importing.fields import DATE_TARGETS, target_label
from app.services.importing.headers import SheetTable, check_mapping, fit_mapping
from app.services.importing.matching import KeptApart, Keys, Saved, UncertainMatch, shared_what
from app.services.importing.merging import Group, diff_saved, equipment_key, has_changes, merge_group
from app.services.importing.rows import NO_IDENTITY, RowBuilder, RowData
from app.services.importing.steps import Ticker, business_region, paused_gc

SUPPRESSED = Said("This customer was erased at their request; they are not imported again.")
NO_NAME = Said("The row has no name (first, last or company).")
NOT_IMPORTED = Said("The row could not be imported.")


@dataclass(slots=True)
class PlannedRow:
    """One row of the file and what will happen to it."""

    excel_row: int
    action: str  # create | update | merge_in_file | reject | unchanged
    customer: dict[str, Any]  # cleaned values as they will be stored (phones E.164; see `preview`)
    sites: list[dict[str, Any]] = field(default_factory=list)
    equipment: list[dict[str, Any]] = field(default_factory=list)
    match_customer_id: int | None = None
    merged_into_row: int | None = None  # merge_in_file: the row that holds this customer
    uncertain_match: UncertainMatch | None = None
    problems: list[str] = field(default_factory=list)
    reason: str = ""  # why a row is rejected

    def preview(self, region: str = "US") -> dict[str, str]:
        """The row as the wizard shows it: phones in local format, the address on one line."""
        c = self.customer
        site = self.sites[0] if self.sites else {}
        place = " ".join(p for p in (site.get("region", ""), site.get("postal_code", "")) if p)
        address = ", ".join(
            p for p in (site.get("street", ""), site.get("street2", ""), site.get("city", ""), place) if p
        )
        equipment = "; ".join(
            " ".join(p for p in (e["kind"], e["brand"], e["model"]) if p)
            + (f" ({formatting.short_month_year(e['installed_on'])})" if e.get("installed_on") else "")
            for e in self.equipment
        )
        return {
            "name": c.get("display_name", ""),
            "company": c.get("company", ""),
            "phone": shown_phone(c.get("phone", ""), region),
            "mobile": shown_phone(c.get("phone_mobile", ""), region),
            "work phone": shown_phone(c.get("phone_work", ""), region),
            "email": ", ".join(e for e in (c.get("email", ""), c.get("email2", "")) if e),
            "address": address,
            "sites": str(len(self.sites)),
            "equipment": equipment,
            "notes": c.get("notes", ""),
            "problems": " ".join(self.problems),
        }


@dataclass
class ImportPlan:
    rows: list[PlannedRow]
    date_order: str | None  # the order used for columns the data does not decide
    date_order_ambiguous: bool  # some date column could be either way: ask the owner
    warnings: list[str]
    rows_read: int = 0
    customers_created: int = 0
    customers_updated: int = 0
    customers_unchanged: int = 0
    duplicates_merged: int = 0
    sites_created: int = 0
    equipment_created: int = 0
    visits_created: int = 0
    sales_created: int = 0  # opening-balance sales ("Total Sales", "Lifetime value")
    sales_total: Decimal = Decimal("0.00")
    sales_dated: Counter[str] = field(default_factory=Counter)  # the date column each sale took its day from
    uncertain: int = 0
    date_orders: dict[int, str] = field(default_factory=dict)  # column index → order used
    groups: list[Group] = field(default_factory=list, repr=False)
    new_segments: list[str] = field(default_factory=list, repr=False)
    row_data: list[RowData] = field(default_factory=list, repr=False)

    @property
    def rejected(self) -> list[dict[str, Any]]:
        return [{"row": r.excel_row, "reason": r.reason} for r in self.rows if r.action == "reject"]


def plan_import(
    table: SheetTable,
    mapping: dict[int, str],
    *,
    decisions: dict[int, bool] | None = None,
    date_order: str | None = None,
    region: str | None = None,
    today: datetime.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    ticker: Ticker | None = None,
    consume: bool = False,
) -> ImportPlan:
    """What importing `table` with `mapping` will do. `decisions`: Excel row → same customer (True) or not.

    `consume` empties the table's rows as they are cleaned (for a caller that has no further use for them).
    """
    mapping = check_mapping(mapping, len(table.headers))
    region = region or business_region()
    with paused_gc():
        return _plan(
            table,
            mapping,
            decisions,
            date_order,
            region,
            today,
            ticker or Ticker(progress, cancel, len(table.rows) * 2),
            consume,
        )


def _plan(
    table: SheetTable,
    mapping: dict[int, str],
    decisions: dict[int, bool] | None,
    date_order: str | None,
    region: str,
    today: datetime.date | None,
    ticker: Ticker,
    consume: bool,
) -> ImportPlan:
    today = today or clock.today()
    refitted: list[str] = []
    if not table.from_export:  # our own export's columns are what they say
        mapping, refitted = fit_mapping(table.headers, table.rows, mapping, region in ("US", "CA"))
    readers, orders, ambiguous, used = _date_readers(table, mapping, date_order, region, today)
    salt = "\x1f".join(table.headers)
    builder = RowBuilder(
        table.headers, mapping, readers, region, today, table.uncached, salt, keep_case=table.from_export
    )
    built: list[RowData] = []
    rows = table.rows
    for count, (excel_row, cells) in enumerate(rows):
        built.append(builder.build(excel_row, cells))
        if consume:  # run_import's own table: each row's cells can go once cleaned (half the peak memory)
            rows[count] = (excel_row, [])
        ticker.at(count)
    plan = ImportPlan(
        [],
        used,
        ambiguous and date_order is None,
        [*table.warnings, *refitted, *_overlap_warnings(builder)],
        rows_read=len(built),
        date_orders=orders,
    )
    _Planner(plan, built, decisions or {}, region, ticker, len(table.rows)).run()
    if plan.sales_created:
        plan.warnings.append(_sales_warning(plan, builder))
    return plan


def _overlap_warnings(builder: RowBuilder) -> list[str]:
    """Which of several columns on one field was used, and why; several addresses per row."""
    warnings = []
    headers = builder.headers
    for target, columns, _check in builder.single:
        if len(columns) < 2:
            continue
        later, noted = builder.overlaps[target]
        warnings.append(
            Said(
                "{field} is in {count} columns ({named}): the first filled one whose value fits is used"
                "{later}{noted}.",
                field=target_label(target),
                count=len(columns),
                named=tuple(quoted(headers[i]) for i in columns),
                later=Said(
                    " (on {count:,} rows a later column, the first being empty or not fitting)", count=later
                )
                if later
                else "",
                noted=Said("; {count:,} other values were kept in the notes", count=noted) if noted else "",
            )
        )
    places = [a for a in builder.addresses if not a.billing]
    if len(places) > 1:
        warnings.append(
            Said(
                "Each row has {count} addresses ({named}): each filled one is a site of its own.",
                count=len(places),
                named=tuple(quoted(a.prefix.capitalize() or Said("Service address")) for a in places),
            )
        )
    return warnings


def _sales_warning(plan: ImportPlan, builder: RowBuilder) -> str:
    """What became of the "Total Sales" column: how many sales, how much, and which day each took."""
    dated = tuple(
        Said("by “{column}” for {count:,}", column=column, count=count)
        if column
        else Said("by the import day for {count:,}", count=count)
        for column, count in plan.sales_dated.most_common()
    )
    column = (
        builder.headers[builder.columns["lifetime_value"][0]] if builder.columns.get("lifetime_value") else ""
    )
    return Said(
        "“{column}” was imported as an opening-balance sale for {count:,} customers ({total} in all), dated "
        "{dated}: lifetime value and the dashboard count it.",
        column=column,
        count=plan.sales_created,
        total=formatting.money(plan.sales_total),
        dated=dated,
    )


def _date_readers(
    table: SheetTable, mapping: dict[int, str], date_order: str | None, region: str, today: datetime.date
) -> tuple[dict[int, DateReader], dict[int, str], bool, str | None]:
    default = date_order or (MDY if region in ("US", "CA", "PH") else DMY)
    readers, orders, ambiguous, used = {}, {}, False, None
    for index, target in mapping.items():
        if target not in DATE_TARGETS:
            continue
        order, unsure = decide_order((cells[index] for _, cells in table.rows), default)
        readers[index] = DateReader(order, table.date1904, today)
        orders[index] = order
        ambiguous = ambiguous or unsure
        used = used or order
    return readers, orders, ambiguous, (default if ambiguous else used)


class _Planner:
    def __init__(
        self,
        plan: ImportPlan,
        rows: list[RowData],
        decisions: dict[int, bool],
        region: str,
        ticker: Ticker,
        base: int,
    ) -> None:
        self.plan, self.rows, self.decisions, self.region = plan, rows, decisions, region
        self.ticker, self.base = ticker, base
        self.keys: list[Keys | None] = []

    def run(self) -> None:
        self._attach_continuations()
        self._keys_and_suppression()
        self._orphaned_continuations()
        # QuickBooks names are unique there, so in a file with "Customer:Job" rows one name is one customer.
        use_qb = any(row.job for row in self.rows)
        parents, apart = matching.group_rows(self.keys, use_qb, [r.qb_customer for r in self.rows])
        self.parents = parents
        self.ticker.at(self.base + len(self.rows) // 4, force=True)
        groups = self._groups(parents)
        self.apart = self._kept_apart(apart)
        self._match(groups)
        self.keys = []
        self._merge(groups)
        self._planned_rows(groups)

    def _attach_continuations(self) -> None:
        """A row with equipment but no name, phone, e-mail or address belongs to the customer above it."""
        self.continues: dict[int, int] = {}
        last = None
        for index, row in enumerate(self.rows):
            if row.reject:
                continue
            if not row.has_identity and not row.sites and last is not None:
                self.continues[index] = last
                row.add_problem(
                    Said(
                        "No name: taken as more of the customer on row {row}.", row=self.rows[last].excel_row
                    )
                )
            elif not row.has_identity and not row.sites:
                row.reject = NO_IDENTITY
            else:
                last = index

    def _orphaned_continuations(self) -> None:
        """A nameless row goes with the row above it only if that row is imported: alone it is no one."""
        for index, above in self.continues.items():
            if self.rows[above].reject:
                row = self.rows[index]
                row.reject = Said(
                    "The row has no name, phone or e-mail, and row {row} above it, which it would belong to, "
                    "is not imported.",
                    row=self.rows[above].excel_row,
                )
                self.keys[index] = None

    def _kept_apart(self, apart: list[KeptApart]) -> dict[int, UncertainMatch]:
        """Groups kept apart from an earlier one that shares their phone or e-mail: uncertain matches."""
        found: dict[int, UncertainMatch] = {}
        for pair in apart:
            mine, theirs = self.parents[pair.row], self.parents[pair.other]
            if mine in found:
                continue
            other = self.rows[theirs]
            found[mine] = UncertainMatch(
                None,
                other.excel_row,
                other.customer.get("display_name", ""),
                matching.one_line(other.sites),
                Said("{shared} but another name", shared=shared_what(pair.key, self.region)),
                0,
            )
        return found

    def _keys_and_suppression(self) -> None:
        suppressed = privacy.suppressed_keys()
        for index, row in enumerate(self.rows):
            if row.reject or index in self.continues:
                self.keys.append(None)
                continue
            if not (row.customer.get("display_name")):
                row.reject = NO_NAME
                self.keys.append(None)
                continue
            keys = matching.keys_of(row)
            if suppressed and not suppressed.isdisjoint(_suppression_keys(row, self.region)):
                row.reject = SUPPRESSED
                self.keys.append(None)
                continue
            self.keys.append(keys)

    def _groups(self, parents: list[int]) -> list[Group]:
        by_primary: dict[int, Group] = {}
        for index, parent in enumerate(parents):
            if self.rows[index].reject:
                continue
            if index in self.continues:
                parent = parents[self.continues[index]]
            group = by_primary.get(parent)
            if group is None:
                group = by_primary[parent] = Group(parent)
            group.members.append(index)
        return list(by_primary.values())

    def _match(self, groups: list[Group]) -> None:
        saved = Saved.load(repository.existing_customers(), repository.existing_sites())
        saved.fingerprints = repository.imported_fingerprints()
        file_blocks = matching.FileBlocks()
        merged_into: dict[int, Group] = {}
        self.uncertain: dict[int, UncertainMatch] = {}
        for group in groups:
            member_keys = [k for k in (self.keys[i] for i in group.members) if k is not None]
            group.saved_id, warning = saved.match(member_keys)
            if warning:
                self.rows[group.primary].add_problem(Said("This customer {warning}.", warning=warning))
            if group.saved_id is not None or not member_keys:
                continue
            primary_keys, excel_row = member_keys[0], self.rows[group.primary].excel_row
            alike = (
                saved.uncertain(primary_keys)
                or file_blocks.uncertain(primary_keys)
                or self.apart.get(group.primary)
                or saved.shared_contact(primary_keys, self.region)
            )
            if alike is not None:
                if self.decisions.get(excel_row) is True:
                    if alike.customer_id is not None:
                        group.saved_id = alike.customer_id
                    else:
                        merged_into[group.primary] = self._group_of_row(groups, alike.excel_row)
                    continue
                if excel_row not in self.decisions:
                    self.uncertain[group.primary] = alike
            file_blocks.add(excel_row, primary_keys, self.rows[group.primary].sites)
        for primary, target in merged_into.items():
            while target.primary in merged_into:  # it was itself merged into an earlier customer
                target = merged_into[target.primary]
            source = next(g for g in groups if g.primary == primary)
            target.members.extend(source.members)
            source.members = []
        groups[:] = [g for g in groups if g.members]

    def _group_of_row(self, groups: list[Group], excel_row: int | None) -> Group:
        return next(g for g in groups if self.rows[g.primary].excel_row == excel_row)

    def _merge(self, groups: list[Group]) -> None:
        saved_ids = {g.saved_id for g in groups if g.saved_id is not None}
        saved = repository.customers_by_id(saved_ids) if saved_ids else {}
        sites_by_customer: dict[int, list[tuple]] = {}
        if saved_ids:
            for site in repository.existing_sites():
                if site[1] in saved_ids:
                    sites_by_customer.setdefault(site[1], []).append(site)
        site_ids = [s[0] for sites in sites_by_customer.values() for s in sites]
        equipment = {equipment_key(row[0], row) for row in repository.equipment_of_sites(site_ids)}
        visits = repository.visit_days_of(saved_ids) if saved_ids else set()
        sales = repository.sales_of(saved_ids) if saved_ids else {}
        segments = repository.segment_ids()
        for count, group in enumerate(groups):
            merge_group(group, self.rows, self.region)
            if group.saved_id is not None and group.saved_id in saved:
                diff_saved(
                    group,
                    saved[group.saved_id],
                    sites_by_customer.get(group.saved_id, []),
                    equipment,
                    visits,
                    self.region,
                    sales,
                )
            self._segment(group, segments, saved.get(group.saved_id or 0))
            self.ticker.at(self.base + len(self.rows) // 4 + count * 3 // 4)

    def _segment(self, group: Group, segments: dict[str, int], saved: dict | None) -> None:
        if not group.segment:
            return
        key = group.segment.casefold()
        if key not in segments:
            self.plan.new_segments.append(group.segment)
            segments[key] = repository.new_ref(len(self.plan.new_segments) - 1)
        if saved is None:
            group.customer["segment_id"] = segments[key]
        elif not saved.get("segment_id"):
            group.update = {**group.update, "segment_id": segments[key]}
            group.before = {**group.before, "segment_id": None}

    def _planned_rows(self, groups: list[Group]) -> None:
        plan = self.plan
        by_index: dict[int, tuple[Group, str]] = {}
        for group in groups:
            if group.saved_id is None:
                action = "create"
                plan.customers_created += 1
                plan.sites_created += len(group.sites)
            else:
                action = "update" if has_changes(group) else "unchanged"
                plan.customers_updated += action == "update"
                plan.customers_unchanged += action == "unchanged"
                plan.sites_created += len(group.sites) - len(group.saved_site_ids)
            plan.equipment_created += len(group.equipment)
            plan.visits_created += len(group.visits)
            plan.sales_created += len(group.sales)
            for sale in group.sales:
                plan.sales_total += sale.amount
                plan.sales_dated[sale.dated_by] += 1
            for index in group.members:
                by_index[index] = (group, action if index == group.primary else "merge_in_file")
        for index, row in enumerate(self.rows):
            plan.rows.append(self._planned(index, row, by_index.get(index)))
        plan.duplicates_merged = len(by_index) - len(groups)
        plan.uncertain = len(self.uncertain)
        plan.groups = groups
        plan.row_data = self.rows

    def _planned(self, index: int, row: RowData, placed: tuple[Group, str] | None) -> PlannedRow:
        if placed is None:
            return PlannedRow(
                row.excel_row,
                "reject",
                row.customer,
                row.sites,
                [],
                problems=list(row.problems),
                reason=row.reject or NOT_IMPORTED,
            )
        group, action = placed
        if action == "merge_in_file":
            return PlannedRow(
                row.excel_row,
                action,
                row.customer,
                row.sites,
                [row.equipment] if row.equipment else [],
                group.saved_id,
                self.rows[group.primary].excel_row,
                problems=list(row.problems),
            )
        customer = group.customer
        if group.saved_id is not None and group.update:
            customer = {**customer, **group.update}
        return PlannedRow(
            row.excel_row,
            action,
            customer,
            group.sites,
            [e for _, e in group.equipment] if group.equipment else [],
            group.saved_id,
            None,
            self.uncertain.get(index),
            list(row.problems),
        )


def _suppression_keys(row: RowData, region: str) -> list[str]:
    """The keys an erased customer left behind (app.services.privacy) that this row would match."""
    c = row.customer
    names = [
        c.get("display_name", ""),
        f"{c.get('first_name', '')} {c.get('last_name', '')}",
        c.get("company", ""),
    ]
    return privacy.match_keys(
        phone=[number for _, number in row.phones],
        email=list(row.emails),
        name=[n for n in names if n.strip()],
        postal_code=[s["postal_code"] for s in row.sites if s.get("postal_code")],
        region=region,
    )
