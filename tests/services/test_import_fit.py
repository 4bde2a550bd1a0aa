"""Issue 14, each defect of the importer against real exports, with a generated file shaped like the export
that showed it: values that do not fit their field, two columns on one field, apartments, rows of nobody,
shared mailboxes, and what the owners' files carry ("Do Not Service", "Total Sales")."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

from app.domain import clock
from app.domain.campaigns import DO_NOT_SERVICE, AudienceCriteria
from app.persistence.db import OpenedDatabase
from app.services.importing import addresses as addr
from app.services.importing import guess_mapping, plan_import, read_sheet, run_import, undo_import
from app.services.importing.cleaning import same_person
from app.services.importing.headers import fit_mapping, guess_target
from app.services.mailings import select_audience
from app.services.stats import headline_stats
from tests.services import import_fixtures as fx
from tests.services import real_exports as rx


def rows(db: OpenedDatabase, sql: str, params: list | tuple = ()) -> list[tuple]:
    return db.database.execute_sql(sql, list(params)).fetchall()


def customer(db: OpenedDatabase, name: str) -> dict:
    cursor = db.database.execute_sql("SELECT * FROM customer WHERE display_name = ?", [name])
    names = [c[0] for c in cursor.description]
    found = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    assert len(found) == 1, (name, found)
    return found[0]


def sites(db: OpenedDatabase, customer_id: int) -> list[tuple]:
    return rows(
        db,
        "SELECT label, street, street2, city, region, postal_code, country, is_billing FROM site "
        "WHERE customer_id = ? ORDER BY id",
        [customer_id],
    )


# ----------------------------------------------------------------------------- 1. values fit their field


def test_housecall_pro_billing_flags_are_flags_not_streets(db: OpenedDatabase, tmp_path: Path) -> None:
    report = run_import(rx.housecall_pro(tmp_path))
    assert report.customers_created == rx.HCP_CUSTOMERS and report.rejected == []
    streets = [street for (street,) in rows(db, "SELECT street FROM site")]
    assert not [s for s in streets if s.lower() in ("true", "false")]
    assert all(not addr.street_problem(s) for s in streets)
    # One billing site per customer: the address whose "Billing?" is true (the second on every 8th row).
    billing = rows(db, "SELECT customer_id, street FROM site WHERE is_billing")
    assert len(billing) == rx.HCP_CUSTOMERS == len({cid for cid, _ in billing})
    hugo = customer(db, "Lee, Hugo")  # the 8th row: billed at Address_2
    assert [(s[1], s[7]) for s in sites(db, hugo["id"])] == [("149 Shore Dr", 0), ("429 Shore Dr", 1)]
    # "State Tax Exempt" is TRUE/FALSE: a note, never a state.
    assert not rows(db, "SELECT region FROM site WHERE region NOT IN ('MD', 'DE', 'MA')")
    assert "State Tax Exempt: TRUE" in customer(db, "Lee, Ann")["notes"]
    assert any("“State Tax Exempt” holds yes/no values" in w for w in report.warnings)
    # Every customer has an address, so every one is on the labels: 59, not 7.
    audience = select_audience(AudienceCriteria(), today=clock.today())
    assert len(audience.included) == rx.HCP_CUSTOMERS
    assert all(r.address is not None and r.address.street[0].isdigit() for r in audience.included)


def test_a_yes_no_column_is_taken_as_the_flag_its_heading_names(tmp_path: Path) -> None:
    headers = ["Name", "Street", "Do Not Service?", "Address_1 Billing?", "State Tax Exempt", "Member?"]
    data = [(n, ["Ann Lee", f"{n} Elm St", "no", "true", "FALSE", "yes"]) for n in range(2, 12)]
    mapping = {i: guess_target(h) for i, h in enumerate(headers)}
    assert mapping[2] == "do_not_service" and mapping[3] == "site_is_billing"
    assert mapping[4] == "region"  # the heading alone says "State": the values say otherwise
    fitted, changes = fit_mapping(headers, data, mapping, north_american=True)
    assert fitted[4] == "note" and fitted[5] == "note"
    assert [fitted[i] for i in range(4)] == ["full_name", "street", "do_not_service", "site_is_billing"]
    assert changes == [
        "Column “State Tax Exempt” holds yes/no values, not “State”: imported as a note with its heading."
    ]
    # A street column of yes/no values becomes the billing flag its heading names.
    fitted, changes = fit_mapping(["Billing"], [(2, ["true"]), (3, ["false"])], {0: "street"}, True)
    assert fitted == {0: "site_is_billing"} and "imported as “Site is the billing address”" in changes[0]


def test_record_numbers_and_phones_are_never_streets(db: OpenedDatabase, tmp_path: Path) -> None:
    # Zoho's 19-digit "Address ID" mapped by hand as the street: the column is taken as a note.
    path = rx.zoho(tmp_path)
    table = read_sheet(path)
    mapping = guess_mapping(table.headers)
    assert mapping[table.headers.index("Address ID")] == "note"
    mapping[table.headers.index("Address ID")] = "street"
    report = run_import(path, mapping=mapping)
    assert any("“Address ID” holds values such as “4150868000000224005”" in w for w in report.warnings)
    assert not rows(db, "SELECT street FROM site WHERE street NOT GLOB '*[A-Za-z]*'")
    assert "Address ID: 4150868000000224005" in customer(db, "Lee, Ann")["notes"]


def test_one_misfit_value_goes_to_the_notes_with_a_warning(db: OpenedDatabase, tmp_path: Path) -> None:
    good = [[f"Person{n} Lee", f"{n} Elm St", "Dover", "DE", "19901"] for n in range(2, 9)]
    path = fx.write_xlsx(
        tmp_path / "mixed.xlsx",
        [
            ["Name", "Street", "City", "State", "Zip"],
            *good,
            ["Ann Lee", "1234567890123456789", "Dover", "TRUE", "19901"],
            ["Bob Ray", "(410) 555-0101 / 443-555-0102", "12345", "DE", "19901"],
        ],
    )
    report = run_import(path)
    ann, bob = customer(db, "Lee, Ann"), customer(db, "Ray, Bob")
    assert sites(db, ann["id"]) == [("", "", "", "Dover", "", "19901", "US", 1)]
    assert "Street: 1234567890123456789" in ann["notes"] and "State: TRUE" in ann["notes"]
    assert sites(db, bob["id"]) == [("", "", "", "", "DE", "19901", "US", 1)]
    assert "Street: (410) 555-0101 / 443-555-0102" in bob["notes"] and "City: 12345" in bob["notes"]
    assert "Row 9: Street: “1234567890123456789” is not a street; the value was put in the notes." in (
        report.warnings
    )
    assert any("Row 9: State: “TRUE” is not a US state or Canadian province" in w for w in report.warnings)


def test_phone_numbers_in_a_ship_to_line_are_not_the_service_street(
    db: OpenedDatabase, tmp_path: Path
) -> None:
    report = run_import(rx.quickbooks_desktop(tmp_path))
    brian = customer(db, "Lee, Brian")
    assert [s[1] for s in sites(db, brian["id"])] == ["457 Oak Ave", "107 Harbor Dr"]
    assert "Ship to 2: Ph: (410) 555-0177 Cell: (443) 555-0178" in brian["notes"]
    assert any("is a phone number, not part of an address" in w for w in report.warnings)
    assert report.duplicates_merged == 1  # "Lee, Carla:Basement Finish" is a job of Carla Lee
    carla = customer(db, "Lee, Carla")
    assert "Basement Finish" in [s[0] for s in sites(db, carla["id"])]


# ----------------------------------------------------------------------------- 2. two columns on one field


def test_hubspot_record_ids_never_become_companies_or_names(db: OpenedDatabase, tmp_path: Path) -> None:
    report = run_import(rx.hubspot(tmp_path))
    companies = [c for (c,) in rows(db, "SELECT company FROM customer WHERE company != ''")]
    names = [n for (n,) in rows(db, "SELECT display_name FROM customer")]
    assert companies and not [c for c in companies + names if not addr.key(c).strip("0123456789")]
    # "Company Name" is empty on odd rows: the company comes from "Associated Company" there.
    assert customer(db, "Lee, Jon")["company"] == "Lee Properties"
    # Suites from "Street Address 2" are kept on the second line.
    assert sites(db, customer(db, "Lee, Dev")["id"])[0][:3] == ("", "121 Oak Ave", "Suite 203")
    # The preview says which column won and why.
    assert any(
        w.startswith(
            "Company is in 2 columns (“Company Name”, “Associated Company”): the first filled one "
            "whose value fits is used (on 5 rows a later column"
        )
        for w in report.warnings
    )


def test_a_second_value_of_a_field_is_kept_in_the_notes(db: OpenedDatabase, tmp_path: Path) -> None:
    path = fx.write_xlsx(
        tmp_path / "two.xlsx",
        [
            ["Name", "Company", "Business Name", "Phone", "Other Phone", "Mobile", "Street", "City", "Zip"],
            [
                "Ann Lee",
                "Lee Rentals",
                "Lee Rentals",
                "410-555-0101",
                "410-555-0102",
                "443-555-0103",
                "1 Elm St",
                "Dover",
                "19901",
            ],
            [
                "Bob Ray",
                "Ray HVAC",
                "Bay Plumbing Inc",
                "410-555-0111",
                "410-555-0111",
                "",
                "2 Oak St",
                "Dover",
                "19901",
            ],
        ],
    )
    run_import(path)
    ann, bob = customer(db, "Lee, Ann"), customer(db, "Ray, Bob")
    assert (ann["phone"], ann["phone_mobile"]) == ("+14105550101", "+14435550103")
    assert "Other phone: (410) 555-0102" in ann["notes"]  # a second phone is a second phone
    assert "Lee Rentals" not in ann["notes"]  # the same value twice adds nothing
    assert bob["company"] == "Ray HVAC" and "Business Name: Bay Plumbing Inc" in bob["notes"]


def test_outlook_business_and_home_addresses_are_two_sites(db: OpenedDatabase, tmp_path: Path) -> None:
    report = run_import(rx.outlook(tmp_path))
    ann = customer(db, "Lee, Ann")
    assert sites(db, ann["id"]) == [
        ("Business", "240 Bay Rd", "Suite 100", "Baltimore", "MD", "21201", "US", 1),
        ("Home", "100 Elm St", "", "Baltimore", "MD", "21201", "US", 0),
    ]
    assert "Each row has 2 addresses (“Business”, “Home”): each filled one is a site of its own." in (
        report.warnings
    )
    brian = customer(db, "Lee, Brian")  # no business address: home only, the billing address
    assert sites(db, brian["id"]) == [("Home", "107 Harbor Dr", "Apt 5", "Dover", "DE", "19901", "US", 1)]


def test_zohos_account_name_is_the_company(db: OpenedDatabase, tmp_path: Path) -> None:
    run_import(rx.zoho(tmp_path))
    assert customer(db, "Lee, Ann")["company"] == "Lee Realty"


def test_jobbers_display_name_of_a_business_is_the_company(db: OpenedDatabase, tmp_path: Path) -> None:
    run_import(rx.jobber(tmp_path))
    assert customer(db, "Lee, Dev")["company"] == "Tate Rentals"
    path = fx.write_xlsx(
        tmp_path / "nick.xlsx",
        [
            ["Display Name", "First Name", "Last Name", "Phone"],
            ["Bobby Park", "Robert", "Park", "410-555-0199"],
        ],
    )
    run_import(path)
    robert = customer(db, "Park, Robert")  # the same person, as the sheet calls him: kept in the notes
    assert robert["company"] == "" and "Display Name: Bobby Park" in robert["notes"]


# ----------------------------------------------------------------------------- 3. apartments and suites


def test_apartment_numbers_are_kept_on_the_second_line(db: OpenedDatabase, tmp_path: Path) -> None:
    # The defect's shape: a one-cell address with its apartment, and the town in a column of its own.
    path = fx.write_xlsx(
        tmp_path / "units.xlsx",
        [
            ["Name", "Address", "City", "State", "Zip"],
            ["Ann Lee", "901 Harbor Dr Apt 3B", "Baltimore", "MD", "21230"],
            ["Bob Ray", "12 Elm St #4", "Dover", "DE", "19901"],
            ["Cy Fox", "400 Harbor Blvd, Suite 200", "Annapolis", "MD", "21401"],
            ["Di Moss", "12 Lot Rd", "Lewes", "DE", "19958"],
        ],
    )
    report = run_import(path)
    assert report.rejected == []
    assert sites(db, customer(db, "Lee, Ann")["id"])[0][1:4] == ("901 Harbor Dr", "Apt 3B", "Baltimore")
    assert sites(db, customer(db, "Ray, Bob")["id"])[0][1:4] == ("12 Elm St", "#4", "Dover")
    assert sites(db, customer(db, "Fox, Cy")["id"])[0][1:4] == ("400 Harbor Blvd", "Suite 200", "Annapolis")
    assert sites(db, customer(db, "Moss, Di")["id"])[0][1:4] == ("12 Lot Rd", "", "Lewes")
    assert addr.parse_one_line("901 Harbor Dr Apt 3B") == addr.Address("901 Harbor Dr", "Apt 3B")


def test_two_flats_of_one_building_are_two_sites(db: OpenedDatabase, tmp_path: Path) -> None:
    path = fx.write_xlsx(
        tmp_path / "flats.xlsx",
        [
            ["Name", "Phone", "Street", "City", "Zip"],
            ["Lee Rentals LLC", "410-555-0101", "901 Harbor Dr Apt 3B", "Baltimore", "21230"],
            ["Lee Rentals LLC", "410-555-0101", "901 Harbor Dr Apt 4C", "Baltimore", "21230"],
        ],
    )
    run_import(path)
    lee = customer(db, "Lee Rentals LLC")
    assert [s[1:3] for s in sites(db, lee["id"])] == [
        ("901 Harbor Dr", "Apt 3B"),
        ("901 Harbor Dr", "Apt 4C"),
    ]


# ----------------------------------------------------------------------------- 4. rows of nobody


def test_rows_with_no_name_phone_or_email_are_refused(db: OpenedDatabase, tmp_path: Path) -> None:
    path = fx.write_xlsx(
        tmp_path / "nobody.xlsx",
        [
            ["Name", "Company", "Phone", "Street", "City", "Zip", "Equipment"],
            ["Ann Lee", "", "410-555-0101", "1 Elm St", "Dover", "19901", "Furnace"],
            ["", "", "", "", "", "", "Water heater"],  # more of Ann Lee's
            ["", "30214567891", "", "2 Oak St", "Dover", "19901", ""],  # a company that is a record number
            ["", "", "", "", "", "", "Boiler"],  # would belong to the row above, which is not imported
            ["TRUE", "", "", "3 Ash St", "Dover", "19901", ""],  # a yes/no in the name column
        ],
    )
    report = run_import(path)
    assert report.customers_created == 1 and report.equipment_created == 2
    assert report.rejected == [
        {"row": 4, "reason": "The row has no name (first, last or company)."},
        {
            "row": 5,
            "reason": "The row has no name, phone or e-mail, and row 4 above it, which it would belong "
            "to, is not imported.",
        },
        {"row": 6, "reason": "The row has no name (first, last or company)."},
    ]
    assert rows(db, "SELECT display_name FROM customer") == [("Lee, Ann",)]
    # The water heater of the nameless row below Ann Lee's is at her address, not at a site of nowhere.
    assert rows(db, "SELECT count(*) FROM site") == [(1,)]


def test_hubspot_contacts_without_any_name_are_refused(db: OpenedDatabase, tmp_path: Path) -> None:
    report = run_import(rx.hubspot(tmp_path))
    assert [r["row"] for r in report.rejected] == [26, 27]
    assert all(r["reason"] == "The row has no name (first, last or company)." for r in report.rejected)


# ----------------------------------------------------------------------------- 5. shared mailboxes


def test_same_person_by_name() -> None:
    assert same_person("Bob", "Ray", "Robert", "Ray") and same_person("Ann", "Lee", "Ann M.", "Lee")
    assert same_person("J", "Smith", "John", "Smith") and same_person("Jonathan", "Moss", "Jonathon", "Moss")
    assert same_person("John & Mary", "Smith", "Mary", "Smith")
    assert not same_person("John", "Smith", "Mary", "Smith") and not same_person("Ann", "Lee", "Ann", "Park")


def test_a_shared_mailbox_keeps_everyone(db: OpenedDatabase, tmp_path: Path) -> None:
    report = run_import(rx.hubspot(tmp_path))
    # Three contacts of Harbor Diner LLC behind its info@ mailbox: one customer, the others named.
    diner = customer(db, "Lee, Ann")
    assert diner["company"] == "Harbor Diner LLC" and diner["kind"] == "business"
    assert (
        "Other contact: Brian Lee (info@harbordiner.example, (410) 555-0190, (302) 555-0101)"
        in (diner["notes"])
    )
    assert "Other contact: Carla Lee" in diner["notes"]
    # Two people of one household share the landline: two customers, and the owner is told.
    kara, luis = customer(db, "Lee, Kara"), customer(db, "Lee, Luis")
    assert kara["phone"] == luis["phone"] == "+14105550191"
    assert (
        "Row 13 may be the same as row 12 (Lee, Kara): the phone (410) 555-0191 but another name; kept "
        "apart." in report.warnings
    )
    names = {n for (n,) in rows(db, "SELECT display_name FROM customer")}
    people = {f"{n}" for n in names} | {
        line for (notes,) in rows(db, "SELECT notes FROM customer") for line in notes.splitlines()
    }
    for first in ("Ann", "Brian", "Carla", "Kara", "Luis"):  # nobody vanished
        assert any(first in p for p in people), first


def test_the_owner_may_still_put_a_household_together(db: OpenedDatabase, tmp_path: Path) -> None:
    path = rx.hubspot(tmp_path)
    table = read_sheet(path)
    plan = plan_import(table, guess_mapping(table.headers))
    luis = next(r for r in plan.rows if r.excel_row == 13)
    assert luis.uncertain_match is not None and luis.uncertain_match.excel_row == 12
    report = run_import(path, decisions={13: True})
    assert report.customers_created == 21
    assert (
        "Other contact: Luis Lee (luis11@home.example, (410) 555-0191)" in customer(db, "Lee, Kara")["notes"]
    )


def test_a_saved_customer_is_not_matched_on_a_shared_phone_alone(db: OpenedDatabase, tmp_path: Path) -> None:
    header = ["First Name", "Last Name", "Phone", "Street", "City", "Zip"]
    run_import(
        fx.write_xlsx(
            tmp_path / "a.xlsx", [header, ["John", "Smith", "410-555-0101", "1 Elm St", "Dover", "19901"]]
        )
    )
    second = fx.write_xlsx(
        tmp_path / "b.xlsx",
        [
            header,
            ["Mary", "Smith", "410-555-0101", "1 Elm St", "Dover", "19901"],
            ["Johnny", "Smith", "410.555.0101", "9 Far Rd", "Lewes", "19958"],
        ],
    )
    report = run_import(second, dry_run=True)
    assert (report.customers_created, report.customers_updated) == (1, 1)  # Mary is new; Johnny is John
    assert any(
        "Row 2 may be the same as customer “Smith, John”: the phone (410) 555-0101 but another name" in w
        for w in report.warnings
    )
    run_import(second)
    assert {n for (n,) in rows(db, "SELECT display_name FROM customer")} == {"Smith, John", "Smith, Mary"}


# ----------------------------------------------------------------------------- 6. what owners' files carry


def test_servicetitan_do_not_service_is_the_flag_and_stops_letters(
    db: OpenedDatabase, tmp_path: Path
) -> None:
    run_import(rx.servicetitan(tmp_path))
    refused = rows(db, "SELECT display_name FROM customer WHERE do_not_service ORDER BY id")
    assert refused == [("Lee, Brian",), ("Lee, Gina",)]
    assert rows(db, "SELECT display_name FROM customer WHERE do_not_mail") == [("Lee, Ines",)]
    assert not rows(db, "SELECT id FROM customer WHERE notes LIKE '%Do Not Service%'")
    audience = select_audience(AudienceCriteria(), today=clock.today())
    mailed = {r.name for r in audience.included}
    assert "Brian Lee" not in mailed and "Gina Lee" not in mailed
    assert {e.reason for e in audience.excluded if e.name in ("Brian Lee", "Gina Lee")} == {DO_NOT_SERVICE}


def test_servicetitan_total_sales_is_an_opening_balance(db: OpenedDatabase, tmp_path: Path) -> None:
    before = headline_stats(clock.today())
    assert before.lifetime_value_total == 0 and before.bought_last_3_years == 0
    report = run_import(rx.servicetitan(tmp_path))
    sales = rows(
        db,
        "SELECT c.display_name, s.sold_on, s.total_cents, s.description FROM sale s "
        "JOIN customer c ON c.id = s.customer_id ORDER BY s.id",
    )
    assert len(sales) == 11  # row 5's Total Sales is 0: nothing bought, no sale
    assert sales[0] == ("Lee, Ann", "2016-01-03", 150000, "Sales to date in the old program (“Total Sales”)")
    assert sales[1][:3] == ("Lee, Brian", "2024-02-10", 231225)  # dated by its Last Invoice Date
    total = sum(cents for _, _, cents, _ in sales)
    assert report.as_json_dict()["sales_created"] == 11  # scriptable, not only in the warnings
    assert report.as_json_dict()["sales_total"] == f"{total / 100:.2f}"
    assert any(
        w.startswith(
            f"“Total Sales” was imported as an opening-balance sale for 11 customers (${total / 100:,.2f}"
            " in all), dated by “Created On” for 6, by “Last Invoice Date” for 5"
        )
        for w in report.warnings
    )
    after = headline_stats(clock.today())
    assert after.lifetime_value_total == Decimal(total) / 100
    assert after.bought_last_3_years == 5  # the five sold in 2024; the rest are years old
    assert "Last Invoice Date: 04/10/2024" in customer(db, "Lee, Dev")["notes"]  # no total: its date kept


def test_an_undated_total_takes_the_import_day_and_says_so(db: OpenedDatabase, tmp_path: Path) -> None:
    path = fx.write_csv(
        tmp_path / "ltv.csv",
        [
            ["Name", "Phone", "Lifetime Value"],
            ["Ann Lee", "410-555-0101", "$1,250.00"],
            ["Bob Ray", "410-555-0102", "(25.00)"],
            ["Cy Fox", "410-555-0103", "n/a"],
        ],
    )
    report = run_import(path)
    assert rows(db, "SELECT sold_on, total_cents FROM sale") == [(clock.today().isoformat(), 125000)]
    assert any("dated by the import day for 1" in w for w in report.warnings)
    assert "Lifetime Value: (25.00)" in customer(db, "Ray, Bob")["notes"]
    assert headline_stats(clock.today()).bought_last_3_years == 1
    undo_import(report.batch)
    assert rows(db, "SELECT count(*) FROM sale") == [(0,)]


def test_a_jobber_clients_lifetime_value_counts_once(db: OpenedDatabase, tmp_path: Path) -> None:
    run_import(rx.jobber(tmp_path))
    dev = customer(db, "Lee, Dev")  # three property rows, the same Lifetime Value on each
    assert rows(db, "SELECT total_cents, sold_on FROM sale WHERE customer_id = ?", [dev["id"]]) == [
        (333000, "2020-04-15")
    ]
    assert len(sites(db, dev["id"])) == 3


def test_a_saved_customer_with_sales_gets_the_total_in_the_notes(db: OpenedDatabase, tmp_path: Path) -> None:
    from app.domain.records import SaleDraft
    from app.services import records

    header = ["Name", "Phone", "Total Sales"]
    run_import(fx.write_xlsx(tmp_path / "a.xlsx", [header, ["Ann Lee", "410-555-0101", ""]]))
    (ann_id,) = rows(db, "SELECT id FROM customer")[0]
    records.add_record(SaleDraft(ann_id, datetime.date(2024, 3, 1), "Furnace", Decimal("4200.00")))
    report = run_import(fx.write_xlsx(tmp_path / "b.xlsx", [header, ["Ann Lee", "410-555-0101", 5000]]))
    assert report.customers_updated == 1
    assert rows(db, "SELECT count(*) FROM sale") == [(1,)]  # not counted twice
    assert "Total Sales in the imported file: $5,000.00" in customer(db, "Lee, Ann")["notes"]


# ----------------------------------------------------------------------------- headings and our own export


def test_headings_of_the_real_exports() -> None:
    expected = {
        "Address_1 Street Line 2": "street2",
        "Address_1 Billing?": "site_is_billing",
        "Associated Company ID": "note",
        "Associated Company": "company",
        "Street Address 2": "street2",
        "State/Region": "region",
        "Country/Region": "country",
        "Business Street 2": "street2",
        "Home Postal Code": "postal_code",
        "Business Fax": "note",
        "Phone 1 - Value": "phone",
        "Phone 1 - Label": "ignore",
        "Address 2 - City": "city",
        "Organization Name": "company",
        "Do Not Service": "do_not_service",
        "Total Sales": "lifetime_value",
        "Lifetime Value": "lifetime_value",
        "Last Invoice Date": "last_sale",
        "Email Opt Out": "do_not_email",
        "Mailing Country": "billing_country",
        "Record ID": "customer_ref",
        "Send Statements": "note",  # "state" is a word of its own, not the start of "statement"
    }
    assert {heading: guess_target(heading) for heading in expected} == expected


def test_our_own_export_is_taken_as_it_was_stored(tmp_path: Path) -> None:
    from app.domain.customers import CustomerDraft
    from app.domain.records import SiteDraft
    from app.persistence.db import close_database, open_database
    from app.services import customers, records
    from app.services.exporting import export_database

    open_database(tmp_path / "source.db")
    try:  # a company named by digits and a town typed with its ZIP: the owner's own, kept as they are
        cid = customers.add_customer(CustomerDraft(company="30214567891", phone="410-555-0101"))
        records.add_record(SiteDraft(cid, street="1 Elm St", city="Dover 19901"))
        export_database(tmp_path / "all.xlsx")
    finally:
        close_database()
    opened = open_database(tmp_path / "fresh.db")
    try:
        report = run_import(tmp_path / "all.xlsx", sheet="customer")
        assert report.customers_created == 1 and not [w for w in report.warnings if "Row 2" in w]
        assert rows(opened, "SELECT company, notes FROM customer") == [("30214567891", "")]
        assert rows(opened, "SELECT city FROM site") == [("Dover 19901",)]
    finally:
        close_database()
