"""The shape of the whole-database export, shared by the writer (exporting) and the reader (restoring).

Exporting and importing must not import each other (tests/test_architecture.py), so what both
must agree on lives here: the sheet names, the cell limits and how text is written so that it
reads back exactly.

Text is written the way Excel itself writes what XML cannot hold: a character as `_xHHHH_`
(the control characters, and the carriage return, which an XML reader turns into a line
feed), and an underscore that would start such a sequence as `_x005F_`. Excel and
python-calamine read them back as the original characters, so notes pasted with Windows line
endings, or a serial number such as "AB_x0041_", come back as they were stored.
"""

from __future__ import annotations

import re

MAX_SHEET_ROWS = 1_048_575  # Excel's 1,048,576 rows less the header; a longer table goes on in "name 2"
MAX_CELL_TEXT = 32_767  # Excel's limit on the characters of one cell (openpyxl cuts longer text there)
MAX_SHEET_TITLE = 31  # Excel's limit on a sheet's name
LONG_TEXT_SHEET = "long_text"
LONG_TEXT_COLUMNS = ["sheet", "cell", "part", "text"]

# What Excel writes as _xHHHH_: the characters XML 1.0 cannot hold, the carriage return, and an
# underscore that starts what a reader would take for such a sequence.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f]|_(?=x[0-9A-Fa-f]{4}_)")


def sheet_title(table: str, number: int = 1) -> str:
    """The sheet of a table: its name, and "name 2", "name 3" … for the rows past a sheet's limit."""
    return (table if number == 1 else f"{table} {number}")[:MAX_SHEET_TITLE]


def table_of_sheet(title: str, tables: set[str]) -> tuple[str, int] | None:
    """(table, part number) of a sheet the export wrote; None for any other sheet."""
    for table in tables:
        if title == sheet_title(table):
            return table, 1
    _name, _, number = title.rpartition(" ")
    if number.isdigit() and int(number) >= 2:
        for table in tables:
            if title == sheet_title(table, int(number)):
                return table, int(number)
    return None


def cell_parts(value: str, size: int = MAX_CELL_TEXT) -> list[str]:
    """The text as cell values of at most `size` characters each, escaped as Excel escapes it.

    Joined after reading (each part unescaped on its own), the parts give the text back exactly:
    a part never ends inside an escape sequence.
    """
    if not _NEEDS_ESCAPE.search(value):  # nearly every value: cut anywhere
        return [value[start : start + size] for start in range(0, len(value), size)] or [""]
    pieces: list[tuple[str, bool]] = []  # (text, is an escape sequence, never to be cut)
    position = 0
    for found in _NEEDS_ESCAPE.finditer(value):
        pieces += [(value[position : found.start()], False), (f"_x{ord(found.group()):04X}_", True)]
        position = found.end()
    pieces.append((value[position:], False))
    parts: list[str] = []
    current: list[str] = []
    room = size
    for piece, whole in pieces:
        while len(piece) > room:
            cut = 0 if whole else room
            current.append(piece[:cut])
            parts.append("".join(current))
            current, piece, room = [], piece[cut:], size
        current.append(piece)
        room -= len(piece)
    parts.append("".join(current))
    return parts
