"""Reading a sheet into a grid of cell values, with python-calamine (workbooks) or csv (text).

The bounds are checked before Python objects are made: calamine parses a sheet
into compact Rust cells, we look at its size, and only then turn it into lists.
Rows past the cap are refused with a sentence, never dropped silently. Merged
cells get the value of their top-left cell. Formulas whose result was never saved
(files written by scripts, not by Excel) are found in the sheet's XML, because
calamine reads them as empty cells.
"""

from __future__ import annotations

import csv
import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine
from defusedxml import ElementTree

from app.domain.errors import UserError
from app.services.importing.sniffing import HEAD_BYTES, PASSWORD_MESSAGE, Sniffed

log = logging.getLogger(__name__)

MAX_ROWS = 300_000  # data rows per import; a 1,048,576-row sheet is refused, not cut short
MAX_COLUMNS = 500
MAX_CELL_CHARS = 32_767  # Excel's own limit; a longer cell rejects its row
MAX_UNCACHED_LISTED = 10_000
_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]{1,3}\d+)"([^>]*)>\s*<f(?:\s[^>]*)?(?:/>|>[^<]*</f>)\s*(<v\s*/>|<v>\s*</v>|<v>)?'
)
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass(frozen=True)
class SheetInfo:
    name: str
    hidden: bool
    has_data: bool


@dataclass
class Grid:
    """The cells of one sheet: rows[i] is Excel row i + 1, values as calamine or csv gives them."""

    sheet: str
    rows: list[list[object]]
    date1904: bool = False
    uncached: set[tuple[int, int]] = field(default_factory=set)  # (Excel row, column index) formulas
    from_text: bool = False  # a CSV: every value is text


_EXTENSIONS = {"xlsx": (".xlsx", ".xlsm"), "xls": (".xls", ".xla"), "xlsb": (".xlsb",), "ods": (".ods",)}


def _open_workbook(path: Path, sniffed: Sniffed) -> python_calamine.CalamineWorkbook:
    """calamine picks its reader by the extension; a file named wrongly is handed over as bytes instead."""
    try:
        if path.suffix.lower() in _EXTENSIONS.get(sniffed.kind, ()):
            return python_calamine.CalamineWorkbook.from_path(str(path))
        with path.open("rb") as handle:
            return python_calamine.CalamineWorkbook.from_filelike(handle)
    except python_calamine.PasswordError as error:
        raise UserError(PASSWORD_MESSAGE) from error
    except Exception as error:  # calamine's parse errors vary: all mean a damaged file
        log.info("calamine could not open %s: %r", path, error)
        raise UserError(
            f"{path.name} is damaged or not a workbook Customers for Life can read; open it in Excel, "
            "save it again and import the new copy."
        ) from error


def list_sheets(path: Path, sniffed: Sniffed) -> list[SheetInfo]:
    if sniffed.kind == "csv":
        return [SheetInfo(path.stem, False, _text_has_data(path, sniffed))]
    if sniffed.kind == "xlsx" and (parts := _sheet_parts(path)):
        # From the package itself: opening it with calamine would parse all its shared strings.
        return [
            SheetInfo(name, hidden, _part_has_cells(path, part)) for name, (part, hidden) in parts.items()
        ]
    workbook = _open_workbook(path, sniffed)
    try:
        return [
            SheetInfo(
                m.name,
                m.visible != python_calamine.SheetVisibleEnum.Visible,
                _sheet_has_data(workbook, m.name),
            )
            for m in workbook.sheets_metadata
            if m.typ == python_calamine.SheetTypeEnum.WorkSheet
        ]
    finally:
        workbook.close()


def _sheet_has_data(workbook: python_calamine.CalamineWorkbook, name: str) -> bool:
    try:
        sheet = workbook.get_sheet_by_name(name)
    except Exception:  # a damaged sheet: reading it says so later
        return False
    return sheet.end is not None and sheet.height > 0


def read_grid(path: Path, sniffed: Sniffed, sheet: str) -> Grid:
    if sniffed.kind == "csv":
        return Grid(sheet, read_text_rows(path, sniffed), from_text=True)
    workbook = _open_workbook(path, sniffed)
    try:
        try:
            calamine_sheet = workbook.get_sheet_by_name(sheet)
        except python_calamine.WorksheetNotFound as error:
            raise UserError(f"{path.name} has no sheet named “{sheet}”.") from error
        except python_calamine.PasswordError as error:
            raise UserError(PASSWORD_MESSAGE) from error
        except Exception as error:
            log.info("calamine could not read %s/%s: %r", path, sheet, error)
            raise UserError(
                f"The sheet “{sheet}” of {path.name} is damaged; open it in Excel, save it "
                "again and import the new copy."
            ) from error
        rows = _bounded_rows(path, calamine_sheet)
        _fill_merged(rows, calamine_sheet.merged_cell_ranges or [])
    finally:
        workbook.close()
    uncached = _uncached_formulas(path, sheet) if sniffed.kind == "xlsx" else set()
    return Grid(sheet, rows, date1904=sniffed.date1904, uncached=uncached)


def _bounded_rows(path: Path, sheet: python_calamine.CalamineSheet) -> list[list[object]]:
    end = sheet.end
    if end is None:
        return []
    height, width = end[0] + 1, end[1] + 1
    if height > MAX_ROWS + 1000:
        raise UserError(too_many_rows(path.name, height))
    if width > MAX_COLUMNS:
        raise UserError(
            f"The sheet “{sheet.name}” has something in column {column_letter(width - 1)}, far right of any "
            f"list; the importer reads up to {MAX_COLUMNS} columns. Delete the stray cells and import again."
        )
    return sheet.to_python(skip_empty_area=False)


def too_many_rows(name: str, rows: int) -> str:
    return (
        f"{name} has {rows:,} rows; the importer takes at most {MAX_ROWS:,} at a time and never drops rows. "
        "Split it into smaller files and import each."
    )


def _fill_merged(rows: list[list[object]], ranges: list) -> None:
    """A merged cell's value belongs to every cell it covers (e.g. one name over several equipment rows)."""
    for (top, left), (bottom, right) in ranges:
        if top >= len(rows):
            continue
        value = rows[top][left] if left < len(rows[top]) else ""
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(left, min(right, len(row) - 1) + 1):
                if row[c] == "":
                    row[c] = value


# ----------------------------------------------------------------------------- the sheet XML itself


def _sheet_parts(path: Path) -> dict[str, tuple[str, bool]]:
    """Worksheet name → (its part in the package, hidden), from workbook.xml and its relationships."""
    try:
        with zipfile.ZipFile(path) as archive:
            workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # an unusual package: the caller falls back to calamine
        return {}
    targets = {}
    for rel in rels:
        if rel.get("Type", "").endswith("/worksheet"):
            target = rel.get("Target", "")
            targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    parts = {}
    for sheet in workbook.iter(f"{_NS}sheet"):
        rel_id = sheet.get(f"{_REL_NS}id")
        if rel_id in targets:
            parts[sheet.get("name", "")] = (targets[rel_id], sheet.get("state", "visible") != "visible")
    return parts


def _stream_part(path: Path, part: str) -> Iterator[bytes]:
    """The part's bytes in chunks, each overlapping the last by 4 KB so that no match is cut in two."""
    with zipfile.ZipFile(path) as archive, archive.open(part) as handle:
        tail = b""
        while chunk := handle.read(1024 * 1024):
            yield tail + chunk
            tail = chunk[-4096:]


def _part_has_cells(path: Path, part: str) -> bool:
    try:
        return any(b"<c " in chunk or b"<c>" in chunk for chunk in _stream_part(path, part))
    except (KeyError, zipfile.BadZipFile, OSError):
        return False


def _uncached_formulas(path: Path, sheet: str) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    part = _sheet_parts(path).get(sheet, ("", False))[0]
    if not part:
        return found
    try:
        for chunk in _stream_part(path, part):
            if b"<f" not in chunk:
                continue
            for match in _FORMULA_CELL.finditer(chunk):
                ref, attrs, value = match.group(1), match.group(2), match.group(3)
                # Excel saves an empty text result as t="str" with an empty <v>: that one is cached.
                if value == b"<v>" or (value and b't="str"' in attrs):
                    continue
                found.add(cell_position(ref.decode()))
                if len(found) >= MAX_UNCACHED_LISTED:
                    return found
    except (KeyError, zipfile.BadZipFile, OSError) as error:
        raise UserError(f"{path.name} is damaged; get a fresh copy and import again.") from error
    return found


def cell_position(ref: str) -> tuple[int, int]:
    """ "B7" → (7, 1): the Excel row number and the 0-based column index."""
    match = _CELL_REF.fullmatch(ref)
    if not match:
        raise ValueError(ref)
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column - 1


def column_letter(index: int) -> str:
    """0 → "A", 27 → "AB"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# ----------------------------------------------------------------------------- text (CSV)


def _text_has_data(path: Path, sniffed: Sniffed) -> bool:
    with path.open(encoding=sniffed.encoding, errors="replace", newline="") as handle:
        return bool(handle.read(HEAD_BYTES).strip(" \t\r\n,;\ufeff"))


def read_text_rows(path: Path, sniffed: Sniffed) -> list[list[object]]:
    """All records of a CSV file, as lists of text; cp1252 when the file turns out not to be UTF-8."""
    encodings = [sniffed.encoding] + (["cp1252", "latin-1"] if sniffed.encoding.startswith("utf-8") else [])
    for encoding in encodings:
        try:
            return _read_text(path, encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(f"{path.name} is not readable text; save it from Excel as .xlsx or .csv (UTF-8).")


def _read_text(path: Path, encoding: str) -> list[list[object]]:
    with path.open(encoding=encoding, newline="") as handle:
        delimiter = guess_delimiter(handle.read(HEAD_BYTES))
        handle.seek(0)
        reader = csv.reader((line.replace("\x00", "") for line in handle), delimiter=delimiter)
        rows: list[list[object]] = []
        try:
            for row in reader:
                rows.append(row)  # type: ignore[arg-type]
                if len(rows) > MAX_ROWS + 1000:
                    raise UserError(too_many_rows(path.name, _count_more(reader, len(rows))))
        except csv.Error as error:
            raise UserError(
                f'Row {reader.line_num} of {path.name} cannot be read ({error}); usually a quote mark (") is '
                "missing its partner. Fix the file and import again."
            ) from error
    if rows and rows[0] and isinstance(rows[0][0], str):
        rows[0][0] = rows[0][0].lstrip("\ufeff")
    return rows


def _count_more(reader: Iterator[list[str]], counted: int) -> int:
    """How many rows the file has, for the message (counting is cheap; keeping them is not)."""
    for _ in reader:
        counted += 1
    return counted


def guess_delimiter(sample: str) -> str:
    """The delimiter found the same number of times on the most of the first lines."""
    lines = [line for line in sample.splitlines()[:30] if line.strip()]
    if len(lines) > 1 and len(sample) >= HEAD_BYTES:
        lines = lines[:-1]  # the last one may be cut short
    best, best_score = ",", 0
    for delimiter in (",", ";", "\t", "|"):
        counts = [line.count(delimiter) for line in lines]
        if not counts or max(counts) == 0:
            continue
        common = max(set(counts), key=counts.count)
        score = counts.count(common) * 100 + common if common else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best
