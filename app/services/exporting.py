"""Export the whole database to one workbook, one sheet per table, that the importer reads back.

Every declared table is a sheet, save the few app/persistence/exports.py leaves out with its
reason. A cell holds at most 32,767 characters in Excel (openpyxl cuts longer text there, and
a logo is stored as longer text): such a cell keeps its first 32,767 characters and the rest
goes, in numbered parts, on the sheet "long_text" (sheet, cell, part, text), where a reader
joins it back. Written with openpyxl's write-only mode (rows streamed to disk, little memory). Text
that a spreadsheet would take for a formula (=, +, -, @ first) is stored as a text
cell with Excel's "quote prefix", so it stays text even when someone edits the cell;
characters that XML cannot hold are written as Excel writes them (app/infra/export_format.py),
so the text reads back exactly. A moment finer than a second, or a day before March 1900 (where
Excel's calendar is wrong), is written as ISO text: an Excel date would round or shift it. The
workbook is written to a temporary name in the same folder and then renamed.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from app.domain.errors import UserError
from app.infra.export_format import (
    LONG_TEXT_COLUMNS,
    LONG_TEXT_SHEET,
    MAX_CELL_TEXT,
    MAX_SHEET_ROWS,
    cell_parts,
    sheet_title,
)
from app.infra.workbooks import safe_cell, save_atomically
from app.persistence import exports as repository
from app.services.cancel import Cancelled

# Excel's own calendar counts a 29 February 1900 that never was: days before 1 March 1900 go as text.
FIRST_EXCEL_DAY = datetime.date(1900, 3, 1)
__all__ = ["LONG_TEXT_SHEET", "MAX_CELL_TEXT", "MAX_SHEET_ROWS", "ExportSummary", "export_database"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    rows: dict[str, int] = field(default_factory=dict)  # table → rows written

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def export_database(
    path: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ExportSummary:
    """Every table, one sheet each (parents first); Cancelled leaves no file behind."""
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        path = path.with_suffix(".xlsx")
    if not path.parent.is_dir():
        raise UserError(f"The folder {path.parent} does not exist; pick another place to save the export.")
    tables = repository.exportable_tables()
    left_over = repository.unaccounted_tables()
    if left_over:  # a migration added a table without declaring it: say so, the test suite fails on it
        log.warning("tables neither exported nor listed as left out: %s", ", ".join(left_over))
    total = sum(repository.count_rows(t) for t, _ in tables) or 1
    workbook = Workbook(write_only=True)
    try:
        written = _write_tables(workbook, tables, total, progress, cancel)
        save_atomically(workbook, path)
    except BaseException:
        _discard(workbook)
        raise
    if progress is not None:
        progress(total, total)
    return ExportSummary(path, written)


def _write_tables(
    workbook: Workbook,
    tables: list[tuple[str, list[tuple[str, str]]]],
    total: int,
    progress: Callable[[int, int], None] | None,
    cancel: Callable[[], bool] | None,
) -> dict[str, int]:
    step = max(1, total // 100)
    written: dict[str, int] = {}
    long_text = _LongText(workbook)
    done, next_report = 0, 0
    for table, columns in tables:
        names = [c for c, _ in columns]
        kinds = [k for _, k in columns]
        sheet = _new_sheet(workbook, table, names)
        count = 0
        for chunk in repository.table_rows(table, names):
            for row in chunk:
                if count and count % MAX_SHEET_ROWS == 0:
                    sheet = _new_sheet(workbook, sheet_title(table, count // MAX_SHEET_ROWS + 1), names)
                sheet_row = count % MAX_SHEET_ROWS + 2  # below the header
                cells = []
                for column, (value, kind) in enumerate(zip(row, kinds, strict=True), start=1):
                    if isinstance(value, str) and kind == "text":
                        value = long_text.head(sheet, f"{get_column_letter(column)}{sheet_row}", value)
                    cells.append(_value(sheet, value, kind))
                sheet.append(cells)
                count += 1
            done += len(chunk)
            if done >= next_report:
                next_report = done + step
                if cancel is not None and cancel():
                    raise Cancelled()
                if progress is not None:
                    progress(min(done, total), total)
        written[table] = count
    return written


class _LongText:
    """Text longer than a cell can hold: the cell keeps the head, the sheet "long_text" the rest."""

    def __init__(self, workbook: Workbook) -> None:
        self._workbook = workbook
        self._sheet: Any = None  # made when the first long text comes, so most exports have none

    def head(self, sheet: Any, cell: str, value: str) -> str:
        """The cell's own (escaped) text; the parts that do not fit go on the long_text sheet."""
        head, *rest = cell_parts(value)
        if rest and self._sheet is None:
            self._sheet = _new_sheet(self._workbook, LONG_TEXT_SHEET, LONG_TEXT_COLUMNS)
        for part, piece in enumerate(rest, start=2):
            self._sheet.append([sheet.title, cell, part, safe_cell(self._sheet, piece)])
        return head


def _discard(workbook: Workbook) -> None:
    """A cancelled export: close the sheets' temporary files and remove them."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()
        with contextlib.suppress(Exception):
            Path(sheet._writer.out).unlink(missing_ok=True)


def _new_sheet(workbook: Workbook, title: str, names: list[str]) -> Any:
    sheet = workbook.create_sheet(title[:31])
    bold = Font(bold=True)
    header = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    return sheet


def _value(sheet: Any, value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "bool":
        return bool(value)
    if kind == "date" and isinstance(value, str):
        value = _parse(datetime.date.fromisoformat, value[:10])
    if kind == "datetime" and isinstance(value, str):
        value = _parse(datetime.datetime.fromisoformat, value)
    if isinstance(value, datetime.datetime):
        # Excel keeps a moment to the millisecond, and calamine reads it back rounded: ISO text is exact.
        exact = value.microsecond == 0 and value.tzinfo is None and value.date() >= FIRST_EXCEL_DAY
        return value if exact else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value if value >= FIRST_EXCEL_DAY else value.isoformat()
    if isinstance(value, str):
        return safe_cell(sheet, value)
    return value


def _parse(parse: Callable[[str], Any], value: str) -> Any:
    try:
        return parse(value)
    except ValueError:
        return value  # not ours to repair: written as it is stored
