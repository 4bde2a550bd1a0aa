"""The importer's public use cases: look at a file, read a sheet, map its columns, plan, import, undo.

The wizard calls them one by one (inspect → read → map → plan → run); the CLI
calls `run_import`, which does all of it. Every failure the owner can act on is
a UserError with one sentence; an import is one transaction, so a cancel, an error
or a kill leaves the database as it was. A sheet that is not a customer list (judged
with its guessed columns, list_check.py) and a file of which not one row can be used
are refused, not reported as an import.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import UserError
from app.domain.said import Said
from app.persistence import import_undo
from app.persistence import imports as repository
from app.services.importing import exported, list_check
from app.services.importing.fields import TARGET_KEYS, normalise_header
from app.services.importing.headers import SheetTable, build_table, fit_mapping, guess_mapping_fresh
from app.services.importing.planning import ImportPlan, plan_import
from app.services.importing.reading import SheetInfo, list_sheets, read_grid
from app.services.importing.report import ImportReport, UndoReport, nothing_imported
from app.services.importing.restoring import is_full_export, restore_export
from app.services.importing.sniffing import Sniffed, sniff
from app.services.importing.steps import Ticker, business_region, paused_gc
from app.services.importing.writing import to_write

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class FileInfo:
    path: Path
    kind: str  # xlsx | xls | xlsb | ods | csv
    sheets: list[SheetInfo]
    default_sheet: str
    note: str = ""  # e.g. the extension did not match what the file is


def inspect_file(path: Path) -> FileInfo:
    """What the file is and which sheets it has; the first visible sheet with data is the default."""
    path = Path(path)
    return _inspect(path, sniff(path))


def _inspect(path: Path, sniffed: Sniffed) -> FileInfo:
    sheets = list_sheets(path, sniffed)
    if not sheets:
        raise UserError(
            Said(
                "{file} has no sheets with cells; pick the file that holds your customer list.",
                file=path.name,
            )
        )
    default = next((s.name for s in sheets if not s.hidden and s.has_data), None)
    if default is None:
        default = next((s.name for s in sheets if s.has_data), None)
    if default is None:
        raise UserError(Said("{file} is empty: none of its sheets has anything in it.", file=path.name))
    if exported.is_export(path, sniffed, [s.name for s in sheets]):
        default = "customer"
    return FileInfo(path, sniffed.kind, sheets, default, sniffed.note)


def _names(info: FileInfo) -> list[str]:
    return [s.name for s in info.sheets]


def restores_everything(info: FileInfo) -> bool:
    """The file is our own whole export: importing it restores every table (restoring.py)."""
    return is_full_export(info.path, sniff(info.path), _names(info))


def read_sheet(path: Path, sheet: str | None = None) -> SheetTable:
    """The sheet's header row and data rows (the default sheet when none is named)."""
    path = Path(path)
    sniffed = sniff(path)
    return _read(path, sniffed, _inspect(path, sniffed), sheet)


def _read(path: Path, sniffed: Sniffed, info: FileInfo, sheet: str | None) -> SheetTable:
    name = sheet or info.default_sheet
    if name not in {s.name for s in info.sheets}:
        raise UserError(
            Said(
                "{file} has no sheet named “{sheet}”; it has {sheets}.",
                file=path.name,
                sheet=name,
                sheets=", ".join(s.name for s in info.sheets),
            )
        )
    if name == "customer" and exported.is_export(path, sniffed, [s.name for s in info.sheets]):
        table = exported.joined_table(path)
    else:
        table = build_table(read_grid(path, sniffed, name), path.name)
    if info.note:
        table.warnings.insert(0, info.note)
    return table


# ----------------------------------------------------------------------------- mapping


def header_signature(headers: list[str]) -> str:
    return hashlib.sha256("\x1f".join(normalise_header(h) for h in headers).encode()).hexdigest()


def remembered_mapping(headers: list[str]) -> dict[int, str] | None:
    """The mapping used last time for a file with exactly these headers, if any."""
    stored = repository.load_mapping(header_signature(headers))
    if not stored:
        return None
    try:
        mapping = {int(k): v for k, v in json.loads(stored)["mapping"].items()}
    except (ValueError, KeyError, TypeError):
        return None
    if any(v not in TARGET_KEYS or not 0 <= k < len(headers) for k, v in mapping.items()):
        return None
    return mapping


def guess_mapping(headers: list[str]) -> dict[int, str]:
    """Column index → target key: the remembered mapping for these headers, else a guess from their names."""
    if headers == exported.HEADERS:
        return dict(exported.MAPPING)
    return remembered_mapping(headers) or guess_mapping_fresh(headers)


SUGGESTION_SAMPLE_ROWS = 2_000


def suggest_mapping(table: SheetTable) -> dict[int, str]:
    """What the wizard's mapping step proposes: `guess_mapping`, with each column whose values do not
    fit its target already moved where the import will put it (a yes/no "State Tax Exempt" column is a
    note, not the state), judged on a sample so the step opens at once on a large file."""
    mapping = guess_mapping(table.headers)
    if table.from_export or table.headers == exported.HEADERS:
        return mapping
    sample = table.rows[:SUGGESTION_SAMPLE_ROWS]
    fitted, _changes = fit_mapping(table.headers, sample, mapping, business_region() in ("US", "CA"))
    return fitted


def list_refusal(table: SheetTable, file_name: str) -> list_check.NotAList | None:
    """Why the sheet, with its columns as `guess_mapping` gives them, is not taken for a customer list;
    None when it is, or when the mapping is one the owner chose (remembered) or our own export's."""
    if table.from_export or table.headers == exported.HEADERS or remembered_mapping(table.headers):
        return None
    return list_check.judge(table, guess_mapping_fresh(table.headers), file_name)


# ----------------------------------------------------------------------------- import


def run_import(
    path: Path,
    *,
    sheet: str | None = None,
    mapping: dict[int, str] | None = None,
    decisions: dict[int, bool] | None = None,
    date_order: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    table: SheetTable | None = None,
    before_write: Callable[[], object] | None = None,
) -> ImportReport:
    """Read, plan and (unless dry_run) write in one transaction, recorded as a batch that can be undone.

    `table`: the sheet as `read_sheet` gave it, when the caller has it already (the wizard, which
    previewed it): the rows imported are then exactly the rows previewed, and the file is not read again.
    Without a `mapping` the columns are guessed, and a sheet that is not a customer list is refused.
    `before_write` runs once the file has been read and planned and is about to be written (a backup:
    a file that is refused then costs none).
    """
    path = Path(path)
    consume = table is None  # a table of our own can be emptied as it is cleaned; the caller's cannot
    if table is None:
        sniffed = sniff(path)
        info = _inspect(path, sniffed)
        # Our own whole export, no sheet named: every table comes back (restoring.py), not just customers.
        if sheet is None and mapping is None and is_full_export(path, sniffed, _names(info)):
            return restore_export(
                path, dry_run=dry_run, progress=progress, cancel=cancel, before_write=before_write
            )
        table = _read(path, sniffed, info, sheet)
    if mapping is None and (refusal := list_refusal(table, path.name)):
        raise UserError(refusal.sentence())
    used = mapping if mapping is not None else guess_mapping(table.headers)
    region = business_region()
    with paused_gc():
        return _plan_and_write(
            path, table, used, region, decisions, date_order, dry_run, progress, cancel, consume, before_write
        )


def _plan_and_write(
    path: Path,
    table: SheetTable,
    used: dict[int, str],
    region: str,
    decisions: dict[int, bool] | None,
    date_order: str | None,
    dry_run: bool,
    progress: Progress | None,
    cancel: Cancel | None,
    consume: bool,
    before_write: Callable[[], object] | None = None,
) -> ImportReport:
    rows = len(table.rows)
    ticker = Ticker(progress, cancel, rows * 4)
    ticker.at(0, force=True)
    plan = plan_import(
        table, used, decisions=decisions, date_order=date_order, region=region, ticker=ticker, consume=consume
    )
    if consume:
        table.rows.clear()  # emptied as they were cleaned: 100,000 husks of rows are memory still
    if refusal := nothing_imported(path.name, plan):
        raise UserError(refusal)
    report = _report(path, table, plan, dry_run)
    plan.rows = []  # the report has what it needs of them, and the write does not use them
    if dry_run:
        ticker.at(ticker.total, force=True)
        return report
    if before_write is not None:
        before_write()
    remembered = (
        header_signature(table.headers),
        json.dumps({"headers": table.headers, "mapping": {str(k): v for k, v in used.items()}}),
    )
    write = to_write(plan, path.name, table.sheet, report.as_json_dict(), remembered)
    plan.rows, plan.row_data, plan.groups = [], [], []  # the write holds what is needed: free the rest
    base = rows * 2
    scale = rows * 2

    def checkpoint(done: int, total: int) -> None:
        ticker.at(base + done * scale // max(total, 1))

    report.batch = repository.write_import(write, checkpoint)
    if progress is not None:  # committed: no cancel check any more, it could only lie
        progress(ticker.total, ticker.total)
    log.info("import of %s: batch %s, %s created", path.name, report.batch, report.customers_created)
    return report


def _report(path: Path, table: SheetTable, plan: ImportPlan, dry_run: bool) -> ImportReport:
    warnings = list(plan.warnings)
    if plan.date_order_ambiguous:
        warnings.append(
            Said(
                "Some dates could be read either day-first or month-first; they were read as {order}.",
                order=Said("month/day/year") if plan.date_order == "MDY" else Said("day/month/year"),
            )
        )
    for row in plan.rows:
        if row.action != "reject":
            warnings.extend(Said("Row {row}: {problem}", row=row.excel_row, problem=p) for p in row.problems)
        if row.uncertain_match is not None:
            match = row.uncertain_match
            other = (
                Said("customer “{name}”", name=match.name)
                if match.customer_id
                else Said("row {row} ({name})", row=match.excel_row, name=match.name)
            )
            warnings.append(
                Said(
                    "Row {row} may be the same as {other}: {reason}; kept apart.",
                    row=row.excel_row,
                    other=other,
                    reason=match.reason,
                )
            )
    return ImportReport(
        file=path.name,
        sheet=table.sheet,
        rows_read=plan.rows_read,
        customers_created=plan.customers_created,
        customers_updated=plan.customers_updated,
        duplicates_merged=plan.duplicates_merged,
        sites_created=plan.sites_created,
        equipment_created=plan.equipment_created,
        rejected=plan.rejected,
        warnings=warnings,
        customers_unchanged=plan.customers_unchanged,
        visits_created=plan.visits_created,
        sales_created=plan.sales_created,
        sales_total=str(plan.sales_total),
        uncertain_matches=plan.uncertain,
        date_order=plan.date_order,
        dry_run=dry_run,
    )


def undo_import(batch_id: int) -> UndoReport:
    """Remove what the batch created and put back what it changed."""
    counts = import_undo.undo_batch(int(batch_id))
    return UndoReport(
        int(batch_id),
        counts.customers_removed,
        counts.sites_removed,
        counts.equipment_removed,
        counts.visits_removed,
        counts.customers_restored,
        counts.warnings,
    )
