"""Cleaning single values: phones, names, e-mails, addresses, ZIPs and dates (no database)."""

from __future__ import annotations

import datetime
import random

import pytest

from app.domain.errors import UserError
from app.domain.values import normalize_email, normalize_phone
from app.services.importing import addresses as addr
from app.services.importing.cleaning import (
    PhoneParser,
    name_case,
    parse_emails,
    shown_phone,
    split_job,
    split_person,
    text,
)
from app.services.importing.dates import DMY, MDY, DateProblem, DateReader, decide_order
from app.services.importing.headers import guess_mapping_fresh, guess_target


def test_the_fast_phone_path_agrees_with_normalize_phone() -> None:
    """The importer's shortcut must store exactly what the forms store, valid or not."""
    parser = PhoneParser("US")
    rnd = random.Random(7)
    checked = 0
    for _ in range(3000):
        digits = "".join(rnd.choice("0123456789") for _ in range(10))
        try:
            expected = normalize_phone(digits)
        except UserError:
            expected = ""
        found = parser.parse(f"({digits[:3]}) {digits[3:6]}-{digits[6:]}").found
        assert (found[0][1] if found else "") == expected, digits
        checked += bool(expected)
    assert checked > 500  # the sample held plenty of valid numbers too


def test_labelled_and_several_numbers_in_one_cell() -> None:
    found, rejected, _ = PhoneParser().parse("Phone:(410) 415-7406 Mobile:(443) 555-0111 Fax: 410 555 0199")
    assert found == [("home", "+14104157406"), ("mobile", "+14435550111"), ("fax", "+14105550199")]
    assert rejected == []
    found, rejected, _ = PhoneParser().parse("555-1234")
    assert found == [] and rejected == ["555-1234"]
    # The number is kept; only its extension, which a phone field cannot hold, goes to the notes.
    assert PhoneParser().parse("(410) 555-0142 x12") == ([("", "+14105550142")], [], [("+14105550142", "12")])
    assert PhoneParser().parse(4104157406.0)[0] == [("", "+14104157406")]
    assert PhoneParser().parse("+44 20 7946 0958")[0] == [("", "+442079460958")]
    assert shown_phone("+14104157406") == "(410) 415-7406"


@pytest.mark.parametrize(
    ("full", "first", "last"),
    [
        ("Smith, John", "John", "Smith"),
        ("John Q. Smith", "John Q.", "Smith"),
        ("John Smith, Jr.", "John", "Smith Jr."),
        ("Mr. John Smith", "John", "Smith"),
        ("John and Mary Smith", "John and Mary", "Smith"),
        ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
        ("Cher", "", "Cher"),
    ],
)
def test_split_person(full: str, first: str, last: str) -> None:
    assert split_person(full) == (first, last)


def test_upper_case_names_and_quickbooks_jobs() -> None:
    assert name_case("O'BRIEN") == "O'Brien"
    assert name_case("MCDONALD-SMITH") == "McDonald-Smith"
    assert name_case("ACME HVAC LLC", company=True) == "Acme HVAC LLC"
    assert name_case("van Dyke") == "van Dyke"  # mixed case is left as typed
    assert split_job("Smith, John:Kitchen Remodel") == ("Smith, John", "Kitchen Remodel")


def test_several_emails_in_one_cell() -> None:
    assert parse_emails("a@x.com; B@Y.com, mailto:c@z.org") == (["a@x.com", "b@y.com", "c@z.org"], [])
    assert parse_emails("John <john@x.com>") == (["john@x.com"], [])
    assert parse_emails("not an address") == ([], ["not an address"])


@pytest.mark.parametrize(
    "address", ["ann@example.com", "a.b+c@x.co.uk", "ann@example", "@example.com", "ann@@x.com", "ann@x."]
)
def test_the_import_and_the_forms_agree_on_what_an_email_is(address: str) -> None:
    try:
        stored = normalize_email(address)
    except UserError:
        stored = None
    found, _rejected = parse_emails(address)
    assert found == ([stored] if stored else [])


def test_text_removes_invisible_characters_and_keeps_numbers_whole() -> None:
    assert text("  Zo\u00eb\u200b  Smith ") == "Zoë Smith"
    assert text(2134.0) == "2134"
    assert text(datetime.date(2012, 3, 15)) == "2012-03-15"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2134, "02134"),
        (2134.0, "02134"),
        ("2134", "02134"),
        (21341234, "02134-1234"),
        ("21201 1234", "21201-1234"),
    ],
)
def test_zip_codes_get_their_zeros_back(value: object, expected: str) -> None:
    assert addr.fix_zip(value) == (expected, "")


def test_a_non_zip_is_a_problem_not_a_crash() -> None:
    assert addr.fix_zip("ABCDE")[0] == ""
    assert "not a US ZIP code" in addr.fix_zip("ABCDE")[1]
    assert addr.fix_zip("K1A 0B1", us=False) == ("K1A 0B1", "")


@pytest.mark.parametrize(
    ("cell", "street", "street2", "city", "region", "postal"),
    [
        ("12 Elm St, Apt 4, Springfield, MA 01103", "12 Elm St", "Apt 4", "Springfield", "MA", "01103"),
        ("123 Main St\nBaltimore, MD 21201", "123 Main St", "", "Baltimore", "MD", "21201"),
        ("12 Elm St Springfield MA 1103", "12 Elm St", "", "Springfield", "MA", "01103"),
        ("PO Box 12, Towson, Maryland 21204-1234", "PO Box 12", "", "Towson", "MD", "21204-1234"),
    ],
)
def test_an_address_in_one_cell(
    cell: str, street: str, street2: str, city: str, region: str, postal: str
) -> None:
    assert addr.parse_one_line(cell) == addr.Address(street, street2, city, region, postal)


def test_bill_to_lines_drop_the_name_line() -> None:
    lines = ["Riverside LLC", "Attn: Accounts", "400 Harbor Blvd, Suite 200", "Annapolis, MD 21401"]
    found = addr.parse_lines(lines, ("Riverside LLC",))
    assert (found.street, found.city, found.region, found.postal_code) == (
        "400 Harbor Blvd",
        "Annapolis",
        "MD",
        "21401",
    )
    assert "Suite 200" in found.street2 and "Attn: Accounts" in found.street2


def test_street_keys_ignore_spelling() -> None:
    assert addr.street_key("12 North Elm Street") == addr.street_key("12 N. Elm St")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3/15/2012", datetime.date(2012, 3, 15)),
        ("March 2015", datetime.date(2015, 3, 1)),
        ("Mar 15, 2015", datetime.date(2015, 3, 15)),
        ("2015", datetime.date(2015, 1, 1)),
        (2009, datetime.date(2009, 1, 1)),
        ("2015-03-15T10:22:00Z", datetime.date(2015, 3, 15)),
        (40982, datetime.date(2012, 3, 14)),  # an Excel serial, 1900 system
        ("3/15/98", datetime.date(1998, 3, 15)),
    ],
)
def test_dates_as_people_and_excel_write_them(value: object, expected: datetime.date) -> None:
    assert DateReader(MDY).read(value) == expected


def test_serials_of_1904_workbooks_and_out_of_range_dates() -> None:
    assert DateReader(MDY, date1904=True).read(39520) == datetime.date(2012, 3, 14)
    with pytest.raises(DateProblem):
        DateReader(MDY).read(3_000_000)
    with pytest.raises(DateProblem):
        DateReader(MDY).read("31/31/2012")


def test_day_month_order_is_decided_per_column() -> None:
    assert decide_order(["3/4/2012", "15/03/2012"]) == (DMY, False)
    assert decide_order(["3/4/2012", "3/14/2012"]) == (MDY, False)
    assert decide_order(["3/4/2012", "5/6/2012"]) == (MDY, True)  # nothing decides: ask
    assert DateReader(DMY).read("03/04/2012") == datetime.date(2012, 4, 3)


def test_known_headers_of_real_exports() -> None:
    assert guess_target("Cust Name") == "full_name"
    assert guess_target("Town") == "city"
    assert guess_target("Model #") == "model"
    assert guess_target("Installed") == "installed_on"
    assert guess_target("Main Phone #s") == "phone"
    assert guess_target("Bill to 3") == "bill_to_3"
    assert guess_target("Service Zip code") == "postal_code"
    assert guess_target("Billing Zip code") == "billing_postal_code"
    assert guess_target("Favourite colour") == "note"
    assert guess_target("Open Balance") == "ignore"
    # Both whole-name columns are names: the first filled one is used, a different second one is kept in
    # the notes (rows.py), an identical one adds nothing.
    mapping = guess_mapping_fresh(["Customer", "Display Name", "Phone"])
    assert list(mapping.values()).count("full_name") == 2
