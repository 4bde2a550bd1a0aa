"""What a file really is, decided from its bytes, and whether it is safe to parse.

Everything here runs before any parser sees the file, reads at most a bounded
amount, and raises a UserError with one plain sentence for what cannot be
imported: lock files, empty or huge files, files whose reading would not fit in
memory, password-protected or damaged workbooks, zip bombs, XML with a DOCTYPE (the
door to entity bombs), web pages and PDFs saved under a spreadsheet's name. The
extension is never trusted: an old .xls renamed .xlsx is read as what it is. A
workbook is found wherever its package's relationships put it (package.py).
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from app.domain.errors import UserError
from app.domain.said import Said
from app.services.importing.package import Package, find_main, needs_rebuilding

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024  # all parts of a workbook together, unpacked
MAX_PART_RATIO = 200  # unpacked/packed, for parts above BIG_PART; real sheets stay far below
BIG_PART = 8 * 1024 * 1024
MAX_ZIP_ENTRIES = 20_000
HEAD_BYTES = 64 * 1024
MB = 1024 * 1024

# What importing costs in memory per byte read, measured at 100,000 rows of 12 columns (issue 14): an
# 11.6 MB CSV peaked at 484 MB, 50 MB of sheet XML with shared strings (as Excel writes it) at 497 MB,
# 61.5 MB with inline strings (openpyxl) at 485 MB; rounded up. Binary sheets (.xls, .xlsb) hold a
# cell in about half the bytes of XML. A file whose estimate passes the budget is refused before it
# is read: at 299,000 rows a CSV took 1.33 GB. (Since then, repeated values are shared while reading:
# 454, 454 and 477 MB for the same three files; the largest CSV taken, 22.5 MB, peaked at 752 MB.)
MEMORY_BUDGET = 1024 * MB
BASE_MEMORY = 80 * MB  # the program itself, before any file
MEMORY_PER_BYTE = {"csv": 40, "xlsx": 9, "ods": 9, "xlsb": 20, "xls": 20}
ROW_MEMORY = 4200  # bytes per row of a dozen columns, the same measurement: for the sentence only

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_WORKBOOK_STREAMS = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)

PASSWORD_MESSAGE = Said(
    "This file is password-protected; open it in Excel, remove the password, save, and import again."
)


@dataclass(frozen=True)
class Sniffed:
    """The kind of file ("xlsx", "xls", "xlsb", "ods", "csv") and what reading it needs to know."""

    kind: str
    encoding: str = ""  # text files only
    date1904: bool = False  # xlsx: dates count from 1904 (old Mac workbooks)
    note: str = ""  # said to the user, e.g. that the name's extension was wrong
    rebuild: bool = False  # xlsx not in Excel's package shape: read through package.rebuild


def sniff(path: Path) -> Sniffed:
    """Recognise the file by content; raise UserError for anything that cannot be imported."""
    name = path.name
    if name.startswith("~$"):
        raise UserError(
            Said(
                "{file} is the lock file Excel keeps beside an open workbook, not the workbook itself; pick "
                "{workbook} instead.",
                file=name,
                workbook=name[2:],
            )
        )
    if not path.exists():
        raise UserError(Said("The file {file} does not exist; check its name and folder.", file=name))
    if path.is_dir():
        raise UserError(Said("{file} is a folder, not a file; pick the spreadsheet inside it.", file=name))
    size = path.stat().st_size
    if size == 0:
        raise UserError(
            Said("{file} is empty (0 bytes); pick the file that holds your customer list.", file=name)
        )
    if size > MAX_FILE_BYTES:
        raise UserError(
            Said(
                "{file} is {size:,.0f} MB; the importer takes files up to {most} MB. Split it into smaller "
                "files and import each.",
                file=name,
                size=size / 1024 / 1024,
                most=MAX_FILE_BYTES // 1024 // 1024,
            )
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError as error:
        raise UserError(
            Said("{file} cannot be read ({why}); close it in other programs.", file=name, why=error.strerror)
        ) from error
    if head.startswith(ZIP_MAGIC):
        return _sniff_zip(path)
    if head.startswith(OLE_MAGIC):
        return _sniff_ole(path)
    return _sniff_text(path, head)


# ----------------------------------------------------------------------------- zip packages


def _damaged(name: str) -> UserError:
    return UserError(
        Said(
            "{file} is damaged (perhaps it did not finish downloading or copying); get a fresh copy and "
            "import again.",
            file=name,
        )
    )


def _sniff_zip(path: Path) -> Sniffed:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_bomb(name, infos)
            # Before any XML is parsed (the package's relationships are, just below).
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and not info.is_dir():
                    _check_xml_head(name, archive, info)
            package = Package(archive)
            kind, main = _zip_kind(name, package)
            rebuild = kind == "xlsx" and needs_rebuilding(package, main)
            date1904 = kind == "xlsx" and _is_1904(package, main)
    except zipfile.BadZipFile as error:
        raise _damaged(name) from error
    except (OSError, EOFError, NotImplementedError, ValueError, zlib.error) as error:
        # zlib.error: a deflate stream cut or garbled inside an otherwise whole archive.
        raise _damaged(name) from error
    check_fits(name, kind, _sheet_bytes(infos))
    note = (
        ""
        if path.suffix.lower() in (".xlsx", ".xlsm", ".ods", ".xlsb")
        else Said("{file} was read as a workbook.", file=name)
    )
    return Sniffed(kind, date1904=date1904, note=note, rebuild=rebuild)


def _sheet_bytes(infos: list[zipfile.ZipInfo]) -> int:
    """What reading one sheet unpacks: the largest part (a sheet, as a rule) and the shared strings."""
    shared, largest = 0, 0
    for info in infos:
        part = info.filename.lower()
        if part.endswith(("sharedstrings.xml", "sharedstrings.bin")):
            shared += info.file_size
        elif part.endswith((".xml", ".bin")):
            largest = max(largest, info.file_size)
    return shared + largest


def check_fits(name: str, kind: str, size: int) -> None:
    """Refuse, before reading, a file whose import would take more memory than the budget."""
    per_byte = MEMORY_PER_BYTE.get(kind, MEMORY_PER_BYTE["xlsx"])
    if BASE_MEMORY + size * per_byte <= MEMORY_BUDGET:
        return
    limit = (MEMORY_BUDGET - BASE_MEMORY) // per_byte
    rows = (MEMORY_BUDGET - BASE_MEMORY) // ROW_MEMORY // 10_000 * 10_000
    raise UserError(
        Said(
            "{file} holds {size} MB of text, more than the importer can read at once without running short "
            "of memory: it reads up to {most} MB (about {rows:,} rows of a dozen columns) at a time, so "
            "split the list into smaller files and import each."
            if kind == "csv"
            else "{file} holds {size} MB of sheet data, more than the importer can read at once without "
            "running short of memory: it reads up to {most} MB (about {rows:,} rows of a dozen columns) at a "
            "time, so split the list into smaller files and import each.",
            file=name,
            size=_mb(size),
            most=_mb(limit),
            rows=rows,
        )
    )


def _mb(size: int) -> str:
    return f"{size / MB:,.0f}" if size >= 10 * MB else f"{size / MB:.1f}"


def _check_bomb(name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Refuse archives that would unpack to far more than any real workbook, before unpacking any."""
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UserError(
            Said(
                "{file} holds {count:,} files inside; it is not a genuine workbook.",
                file=name,
                count=len(infos),
            )
        )
    total = sum(info.file_size for info in infos)
    bomb = total > MAX_UNPACKED_BYTES or any(
        info.file_size > BIG_PART and info.file_size > MAX_PART_RATIO * max(info.compress_size, 1)
        for info in infos
    )
    if bomb:
        raise UserError(
            Said(
                "{file} would unpack to far more data than a spreadsheet holds; it is damaged or not "
                "a genuine workbook, so it was not opened.",
                file=name,
            )
        )


def _zip_kind(name: str, package: Package) -> tuple[str, str]:
    """("xlsx" or "xlsb" and the workbook's part, found from the package's relationships) or ("ods", "")."""
    main, kind = find_main(package)
    if kind:
        return kind, main
    if package.info("mimetype") is not None:
        if b"opendocument.spreadsheet" in package.read("mimetype")[:200]:
            return "ods", ""
        raise UserError(Said("{file} is an OpenDocument file but not a spreadsheet.", file=name))
    if package.info("word/document.xml") is not None:
        raise UserError(
            Said("{file} is a Word document, not a spreadsheet; put the customer list in Excel.", file=name)
        )
    if package.info("[Content_Types].xml") is not None:
        raise UserError(Said("{file} is an Office file but not an Excel workbook.", file=name))
    raise UserError(
        Said("{file} is a ZIP archive, not a spreadsheet; unpack it and import the spreadsheet.", file=name)
    )


def _check_xml_head(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """No genuine workbook part has a DOCTYPE; refusing it shuts out entity bombs (billion laughs)."""
    with archive.open(info) as part:
        head = part.read(HEAD_BYTES)
    if _DOCTYPE.search(head):
        raise UserError(
            Said(
                "{file} contains XML that a genuine workbook never has (a DOCTYPE), so it was not "
                "opened; open it in Excel, save it again and import the new copy.",
                file=name,
            )
        )


def _is_1904(package: Package, main: str) -> bool:
    return re.search(rb'date1904\s*=\s*["\'](1|true)["\']', package.head(main)) is not None


# ----------------------------------------------------------------------------- old Office (OLE2) files


def _sniff_ole(path: Path) -> Sniffed:
    """An .xls, or an encrypted .xlsx (Office wraps those in an OLE container), or another Office file."""
    found_workbook = False
    with path.open("rb") as handle:
        tail = b""
        while chunk := handle.read(1024 * 1024):
            window = tail + chunk
            if _ENCRYPTED_STREAM in window:
                raise UserError(PASSWORD_MESSAGE)
            found_workbook = found_workbook or any(s in window for s in _WORKBOOK_STREAMS)
            tail = chunk[-64:]
    if not found_workbook:
        raise UserError(Said("{file} is an old Office document but not an Excel workbook.", file=path.name))
    check_fits(path.name, "xls", path.stat().st_size)
    note = (
        ""
        if path.suffix.lower() == ".xls"
        else Said("{file} is an old Excel 97-2003 workbook; read as such.", file=path.name)
    )
    return Sniffed("xls", note=note)


# ----------------------------------------------------------------------------- text


def _sniff_text(path: Path, head: bytes) -> Sniffed:
    name = path.name
    if head.startswith(b"%PDF"):
        raise UserError(
            Said(
                "{file} is a PDF, not a spreadsheet; export the list from your program as Excel or CSV.",
                file=name,
            )
        )
    encoding = detect_encoding(head)
    if encoding is None:
        raise UserError(
            Said(
                "{file} is not a spreadsheet or a text (CSV) file; save it from Excel as .xlsx or .csv and "
                "import again.",
                file=name,
            )
        )
    text = head.decode(encoding, errors="replace").lstrip("\ufeff \t\r\n").lower()
    if text.startswith(("<!doctype html", "<html", "<table", "<meta")) or "<html" in text[:2000]:
        raise UserError(
            Said(
                "{file} is a web page (HTML) saved with a spreadsheet's name; open it in Excel, save "
                "it as an Excel Workbook (.xlsx) and import that.",
                file=name,
            )
        )
    if text.startswith("<?xml") or text.startswith("<"):
        raise UserError(
            Said(
                "{file} is an XML file, not a workbook Customers for Life reads; open it in Excel, "
                "save it as an Excel Workbook (.xlsx) and import that.",
                file=name,
            )
        )
    size = path.stat().st_size
    check_fits(name, "csv", size // 2 if encoding.startswith("utf-16") else size)  # two bytes a letter
    note = (
        ""
        if path.suffix.lower() in (".csv", ".txt", ".tsv")
        else Said("{file} is a text (CSV) file; read as such.", file=name)
    )
    return Sniffed("csv", encoding=encoding, note=note)


def detect_encoding(head: bytes) -> str | None:
    """The text encoding of a file from its first bytes: BOMs, UTF-16 without one, UTF-8, else cp1252.

    None when the bytes are not text at all.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4096]
    candidates = ["utf-8", "cp1252", "latin-1"]
    if sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a byte-order mark: ASCII text puts a zero byte in every other place.
        candidates = ["utf-16-le"] if sample[1::2].count(b"\x00") > len(sample) // 3 else ["utf-16-be"]
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            text = decoder.decode(sample, final=False)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for ch in text if ch < " " and ch not in "\t\r\n\f")
        return encoding if controls <= len(text) // 100 else None
    return None
