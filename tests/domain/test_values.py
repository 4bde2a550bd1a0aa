from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from app.domain import clock
from app.domain.customers import CustomerDraft, display_name
from app.domain.errors import UserError
from app.domain.money import format_money, from_cents, parse_money, to_cents
from app.domain.values import (
    clean_text,
    format_phone,
    normalize_email,
    normalize_phone,
    parse_time_of_day,
    years_between,
)


@pytest.mark.parametrize("text", ["(410) 632-0571", "410.632.0571", "+1 410 632 0571", "4106320571"])
def test_phones_are_stored_in_one_form(text: str) -> None:
    assert normalize_phone(text) == "+14106320571"
    assert format_phone("+14106320571") == "(410) 632-0571"


def test_a_foreign_phone_is_shown_internationally() -> None:
    assert format_phone(normalize_phone("+44 20 7946 0958")) == "+44 20 7946 0958"


@pytest.mark.parametrize("text", ["12345", "phone me", "(410) 632-057"])
def test_a_bad_phone_names_the_field(text: str) -> None:
    with pytest.raises(UserError) as caught:
        normalize_phone(text, "phone_mobile")
    assert caught.value.field == "phone_mobile"
    assert caught.value.message.startswith("Phone mobile:")
    assert text in caught.value.message


def test_emails_are_lower_case_and_checked() -> None:
    assert normalize_email(" Mailto:Ann@Example.COM ") == "ann@example.com"
    with pytest.raises(UserError, match="not an e-mail address"):
        normalize_email("ann at example")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9", "09:00"),
        ("9:30", "09:30"),
        ("5:30 pm", "17:30"),
        ("12 am", "00:00"),
        ("17:30", "17:30"),
        ("", ""),
    ],
)
def test_times_of_day(text: str, expected: str) -> None:
    assert parse_time_of_day(text, "call_window_start") == expected


@pytest.mark.parametrize("text", ["25:00", "13 pm", "noonish", "9:75"])
def test_bad_times_of_day(text: str) -> None:
    with pytest.raises(UserError):
        parse_time_of_day(text, "call_window_start")


def test_clean_text_removes_invisible_characters() -> None:
    assert clean_text("Zo\u00eb\u200b\tSmith") == "Zoë Smith"
    assert clean_text(None) == ""


def test_years_between_counts_like_birthdays() -> None:
    assert years_between(datetime.date(2009, 3, 15), datetime.date(2026, 3, 14)) == 16
    assert years_between(datetime.date(2009, 3, 15), datetime.date(2026, 3, 15)) == 17


def test_money_is_decimal_and_rounds_half_up() -> None:
    assert parse_money("$1,234.505") == Decimal("1234.51")
    assert parse_money("(12.00)", allow_negative=True) == Decimal("-12.00")
    assert to_cents(Decimal("0.125")) == 13
    assert from_cents(123456) == Decimal("1234.56")
    assert format_money(Decimal("-1234.5")) == "-$1,234.50"
    with pytest.raises(UserError, match="cannot be negative"):
        parse_money("-5", "job value")
    with pytest.raises(UserError, match="not an amount"):
        parse_money("ten dollars", "job value")


def test_a_customer_needs_some_name() -> None:
    with pytest.raises(UserError) as caught:
        CustomerDraft(email="a@b.example").validated()
    assert caught.value.field == "last_name"


def test_a_valid_customer_is_cleaned() -> None:
    draft = CustomerDraft(
        first_name=" Ann ",
        last_name="Smith",
        phone="410-632-0571",
        call_window_start="9",
        call_window_end="5 pm",
        share_with_partners=True,
    ).validated()
    assert draft.display_name == "Smith, Ann"
    assert draft.phone == "+14106320571"
    assert (draft.call_window_start, draft.call_window_end) == ("09:00", "17:00")
    assert draft.share_consent_on == clock.today()


def test_a_call_window_must_be_whole_and_forward() -> None:
    with pytest.raises(UserError) as caught:
        CustomerDraft(last_name="Smith", call_window_start="9").validated()
    assert caught.value.field == "call_window_end"
    with pytest.raises(UserError, match="after the start"):
        CustomerDraft(last_name="Smith", call_window_start="5 pm", call_window_end="9").validated()


def test_display_names() -> None:
    assert display_name("Ann", "Smith", "") == "Smith, Ann"
    assert display_name("", "", "Acme") == "Acme"
    assert display_name("Cher", "", "") == "Cher"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2009-03-15", datetime.date(2009, 3, 15)),
        ("3/15/2009", datetime.date(2009, 3, 15)),
        ("3/15/09", datetime.date(2009, 3, 15)),
        ("Mar 2009", datetime.date(2009, 3, 1)),
        ("March 15, 2009", datetime.date(2009, 3, 15)),
        ("2009", datetime.date(2009, 1, 1)),
        ("", None),
    ],
)
def test_dates_as_people_type_them(text: str, expected: datetime.date | None) -> None:
    from app.domain.values import parse_date_text

    assert parse_date_text(text, "installed_on") == expected


@pytest.mark.parametrize("text", ["15/15/2009", "soon", "2/30/2020"])
def test_bad_dates_name_the_field(text: str) -> None:
    from app.domain.values import parse_date_text

    with pytest.raises(UserError) as caught:
        parse_date_text(text, "installed_on", "Installed on")
    assert caught.value.field == "installed_on"
