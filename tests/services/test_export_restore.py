"""Our own export comes back whole: importing it into an empty database restores every table as it was.

The business: the demo (150 customers) with what an owner adds to it — an import batch, a sent
campaign, an edited letter template, a logo (longer than a cell, so on the long_text sheet),
decisions on opportunities, an erased customer, do-not-service and call windows, and text a
spreadsheet mangles unless it is written with care (Windows line endings, control characters,
Excel's own _xHHHH_ escapes, formulas, a moment finer than a second, a day before 1900).
"""

from __future__ import annotations

import dataclasses
import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.domain.campaigns import AudienceCriteria
from app.domain.clock import FixedClock, use_clock
from app.domain.errors import UserError
from app.persistence import exports
from app.persistence.db import close_database, open_database
from app.persistence.tables import database_proxy
from app.services import exporting
from app.services.campaigns import create_campaign, mark_campaign_sent
from app.services.cancel import Cancelled
from app.services.customers import find_customers
from app.services.demo import build_demo
from app.services.documents.letter_templates import save_template, shipped_templates
from app.services.exporting import LONG_TEXT_SHEET, export_database
from app.services.freshness import change_counts, ensure_opportunities_fresh
from app.services.importing import inspect_file, run_import
from app.services.importing.restoring import RestoreReport, restore_export
from app.services.opportunities import list_open_opportunities, set_opportunity_status
from app.services.privacy import erase_customer
from app.services.settings import load_settings, save_settings
from app.services.stats import headline_stats
from tests.conftest import TEST_NOW
from tests.services.import_fixtures import write_csv

TODAY = TEST_NOW.date()
LOGO = bytes(range(256)) * 200  # 51,200 bytes: stored as text longer than a cell holds
AWKWARD = "Gate code 4471\r\nDog: friendly\x01 _x0041_ stays =SUM(A1)\r"
# 36,000+ characters: past a cell, with escapes on both sides of the cut.
LONG_NOTES = ("Serviced in the rain.\r\n" * 1600) + "\x02_x000D_ end"


# ----------------------------------------------------------------------------- the business


def build_business(customers: int = 150, *, folder: Path) -> None:
    """In the open database: the demo, and what an owner adds to it over a year."""
    build_demo(customers=customers, seed=5, today=TODAY)
    extra = write_csv(
        folder / "new-customers.csv",
        [["Name", "Phone", "Street", "City"], ["Walker, Ruth", "410-555-0134", "3 Mill Rd", "Towson"]],
    )
    assert run_import(extra).customers_created == 1  # an import batch, its changes, a remembered mapping
    ensure_opportunities_fresh()
    opportunities = list_open_opportunities()
    set_opportunity_status(opportunities[0].id, "won")
    set_opportunity_status(opportunities[1].id, "dismissed")
    set_opportunity_status(opportunities[2].id, "snoozed", snooze_until=TODAY + datetime.timedelta(days=30))
    set_opportunity_status(opportunities[3].id, "contacted")
    campaign = create_campaign("Spring check-in", AudienceCriteria(), today=TODAY, offer="10% off a tune-up")
    mark_campaign_sent(campaign, TODAY)
    save_template(dataclasses.replace(shipped_templates()["renewal"], subject="Renew {plan_name} today"))
    save_settings(dataclasses.replace(load_settings(), company_name="Comfort Air & Heat", logo_png=LOGO))
    erase_customer(customers)  # leaves a suppression
    db = database_proxy.obj
    db.execute_sql("UPDATE customer SET notes = ?, do_not_service = ? WHERE id = 1", (AWKWARD, True))
    db.execute_sql("UPDATE customer SET notes = ?, call_window_start = '09:00', call_window_end = '11:30' "
                   "WHERE id = 2", (LONG_NOTES,))  # fmt: skip
    db.execute_sql("UPDATE customer SET customer_since = ? WHERE id = 3", (datetime.date(1899, 7, 4),))
    db.execute_sql(
        "UPDATE touch SET happened_at = ? WHERE id = (SELECT min(id) FROM touch)",
        (datetime.datetime(2026, 11, 30, 9, 15, 0, 250_001),),
    )
    ensure_opportunities_fresh()  # as the CLI's export does: the export holds opportunities up to date


def dump() -> dict[str, list[tuple]]:
    """Every exported table, row for row in key order, the same on SQLite and PostgreSQL."""
    database = database_proxy.obj
    tables = {}
    for table, columns in exports.exportable_tables():
        names = ", ".join(f'"{name}"' for name, _kind in columns)
        key = "id" if "id" in dict(columns) else columns[0][0]
        rows = database.execute_sql(f'SELECT {names} FROM "{table}" ORDER BY "{key}"').fetchall()
        tables[table] = [tuple(_plain(value) for value in row) for row in rows]
    return tables


def _plain(value: Any) -> Any:
    """SQLite keeps yes/no as 1/0 and days as text; PostgreSQL gives bool and date objects."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@dataclasses.dataclass(frozen=True)
class Source:
    export: Path
    tables: dict[str, list[tuple]]
    stats: Any
    opportunities: list[Any]
    found: list[int]


def make_source(folder: Path) -> Source:
    """The business built in a laptop's database: its tables, figures and export."""
    with use_clock(FixedClock(TEST_NOW)):
        open_database(folder / "laptop.sqlite3")
        try:
            build_business(folder=folder)
            tables, stats = dump(), headline_stats(TODAY)
            opportunities = list_open_opportunities()
            found = [f.id for f in find_customers("Walker")]
            export_database(folder / "everything.xlsx")
        finally:
            close_database()
    return Source(folder / "everything.xlsx", tables, stats, opportunities, found)


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    """Built once: the tests restore it where they like."""
    return make_source(tmp_path_factory.mktemp("restore"))


def test_the_business_uses_every_table(source: Source) -> None:
    """The comparison below means something only where there are rows: every table has some."""
    assert [table for table, rows in source.tables.items() if not rows] == []
    assert {status for *_, status in _statuses(source.tables)} >= {"won", "dismissed", "snoozed", "contacted"}


def _statuses(tables: dict[str, list[tuple]]) -> list[tuple]:
    columns = [name for name, _kind in dict(exports.exportable_tables())["opportunity"]]
    return [(row[columns.index("id")], row[columns.index("status")]) for row in tables["opportunity"]]


def check_restored(source: Source, report: RestoreReport) -> None:
    """Every table as it was, the figures and the opportunities the same, the database working on."""
    assert isinstance(report, RestoreReport) and not report.dry_run
    assert report.restored == {table: len(rows) for table, rows in source.tables.items()}
    assert (report.customers_created, report.sites_created) == (
        len(source.tables["customer"]),
        len(source.tables["site"]),
    )
    assert report.batch is None and report.rejected == [] and report.warnings == []
    restored = dump()
    for table, rows in source.tables.items():
        assert restored[table] == rows, table  # ids, links, dates, money, yes/no and text alike
    notes = {row[0]: row for row in restored["customer"]}
    columns = [name for name, _kind in dict(exports.exportable_tables())["customer"]]
    assert notes[1][columns.index("notes")] == AWKWARD and notes[2][columns.index("notes")] == LONG_NOTES
    assert [f.id for f in find_customers("Walker")] == source.found  # the search index was rebuilt
    # The restore was counted (the open screens and the freshness check see it), on SQLite row for row.
    counted = change_counts()
    assert all(counted[table] >= (1 if rows else 0) for table, rows in source.tables.items())
    if database_proxy.obj.__class__.__name__ == "SqliteDatabase":
        assert all(counted[table] == len(rows) for table, rows in source.tables.items())
    ensure_opportunities_fresh()  # worked out again from what came back: nothing moves
    assert dump()["opportunity"] == source.tables["opportunity"]
    assert list_open_opportunities() == source.opportunities
    assert headline_stats(TODAY) == source.stats
    # Later writes carry on past the restored ids (PostgreSQL's sequences were moved past them).
    database = database_proxy.obj
    database.execute_sql("INSERT INTO segment (name, pitch, talking_points) VALUES ('Landlords', '', '')")
    newest = database.execute_sql("SELECT max(id) FROM segment").fetchone()[0]
    assert newest == len(source.tables["segment"]) + 1
    assert change_counts()["segment"] > counted["segment"]  # and counted: the triggers are back


def test_the_export_comes_back_whole_into_a_new_laptop_database(source: Source, tmp_path: Path) -> None:
    open_database(tmp_path / "new-laptop.sqlite3")
    try:
        info = inspect_file(source.export)
        assert LONG_TEXT_SHEET in {sheet.name for sheet in info.sheets}  # the logo and the long notes
        check_restored(source, run_import(source.export))
    finally:
        close_database()


def test_a_dry_run_says_what_would_come_back_and_writes_nothing(source: Source, tmp_path: Path) -> None:
    open_database(tmp_path / "empty.sqlite3")
    try:
        before = change_counts()
        report = run_import(source.export, dry_run=True)
        assert isinstance(report, RestoreReport) and report.dry_run
        assert report.restored["visit"] == len(source.tables["visit"]) > 0
        assert "would restore 150 customers" in report.lines()
        assert change_counts() == before and dump()["customer"] == []
    finally:
        close_database()


def test_a_database_that_holds_anything_refuses_and_keeps_the_customers_only_import(
    source: Source, tmp_path: Path
) -> None:
    open_database(tmp_path / "in-use.sqlite3")
    try:
        build_demo(customers=5, seed=9, today=TODAY)
        before = dump()
        for dry_run in (True, False):
            with pytest.raises(UserError, match="restored only into an empty database") as refused:
                run_import(source.export, dry_run=dry_run)
            assert "already holds 5 customers" in refused.value.message
            assert "sheet “customer”" in refused.value.message
        assert dump() == before
        # Naming the customer sheet is the way to add its customers to those already here.
        report = run_import(source.export, sheet="customer")
        assert not isinstance(report, RestoreReport)
        assert report.customers_created == len(source.tables["customer"])
    finally:
        close_database()


def test_settings_a_new_database_already_has_give_way_to_the_exports(source: Source, tmp_path: Path) -> None:
    open_database(tmp_path / "new.sqlite3")
    try:
        database = database_proxy.obj
        database.execute_sql("INSERT INTO setting (key, value) VALUES ('company_name', '\"Old name\"')")
        database.execute_sql("INSERT INTO setting (key, value) VALUES ('this_pc_only', '1')")
        run_import(source.export)
        settings = dict(database.execute_sql("SELECT key, value FROM setting").fetchall())
        assert json.loads(settings["company_name"]) == "Comfort Air & Heat"
        assert settings["this_pc_only"] == "1"
    finally:
        close_database()


def test_a_cancelled_restore_writes_nothing(source: Source, tmp_path: Path) -> None:
    steps: list[int] = []
    writing = 60  # of 100: the reading and checking are the first 40, so tables have been written by then

    open_database(tmp_path / "cancelled.sqlite3")
    try:
        with pytest.raises(Cancelled):
            restore_export(
                source.export,
                progress=lambda done, _total: steps.append(done),
                cancel=lambda: bool(steps) and steps[-1] >= writing,
            )
        assert writing <= steps[-1] < 100
        assert all(rows == [] for rows in dump().values())
    finally:
        close_database()


def test_tables_longer_than_a_sheet_go_on_and_come_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exporting, "MAX_SHEET_ROWS", 40)  # Excel's million rows, made small
    open_database(tmp_path / "source.sqlite3")
    try:
        build_business(30, folder=tmp_path)
        expected = dump()
        export_database(tmp_path / "long.xlsx")
    finally:
        close_database()
    assert {"visit 2", "visit 3", "touch 2"} <= set(load_workbook(tmp_path / "long.xlsx").sheetnames)
    open_database(tmp_path / "restored.sqlite3")
    try:
        run_import(tmp_path / "long.xlsx")
        assert dump() == expected
    finally:
        close_database()


# ----------------------------------------------------------------------------- a changed export


@pytest.fixture(scope="module")
def small_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small")
    with use_clock(FixedClock(TEST_NOW)):
        open_database(folder / "small.sqlite3")
        try:
            build_business(20, folder=folder)
            export_database(folder / "small.xlsx")
        finally:
            close_database()
    return folder / "small.xlsx"


def _changed(export: Path, target: Path, change: Any) -> Path:
    workbook = load_workbook(export)
    change(workbook)
    workbook.save(target)
    return target


def _column(sheet: Any, name: str) -> int:
    return [cell.value for cell in sheet[1]].index(name) + 1


def _link_to_nowhere(workbook: Any) -> None:
    sheet = workbook["visit"]
    sheet.cell(row=3, column=_column(sheet, "customer_id")).value = 99_999


def _newer_heading(workbook: Any) -> None:
    workbook["site"].cell(row=1, column=3).value = "geolocation"


def _not_a_date(workbook: Any) -> None:
    sheet = workbook["visit"]
    sheet.cell(row=4, column=_column(sheet, "visited_on")).value = "soon"


def _part_missing(workbook: Any) -> None:
    workbook[LONG_TEXT_SHEET].delete_rows(2)


def _same_id_twice(workbook: Any) -> None:
    sheet = workbook["sale"]
    sheet.cell(row=3, column=1).value = sheet.cell(row=2, column=1).value


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        (_link_to_nowhere, "row 3 of the sheet “visit” links in “customer_id” to 99999, which is not on"),
        (_newer_heading, "The sheet “site” has a column “geolocation” that this version"),
        (_not_a_date, "The sheet “visit”, cell {letter}4, holds “soon” where a date belongs"),
        (_part_missing, "The sheet long_text lacks a part of cell"),
        (_same_id_twice, "Two rows have the same number"),
    ],
    ids=["link", "heading", "date", "long text", "id"],
)
def test_a_changed_export_is_refused_naming_the_cell(
    small_export: Path, tmp_path: Path, change: Any, sentence: str
) -> None:
    changed = _changed(small_export, tmp_path / "changed.xlsx", change)
    letter = "ABCDEFGHIJ"[_column(load_workbook(changed, read_only=True)["visit"], "visited_on") - 1]
    open_database(tmp_path / "target.sqlite3")
    try:
        with pytest.raises(UserError) as refused:
            run_import(changed)
        assert sentence.format(letter=letter) in refused.value.message
        assert all(rows == [] for rows in dump().values())
    finally:
        close_database()


def test_a_sheet_someone_added_is_left_out_and_said_so(small_export: Path, tmp_path: Path) -> None:
    changed = _changed(small_export, tmp_path / "notes.xlsx", lambda book: book.create_sheet("My notes"))
    open_database(tmp_path / "target.sqlite3")
    try:
        report = run_import(changed)
        assert report.warnings == ["The sheet “My notes” is not part of the export; it was left out."]
    finally:
        close_database()


def test_a_workbook_without_every_table_is_not_taken_for_a_full_export(
    small_export: Path, tmp_path: Path
) -> None:
    """Someone kept only some sheets: the customers, sites and equipment are imported as before."""
    changed = _changed(small_export, tmp_path / "part.xlsx", lambda book: book.remove(book["touch"]))
    open_database(tmp_path / "target.sqlite3")
    try:
        report = run_import(changed)
        assert not isinstance(report, RestoreReport) and report.customers_created == 20
        assert dump()["visit"] == []
    finally:
        close_database()


# ----------------------------------------------------------------------------- the command line


def test_the_command_line_restores_and_says_what(source: Source, tmp_path: Path, capsys) -> None:
    target = str(tmp_path / "cli.sqlite3")
    assert main(["--db", target, "import", str(source.export), "--dry-run", "--json"]) == 0
    planned = json.loads(capsys.readouterr().out)
    assert planned["restored"]["touch"] == len(source.tables["touch"]) and planned["batch"] is None
    assert planned["customers_created"] == len(source.tables["customer"]) and planned["dry_run"]
    assert main(["--db", target, "import", str(source.export)]) == 0
    out = capsys.readouterr().out
    assert f"restored {len(source.tables['visit']):,} visits" in out
    assert main(["--db", target, "import", str(source.export)]) == 2  # not empty any more
    assert "restored only into an empty database" in capsys.readouterr().err
