"""Real exports and hand-made sheets, imported end to end into a fresh database file."""

from __future__ import annotations

from pathlib import Path

from app.persistence.db import OpenedDatabase
from app.services.importing import inspect_file, read_sheet, run_import
from tests.services import import_fixtures as fx


def customers(db: OpenedDatabase) -> dict[str, dict]:
    cursor = db.database.execute_sql("SELECT * FROM customer ORDER BY id")
    names = [c[0] for c in cursor.description]
    return {row["display_name"]: row for row in (dict(zip(names, r, strict=True)) for r in cursor.fetchall())}


def sites_of(db: OpenedDatabase, customer_id: int) -> list[tuple]:
    return db.database.execute_sql(
        "SELECT label, street, street2, city, region, postal_code, is_billing FROM site "
        "WHERE customer_id = ? "
        "ORDER BY id",
        [customer_id],
    ).fetchall()


def equipment_of(db: OpenedDatabase, customer_id: int) -> list[tuple]:
    return db.database.execute_sql(
        "SELECT e.kind, e.model, date(e.installed_on) FROM equipment e JOIN site s ON s.id = e.site_id "
        "WHERE s.customer_id = ? ORDER BY e.id",
        [customer_id],
    ).fetchall()


def test_quickbooks_desktop_title_rows_jobs_bill_to_and_total(db: OpenedDatabase, tmp_path: Path) -> None:
    path = fx.quickbooks_desktop(tmp_path)
    table = read_sheet(path)
    assert table.header_row == 5
    assert [r for r, _ in table.rows] == [6, 7, 8, 9]  # the TOTAL row is not a customer
    assert any("total" in w for w in table.warnings)
    report = run_import(path)
    assert report.customers_created == 3
    assert report.duplicates_merged == 1  # "SMITH, JOHN:Kitchen Remodel" is a job of John Smith
    found = customers(db)
    assert set(found) == {"Smith, John", "Riverside Property Management LLC", "Nguyen, Lan"}
    smith = found["Smith, John"]
    assert (smith["phone"], smith["email"]) == ("+14105550101", "john@smith.example")
    smith_sites = sites_of(db, smith["id"])
    assert [s[1] for s in smith_sites] == ["12 Elm St", "88 Lake Rd"]
    assert smith_sites[1][0] == "Kitchen Remodel"
    riverside = found["Riverside Property Management LLC"]
    assert riverside["kind"] == "business"
    (site,) = sites_of(db, riverside["id"])
    assert site[1] == "400 Harbor Blvd" and site[3:6] == ("Annapolis", "MD", "21401")
    assert "Suite 200" in site[2] and "Attn: Accounts Payable" in site[2]
    nguyen_site = sites_of(db, found["Nguyen, Lan"]["id"])[0]
    assert nguyen_site[1:6] == ("7 Pine Ct", "Apt 3", "Bel Air", "MD", "21014")


def test_quickbooks_online_labelled_phones_and_several_emails(db: OpenedDatabase, tmp_path: Path) -> None:
    report = run_import(fx.quickbooks_online(tmp_path))
    assert report.customers_created == 2
    assert report.rejected == []  # the print timestamp below the data is not a customer
    found = customers(db)
    diaz = found["Diaz, Carla"]
    assert (diaz["phone"], diaz["phone_mobile"]) == ("+14104157406", "+14435550199")
    assert (diaz["email"], diaz["email2"]) == ("carla@diaz.example", "c.diaz@work.example")
    assert sites_of(db, diaz["id"])[0][1:6] == ("9 Oak Ave", "", "Columbia", "MD", "21044")
    oduya = found["Oduya, Brian"]
    assert (oduya["phone"], oduya["phone_mobile"]) == ("", "+14105550177")
    assert sites_of(db, oduya["id"])[0][1:6] == ("31 Birch Ln", "", "Ellicott City", "MD", "21043")


def test_jobber_one_row_per_property_is_one_customer_with_sites(db: OpenedDatabase, tmp_path: Path) -> None:
    report = run_import(fx.jobber(tmp_path))
    assert (report.customers_created, report.duplicates_merged) == (2, 1)
    park = customers(db)["Park, Ellen"]
    streets = {s[1]: s for s in sites_of(db, park["id"])}
    assert set(streets) == {"5 Main St", "18 Shore Dr"}
    assert streets["5 Main St"][6] and not streets["18 Shore Dr"][6]  # the billing address is the home
    assert streets["18 Shore Dr"][0] == "Rental"
    assert "Tags: vip" in park["notes"]


def test_housecall_pro(db: OpenedDatabase, tmp_path: Path) -> None:
    run_import(fx.housecall_pro(tmp_path))
    rosa = customers(db)["Alvarez, Rosa"]
    assert (rosa["phone_mobile"], rosa["phone"]) == ("+13025550150", "+13025550151")
    assert rosa["source"] == "Google"
    assert "Gate code 1234" in rosa["notes"]
    assert sites_of(db, rosa["id"])[0][1:6] == ("14 Vine St", "Unit 2", "Newark", "DE", "19711")


def test_servicetitan(db: OpenedDatabase, tmp_path: Path) -> None:
    run_import(fx.servicetitan(tmp_path))
    found = customers(db)
    diner = found["Harbor Diner"]
    assert diner["kind"] == "business"
    assert str(diner["customer_since"]) == "2019-04-02"
    assert "Member Status: Active" in diner["notes"]
    assert found["Ruiz, Tom"]["kind"] == "household"
    assert sites_of(db, diner["id"])[0][1:6] == ("200 Pier Rd", "", "Baltimore", "MD", "21230")


def test_hand_made_sheet(db: OpenedDatabase, tmp_path: Path) -> None:
    report = run_import(fx.hand_made(tmp_path))
    assert report.customers_created == 5, report.rejected
    found = customers(db)
    assert set(found) == {"O'Brien, Patrick", "McDonald, Mary", "Lee, Ann", "Moss, Frank", "Tate, Gina"}
    pat = found["O'Brien, Patrick"]
    assert (pat["phone"], pat["phone_mobile"]) == ("+14104157406", "+14435550111")
    assert (pat["email"], pat["email2"]) == ("pat@obrien.example", "p.obrien@mail.example")
    assert "Gate code: 1111" in pat["notes"]
    assert sites_of(db, pat["id"])[0][5] == "02134"
    installed = {name: equipment_of(db, row["id"])[0] for name, row in found.items()}
    assert installed["O'Brien, Patrick"] == ("Equipment", "XR13", "2012-03-15")
    assert installed["McDonald, Mary"][2] == "2012-03-15"
    assert installed["Lee, Ann"][2] == "2015-03-01"
    assert installed["Moss, Frank"][2] == "2009-01-01"
    assert installed["Tate, Gina"][2] == "2012-03-14"  # an Excel serial typed as a number


def test_1904_workbooks_keep_their_dates(db: OpenedDatabase, tmp_path: Path) -> None:
    path = fx.hand_made(tmp_path, epoch1904=True)
    assert read_sheet(path).date1904
    run_import(path)
    pat = customers(db)["O'Brien, Patrick"]
    assert equipment_of(db, pat["id"])[0][2] == "2012-03-15"
    gina = customers(db)["Tate, Gina"]
    assert equipment_of(db, gina["id"])[0][2] == "2016-03-15"  # 40982 counted from 1904


def test_day_first_column_is_recognised(db: OpenedDatabase, tmp_path: Path) -> None:
    report = run_import(fx.dated(tmp_path, "dmy.xlsx", ["03/04/2012", "25/12/2011"]))
    assert report.date_order == "DMY"
    days = db.database.execute_sql("SELECT installed_on FROM equipment ORDER BY id").fetchall()
    assert [d for (d,) in days] == ["2012-04-03", "2011-12-25"]


def test_an_undecided_column_is_reported_and_can_be_decided(db: OpenedDatabase, tmp_path: Path) -> None:
    path = fx.dated(tmp_path, "either.xlsx", ["03/04/2012", "05/06/2011"])
    report = run_import(path, dry_run=True)
    assert report.date_order == "MDY"
    assert any("either day-first or month-first" in w for w in report.warnings)
    run_import(path, date_order="DMY")
    days = db.database.execute_sql("SELECT installed_on FROM equipment ORDER BY id").fetchall()
    assert [d for (d,) in days] == ["2012-04-03", "2011-06-05"]


def test_csv_in_several_encodings(db: OpenedDatabase, tmp_path: Path) -> None:
    for encoding, name, delimiter in (
        ("cp1252", "a.csv", ","),
        ("utf-16", "b.csv", "\t"),
        ("utf-8-sig", "c.txt", ";"),
    ):
        path = fx.write_csv(tmp_path / name, fx.SIMPLE_ROWS, encoding, delimiter)
        assert inspect_file(path).kind == "csv"
        assert read_sheet(path).rows[0][1][:2] == ["José", "Núñez"], encoding
    report = run_import(tmp_path / "a.csv")
    assert report.customers_created == 2
    assert set(customers(db)) == {"Núñez, José", "Brontë, Zoë"}


def test_a_csv_saved_with_an_xlsx_name_is_read_as_csv(db: OpenedDatabase, tmp_path: Path) -> None:
    path = fx.write_csv(tmp_path / "list.xlsx", fx.SIMPLE_ROWS)
    info = inspect_file(path)
    assert info.kind == "csv" and "CSV" in info.note
    assert run_import(path).customers_created == 2


def test_an_old_xls_renamed_xlsx_is_read_as_xls(db: OpenedDatabase, tmp_path: Path) -> None:
    import xlwt  # a test dependency (pyproject): missing, the test fails rather than skips

    book = xlwt.Workbook()
    sheet = book.add_sheet("Customers")
    for r, row in enumerate(fx.SIMPLE_ROWS):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    path = tmp_path / "old.xlsx"
    book.save(str(path))
    assert inspect_file(path).kind == "xls"
    assert run_import(path).customers_created == 2


def test_merged_cells_are_filled(db: OpenedDatabase, tmp_path: Path) -> None:
    path = fx.write_xlsx(
        tmp_path / "merged.xlsx",
        [
            ["Name", "Phone", "Equipment", "Serial"],
            ["Ann Lee", "410-555-0190", "Furnace", "S1"],
            [None, None, "Air conditioner", "S2"],
        ],
    )
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook.active.merge_cells("A2:A3")
    workbook.active.merge_cells("B2:B3")
    workbook.save(path)
    report = run_import(path)
    assert (report.customers_created, report.equipment_created) == (1, 2)
