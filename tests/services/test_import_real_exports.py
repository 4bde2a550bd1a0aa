"""The importer against real exports (issue 14): files that are not customer lists, files of which
nothing fits, workbooks from other writers than Excel, files that crashed the reader, and files too
big to read. Every file is generated here, shaped like the one that showed the defect."""

from __future__ import annotations

import datetime
import io
import json
import logging
import random
import struct
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import xlwt

from app.cli import main
from app.domain.errors import UserError
from app.persistence.db import OpenedDatabase
from app.services.importing import inspect_file, list_refusal, read_sheet, run_import, sniffing
from app.services.importing import reading as reading_module
from tests.services import import_fixtures as fx
from tests.services.test_import_bad_files import dump, refused

FIRST = ["Ann", "Bob", "Carla", "Dev", "Elena", "Frank", "Gina", "Hugo", "Ines", "Jon"]
LAST = ["Lee", "Ray", "Diaz", "Patel", "Novak", "Moss", "Tate", "Berg", "Sousa", "Kim"]


def _names(count: int) -> list[str]:
    """Different names of people: "Ann Lee", "Bob Lee", … then "Ann Lee A", "Ann Lee AB"."""
    return [
        f"{FIRST[i % 10]} {LAST[i // 10 % 10]} {_column(i // 100 - 1) if i >= 100 else ''}".strip()
        for i in range(count)
    ]


def count(db: OpenedDatabase, table: str) -> int:
    return db.database.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


# ----------------------------------------------------------------------------- not customer lists


def price_book(folder: Path) -> Path:
    """A pet sitter's price list: 62 services, each with a name, a price and a category."""
    rows: list[list[object]] = [["Name", "Description", "Price", "Per", "Category"]]
    for i in range(62):
        visits = ("Day", "Week", "Month", "Overnight")[i % 4]
        rows.append([f"{visits}, {i % 5 + 1} Dogs {i % 3 + 1}x", "Walk and feed", 15 + i, "visit", "Dogs"])
    return fx.write_xlsx(folder / "price_book.xlsx", rows, title="Prices")


def payments_export(folder: Path, *, emails: bool = False) -> Path:
    """A card processor's payments: 1,000 rows, 403 payers, the most frequent of them 23 times."""
    payers = _names(403)
    order = [payers[0]] * 23 + [payers[1 + i % 402] for i in range(977)]
    random.Random(4).shuffle(order)
    header = ["Date", "Name", "Type", "Status", "Currency", "Gross", "Fee", "Net", "Transaction ID"]
    header += ["From Email Address"] if emails else []
    rows: list[list[object]] = [header]
    for i, name in enumerate(order):
        row: list[object] = [
            f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", name, "Payment", "Completed", "USD",
            f"{40 + i % 90}.00", f"{1 + i % 3}.20", f"{38 + i % 90}.80", f"7XK{i:07d}",
        ]  # fmt: skip
        if emails:
            row.append(name.lower().replace(" ", ".") + "@mail.example")
        rows.append(row)
    return fx.write_csv(folder / ("paypal.csv" if emails else "payments.csv"), rows)


def orders_export(folder: Path) -> Path:
    """A web shop's orders: one row per order, the customer's name and town on each."""
    buyers = _names(90)
    rows: list[list[object]] = [
        ["Order ID", "Order Date", "Customer Name", "Product", "Quantity", "Unit Price", "Total", "Ship City"]
    ]
    for i in range(600):
        quantity = 1 + i % 4
        rows.append([
            10_000 + i, datetime.date(2024, 1 + i % 12, 1 + i % 28), buyers[i * 7 % 90], "Filter 16x25",
            quantity, 12.5, 12.5 * quantity, ("Towson", "Dover", "Salem")[i % 3],
        ])  # fmt: skip
    return fx.write_xlsx(folder / "orders.xlsx", rows, title="Orders")


def hr_data_set(folder: Path) -> Path:
    """The well-known HR analytics data set: 14,999 employees, not a name among them."""
    rows: list[list[object]] = [
        [
            "satisfaction_level", "last_evaluation", "number_project", "average_montly_hours",
            "time_spend_company", "Work_accident", "left", "promotion_last_5years", "sales", "salary",
        ]
    ]  # fmt: skip
    for i in range(14_999):
        rows.append([
            f"0.{38 + i % 60}", f"0.{45 + i % 50}", str(2 + i % 6), str(150 + i % 150), str(2 + i % 9),
            str(i % 2), str(i % 3 == 0), "0", ("sales", "technical", "support")[i % 3],
            ("low", "medium")[i % 2],
        ])  # fmt: skip
    return fx.write_csv(folder / "HR_comma_sep.csv", rows)


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (price_book, ["price_book.xlsx", "phone", "e-mail", "address"]),
        (payments_export, ["payments.csv", "phone", "e-mail", "address"]),
        (lambda folder: payments_export(folder, emails=True), ["paypal.csv", "sales or payments", "23 rows"]),
        (orders_export, ["orders.xlsx", "sales or payments", "“Order ID”"]),
        (hr_data_set, ["HR_comma_sep.csv", "time_spend_company", "not names"]),
    ],
    ids=["price book", "payments", "payments with e-mails", "orders", "HR data set"],
)
def test_a_file_that_is_not_a_customer_list_is_refused(
    db: OpenedDatabase, tmp_path: Path, make, words: list[str]
) -> None:
    path = make(tmp_path)
    message = refused(db, path, "nothing was imported", "list of", *words)
    assert "choose what each column holds" in message
    assert count(db, "customer") == 0 and count(db, "import_batch") == 0


def test_a_refused_list_imports_when_the_owner_maps_its_columns(db: OpenedDatabase, tmp_path: Path) -> None:
    """Mapping by hand is the owner's word: the price book goes in when they say these are customers."""
    path = price_book(tmp_path)
    assert list_refusal(read_sheet(path), path.name) is not None
    report = run_import(path, mapping={0: "full_name", 1: "notes"})
    assert report.customers_created == 62


@pytest.mark.parametrize(
    "make",
    [
        fx.quickbooks_desktop, fx.quickbooks_online, fx.jobber, fx.housecall_pro, fx.servicetitan,
        fx.hand_made, lambda folder: fx.write_xlsx(folder / "simple.xlsx", fx.SIMPLE_ROWS),
    ],
    ids=[
        "QuickBooks Desktop", "QuickBooks Online", "Jobber", "Housecall Pro", "ServiceTitan", "hand-made",
        "simple",
    ],
)  # fmt: skip
def test_real_customer_lists_are_not_refused(db: OpenedDatabase, tmp_path: Path, make) -> None:
    path = make(tmp_path)
    assert list_refusal(read_sheet(path), path.name) is None


def test_an_equipment_list_with_prices_and_a_customer_on_many_rows_is_a_customer_list(
    db: OpenedDatabase, tmp_path: Path
) -> None:
    """One row per unit, a price beside it, a landlord with twelve: still customers, not sales."""
    rows: list[list[object]] = [["Customer", "Phone", "Street", "Equipment", "Installed", "Price"]]
    rows += [["Harbor Rentals LLC", "410-555-0190", f"{i} Pier Rd", "Furnace", 2015, 3200] for i in range(12)]
    rows += [
        [name, f"410-555-{i:04d}", f"{i} Elm St", "Boiler", 2012, 4100] for i, name in enumerate(_names(30))
    ]
    path = fx.write_xlsx(tmp_path / "units.xlsx", rows)
    assert list_refusal(read_sheet(path), path.name) is None
    assert run_import(path).equipment_created == 42


def test_names_alone_are_not_a_customer_list(db: OpenedDatabase, tmp_path: Path) -> None:
    rows = [["Name", "Notes"], *[[name, "met at the fair"] for name in _names(20)]]
    refused(db, fx.write_xlsx(tmp_path / "names.xlsx", rows), "no column of phone numbers")


def test_a_sparse_list_says_how_few_rows_can_be_reached(db: OpenedDatabase, tmp_path: Path) -> None:
    rows = [
        ["Name", "Phone"],
        *[[name, "410-555-0100" if i < 3 else ""] for i, name in enumerate(_names(40))],
    ]
    refused(db, fx.write_csv(tmp_path / "sparse.csv", rows), "only 3 of the 40 rows", "phone")


def test_a_file_without_a_heading_row_is_told_so(db: OpenedDatabase, tmp_path: Path) -> None:
    rows = [
        [name, f"410-555-{i:04d}", f"{name.split()[0].lower()}@mail.example"]
        for i, name in enumerate(_names(8))
    ]
    message = refused(db, fx.write_csv(tmp_path / "no_headings.csv", rows), "no row of column headings")
    assert "“Ann Lee”" in message and "add a row of headings" in message


def test_the_command_line_refuses_a_price_book_with_exit_2_and_one_sentence(tmp_path: Path, capfd) -> None:
    path = price_book(tmp_path)
    code = main(["--db", str(tmp_path / "shop.sqlite3"), "import", str(path), "--json"])
    out, err = capfd.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "does not look like a list of customers" in err
    assert "row " not in err.lower().replace("rows", "")


# ----------------------------------------------------------------------------- nothing fits


def test_a_file_of_which_no_row_fits_is_refused_in_one_sentence(db: OpenedDatabase, tmp_path: Path) -> None:
    """9,998 rows mapped (by hand) so that none can be used: one sentence that sums up why, not 9,998."""
    rows = [["Name", "Phone"], *[[name, "410-555-0101"] for name in _names(9_998)]]
    path = fx.write_csv(tmp_path / "all_rejected.csv", rows)
    before = dump(db)
    with pytest.raises(UserError) as caught:
        run_import(path, mapping={0: "note", 1: "ignore"})
    message = caught.value.message
    assert message.startswith(
        "Nothing was imported: none of the 9,998 rows of all_rejected.csv could be used"
    )
    assert "9,998 rows: the row has no name" in message
    assert "\n" not in message and len(message) < 400
    assert dump(db) == before


def test_nothing_fits_sums_up_the_two_commonest_reasons(db: OpenedDatabase, tmp_path: Path) -> None:
    rows: list[list[object]] = [["Name", "Phone", "Notes"]]
    rows += [["", "", "a note"] for _ in range(5)]  # nothing to know the customer by
    rows += [[name, "410-555-0102", "x" * 40_000] for name in _names(3)]  # cells cut short
    rows += [["Cy Fox", "410-555-0103", "=1+2"]]  # a formula never calculated
    path = fx.write_xlsx(tmp_path / "mixed.xlsx", rows)
    with pytest.raises(UserError) as caught:
        run_import(path, mapping={0: "full_name", 1: "phone", 2: "notes"})
    message = caught.value.message
    assert "5 rows: the row has no name, phone, e-mail or address" in message
    assert "3 rows: column “Notes” holds 32,767 characters" in message  # Excel's most, cut there
    assert "1 row" not in message and "1 for other reasons" in message


def test_the_command_line_exits_2_when_no_row_fits(tmp_path: Path, capfd) -> None:
    """A sheet written by a script: every phone a formula never calculated, so no row can be trusted."""
    rows: list[list[object]] = [["Name", "Phone", "City"]]
    rows += [[name, f'="410-555-{i:04d}"', "Towson"] for i, name in enumerate(_names(2_000))]
    path = fx.write_xlsx(tmp_path / "script.xlsx", rows)
    database = tmp_path / "shop.sqlite3"
    code = main(["--db", str(database), "import", str(path)])
    out, err = capfd.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert "none of the 2,000 rows of script.xlsx could be used" in err and "formula" in err
    assert not list((tmp_path / "backups").glob("*before-import*"))  # refused before the backup


def test_an_import_with_thousands_of_rejections_prints_a_summary_not_every_row(tmp_path: Path, capfd) -> None:
    rows: list[list[object]] = [["Name", "Phone"], ["Ann Lee", "410-555-0101"]]
    rows += [["", "not a phone"] for _ in range(300)]
    path = fx.write_csv(tmp_path / "mostly_bad.csv", rows)
    code = main(["--db", str(tmp_path / "shop.sqlite3"), "import", str(path)])
    out, _ = capfd.readouterr()
    assert code == 0
    assert out.count("\nrow ") == 50 and "250 more rows not imported" in out
    code = main(["--db", str(tmp_path / "shop.sqlite3"), "import", str(path), "--dry-run", "--json"])
    assert len(json.loads(capfd.readouterr().out)["rejected"]) == 300  # the JSON has them all


# ----------------------------------------------------------------------------- other writers' workbooks

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
SDK_ROWS: list[list[object]] = [
    ["Name", "Phone", "City", "Installed"],
    ["Ann Lee", "410-555-0101", "Towson", 44000],
    ["Bob Ray", "410-555-0102", "Dover", 44100],
]


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sdk_workbook(
    path: Path,
    rows: list[list[object]] = SDK_ROWS,
    *,
    prefix: str = "x",
    slash: str = "/",
    folder: str = "xl",
    names_from_root: bool = False,
    targets: str = "relative",
    formula_at: tuple[int, int] | None = None,
) -> Path:
    """A workbook as the Open XML SDK and other writers than Excel make it.

    prefix: the spreadsheet namespace's prefix ("" for none); slash: in part names and targets;
    folder: where the workbook's parts live ("" for the package root); names_from_root: entry names
    start with "/"; targets: "relative" (to the workbook), "absolute" ("/xl/..."), or "root" (from the
    root without the leading slash, which the standard does not allow and writers do);
    formula_at: (row, column) of a cell holding a formula whose result was never saved.
    """
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    strings: dict[str, int] = {}
    xml_rows = []
    for r, row in enumerate(rows, 1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{_column(c)}{r}"
            if formula_at == (r, c):
                cells.append(f'<{p}c r="{ref}"><{p}f>1+2</{p}f></{p}c>')
            elif isinstance(value, int):
                style = ' s="1"' if rows[0][c] == "Installed" else ""
                cells.append(f'<{p}c r="{ref}"{style}><{p}v>{value}</{p}v></{p}c>')
            else:
                index = strings.setdefault(str(value), len(strings))
                cells.append(f'<{p}c r="{ref}" t="s"><{p}v>{index}</{p}v></{p}c>')
        xml_rows.append(f'<{p}row r="{r}">{"".join(cells)}</{p}row>')
    head = '<?xml version="1.0" encoding="utf-8"?>'
    sheet = f"{head}<{p}worksheet {ns}><{p}sheetData>{''.join(xml_rows)}</{p}sheetData></{p}worksheet>"
    shared = (
        f'{head}<{p}sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">'
        + "".join(f"<{p}si><{p}t>{escape(s)}</{p}t></{p}si>" for s in strings)
        + f"</{p}sst>"
    )
    styles = (
        f'{head}<{p}styleSheet {ns}><{p}fonts count="1"><{p}font/></{p}fonts><{p}fills count="1"><{p}fill/>'
        f'</{p}fills><{p}borders count="1"><{p}border/></{p}borders><{p}cellStyleXfs count="1"><{p}xf/>'
        f'</{p}cellStyleXfs><{p}cellXfs count="2"><{p}xf numFmtId="0"/>'
        f'<{p}xf numFmtId="14" applyNumberFormat="1"/></{p}cellXfs></{p}styleSheet>'
    )
    workbook = (
        f'{head}<{p}workbook {ns} xmlns:r="{REL}"><{p}sheets>'
        f'<{p}sheet name="Customers" sheetId="1" r:id="R1"/></{p}sheets></{p}workbook>'
    )
    base = f"{folder}/" if folder else ""

    def target(part: str) -> str:
        if targets == "relative":
            return part.replace("/", slash)
        return ("/" if targets == "absolute" else "") + (base + part).replace("/", slash)

    relationships = "".join(
        f'<Relationship Type="{REL}/{kind}" Target="{target(part)}" Id="{rel_id}"/>'
        for rel_id, kind, part in (
            ("R1", "worksheet", "worksheets/sheet1.xml"),
            ("R2", "sharedStrings", "sharedStrings.xml"),
            ("R3", "styles", "styles.xml"),
        )
    )
    main_target = ("/" if targets != "relative" else "") + (base + "workbook.xml").replace("/", slash)
    overrides = "".join(
        f'<Override PartName="/{base}{part}" ContentType="{CT}.{kind}+xml"/>'
        for part, kind in (
            ("workbook.xml", "sheet.main"),
            ("worksheets/sheet1.xml", "worksheet"),
            ("sharedStrings.xml", "sharedStrings"),
            ("styles.xml", "styles"),
        )
    )
    parts = {
        "[Content_Types].xml": f'{head}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" '
        f'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>{overrides}</Types>',
        "_rels/.rels": f'{head}<Relationships xmlns="{PKG}"><Relationship Type="{REL}/officeDocument" '
        f'Target="{main_target}" Id="R0"/></Relationships>',
        f"{base}workbook.xml": workbook,
        f"{base}_rels/workbook.xml.rels": (
            f'{head}<Relationships xmlns="{PKG}">{relationships}</Relationships>'
        ),
        f"{base}worksheets/sheet1.xml": sheet,
        f"{base}sharedStrings.xml": shared,
        f"{base}styles.xml": styles,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            entry = ("/" if names_from_root else "") + name.replace("/", slash)
            archive.writestr(entry, text.encode())
    return path


@pytest.mark.parametrize(
    "options",
    [
        {"prefix": "x"},
        {"prefix": "x", "slash": "\\"},
        {"prefix": "", "slash": "\\", "targets": "absolute"},
        {"prefix": "", "names_from_root": True},
        {"prefix": "x", "names_from_root": True, "targets": "absolute"},
        {"prefix": "", "folder": ""},
        {"prefix": "ssml", "folder": "", "targets": "absolute"},
        {"prefix": "", "targets": "root"},
    ],
    ids=[
        "prefixed", "back-slashes", "back-slashed absolute targets", "names from the root",
        "prefixed, from the root", "parts at the root", "prefixed parts at the root", "root-relative targets",
    ],
)  # fmt: skip
def test_workbooks_from_other_writers_are_read(db: OpenedDatabase, tmp_path: Path, options: dict) -> None:
    """Open XML SDK output was refused as "empty" or "not an Excel workbook": it is a workbook like any."""
    path = sdk_workbook(tmp_path / "sdk.xlsx", **options)
    info = inspect_file(path)
    assert info.kind == "xlsx" and info.default_sheet == "Customers" and info.sheets[0].has_data
    table = read_sheet(path)
    assert table.headers == ["Name", "Phone", "City", "Installed"]
    assert [cells[:3] for _, cells in table.rows] == [
        ["Ann Lee", "410-555-0101", "Towson"],
        ["Bob Ray", "410-555-0102", "Dover"],
    ]
    assert table.rows[0][1][3] == datetime.date(2020, 6, 18)  # the styles were read: a date, not 44000
    report = run_import(path)
    assert report.customers_created == 2 and not report.rejected


def test_a_prefixed_sheet_still_shows_its_uncalculated_formulas(db: OpenedDatabase, tmp_path: Path) -> None:
    """The importer's own scan of the sheet XML sees through the prefix (it reads the rebuilt package)."""
    path = sdk_workbook(tmp_path / "formula.xlsx", prefix="x", slash="\\", formula_at=(3, 1))
    report = run_import(path)
    assert report.customers_created == 1
    assert [r["row"] for r in report.rejected] == [3] and "formula" in report.rejected[0]["reason"]


def test_a_workbook_in_excels_own_shape_is_read_as_it_is(tmp_path: Path) -> None:
    """Rebuilding costs a pass over every sheet: only packages that differ get one."""
    assert not sniffing.sniff(sdk_workbook(tmp_path / "plain.xlsx", prefix="")).rebuild
    assert not sniffing.sniff(fx.write_xlsx(tmp_path / "openpyxl.xlsx", fx.SIMPLE_ROWS)).rebuild
    assert sniffing.sniff(sdk_workbook(tmp_path / "prefixed.xlsx", prefix="x")).rebuild


def test_broken_quotes_are_told_in_the_owners_words(db: OpenedDatabase, tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text('Name,Phone,Notes\nAnn Lee,410-555-0101,"never closed\n' + "x" * 200_000 + "\n")
    message = refused(db, path, "line 2", "quote mark")
    assert "field" not in message and "131072" not in message and "limit" not in message


# ----------------------------------------------------------------------------- files that crashed the reader


def _record(kind: int, data: bytes = b"") -> bytes:
    """One BIFF12 record of an .xlsb part: its type and size as 7-bit varints, then its data."""
    head = bytes([kind & 0x7F | 0x80, kind >> 7]) if kind > 0x7F else bytes([kind])
    size, length = b"", len(data)
    while True:
        byte, length = length & 0x7F, length >> 7
        size += bytes([byte | (0x80 if length else 0)])
        if not length:
            return head + size + data


def _wide(text: str, claimed: int | None = None) -> bytes:
    return struct.pack("<I", len(text) if claimed is None else claimed) + text.encode("utf-16-le")


def xlsb_with_bad_relationship_id(path: Path) -> Path:
    """An .xlsb whose sheet entry claims a relationship id longer than its record: calamine panics."""
    book = (
        _record(0x83) + _record(0x8F)
        + _record(0x9C, struct.pack("<II", 0, 1) + _wide("rId1", claimed=50) + _wide("Customers"))
        + _record(0x90) + _record(0x84)
    )  # fmt: skip
    cells = _record(0x00, struct.pack("<IIHBBI", 0, 0, 300, 0, 0, 0)) + _record(
        0x06, struct.pack("<II", 0, 0) + _wide("Name")
    )
    sheet = _record(0x81) + _record(0x94, struct.pack("<IIII", 0, 0, 0, 0)) + _record(0x91) + cells
    sheet += _record(0x92) + _record(0x82)
    binary = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="bin" ContentType="{binary}"/><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Override PartName="/xl/workbook.bin" ContentType="{binary}"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.bin"/></Relationships>',
        )
        archive.writestr("xl/workbook.bin", book)
        archive.writestr(
            "xl/_rels/workbook.bin.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
            f'Type="{REL}/worksheet" Target="worksheets/sheet1.bin"/></Relationships>',
        )
        archive.writestr("xl/worksheets/sheet1.bin", sheet)
    return path


def xls_with_sheet_past_its_end(path: Path) -> Path:
    """An .xls (written by xlwt) whose sheet record points past the end of its stream, as fuzzing found."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("Customers")
    for r, row in enumerate([["Name", "Phone"], ["Ann Lee", "410-555-0101"]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    data = bytearray(buffer.getvalue())
    at = data.index(b"\x85\x00\x11\x00")  # BOUNDSHEET (17 bytes for "Customers"): then the sheet's position
    data[at + 4 : at + 8] = struct.pack("<I", 0x80FD)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    "make", [xlsb_with_bad_relationship_id, xls_with_sheet_past_its_end], ids=["xlsb", "xls"]
)
def test_a_file_that_makes_calamine_panic_is_refused_with_a_sentence(
    db: OpenedDatabase, tmp_path: Path, make, caplog, capfd
) -> None:
    path = make(tmp_path / ("panic.xlsb" if make is xlsb_with_bad_relationship_id else "panic.xls"))
    with caplog.at_level(logging.INFO, logger="app.services.importing.reading"):
        refused(db, path, "damaged")
    assert any("panicked" in record.getMessage() for record in caplog.records)
    assert any("panicked at" in record.getMessage() for record in caplog.records)  # Rust's own words, logged
    assert "panicked" not in capfd.readouterr().err  # …and not on the process's stderr


def test_the_command_line_refuses_a_panicking_file_with_exit_2(tmp_path: Path, capfd) -> None:
    path = xlsb_with_bad_relationship_id(tmp_path / "bad.xlsb")
    code = main(["--db", str(tmp_path / "shop.sqlite3"), "import", str(path)])
    out, err = capfd.readouterr()
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "bad.xlsb is damaged" in err and "panic" not in err


def test_a_corrupt_deflate_stream_is_a_damaged_file_not_a_crash(db: OpenedDatabase, tmp_path: Path) -> None:
    good = fx.write_xlsx(tmp_path / "good.xlsx", fx.SIMPLE_ROWS)
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo("xl/workbook.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start] = 0xFF  # deflate block type 3: "invalid block type" (zlib.error) on the first read
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(bytes(data))
    with zipfile.ZipFile(bad) as archive, pytest.raises(zlib.error):  # what sniffing met before: exit 1
        archive.read("xl/workbook.xml")
    refused(db, bad, "damaged")


# ----------------------------------------------------------------------------- too big to read


def test_a_file_too_big_for_memory_is_refused_before_it_is_read(
    db: OpenedDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [["Name", "Phone", "City"], *[[name, "410-555-0101", "Towson"] for name in _names(20_000)]]
    csv_path = fx.write_csv(tmp_path / "big.csv", rows)
    xlsx_path = fx.write_xlsx(tmp_path / "big.xlsx", rows)
    # A budget this small makes these files "too big": the same rule, at a size a test can write.
    monkeypatch.setattr(sniffing, "MEMORY_BUDGET", sniffing.BASE_MEMORY + 10 * sniffing.MB)

    def never(*_args: object) -> None:
        raise AssertionError("read although it cannot fit")

    monkeypatch.setattr(reading_module, "read_text_rows", never)
    monkeypatch.setattr(reading_module, "_open_workbook", never)
    refused(db, csv_path, "big.csv", "MB of text", "split")
    refused(db, xlsx_path, "big.xlsx", "MB of sheet data", "split")


def test_the_memory_rule_takes_100000_rows_and_refuses_299000() -> None:
    """Measured (issue 14): 100,000 rows × 12 columns are 11.6 MB of CSV and 50-62 MB of sheet XML and
    peak under 500 MB; 299,000 rows of CSV (35 MB) reached 1.33 GB."""
    sniffing.check_fits("c100k.csv", "csv", int(11.6 * sniffing.MB))
    sniffing.check_fits("c100k.xlsx", "xlsx", int(61.5 * sniffing.MB))
    with pytest.raises(UserError) as caught:
        sniffing.check_fits("c299k.csv", "csv", int(34.7 * sniffing.MB))
    assert "35 MB of text" in caught.value.message and "up to 24 MB" in caught.value.message
    assert "about 230,000 rows" in caught.value.message
