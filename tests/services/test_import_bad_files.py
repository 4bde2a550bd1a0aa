"""Bad input: one plain sentence (a UserError), and the database exactly as it was."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app.domain.errors import UserError
from app.persistence.db import OpenedDatabase
from app.services.importing import inspect_file, read_sheet, run_import
from app.services.importing import reading as reading_module
from tests.services import import_fixtures as fx


def dump(db: OpenedDatabase) -> list[str]:
    return list(db.database.connection().iterdump())


def refused(db: OpenedDatabase, path: Path, *words: str) -> str:
    """Importing `path` fails with one sentence containing `words`, and changes nothing."""
    before = dump(db)
    with pytest.raises(UserError) as caught:
        run_import(path)
    message = caught.value.message
    assert "\n" not in message and message.endswith("."), message
    assert message.count(". ") <= 1, message  # one sentence (two at most when it says what to do)
    for word in words:
        assert word.lower() in message.lower(), message
    assert dump(db) == before
    return message


def test_zero_byte_file(db: OpenedDatabase, tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    refused(db, path, "empty", "0 bytes")


def test_excel_lock_file(db: OpenedDatabase, tmp_path: Path) -> None:
    path = tmp_path / "~$customers.xlsx"
    path.write_bytes(b"\x0bowner name" + b"\x00" * 150)
    refused(db, path, "lock file", "customers.xlsx")


def test_html_saved_as_xlsx(db: OpenedDatabase, tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    path.write_text("<html><body><table><tr><td>Name</td></tr></table></body></html>")
    refused(db, path, "web page")


def test_pdf_and_other_databases(db: OpenedDatabase, tmp_path: Path) -> None:
    pdf = tmp_path / "list.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n" + b"\x00\x01\x02" * 100)
    refused(db, pdf, "PDF")
    refused(db, fx.sqlite_renamed(tmp_path / "data.xlsx"), "not a spreadsheet")


def test_password_protected_workbook(db: OpenedDatabase, tmp_path: Path) -> None:
    message = refused(db, fx.encrypted_workbook(tmp_path / "locked.xlsx"), "password")
    assert message == (
        "This file is password-protected; open it in Excel, remove the password, save, and import again."
    )


def test_truncated_workbook(db: OpenedDatabase, tmp_path: Path) -> None:
    good = fx.write_xlsx(tmp_path / "good.xlsx", fx.SIMPLE_ROWS)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    refused(db, cut, "damaged")


def test_corrupt_part_inside_a_workbook(db: OpenedDatabase, tmp_path: Path) -> None:
    good = fx.write_xlsx(tmp_path / "good.xlsx", fx.SIMPLE_ROWS)
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if item.filename.endswith("sheet1.xml") else data)
    refused(db, bad, "damaged")


def test_zip_bomb(db: OpenedDatabase, tmp_path: Path) -> None:
    refused(db, fx.zip_bomb(tmp_path / "bomb.xlsx"), "unpack")


def test_xml_entity_bomb(db: OpenedDatabase, tmp_path: Path) -> None:
    refused(db, fx.entity_bomb(tmp_path / "laughs.xlsx"), "DOCTYPE")


def test_empty_workbook_and_headers_only(db: OpenedDatabase, tmp_path: Path) -> None:
    refused(db, fx.write_xlsx(tmp_path / "blank.xlsx", []), "empty")
    refused(db, fx.write_xlsx(tmp_path / "headers.xlsx", [["Name", "Phone", "Email"]]), "no rows")
    refused(db, fx.write_csv(tmp_path / "headers.csv", [["Name", "Phone"]]), "no rows")


def test_a_sheet_claiming_a_million_rows_is_read_quickly(db: OpenedDatabase, tmp_path: Path) -> None:
    path = fx.sheet_with_dimension(tmp_path / "huge.xlsx", "A1:B1048576")
    assert len(read_sheet(path).rows) == 3
    assert run_import(path).customers_created == 3


def test_a_sheet_smaller_than_its_data_loses_no_row(db: OpenedDatabase, tmp_path: Path) -> None:
    path = fx.sheet_with_dimension(tmp_path / "small.xlsx", "A1:B2", rows=40)
    assert len(read_sheet(path).rows) == 40
    assert run_import(path).customers_created == 40


def test_too_many_rows_is_refused_not_cut_short(
    db: OpenedDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [["Name", "Phone"]] + [[f"P {i}", f"410-555-{1000 + i}"] for i in range(30)]
    xlsx, csv_path = fx.write_xlsx(tmp_path / "many.xlsx", rows), fx.write_csv(tmp_path / "many.csv", rows)
    for module in (reading_module, __import__("app.services.importing.headers", fromlist=["x"])):
        monkeypatch.setattr(module, "MAX_ROWS", 10)
    refused(db, xlsx, "30", "split")
    refused(db, csv_path, "split")


def test_broken_quotes_in_a_csv(db: OpenedDatabase, tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_text('Name,Notes\nAnn,"never closed\n' + "x" * 200_000 + "\n")
    refused(db, path, "quote")


@pytest.mark.parametrize(
    "make",
    [
        lambda folder: fx.write_xlsx(folder / "ok.xlsx", fx.SIMPLE_ROWS),
        lambda folder: fx.write_csv(folder / "ok.csv", fx.SIMPLE_ROWS, "cp1252"),
    ],
)
def test_a_good_file_is_not_refused(db: OpenedDatabase, tmp_path: Path, make: Callable[[Path], Path]) -> None:
    """The other side of the tests above: the checks must not refuse genuine files."""
    path = make(tmp_path)
    assert inspect_file(path).sheets[0].has_data
    assert run_import(path).customers_created == 2


def test_per_row_problems_are_rejections_with_reasons(db: OpenedDatabase, tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["Name", "Phone", "Notes", "Total", "Installed"],
        ["Ann Lee", "410-555-0180", "x" * 40_000, 1, None],  # a cell longer than Excel allows
        ["Bob Ray", "410-555-0181", "", "=1+2", None],  # a formula never calculated (written by a script)
        ["", "", "", 3, None],  # nothing to know the customer by
        ["Cy Fox", "410-555-0183", "", 4, 3_000_000],  # a date out of range: kept in the notes
    ]
    report = run_import(fx.write_xlsx(tmp_path / "rows.xlsx", rows))
    reasons = {r["row"]: r["reason"] for r in report.rejected}
    assert set(reasons) == {2, 3, 4}
    assert "32,767 characters" in reasons[2]
    assert "formula" in reasons[3]
    assert report.customers_created == 1
    assert any("Row 5: Installed" in w and "not a date" in w for w in report.warnings)
    notes = db.database.execute_sql("SELECT notes FROM customer").fetchone()[0]
    assert "Installed: 3000000" in notes
