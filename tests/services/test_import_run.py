"""An import as a whole: the report, all-or-nothing, progress and cancel, undo, remembered mappings."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.domain.errors import UserError
from app.persistence.db import OpenedDatabase
from app.services.cancel import Cancelled
from app.services.importing import (
    TARGET_FIELDS,
    guess_mapping,
    inspect_file,
    read_sheet,
    remembered_mapping,
    run_import,
    save_report_workbook,
    undo_import,
)
from tests.services import import_fixtures as fx

CLI_KEYS = {
    "file",
    "sheet",
    "rows_read",
    "customers_created",
    "customers_updated",
    "duplicates_merged",
    "sites_created",
    "equipment_created",
    "rejected",
    "warnings",
    "batch",
}


def dump(db: OpenedDatabase) -> list[str]:
    return list(db.database.connection().iterdump())


def many_rows(folder: Path, n: int = 400) -> Path:
    rows: list[list[object]] = [["Name", "Phone", "Street", "City", "State", "Zip", "Equipment"]]
    rows += [
        [f"Person {i}", f"410-555-{i:04d}", f"{i} Main St", "Dover", "DE", "19901", "Furnace"]
        for i in range(n)
    ]
    return fx.write_xlsx(folder / "many.xlsx", rows)


def test_the_report_has_the_cli_keys(db: OpenedDatabase, tmp_path: Path) -> None:
    report = run_import(fx.quickbooks_desktop(tmp_path))
    values = report.as_json_dict()
    assert set(values) >= CLI_KEYS
    json.dumps(values)  # plain JSON, nothing exotic
    assert values["file"] == "qb_desktop.xlsx" and values["sheet"] == "Customer Contact List"
    assert values["batch"] == 1 and values["rows_read"] == 4


def test_sheets_hidden_and_default(db: OpenedDatabase, tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Notes"
    hidden = workbook.create_sheet("Old list")
    hidden.append(["Name", "Phone"])
    hidden.append(["Ann", "410-555-0100"])
    hidden.sheet_state = "hidden"
    customers = workbook.create_sheet("Customers")
    customers.append(["Name", "Phone"])
    customers.append(["Bob", "410-555-0101"])
    workbook.save(tmp_path / "book.xlsx")
    info = inspect_file(tmp_path / "book.xlsx")
    assert [(s.name, s.hidden, s.has_data) for s in info.sheets] == [
        ("Notes", False, False),
        ("Old list", True, True),
        ("Customers", False, True),
    ]
    assert info.default_sheet == "Customers"
    assert read_sheet(tmp_path / "book.xlsx", "Old list").rows[0][1][0] == "Ann"
    with pytest.raises(UserError, match="no sheet named"):
        read_sheet(tmp_path / "book.xlsx", "Missing")


@pytest.mark.parametrize("stage", [0.0, 0.3, 0.6, 0.8])
def test_cancel_leaves_the_database_as_it_was(db: OpenedDatabase, tmp_path: Path, stage: float) -> None:
    """Cancelled while reading, planning or writing: nothing is written (stage: share of the progress)."""
    path = many_rows(tmp_path)
    before = dump(db)
    seen: list[float] = [0.0]

    def progress(done: int, total: int) -> None:
        seen.append(done / total)

    with pytest.raises(Cancelled):
        run_import(path, progress=progress, cancel=lambda: seen[-1] >= stage)
    assert dump(db) == before
    assert seen[-1] < 1.0


def test_an_error_while_writing_leaves_nothing(db: OpenedDatabase, tmp_path: Path, monkeypatch) -> None:
    from app.persistence import search_index

    def broken(*args) -> None:
        raise RuntimeError("disk full")

    # The last step of the write: indexing the new customers for search.
    monkeypatch.setattr(search_index, "index_new", broken)
    before = dump(db)
    with pytest.raises(RuntimeError):
        run_import(many_rows(tmp_path))
    assert dump(db) == before


def test_imported_customers_are_found_by_any_part_of_them(db: OpenedDatabase, tmp_path: Path) -> None:
    from app.services.customers import count_customers, find_customers

    header = ["Company", "First Name", "Last Name", "Phone", "Email", "Street", "City", "Zip"]
    path = fx.write_xlsx(
        tmp_path / "search.xlsx",
        [
            header,
            ["Acme Property LLC", "Rosa", "Quintero", "410-555-0101", "", "12 Elm St", "Dover", "19901"],
            ["", "Ann", "Lee", "443-555-0199", "ann@example.com", "7 Oak Ave", "Towson", "21204"],
        ],
    )
    run_import(path)
    # A person is listed "Last, First"; the first name, the company, phone digits and streets find them too.
    assert [c.name for c in find_customers("Rosa Quintero")] == ["Quintero, Rosa"]
    assert [c.name for c in find_customers("Acme Property")] == ["Quintero, Rosa"]
    assert [c.name for c in find_customers("555-0199")] == ["Lee, Ann"]
    assert [c.name for c in find_customers("Oak Ave")] == ["Lee, Ann"]
    assert count_customers("Acme") == 1
    assert count_customers("example.com") == 1


def test_progress_is_reported_about_a_hundred_times(db: OpenedDatabase, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    run_import(many_rows(tmp_path, 1000), progress=lambda done, total: seen.append((done, total)))
    assert 20 <= len(seen) <= 130
    assert seen[-1][0] == seen[-1][1]
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(seen))


def test_undo_removes_what_was_created_and_restores_updates(db: OpenedDatabase, tmp_path: Path) -> None:
    header = ["Name", "Phone", "Email", "Street", "City", "State", "Zip", "Equipment"]
    first = fx.write_xlsx(
        tmp_path / "a.xlsx", [header, ["Ann Lee", "410-555-0101", "", "1 Elm St", "Dover", "DE", "19901", ""]]
    )
    run_import(first)
    before = state(db)
    second = fx.write_xlsx(
        tmp_path / "b.xlsx",
        [
            header,
            ["Ann Lee", "410-555-0101", "ann@lee.example", "9 Sea Rd", "Lewes", "DE", "19958", "Boiler"],
            ["Bob Ray", "410-555-0102", "", "2 Oak St", "Dover", "DE", "19901", "Furnace"],
        ],
    )
    report = run_import(second)
    assert (report.customers_created, report.customers_updated) == (1, 1)
    undone = undo_import(report.batch)
    assert (undone.customers_removed, undone.customers_restored) == (1, 1)
    assert (undone.sites_removed, undone.equipment_removed) == (
        2,
        2,
    )  # Bob's, and Ann's new site with a boiler
    assert state(db) == before
    with pytest.raises(UserError, match="already undone"):
        undo_import(report.batch)
    with pytest.raises(UserError, match="no import number 99"):
        undo_import(99)
    # After the undo, the same file imports again as new.
    assert run_import(second).customers_created == 1


def state(db: OpenedDatabase) -> dict[str, list[tuple]]:
    """Every table's rows (the search index by its documents), less the import log, edit stamps and the
    write counters (an undo is itself a write, and the counters say so).

    Undo bumps the version (and time) of the customers it restores, so open editors notice.
    """
    names = [
        n
        for (n,) in db.database.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
            "AND name NOT LIKE 'customer_search%' AND name NOT LIKE 'import_%' AND name <> 'change_counter'"
        ).fetchall()
    ]
    found = {}
    for name in names:
        cursor = db.database.execute_sql(f'SELECT * FROM "{name}" ORDER BY rowid')
        columns = [c[0] for c in cursor.description]
        keep = [i for i, c in enumerate(columns) if c not in ("version", "updated_at")]
        found[name] = [tuple(row[i] for i in keep) for row in cursor.fetchall()]
    found["search"] = db.database.execute_sql(
        "SELECT rowid, doc FROM customer_search ORDER BY rowid"
    ).fetchall()
    return found


def test_undo_warns_about_customers_edited_since(db: OpenedDatabase, tmp_path: Path) -> None:
    report = run_import(fx.housecall_pro(tmp_path))
    db.database.execute_sql("UPDATE customer SET version = version + 1")
    undone = undo_import(report.batch)
    assert undone.customers_removed == 1
    assert any("changed after the import" in w for w in undone.warnings)


def test_the_mapping_is_remembered_for_the_same_headers(db: OpenedDatabase, tmp_path: Path) -> None:
    path = fx.write_xlsx(tmp_path / "odd.xlsx", [["Who", "Digits"], ["Ann Lee", "410-555-0101"]])
    headers = read_sheet(path).headers
    assert remembered_mapping(headers) is None
    assert guess_mapping(headers) == {0: "note", 1: "note"}
    run_import(path, mapping={0: "full_name", 1: "phone"})
    assert remembered_mapping(headers) == {0: "full_name", 1: "phone"}
    assert guess_mapping(headers) == {0: "full_name", 1: "phone"}


def test_every_target_has_a_label_and_bad_targets_are_refused(db: OpenedDatabase, tmp_path: Path) -> None:
    keys = [key for key, _ in TARGET_FIELDS]
    assert len(keys) == len(set(keys)) and all(label for _, label in TARGET_FIELDS)
    with pytest.raises(UserError, match="not something a column can be imported as"):
        run_import(fx.housecall_pro(tmp_path), mapping={0: "shoe_size"})


def test_the_report_workbook(db: OpenedDatabase, tmp_path: Path) -> None:
    rows = [["Name", "Phone"], ["Ann Lee", "410-555-0101"], ["", ""], ["", "=cmd|' /C calc'!A0"]]
    report = run_import(fx.write_xlsx(tmp_path / "r.xlsx", rows))
    report.warnings.append('=HYPERLINK("http://x")')
    out = tmp_path / "report.xlsx"
    save_report_workbook(report, out)
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Summary", "Rejected rows", "Warnings"]
    summary = {row[0]: row[1] for row in workbook["Summary"].iter_rows(values_only=True)}
    assert summary["Customers created"] == 1
    warning = workbook["Warnings"]["A2"]
    assert warning.data_type == "s" and warning.value == '=HYPERLINK("http://x")'
    assert not list(tmp_path.glob("*.partial.xlsx"))


def test_the_preview_shows_values_as_they_will_be_stored(db: OpenedDatabase, tmp_path: Path) -> None:
    from app.services.importing import plan_import

    table = read_sheet(fx.hand_made(tmp_path))
    plan = plan_import(table, guess_mapping(table.headers))
    first = plan.rows[0]
    assert first.action == "create"
    assert first.customer["phone"] == "+14104157406"  # stored canonical
    shown = first.preview()
    assert (shown["name"], shown["phone"], shown["mobile"]) == (
        "O'Brien, Patrick",
        "(410) 415-7406",
        "(443) 555-0111",
    )
    assert shown["address"] == "4 Bay St, Boston, MA 02134"
    assert shown["equipment"] == "Equipment XR13 (Mar 2012)"
    assert (
        db.database.execute_sql("SELECT count(*) FROM customer").fetchone()[0] == 0
    )  # planning writes nothing


def test_a_phone_extension_goes_to_the_notes_and_the_number_is_kept(
    db: OpenedDatabase, tmp_path: Path
) -> None:
    from app.services.customers import customer_detail, find_customers

    rows = [["Name", "Phone"], ["Harbor Dental LLC", "(410) 555-0142 x12"]]
    report = run_import(fx.write_xlsx(tmp_path / "ext.xlsx", rows))
    assert report.warnings == ["Row 2: Phone: extension 12 of (410) 555-0142 was put in the notes."]
    detail = customer_detail(find_customers("Harbor")[0].id)
    assert detail.draft.phone == "+14105550142"
    assert "Extension 12 of (410) 555-0142" in detail.draft.notes


def test_the_rows_previewed_are_the_rows_imported(db: OpenedDatabase, tmp_path: Path) -> None:
    from app.services.customers import count_customers, find_customers

    path = fx.write_xlsx(tmp_path / "list.xlsx", [["Name", "Phone"], ["Ann Lee", "410-555-0101"]])
    table = read_sheet(path)
    fx.write_xlsx(path, [["Name", "Phone"], ["Bob Roe", "410-555-0102"], ["Cy Poe", "410-555-0103"]])
    report = run_import(path, table=table)  # the file changed after the preview: what was shown counts
    assert report.customers_created == 1 and [c.name for c in find_customers("Lee")] == ["Lee, Ann"]
    assert table.rows[0][1] == ["Ann Lee", "410-555-0101"]  # the caller's table is left whole
    undo_import(report.batch)
    assert run_import(path, table=table).customers_created == 1 and count_customers() == 1
