from __future__ import annotations

import dataclasses

import pytest

from app.domain.errors import UserError
from app.domain.settings import (
    BusinessSettings,
    format_quiet_hours,
    is_quiet_time,
    parse_quiet_hours,
)


def test_default_call_window_keeps_dinner_time_free() -> None:
    settings = BusinessSettings()
    assert is_quiet_time(settings, "08:59")
    assert not is_quiet_time(settings, "09:00")
    assert not is_quiet_time(settings, "17:29")
    assert is_quiet_time(settings, "17:30")
    assert is_quiet_time(settings, "19:29")
    assert not is_quiet_time(settings, "19:30")
    assert not is_quiet_time(settings, "20:29")
    assert is_quiet_time(settings, "20:30")
    assert format_quiet_hours(settings.quiet_hours) == "before 09:00, 17:30-19:30, after 20:30"


def test_quiet_hours_as_typed() -> None:
    assert parse_quiet_hours("before 8:30, 12-13, after 9 pm") == (
        ("00:00", "08:30"),
        ("12:00", "13:00"),
        ("21:00", "24:00"),
    )
    with pytest.raises(UserError, match="should look like"):
        parse_quiet_hours("lunch")
    with pytest.raises(UserError, match="must end after"):
        parse_quiet_hours("19:30-17:30")


def test_settings_are_checked() -> None:
    with pytest.raises(UserError) as caught:
        dataclasses.replace(BusinessSettings(), paper_size="legal").validated()
    assert caught.value.field == "paper_size"
    with pytest.raises(UserError) as caught:
        dataclasses.replace(BusinessSettings(), phone="123").validated()
    assert caught.value.field == "phone"
    with pytest.raises(UserError):
        dataclasses.replace(BusinessSettings(), top_customer_share_warning=0).validated()
    cleaned = dataclasses.replace(
        BusinessSettings(), company_name="  Acme  Heating ", phone="4106320571"
    ).validated()
    assert cleaned.company_name == "Acme Heating" and cleaned.phone == "+14106320571"
