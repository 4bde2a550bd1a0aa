from __future__ import annotations

import dataclasses
import json

import pytest

from app.domain.errors import UserError
from app.domain.settings import (
    SETTING,
    SETTINGS,
    BusinessSettings,
    SettingSpec,
    SettingType,
    format_quiet_hours,
    is_quiet_time,
    parse_quiet_hours,
    setting_groups,
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
    assert format_quiet_hours(settings.quiet_hours) == "before 9:00 AM, 5:30–7:30 PM, after 8:30 PM"
    assert parse_quiet_hours(format_quiet_hours(settings.quiet_hours)) == settings.quiet_hours


def test_quiet_hours_as_typed() -> None:
    assert parse_quiet_hours("before 8:30, 12-13, after 9 pm") == (
        ("00:00", "08:30"),
        ("12:00", "13:00"),
        ("21:00", "24:00"),
    )
    # AM or PM said once, at the end of a range, is meant for its start too, where it can be.
    assert parse_quiet_hours("5:30–7:30 PM, 12-1 pm") == (("12:00", "13:00"), ("17:30", "19:30"))
    assert parse_quiet_hours("9-5 pm") == (("09:00", "17:00"),)
    assert parse_quiet_hours("all day") == (("00:00", "24:00"),)
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


# --- the declared settings --------------------------------------------------------------------
# A value of each type that differs from any default, and one that must be refused.
GOOD = {
    SettingType.TEXT: "Comfort Heating",
    SettingType.MULTILINE: "1200 York Road\nTowson, MD 21204",
    SettingType.PHONE: "+14105550100",
    SettingType.EMAIL: "office@comfort.example",
    SettingType.COUNTRY: "CA",
    SettingType.PERIODS: (("00:00", "08:00"), ("12:00", "13:00")),
    SettingType.IMAGE: b"\x89PNG small",
}
BAD = {
    SettingType.TEXT: "x" * 5000,
    SettingType.MULTILINE: "x" * 5000,
    SettingType.PHONE: "123",
    SettingType.EMAIL: "office at comfort",
    SettingType.COUNTRY: "Atlantis",
    SettingType.CHOICE: "legal",
    SettingType.PERIODS: (("19:30", "17:30"),),
    SettingType.IMAGE: b"x" * 3_000_000,
}


def good_value(spec: SettingSpec) -> object:
    if spec.type is SettingType.INT:
        return spec.maximum
    if spec.type is SettingType.PERCENT:
        return spec.maximum / 100
    if spec.type is SettingType.CHOICE:
        return spec.choices[-1][0]
    return GOOD[spec.type]


def bad_values(spec: SettingSpec) -> list[object]:
    if spec.type is SettingType.INT:
        return [spec.minimum - 1, spec.maximum + 1, "30", True]
    if spec.type is SettingType.PERCENT:
        return [(spec.minimum - 1) / 100, (spec.maximum + 1) / 100, "20 %"]
    return [BAD[spec.type], None]


def test_every_setting_type_has_examples_here() -> None:
    """A new type must bring its good and bad examples, so the tests below cover it."""
    numeric = {SettingType.INT, SettingType.PERCENT, SettingType.CHOICE}
    assert set(SettingType) == set(GOOD) | numeric
    assert set(SettingType) == set(BAD) | {SettingType.INT, SettingType.PERCENT}


@pytest.mark.parametrize("spec", SETTINGS, ids=lambda s: s.name)
def test_each_setting_is_declared_completely_with_a_valid_default(spec: SettingSpec) -> None:
    assert spec.label and spec.help and spec.group
    assert spec.help.endswith(".") and spec.label[0].isupper()
    assert isinstance(spec.default, spec.python_type)
    assert spec.checked(spec.default) == spec.default  # the default is valid as it is
    if spec.type in (SettingType.INT, SettingType.PERCENT):
        assert spec.minimum < spec.maximum
    if spec.type is SettingType.CHOICE:
        assert len(spec.choices) >= 2
    default = getattr(BusinessSettings(), spec.name)
    assert default == spec.default  # the dataclass default comes from the declaration


@pytest.mark.parametrize("spec", SETTINGS, ids=lambda s: s.name)
def test_each_setting_refuses_what_it_cannot_use_and_says_which(spec: SettingSpec) -> None:
    for value in bad_values(spec):
        with pytest.raises(UserError) as caught:
            dataclasses.replace(BusinessSettings(), **{spec.name: value}).validated()
        assert caught.value.field == spec.name, value
        assert caught.value.message.startswith(f"{spec.label}: "), caught.value.message
        assert caught.value.message.endswith("."), caught.value.message
    good = good_value(spec)
    cleaned = dataclasses.replace(BusinessSettings(), **{spec.name: good}).validated()
    assert getattr(cleaned, spec.name) == good


@pytest.mark.parametrize("spec", SETTINGS, ids=lambda s: s.name)
def test_each_setting_survives_its_storage_form(spec: SettingSpec) -> None:
    for value in (spec.default, good_value(spec)):
        stored = json.loads(json.dumps(spec.to_plain(value)))
        assert spec.from_plain(stored) == value
    with pytest.raises(ValueError):
        spec.from_plain({"not": "a setting value"})


def test_settings_are_declared_once_each_and_make_the_whole_dataclass() -> None:
    names = [spec.name for spec in SETTINGS]
    assert len(names) == len(set(names))
    assert [f.name for f in dataclasses.fields(BusinessSettings)] == [*names, "extra"]
    assert BusinessSettings().validated() == BusinessSettings()
    grouped = [(group, spec) for group, specs in setting_groups() for spec in specs]
    assert sorted(spec.name for _group, spec in grouped) == sorted(names)
    assert all(spec.group == group for group, spec in grouped)


def test_the_phone_is_read_in_the_business_country() -> None:
    cleaned = BusinessSettings(country="gb", phone="020 7946 0958").validated()
    assert (cleaned.country, cleaned.phone) == ("GB", "+442079460958")
    with pytest.raises(UserError) as caught:
        BusinessSettings(phone="020 7946 0958").validated()  # not a number in the US
    assert caught.value.field == "phone"


def test_a_share_typed_in_whole_per_cent_is_kept_as_a_fraction() -> None:
    assert BusinessSettings(top_customer_share_warning=7 / 100).validated().top_customer_share_warning == 0.07
    assert SETTING["top_customer_share_warning"].from_plain(1) == 1.0
