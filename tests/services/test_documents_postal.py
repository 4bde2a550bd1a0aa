"""Postal-style addresses (USPS Publication 28, Canada Post), as printed on letters and labels."""

from __future__ import annotations

import pytest

from app.domain.postal import (
    AddressProblem,
    MailingAddress,
    country_code,
    delivery_lines,
    format_zip,
    one_line,
    postal_lines,
    postal_street,
)


@pytest.mark.parametrize(
    ("given", "printed"),
    [
        ("123 north Main Street", "123 N MAIN ST"),
        ("123 North St", "123 NORTH ST"),  # a directional that is the street's name stays whole
        ("456 Court St", "456 COURT ST"),  # only the last word is the suffix
        ("St Paul St", "ST PAUL ST"),
        ("1600 Pennsylvania Avenue Northwest", "1600 PENNSYLVANIA AVE NW"),
        ("12 Old Lower Rd", "12 OLD LOWER RD"),  # "Lower" is a unit word only at the end
        ("77 Elm St Rear", "77 ELM ST REAR"),
        ("10 Harbor View Dr #5", "10 HARBOR VIEW DR # 5"),
        ("5 Columbia Pike, Suite 100", "5 COLUMBIA PIKE STE 100"),
        ("P.O. Box 55", "PO BOX 55"),
        ("Post Office Box 9", "PO BOX 9"),
        ("12 Quail Run", "12 QUAIL RUN"),
        ("400 E. Joppa Road, Apt. 2B", "400 E JOPPA RD APT 2B"),
        ("9 Ridgely Parkway Building 3", "9 RIDGELY PKWY BLDG 3"),
    ],
)
def test_street_lines_take_the_standard_abbreviations(given: str, printed: str) -> None:
    assert postal_street(given) == printed


def test_a_unit_joins_the_street_line_or_goes_above_it() -> None:
    assert delivery_lines("123 Main St", "Apt 2B") == ["123 MAIN ST APT 2B"]
    assert delivery_lines("123 Main St", "Unit 4") == ["123 MAIN ST UNIT 4"]
    assert delivery_lines("123 Main St", "c/o Mary Jones") == ["C/O MARY JONES", "123 MAIN ST"]
    long_street = "12345 Little Patuxent Parkway Northwest"
    assert delivery_lines(long_street, "Suite 12000-A") == ["STE 12000-A", "12345 LITTLE PATUXENT PKWY NW"]


def test_a_us_address_ends_with_city_state_and_zip() -> None:
    address = MailingAddress(
        "Jane Smith", "Smith & Sons <b>", "1 Elm Street", "", "towson", "Maryland", "212041234"
    )
    assert postal_lines(address) == ["Jane Smith", "Smith & Sons <b>", "1 ELM ST", "TOWSON MD 21204-1234"]
    assert postal_lines(address, upper_names=True)[:2] == ["JANE SMITH", "SMITH & SONS <B>"]


def test_a_company_equal_to_the_name_is_printed_once() -> None:
    address = MailingAddress("Acme Heating", "ACME HEATING", "1 Elm St", "", "Towson", "MD", "21204")
    assert postal_lines(address)[:2] == ["Acme Heating", "1 ELM ST"]


def test_canada_has_the_province_and_postal_code_line_and_a_country_line_from_the_us() -> None:
    address = MailingAddress(
        "Renée Gagné", "", "10 rue Sainte-Catherine", "", "Montréal", "Québec", "h3b1a7", "CA"
    )
    assert postal_lines(address) == [
        "Renée Gagné",
        "10 RUE SAINTE-CATHERINE",
        "MONTRÉAL QC  H3B 1A7",
        "CANADA",
    ]
    assert postal_lines(address, sender_country="Canada")[-1] == "MONTRÉAL QC  H3B 1A7"
    ontario = MailingAddress("A B", "", "1 Main St", "", "Ottawa", "ON", "K1A 0B1", "canada")
    assert postal_lines(ontario)[-2:] == ["OTTAWA ON  K1A 0B1", "CANADA"]


def test_a_us_address_sent_from_canada_gets_its_country_line() -> None:
    address = MailingAddress("Jane", "", "1 Elm St", "", "Towson", "MD", "21204", "USA")
    assert postal_lines(address, sender_country="CA")[-1] == "UNITED STATES"


def test_other_countries_keep_their_own_order_with_the_country_last() -> None:
    address = MailingAddress("王伟", "", "Hauptstraße 5", "", "Berlin", "", "10115", "Germany")
    assert postal_lines(address) == ["王伟", "Hauptstraße 5", "10115 Berlin", "GERMANY"]


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        (MailingAddress("A", city="Towson", region="MD", postal_code="21204"), "no street"),
        (MailingAddress("A", street="1 Elm St", region="MD", postal_code="21204"), "no city"),
        (MailingAddress("A", street="1 Elm St", city="Towson", postal_code="21204"), "no state"),
        (
            MailingAddress("A", street="1 Elm St", city="Towson", region="Narnia", postal_code="21204"),
            "Narnia",
        ),
        (
            MailingAddress("A", street="1 Elm St", city="Towson", region="MD", postal_code="2120"),
            "5 or 9 digits",
        ),
        (MailingAddress("A", street="1 Elm St", city="Towson", region="MD"), "no ZIP"),
        (MailingAddress("A", "", "1 Main St", "", "Ottawa", "ON", "12345", "CA"), "Canadian postal code"),
        (MailingAddress("A", "", "1 Main St", "", "Ottawa", "Texas", "K1A 0B1", "CA"), "Canadian province"),
    ],
)
def test_an_undeliverable_address_is_a_problem_with_a_reason(address: MailingAddress, reason: str) -> None:
    with pytest.raises(AddressProblem, match=reason):
        postal_lines(address)


def test_small_helpers() -> None:
    assert format_zip("21204 1234") == "21204-1234" and format_zip("21204") == "21204"
    assert country_code("United States of America") == "US" and country_code("") == "US"
    assert country_code("u.s.a.") == "US" and country_code("Canada") == "CA"
    site = MailingAddress("x", "", "12 Oak Ave", "Apt 2", "Towson", "MD", "21204")
    assert one_line(site) == "12 Oak Ave, Apt 2, Towson MD 21204"
