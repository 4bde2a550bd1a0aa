"""Duplicates within a file and against the database; uncertain matches; re-import; erased customers."""

from __future__ import annotations

from pathlib import Path

from app.persistence.db import OpenedDatabase
from app.services import privacy
from app.services.importing import guess_mapping, plan_import, read_sheet, run_import
from tests.services import import_fixtures as fx

HEADER = ["Name", "Phone", "Email", "Street", "City", "State", "Zip", "Equipment"]


def count(db: OpenedDatabase, table: str) -> int:
    return db.database.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_same_phone_or_email_in_the_file_is_one_customer(db: OpenedDatabase, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["Ann Lee", "410-555-0101", "", "1 Elm St", "Dover", "DE", "19901", "Furnace"],
        ["Ann M. Lee", "(410) 555-0101", "", "1 Elm St", "Dover", "DE", "19901", "Water heater"],
        ["Bob Ray", "", "bob@ray.example", "2 Oak St", "Dover", "DE", "19901", ""],
        ["Robert Ray", "", "BOB@ray.example", "9 Far Rd", "Smyrna", "DE", "19977", ""],
        ["Cy Fox", "", "", "3 Ash St", "Dover", "DE", "19901", ""],
        ["Cy Fox", "", "", "3 Ash Street", "Dover", "DE", "19901", ""],
    ]
    report = run_import(fx.write_xlsx(tmp_path / "dups.xlsx", rows))
    assert (report.customers_created, report.duplicates_merged) == (3, 3)
    assert count(db, "customer") == 3
    assert count(db, "equipment") == 2
    assert count(db, "site") == 4  # Ann: 1, Bob: 2 (two addresses), Cy: 1


def test_a_name_alone_never_merges(db: OpenedDatabase, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["John Smith", "410-555-0111", "", "1 Elm St", "Dover", "DE", "19901", ""],
        ["John Smith", "410-555-0112", "", "7 Far Rd", "Lewes", "DE", "19958", ""],
        ["John Smith", "", "", "", "", "", "", ""],
    ]
    report = run_import(fx.write_xlsx(tmp_path / "names.xlsx", rows))
    assert report.customers_created == 3
    assert report.duplicates_merged == 0


def test_matches_against_the_database_fill_blanks_and_add_sites(db: OpenedDatabase, tmp_path: Path) -> None:
    run_import(
        fx.write_xlsx(
            tmp_path / "first.xlsx",
            [HEADER, ["Ann Lee", "410-555-0101", "", "1 Elm St", "Dover", "DE", "19901", ""]],
        )
    )
    second = [
        HEADER,
        ["ANN LEE", "410.555.0101", "ann@lee.example", "5 Beach Rd", "Lewes", "DE", "19958", "AC"],
    ]
    report = run_import(fx.write_xlsx(tmp_path / "second.xlsx", second))
    assert (report.customers_created, report.customers_updated, report.sites_created) == (0, 1, 1)
    assert report.equipment_created == 1
    email, name = db.database.execute_sql("SELECT email, display_name FROM customer").fetchone()
    assert (email, name) == ("ann@lee.example", "Lee, Ann")


def test_uncertain_matches_are_listed_and_follow_the_decision(db: OpenedDatabase, tmp_path: Path) -> None:
    run_import(
        fx.write_xlsx(
            tmp_path / "saved.xlsx",
            [HEADER, ["Jonathan Smith", "410-555-0121", "", "12 Elm St", "Dover", "DE", "19901", ""]],
        )
    )
    path = fx.write_xlsx(
        tmp_path / "new.xlsx",
        [HEADER, ["Jonathon Smith", "", "", "12 Elm Street", "Dover", "DE", "19901", "Boiler"]],
    )
    table = read_sheet(path)
    plan = plan_import(table, guess_mapping(table.headers))
    (row,) = plan.rows
    assert row.action == "create"
    assert row.uncertain_match is not None
    assert row.uncertain_match.customer_id == 1
    assert "similar name" in row.uncertain_match.reason
    plan = plan_import(table, guess_mapping(table.headers), decisions={2: True})
    assert (plan.rows[0].action, plan.rows[0].match_customer_id) == ("update", 1)
    report = run_import(path, decisions={2: True})
    assert (report.customers_created, report.customers_updated) == (0, 1)
    assert count(db, "customer") == 1


def test_uncertain_within_the_file_kept_apart_unless_decided(db: OpenedDatabase, tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["Katherine Moss", "", "", "4 Bay St", "Dover", "DE", "19901", ""],
        ["Katharine Moss", "", "", "4 Bay Street", "Dover", "DE", "19901", ""],
    ]
    path = fx.write_xlsx(tmp_path / "alike.xlsx", rows)
    report = run_import(path, dry_run=True)
    assert (report.customers_created, report.uncertain_matches) == (2, 1)
    assert any("Row 3 may be the same as row 2" in w for w in report.warnings)
    assert count(db, "customer") == 0  # a dry run writes nothing
    report = run_import(path, decisions={3: True})
    assert (report.customers_created, report.duplicates_merged) == (1, 1)


def test_importing_the_same_file_twice_creates_nothing_new(db: OpenedDatabase, tmp_path: Path) -> None:
    for make in (fx.quickbooks_desktop, fx.jobber, fx.hand_made, fx.servicetitan):
        path = make(tmp_path)
        first = run_import(path)
        tables = {t: count(db, t) for t in ("customer", "site", "equipment", "visit")}
        again = run_import(path)
        assert (again.customers_created, again.sites_created, again.equipment_created) == (0, 0, 0), path.name
        assert again.customers_updated == 0, path.name
        assert {t: count(db, t) for t in tables} == tables
        assert first.customers_created > 0


def test_name_only_rows_are_recognised_on_reimport(db: OpenedDatabase, tmp_path: Path) -> None:
    path = fx.write_xlsx(tmp_path / "bare.xlsx", [["Name"], ["Ann Lee"], ["Bob Ray"]])
    # Mapped by hand: names alone do not look like a customer list when the columns are guessed.
    assert run_import(path, mapping={0: "full_name"}).customers_created == 2
    assert run_import(path, mapping={0: "full_name"}).customers_created == 0
    assert count(db, "customer") == 2


def test_erased_customers_are_not_imported_again(db: OpenedDatabase, tmp_path: Path) -> None:
    from app.persistence import privacy as privacy_repository

    privacy_repository.add_suppressions(privacy.match_keys(phone="410-555-0131"))
    rows = [
        HEADER,
        ["Gone Person", "410-555-0131", "", "", "", "", "", ""],
        ["Kept Person", "410-555-0132", "", "", "", "", "", ""],
    ]
    report = run_import(fx.write_xlsx(tmp_path / "erased.xlsx", rows))
    assert report.customers_created == 1
    assert report.rejected == [
        {"row": 2, "reason": "This customer was erased at their request; they are not imported again."}
    ]
