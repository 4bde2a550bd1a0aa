"""Restoring our own whole-database export: every table back as it was, into an empty database.

File ▸ Export writes every table on a sheet of its own (app/services/exporting.py); importing that
workbook brings all of it back, ids, links, dates, money and long text alike, which is also how
a laptop's history moves to the office server. A workbook is taken for a full export when it has
a sheet for every exported table and its customer sheet has our headings; every sheet's headings
are checked as it is read. Anything that would not come back as it was (a heading the app does
not know, a value of the wrong kind, a link to a row that is not there) is refused with a sentence
that names the sheet and the cell, before anything is written.

Only into an empty database. Merging a whole history into another one has no single right answer
(which of two visits on the same day, two statuses of the same opportunity, two sets of settings
is the owner's?), and every id would have to be renumbered across twenty linked tables; so into
a database that holds anything the restore is refused, and the sentence says what can be done:
restore into a new database, or import only the customers, sites and equipment from the sheet
"customer", which the importer matches with those already there.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine

from app.domain import i18n
from app.domain.errors import UserError
from app.infra.export_format import LONG_TEXT_COLUMNS, LONG_TEXT_SHEET, table_of_sheet
from app.persistence import export_restore as repository
from app.persistence.export_restore import Column, Table
from app.services.importing import exported
from app.services.importing.reading import calamine
from app.services.importing.report import ImportReport
from app.services.importing.sniffing import Sniffed
from app.services.importing.steps import Ticker, paused_gc

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]

SHEET = "every sheet"  # the report's `sheet`: a restore reads them all
READING_SHARE = 40  # of each 100 steps of progress: reading and checking; the rest is writing
# How the owner says each table's rows, for the report and the refusal (singular, plural).
NOUNS: dict[str, tuple[str, str]] = {
    "setting": ("setting", "settings"),
    "segment": ("segment", "segments"),
    "partner": ("partner", "partners"),
    "partner_term": ("partner's term", "partners' terms"),
    "customer": ("customer", "customers"),
    "site": ("site", "sites"),
    "catalog_item": ("catalog item", "catalog items"),
    "bundle_item": ("bundle item", "bundle items"),
    "equipment": ("piece of equipment", "pieces of equipment"),
    "import_batch": ("import", "imports"),
    "import_change": ("recorded import change", "recorded import changes"),
    "import_mapping": ("remembered column mapping", "remembered column mappings"),
    "campaign": ("campaign", "campaigns"),
    "service_plan": ("service plan", "service plans"),
    "opportunity": ("opportunity", "opportunities"),
    "referral": ("referral", "referrals"),
    "referral_payment": ("referral payment", "referral payments"),
    "disclosure": ("disclosure to a partner", "disclosures to partners"),
    "sale": ("sale", "sales"),
    "sale_line": ("sale line", "sale lines"),
    "visit": ("visit", "visits"),
    "touch": ("contact", "contacts"),
    "campaign_recipient": ("campaign recipient", "campaign recipients"),
    "suppression": ("erased customer's mark", "erased customers' marks"),
    "letter_template": ("edited letter template", "edited letter templates"),
}


@dataclass
class RestoreReport(ImportReport):
    """What a restore did (or, for a dry run, would do). The import's keys hold their usual meaning
    (customers_created: the customers restored); `restored` has every table's rows. No batch: a
    restore fills an empty database, so there is nothing to undo it to but the empty database."""

    restored: dict[str, int] = field(default_factory=dict)  # table → rows restored
    restore: bool = True

    def lines(self) -> list[str]:
        """One line per table that had rows: "restored 150 customers", in the owner's language."""
        return [self._line(rows, words) for rows, words in self._counted()]

    def _line(self, rows: int, words: str) -> str:
        # One row and many are two messages: Spanish says "se restauró 1 …", "se restauraron 150 …".
        if self.dry_run:
            if rows == 1:
                return i18n.t("would restore {thing}", thing=words)
            return i18n.t("would restore {things}", things=words)
        return (
            i18n.t("restored {thing}", thing=words)
            if rows == 1
            else i18n.t("restored {things}", things=words)
        )

    def counts(self) -> list[str]:
        """What each table had, in the owner's language, without the verb: "150 customers"."""
        return [words for _rows, words in self._counted()]

    def _counted(self) -> list[tuple[int, str]]:
        return [(rows, shown_count(table, rows)) for table, rows in self.restored.items() if rows]


def _nouns(table: str) -> tuple[str, str]:
    return NOUNS.get(table, (table.replace("_", " "), table.replace("_", " ")))


def count_words(table: str, rows: int) -> str:
    """ "150 customers", in English: for a message written now and translated when shown."""
    one, many = _nouns(table)
    return f"{rows:,} {one if rows == 1 else many}"


def shown_count(table: str, rows: int) -> str:
    """ "150 customers" / "150 clientes": in the owner's language, for the report as it is shown."""
    return i18n.count_words(rows, *_nouns(table))


def is_full_export(path: Path, sniffed: Sniffed, sheet_names: Sequence[str]) -> bool:
    """Our own export with every table: a sheet for each, and the customer sheet with our headings."""
    wanted = {table.name for table in repository.restorable_tables()}
    return wanted <= set(sheet_names) and exported.is_export(path, sniffed, list(sheet_names))


class _Refused(Exception):
    """A value that cannot be restored as it was: what is wrong with it, in words."""


@dataclass
class _Sheets:
    """The workbook's rows, converted and checked, ready to write."""

    tables: list[tuple[str, list[str], list[tuple]]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Rows:
    """One table's rows, and where each came from (for a refusal that names the cell)."""

    columns: list[str]
    rows: list[tuple] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # the Excel row of each row
    sheets: list[tuple[int, str]] = field(default_factory=list)  # (index of its first row, sheet title)

    def where(self, index: int) -> str:
        title = next(title for start, title in reversed(self.sheets) if start <= index)
        return f"row {self.numbers[index]} of the sheet “{title}”"


def restore_export(
    path: Path,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    before_write: Callable[[], object] | None = None,
) -> RestoreReport:
    """Read and check the whole export, then (unless dry_run) write every table in one transaction.

    `before_write` runs once the file is read and checked, just before the write (the safety backup)."""
    path = Path(path)
    _refuse_if_not_empty(path, repository.held_rows())  # before reading a large file for nothing
    ticker = Ticker(progress, cancel, 100)
    ticker.at(0, force=True)
    with paused_gc():
        sheets = _read(path, repository.restorable_tables(), ticker)
    counts = {name: len(rows) for name, _columns, rows in sheets.tables}
    report = RestoreReport(
        file=path.name,
        sheet=SHEET,
        rows_read=sum(counts.values()),
        customers_created=counts.get("customer", 0),
        sites_created=counts.get("site", 0),
        equipment_created=counts.get("equipment", 0),
        visits_created=counts.get("visit", 0),
        warnings=sheets.warnings,
        dry_run=dry_run,
        restored=counts,
    )
    if dry_run:
        ticker.at(ticker.total, force=True)
        return report

    def checkpoint(done: int, total: int) -> None:
        ticker.at(READING_SHARE + done * (100 - READING_SHARE) // max(total, 1))

    if before_write is not None:
        before_write()
    try:
        repository.restore_tables(sheets.tables, checkpoint)
    except repository.NotEmpty as refused:  # another PC restored or added something meanwhile
        _refuse_if_not_empty(path, refused.held)
    if progress is not None:  # committed: no cancel check any more, it could only lie
        progress(ticker.total, ticker.total)
    log.info("restore of %s: %s rows in %s tables", path.name, report.rows_read, len(counts))
    return report


def _refuse_if_not_empty(path: Path, held: dict[str, int]) -> None:
    if not held:
        return
    named = sorted(held, key=lambda table: (table != "customer", -held[table]))[:3]
    words = [count_words(table, held[table]) for table in named]
    what = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    more = " among other things" if len(held) > len(named) else ""
    raise UserError(
        f"{path.name} is a complete Customers for Life export, which is restored only into an empty "
        f"database, and this one already holds {what}{more}. Open a new, empty database and import it "
        "there, or import only its customers, sites and equipment from its sheet “customer”."
    )


# ----------------------------------------------------------------------------- reading


def _read(path: Path, tables: list[Table], ticker: Ticker) -> _Sheets:
    damaged = (
        f"{path.name} is damaged or not a workbook Customers for Life can read; export the database "
        "again, or open the file in Excel, save it again and import the new copy."
    )
    workbook = calamine(path, lambda: python_calamine.CalamineWorkbook.from_path(str(path)), damaged)
    try:
        return _read_workbook(path, workbook, tables, ticker, damaged)
    finally:
        workbook.close()


def _read_workbook(path: Path, workbook: Any, tables: list[Table], ticker: Ticker, damaged: str) -> _Sheets:
    names = {table.name for table in tables}
    parts: dict[str, list[tuple[int, str]]] = {}  # table → [(part number, sheet title)]
    found = _Sheets()
    for title in workbook.sheet_names:
        owner = table_of_sheet(title, names)
        if owner is not None:
            parts.setdefault(owner[0], []).append((owner[1], title))
        elif title != LONG_TEXT_SHEET:
            found.warnings.append(f"The sheet “{title}” is not part of the export; it was left out.")

    def rows_of(title: str) -> list[list[Any]]:
        return calamine(
            path, lambda: workbook.get_sheet_by_name(title).to_python(skip_empty_area=False), damaged
        )

    long_text = _long_text(rows_of(LONG_TEXT_SHEET)) if LONG_TEXT_SHEET in workbook.sheet_names else {}
    read: dict[str, tuple[Table, _Rows]] = {}
    for done, table in enumerate(tables):
        titles = [title for _number, title in sorted(parts.get(table.name, []))]
        rows = _read_table(table, titles, rows_of, long_text, found.warnings)
        read[table.name] = (table, rows)
        found.tables.append((table.name, rows.columns, rows.rows))
        ticker.at((done + 1) * READING_SHARE // len(tables))
    if long_text:
        (title, cell), _pieces = next(iter(long_text.items()))
        raise UserError(
            f"The sheet {LONG_TEXT_SHEET} continues cell {cell} of the sheet “{title}”, which holds no "
            "text of the export; export the database again and import the new file."
        )
    keys = {name: _unique_keys(table, rows) for name, (table, rows) in read.items()}
    for table, rows in read.values():
        for position, name in enumerate(rows.columns):
            column = next(c for c in table.columns if c.name == name)
            if column.references:
                _check_links(column, position, rows, keys[column.references])
    return found


def _long_text(rows: list[list[Any]]) -> dict[tuple[str, str], list[str]]:
    """(sheet, cell) → the parts that continue that cell, in order (part 2 first)."""
    if not rows or [str(h) for h in rows[0][: len(LONG_TEXT_COLUMNS)]] != LONG_TEXT_COLUMNS:
        raise UserError(f"The sheet {LONG_TEXT_SHEET} does not have the export's headings; export again.")
    pieces: dict[tuple[str, str], dict[int, str]] = {}
    for sheet, cell, part, text, *_rest in (row + [""] * 4 for row in rows[1:]):
        if sheet == "" and cell == "":
            continue
        number = int(part) if isinstance(part, (int, float)) and part == int(part) else 0
        pieces.setdefault((str(sheet), str(cell)), {})[number] = _text(text)
    joined = {}
    for where, numbered in pieces.items():
        if sorted(numbered) != list(range(2, len(numbered) + 2)):
            raise UserError(
                f"The sheet {LONG_TEXT_SHEET} lacks a part of cell {where[1]} of the sheet “{where[0]}”; "
                "export the database again and import the new file."
            )
        joined[where] = [numbered[n] for n in sorted(numbered)]
    return joined


def _read_table(
    table: Table,
    titles: list[str],
    rows_of: Callable[[str], list[list[Any]]],
    long_text: dict[tuple[str, str], list[str]],
    warnings: list[str],
) -> _Rows:
    """The table's rows (in its columns' order, as the database names them), from its sheets in order."""
    declared = {column.name: column for column in table.columns}
    found = _Rows([column.name for column in table.columns])
    heading: list[str] | None = None
    for title in titles:
        grid = rows_of(title)
        header = [_text(h).strip() for h in grid[0]] if grid else []
        while header and header[-1] == "":
            header.pop()
        if heading is None:
            heading = _check_heading(table, title, header, warnings)
        elif header != heading:
            raise UserError(f"The sheet “{title}” does not have the headings of the sheet “{titles[0]}”.")
        _join_long_text(title, grid, header, declared, long_text)
        converters = [_converter(declared[name], name == table.key) for name in heading]
        width = len(converters)
        # The table's columns in order: the cell each comes from, or the usual value of a missing column.
        order = [heading.index(c.name) if c.name in heading else -1 for c in table.columns]
        usual = [c.default for c in table.columns]
        complete = all(index >= 0 for index in order)
        found.sheets.append((len(found.rows), title))
        for number, cells in enumerate(grid[1:], start=2):
            if len(cells) < width:
                cells = cells + [""] * (width - len(cells))
            index = 0
            try:
                values = []
                for index, convert in enumerate(converters):
                    values.append(convert(cells[index]))
            except _Refused as refused:
                if not any(value != "" for value in cells):
                    continue  # a blank row (someone's edit, or Excel's formatted empty rows); never ours
                raise UserError(
                    f"The sheet “{title}”, cell {_letter(index)}{number}, {refused}; correct it, or export "
                    "the database again and import the new file."
                ) from None
            if complete:
                found.rows.append(tuple(values[i] for i in order))
            else:
                found.rows.append(tuple(values[i] if i >= 0 else usual[n] for n, i in enumerate(order)))
            found.numbers.append(number)
    if heading is None:  # the table has no sheet: a full export always has one
        raise UserError(f"The export has no sheet “{table.name}”; export the database again.")
    return found


def _check_heading(table: Table, title: str, header: list[str], warnings: list[str]) -> list[str]:
    declared = {column.name: column for column in table.columns}
    unknown = [name for name in header if name not in declared]
    if unknown:
        raise UserError(
            f"The sheet “{title}” has a column “{unknown[0]}” that this version of Customers for Life does "
            "not know: the file was made by a newer version, or its headings were changed. Install the "
            "newer version, or export the database again."
        )
    if len(set(header)) != len(header):
        twice = next(name for name in header if header.count(name) > 1)
        raise UserError(f"The sheet “{title}” has the column “{twice}” twice; export the database again.")
    for column in table.columns:
        if column.name in header:
            continue
        if column.name == table.key or (column.default is None and not column.nullable):
            raise UserError(f"The sheet “{title}” has no column “{column.name}”; export the database again.")
        warnings.append(
            f"The sheet “{title}” has no column “{column.name}” (an export of an earlier version): "
            "every row was given its usual value."
        )
    return header


def _join_long_text(
    title: str,
    grid: list[list[Any]],
    header: list[str],
    declared: dict[str, Column],
    long_text: dict[tuple[str, str], list[str]],
) -> None:
    """Put the parts the long_text sheet holds back at the end of the cells they continue."""
    for where in [where for where in long_text if where[0] == title]:
        row, column = _cell_position(where[1])
        if not (
            1 <= row < len(grid)
            and column < len(header)
            and header[column] in declared
            and declared[header[column]].kind == "text"
            and column < len(grid[row])
            and isinstance(grid[row][column], str)
        ):
            continue  # left in long_text: reported as pointing at nothing
        grid[row][column] += "".join(long_text.pop(where))


def _cell_position(ref: str) -> tuple[int, int]:
    """The grid position of a cell such as B12: (11, 1), the header being row 0; (-1, -1) if not a cell."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    if not letters.isalpha() or not letters.isascii() or not digits:
        return -1, -1
    column = 0
    for letter in letters.upper():
        column = column * 26 + ord(letter) - ord("A") + 1
    return int(digits) - 1, column - 1


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# ----------------------------------------------------------------------------- values


def _converter(column: Column, is_key: bool) -> Callable[[Any], Any]:
    """The function that turns a cell of this column into the value as the database stores it (dates and
    moments as ISO text), or raises _Refused. Built once per column: it runs for every cell."""
    convert = _CONVERTERS[column.kind]
    if column.kind == "text" and not column.nullable and not is_key:
        return lambda value: value if type(value) is str else _text(value)
    if column.nullable and not is_key:
        empty: Any = None
    elif column.default is not None and not is_key:
        empty = column.default
    else:

        def required(value: Any) -> Any:
            if value == "" or value is None:
                raise _Refused("is empty, and it must hold a value")
            return convert(value)

        return required
    return lambda value: empty if value == "" or value is None else convert(value)


def _number(value: Any) -> int:
    if isinstance(value, bool):
        raise _Refused(f"holds {value} where a number belongs")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise _Refused(f"holds “{value}” where a whole number belongs")


def _yes_no(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise _Refused(f"holds “{value}” where yes or no (TRUE or FALSE) belongs")


def _date(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        if value.time() != datetime.time():
            raise _Refused(f"holds the moment {value} where a day belongs")
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise _Refused(f"holds “{value}” where a date belongs")


def _moment(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time()).isoformat(sep=" ")
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value.strip()).isoformat(sep=" ")
        except ValueError:
            pass
    raise _Refused(f"holds “{value}” where a date and time belongs")


def _text(value: Any) -> str:
    """A text cell as it was; a number someone typed into a text column, as it reads."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return "" if value is None else str(value)


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "number": _number,
    "bool": _yes_no,
    "date": _date,
    "datetime": _moment,
    "text": _text,
}


# ----------------------------------------------------------------------------- links


def _unique_keys(table: Table, rows: _Rows) -> set[Any]:
    """The table's primary keys (what other tables link to), having checked that no two rows share a key
    or a value of a unique column."""
    keys: set[Any] = set()
    for column in (c for c in table.columns if c.unique):
        position = rows.columns.index(column.name)
        seen: set[Any] = set()
        for index, row in enumerate(rows.rows):
            value = row[position]
            if value is None:
                continue
            if value in seen:
                what = "number" if column.name == "id" else f"“{column.name}”"
                raise UserError(
                    f"Two rows have the same {what} {value} ({rows.where(index)} is the second); export "
                    "the database again and import the new file."
                )
            seen.add(value)
        if column.name == table.key:
            keys = seen
    return keys


def _check_links(column: Column, position: int, rows: _Rows, keys: set[Any]) -> None:
    for index, row in enumerate(rows.rows):
        value = row[position]
        if value is not None and value not in keys:
            raise UserError(
                f"The {rows.where(index)} links in “{column.name}” to {value}, which is not on the sheet "
                f"“{column.references}”; export the database again and import the new file."
            )
