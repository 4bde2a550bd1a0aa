"""Finding the header row, cutting off what is not data, and guessing what each column is.

Report exports put a title, the company name and a date above the header, and a
"TOTAL" or a print timestamp below the data; the header row is the one among the
first rows that looks most like column names (known names weigh most), and the
rows below it that look like totals, page footers or timestamps are dropped with
a warning that says which rows they were.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from app.domain.errors import UserError
from app.domain.values import clean_text
from app.services.importing.fields import KEYWORDS, KNOWN_HEADERS, TARGET_KEYS, normalise_header
from app.services.importing.reading import MAX_ROWS, Grid, column_letter

HEADER_SEARCH_ROWS = 50
_TOTAL = re.compile(r"^\s*(grand\s+)?totals?\b|^\s*sum\b|^\s*count\b", re.IGNORECASE)
_FOOTER = re.compile(
    r"^\s*(page\s+\d+(\s+of\s+\d+)?|printed\b|report\s+(run|generated|date)\b|accrual basis|cash basis|"
    r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*,\s+\w+\s+\d{1,2},\s+\d{4}|\d{1,2}:\d{2}\s*[ap]m\b)",
    re.IGNORECASE,
)


@dataclass
class SheetTable:
    """The data of one sheet: its header row and every data row (Excel row number, cell values)."""

    sheet: str
    header_row: int
    headers: list[str]
    rows: list[tuple[int, list[object]]]
    warnings: list[str] = field(default_factory=list)
    date1904: bool = False
    uncached: set[tuple[int, int]] = field(default_factory=set)
    from_text: bool = False
    from_export: bool = False  # our own export: names are kept exactly as they were stored


def build_table(grid: Grid, file_name: str) -> SheetTable:
    """The header row found, data rows kept (blank ones skipped), totals and footers dropped."""
    rows = grid.rows
    header_index = find_header_row(rows)
    if header_index is None:
        raise UserError(
            f"The sheet “{grid.sheet}” of {file_name} is empty; pick the sheet that holds the customer list."
        )
    header_cells = rows[header_index]
    width = _data_width(rows, header_index)
    headers = [_header_text(header_cells, i) for i in range(width)]
    data: list[tuple[int, list[object]]] = []
    for index in range(header_index + 1, len(rows)):
        row = rows[index]
        size = len(row)
        if row.count("") + row.count(None) == size:  # blank (count() runs in C: this is the hot loop)
            continue
        if size != width:
            row = row[:width] if size > width else [*row, *[""] * (width - size)]
        data.append((index + 1, row))
    warnings = []
    data, dropped = drop_summary_rows(data)
    if dropped:
        warnings.append(
            f"Left out {len(dropped)} row(s) that look like totals, page footers or print dates, "
            "not customers "
            f"(row {', '.join(str(r) for r in dropped[:10])}{'…' if len(dropped) > 10 else ''})."
        )
    if not data:
        raise UserError(
            f"The sheet “{grid.sheet}” of {file_name} has column headings but no rows of customers "
            "below them."
        )
    if len(data) > MAX_ROWS:
        raise UserError(
            f"{file_name} has {len(data):,} rows of data; the importer takes at most {MAX_ROWS:,} at a time "
            "and never drops rows. Split it into smaller files and import each."
        )
    if header_index > 0:
        warnings.append(
            f"The column headings are on row {header_index + 1}; the rows above them were skipped."
        )
    return SheetTable(
        grid.sheet, header_index + 1, headers, data, warnings, grid.date1904, grid.uncached, grid.from_text
    )


def _header_text(cells: Sequence[object], index: int) -> str:
    text = clean_text(cells[index]) if index < len(cells) else ""
    return text or f"Column {column_letter(index)}"


def _data_width(rows: list[list[object]], header_index: int) -> int:
    """The widest row from the header down, less the columns on the right that are empty throughout."""
    below = rows[header_index:]
    width = max((len(row) for row in below), default=0)
    while width and all(len(row) < width or row[width - 1] in ("", None) for row in below):
        width -= 1
    return width


def find_header_row(rows: list[list[object]]) -> int | None:
    """The index of the row that looks most like column names among the first rows; None if all are blank."""
    best, best_score = None, 0.0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = _header_score(row)
        if score > best_score:
            best, best_score = index, score
    if best is None:
        for index, row in enumerate(rows):
            if any(v != "" and v is not None for v in row):
                return index
    return best


def _header_score(row: Sequence[object]) -> float:
    texts = [normalise_header(v) for v in row if isinstance(v, str) and v.strip()]
    distinct = set(texts)
    if len(distinct) < 2:  # a title, a date, a lone total: not a header (merged titles repeat one text)
        return 0.0
    known = sum(1 for t in distinct if t in KNOWN_HEADERS)
    numbers = sum(1 for v in row if isinstance(v, (int, float, datetime.date)) and not isinstance(v, bool))
    wordy = sum(1 for t in distinct if t and not any(ch.isdigit() for ch in t) and len(t) <= 40)
    return known * 3 + wordy - numbers * 2


def drop_summary_rows(
    data: list[tuple[int, list[object]]],
) -> tuple[list[tuple[int, list[object]]], list[int]]:
    """Rows starting with "Total" anywhere, and footer/timestamp rows at the bottom, are not customers."""
    dropped = []
    kept = []
    for excel_row, cells in data:
        first = cells[0]
        if first == "" or first is None:
            first = next((v for v in cells if v != "" and v is not None), "")
        if type(first) is str and first[:1] in "TtGgSsCc " and _TOTAL.match(first):
            dropped.append(excel_row)
        else:
            kept.append((excel_row, cells))
    while kept and _is_footer(kept[-1][1]):
        dropped.append(kept.pop()[0])
    return kept, sorted(dropped)


def _is_footer(cells: list[object]) -> bool:
    filled = [v for v in cells if v != "" and v is not None]
    if len(filled) > 2:
        return False
    if all(isinstance(v, (datetime.date, datetime.time, datetime.timedelta)) for v in filled):
        return True
    return any(isinstance(v, str) and _FOOTER.match(v) for v in filled)


# ----------------------------------------------------------------------------- mapping guesses


def guess_target(header: str) -> str:
    """The target key a header most likely means; "note" (kept with its heading) when unknown."""
    key = normalise_header(header)
    if not key or re.fullmatch(r"column [a-z]+", key):
        return "note"
    if key in KNOWN_HEADERS:
        return KNOWN_HEADERS[key]
    match = process.extractOne(key, KNOWN_HEADERS.keys(), scorer=fuzz.ratio, score_cutoff=88)
    if match is not None:
        return KNOWN_HEADERS[match[0]]
    for word, target in KEYWORDS:
        if re.search(rf"\b{word}", key):
            return target
    return "note"


def guess_mapping_fresh(headers: list[str]) -> dict[int, str]:
    """Column index → target key, from the header names alone."""
    mapping = {index: guess_target(header) for index, header in enumerate(headers)}
    _resolve_name_columns(mapping)
    return mapping


def _resolve_name_columns(mapping: dict[int, str]) -> None:
    """Keep one whole-name column: QuickBooks has "Customer" and a "Display Name", Jobber too."""
    whole = [i for i, target in mapping.items() if target == "full_name"]
    for index in whole[1:]:
        mapping[index] = "note"


def check_mapping(mapping: dict[int, str], width: int) -> dict[int, str]:
    """Mapping keys may arrive as text (from JSON); every target must be known."""
    checked = {}
    for index, target in mapping.items():
        column = int(index)
        if target not in TARGET_KEYS:
            raise UserError(f"“{target}” is not something a column can be imported as.")
        if 0 <= column < width:
            checked[column] = target
    return checked
