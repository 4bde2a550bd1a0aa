"""Cells and saving for the workbooks the app writes (the export, the import report).

Text that a spreadsheet would take for a formula (=, +, -, @ first) is stored as a text cell with
Excel's "quote prefix", so it stays text even when someone edits the cell; characters that XML
cannot hold are removed; a workbook is written to a temporary name and then renamed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from app.infra.files import write_atomically

FORMULA_STARTS = ("=", "+", "-", "@")


def safe_text(value: str) -> str:
    """The text without the control characters that XML (so xlsx) cannot hold."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def safe_cell(sheet: Any, value: str) -> Any:
    """Text as a cell; formula-looking text as a quote-prefixed text cell, which Excel never runs."""
    value = safe_text(value)
    if not value.startswith(FORMULA_STARTS):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def bold_cell(sheet: Any, value: str, font: Font | None = None) -> WriteOnlyCell:
    """A header cell of a write-only sheet."""
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = font or Font(bold=True)
    return cell


def save_atomically(workbook: Workbook, path: Path) -> None:
    """Write to a temporary name in the same folder, then rename: an open copy never sees half a file."""
    write_atomically(Path(path), workbook.save, suffix=".partial.xlsx", in_use_hint="Excel?")
