"""Reading a sheet into a grid of cell values, with python-calamine (workbooks) or csv (text).

The bounds are checked before Python objects are made: calamine parses a sheet
into compact Rust cells, we look at its size, and only then turn it into lists.
Rows past the cap are refused with a sentence, never dropped silently. Merged
cells get the value of their top-left cell. Formulas whose result was never saved
(files written by scripts, not by Excel) are found in the sheet's XML, because
calamine reads them as empty cells.

python-calamine's failures are the file's, not ours: its errors, and the panics of
its Rust code (pyo3's PanicException, a BaseException that `except Exception` lets
through), become one sentence, and what the panic printed on the process's stderr is
logged instead. A workbook not in Excel's package shape is read from a copy that is
(package.py).
"""

from __future__ import annotations

import csv
import functools
import io
import logging
import os
import re
import sys
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

import python_calamine
from defusedxml import ElementTree

from app.domain.errors import UserError
from app.domain.said import Said
from app.services.importing import package
from app.services.importing.sniffing import HEAD_BYTES, PASSWORD_MESSAGE, Sniffed

T = TypeVar("T")
Source = Path | IO[bytes]  # the file itself, or the copy of it in Excel's package shape

log = logging.getLogger(__name__)

MAX_ROWS = 300_000  # data rows per import; a 1,048,576-row sheet is refused, not cut short
MAX_COLUMNS = 500
MAX_CELL_CHARS = 32_767  # Excel's own limit; a longer cell rejects its row
MAX_UNCACHED_LISTED = 10_000
SHARED_PER_COLUMN = 1000
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
_ZIP_ERRORS = (KeyError, zipfile.BadZipFile, OSError, EOFError, zlib.error, ElementTree.ParseError)


def _damaged_workbook(name: str) -> str:
    return Said(
        "{file} is damaged or not a workbook Customers for Life can read; open it in Excel, save it "
        "again and import the new copy.",
        file=name,
    )


def _source(path: Path, sniffed: Sniffed) -> Source:
    if not sniffed.rebuild:
        return path
    stat = path.stat()
    try:
        return io.BytesIO(_rebuilt(str(path), stat.st_size, stat.st_mtime_ns))
    except (*_ZIP_ERRORS, ValueError) as error:
        log.info("could not put %s in Excel's package shape: %r", path, error)
        raise UserError(_damaged_workbook(path.name)) from error


@functools.lru_cache(maxsize=1)
def _rebuilt(path: str, size: int, mtime_ns: int) -> bytes:
    """One copy, kept while the file is inspected and read (size and time tell a changed file)."""
    return package.rebuild(path)


def _open_workbook(path: Path, sniffed: Sniffed, source: Source) -> python_calamine.CalamineWorkbook:
    """calamine picks its reader by the extension; a file named wrongly is handed over as bytes instead."""

    def opened() -> python_calamine.CalamineWorkbook:
        if not isinstance(source, Path):
            return python_calamine.CalamineWorkbook.from_filelike(source)
        if path.suffix.lower() in _EXTENSIONS.get(sniffed.kind, ()):
            return python_calamine.CalamineWorkbook.from_path(str(path))
        with path.open("rb") as handle:
            return python_calamine.CalamineWorkbook.from_filelike(handle)

    return calamine(path, opened, _damaged_workbook(path.name))


def calamine(path: Path, call: Callable[[], T], damaged: str) -> T:
    """`call`, which uses python-calamine on `path`; any failure of calamine's is the file's: `damaged`."""
    try:
        with _stderr_logged():
            return call()
    except python_calamine.PasswordError as error:
        raise UserError(PASSWORD_MESSAGE) from error
    except (UserError, python_calamine.WorksheetNotFound):
        raise
    except Exception as error:  # calamine's parse errors vary: all mean a damaged file
        log.info("calamine could not read %s: %r", path, error)
        raise UserError(damaged) from error
    except BaseException as error:
        if not is_panic(error):
            raise  # KeyboardInterrupt, SystemExit
        log.warning("python-calamine panicked reading %s: %s", path, error)
        raise UserError(damaged) from error


def is_panic(error: BaseException) -> bool:
    """A Rust panic that pyo3 turned into an exception (its class is made at run time: known by name)."""
    kind = type(error)
    return kind.__name__ == "PanicException" and kind.__module__ == "pyo3_runtime"


_STDERR_LOCK = threading.Lock()


@contextmanager
def _stderr_logged() -> Iterator[None]:
    """What native code writes on file descriptor 2 meanwhile (a Rust panic prints its backtrace there)
    goes to the log: the command line's stderr carries one sentence, never a backtrace."""
    with _STDERR_LOCK, tempfile.TemporaryFile() as capture:
        try:
            if sys.stderr is not None:
                sys.stderr.flush()  # Python's own buffered text goes where it was meant to
            saved = os.dup(2)
        except (OSError, ValueError):  # no stderr at all (a windowed program on Windows): nothing to catch
            yield
            return
        os.dup2(capture.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            if written := capture.read(16 * 1024):
                log.info("python-calamine wrote on stderr: %s", written.decode("utf-8", "replace").strip())


def list_sheets(path: Path, sniffed: Sniffed) -> list[SheetInfo]:
    if sniffed.kind == "csv":
        return [SheetInfo(path.stem, False, _text_has_data(path, sniffed))]
    source = _source(path, sniffed)
    if sniffed.kind == "xlsx" and (parts := _sheet_parts(source)):
        # From the package itself: opening it with calamine would parse all its shared strings.
        return [
            SheetInfo(name, hidden, _part_has_cells(source, part)) for name, (part, hidden) in parts.items()
        ]
    workbook = _open_workbook(path, sniffed, source)
    try:
        worksheets = calamine(
            path,
            lambda: [
                (m.name, m.visible != python_calamine.SheetVisibleEnum.Visible)
                for m in workbook.sheets_metadata
                if m.typ == python_calamine.SheetTypeEnum.WorkSheet
            ],
            _damaged_workbook(path.name),
        )
        return [SheetInfo(name, hidden, _sheet_has_data(path, workbook, name)) for name, hidden in worksheets]
    finally:
        workbook.close()


def _sheet_has_data(path: Path, workbook: python_calamine.CalamineWorkbook, name: str) -> bool:
    def has_data() -> bool:
        sheet = workbook.get_sheet_by_name(name)
        return sheet.end is not None and sheet.height > 0

    try:
        return calamine(path, has_data, "")
    except (UserError, python_calamine.WorksheetNotFound):  # a damaged sheet: reading it says so later
        return False


def read_grid(path: Path, sniffed: Sniffed, sheet: str) -> Grid:
    if sniffed.kind == "csv":
        return Grid(sheet, read_text_rows(path, sniffed), from_text=True)
    source = _source(path, sniffed)
    workbook = _open_workbook(path, sniffed, source)
    damaged = Said(
        "The sheet “{sheet}” of {file} is damaged; open it in Excel, save it again and import the new copy.",
        sheet=sheet,
        file=path.name,
    )
    try:
        try:
            calamine_sheet = calamine(path, lambda: workbook.get_sheet_by_name(sheet), damaged)
        except python_calamine.WorksheetNotFound as error:
            raise UserError(
                Said("{file} has no sheet named “{sheet}”.", file=path.name, sheet=sheet)
            ) from error
        rows = calamine(path, lambda: _bounded_rows(path, calamine_sheet), damaged)
        shared = SharedValues()
        for row in rows:
            shared.share(row)
        merged = calamine(path, lambda: calamine_sheet.merged_cell_ranges or [], damaged)
        _fill_merged(rows, merged)
    finally:
        workbook.close()
    uncached = _uncached_formulas(path, source, sheet) if sniffed.kind == "xlsx" else set()
    _rebuilt.cache_clear()  # read: the copy is not needed again
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
            Said(
                "The sheet “{sheet}” has something in column {column}, far right of any list; the importer "
                "reads up to {most} columns. Delete the stray cells and import again.",
                sheet=sheet.name,
                column=column_letter(width - 1),
                most=MAX_COLUMNS,
            )
        )
    return sheet.to_python(skip_empty_area=False)


class SharedValues:
    """One text object for each value a column repeats (a town, a state, an equipment kind).

    The reader makes a new one for every cell, about 55 bytes each; the cleaned rows keep many of
    them to the end of the import, so at 100,000 rows sharing them lowers its peak by some 20 MB
    (measured: 461 → 442 MB) for about 0.1 s. A column with more than SHARED_PER_COLUMN different
    values (phones, e-mails) is not repetitive: it is let go, so what is kept here stays small.
    """

    def __init__(self) -> None:
        self.columns: list[dict[str, str] | None] = []

    def share(self, row: list[Any]) -> list[Any]:
        columns = self.columns
        if len(row) > len(columns):
            columns.extend({} for _ in range(len(row) - len(columns)))
        for index, value in enumerate(row):
            known = columns[index]
            if known is None or type(value) is not str:
                continue
            kept = known.setdefault(value, value)
            if kept is not value:
                row[index] = kept
            elif len(known) > SHARED_PER_COLUMN:
                columns[index] = None
        return row


def too_many_rows(name: str, rows: int, of_data: bool = False) -> str:
    """The file is too long to import (`of_data`: counted below its headings, without blank rows)."""
    return Said(
        "{file} has {count:,} rows of data; the importer takes at most {most:,} at a time and never drops "
        "rows. Split it into smaller files and import each."
        if of_data
        else "{file} has {count:,} rows; the importer takes at most {most:,} at a time and never drops rows. "
        "Split it into smaller files and import each.",
        file=name,
        count=rows,
        most=MAX_ROWS,
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


def _sheet_parts(source: Source) -> dict[str, tuple[str, bool]]:
    """Worksheet name → (its part in the package, hidden), from workbook.xml and its relationships."""
    try:
        with zipfile.ZipFile(source) as archive:
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


def _stream_part(source: Source, part: str) -> Iterator[bytes]:
    """The part's bytes in chunks, each overlapping the last by 4 KB so that no match is cut in two."""
    with zipfile.ZipFile(source) as archive, archive.open(part) as handle:
        tail = b""
        while chunk := handle.read(1024 * 1024):
            yield tail + chunk
            tail = chunk[-4096:]


def _part_has_cells(source: Source, part: str) -> bool:
    try:
        return any(b"<c " in chunk or b"<c>" in chunk for chunk in _stream_part(source, part))
    except _ZIP_ERRORS:  # damaged: reading the sheet says so
        return False


def _uncached_formulas(path: Path, source: Source, sheet: str) -> set[tuple[int, int]]:
    found: set[tuple[int, int]] = set()
    part = _sheet_parts(source).get(sheet, ("", False))[0]
    if not part:
        return found
    try:
        for chunk in _stream_part(source, part):
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
    except _ZIP_ERRORS as error:
        raise UserError(
            Said("{file} is damaged; get a fresh copy and import again.", file=path.name)
        ) from error
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
    raise UserError(
        Said("{file} is not readable text; save it from Excel as .xlsx or .csv (UTF-8).", file=path.name)
    )


def _read_text(path: Path, encoding: str) -> list[list[object]]:
    with path.open(encoding=encoding, newline="") as handle:
        delimiter = guess_delimiter(handle.read(HEAD_BYTES))
        handle.seek(0)
        reader = csv.reader((line.replace("\x00", "") for line in handle), delimiter=delimiter)
        rows: list[list[object]] = []
        starts = 1  # the line the next record starts on: where a runaway quote mark is
        try:
            shared = SharedValues()
            for row in reader:
                rows.append(shared.share(row))  # type: ignore[arg-type]
                starts = reader.line_num + 1
                if len(rows) > MAX_ROWS + 1000:
                    raise UserError(too_many_rows(path.name, _count_more(reader, len(rows))))
        except csv.Error as error:
            # csv's own words ("field larger than field limit (131072)") mean nothing to the owner.
            log.info("csv could not read %s at line %s: %s", path, reader.line_num, error)
            raise UserError(
                Said(
                    'Line {line:,} of {file} cannot be read: usually a quote mark (") there is missing its '
                    "partner, so one cell runs on into the lines below; fix the file and import again.",
                    line=starts,
                    file=path.name,
                )
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
