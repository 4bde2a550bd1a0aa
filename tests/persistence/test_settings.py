from __future__ import annotations

import dataclasses

import pytest

from app.domain.errors import UserError
from app.domain.settings import BusinessSettings, setting_names
from app.services.settings import load_settings, save_settings, update_settings


def test_settings_default_until_saved_and_survive_a_round_trip(db) -> None:
    assert load_settings() == BusinessSettings()
    changed = dataclasses.replace(
        BusinessSettings(),
        company_name="Acme Heating & Air",
        paper_size="a4",
        logo_png=b"\x89PNG fake",
        quiet_hours=(("00:00", "08:00"), ("18:00", "24:00")),
        marketing_gap_days=45,
    )
    save_settings(changed)
    assert load_settings() == changed
    row = db.database.execute_sql("SELECT value FROM setting WHERE key = 'company_name'").fetchone()
    assert row[0] == '"Acme Heating & Air"'  # kept in the database, so it travels with backups


def test_every_declared_setting_is_stored_under_its_name(db) -> None:
    save_settings(BusinessSettings(country="CA", top_customer_share_warning=0.35))
    keys = {row[0] for row in db.database.execute_sql("SELECT key FROM setting").fetchall()}
    assert keys == set(setting_names())
    assert load_settings().country == "CA" and load_settings().top_customer_share_warning == 0.35


def test_a_damaged_value_gives_way_to_its_default_and_the_rest_still_loads(db, caplog) -> None:
    save_settings(BusinessSettings(company_name="Comfort", marketing_gap_days=60))
    db.database.execute_sql("UPDATE setting SET value = '{broken' WHERE key = 'quiet_hours'")
    db.database.execute_sql("UPDATE setting SET value = '\"sixty\"' WHERE key = 'marketing_gap_days'")
    loaded = load_settings()
    assert loaded.quiet_hours == BusinessSettings().quiet_hours
    assert loaded.marketing_gap_days == 30
    assert loaded.company_name == "Comfort"
    assert "marketing_gap_days could not be read" in caplog.text


def test_an_update_writes_only_what_it_changes(db) -> None:
    save_settings(BusinessSettings(company_name="Comfort", extra={"backup_folder": "/media/usb"}))
    stale = load_settings()
    # Elsewhere, after `stale` was read: the letterhead is filled in and a backup folder chosen.
    save_settings(
        dataclasses.replace(
            stale, address="1200 York Road", phone="4102964820", extra={"backup_folder": "/media/other"}
        )
    )
    saved = update_settings({"paper_size": "a4", "company_name": "  Comfort   Heating "})
    stored = load_settings()
    assert stored == saved
    assert (stored.paper_size, stored.company_name) == ("a4", "Comfort Heating")
    assert (stored.address, stored.phone) == ("1200 York Road", "+14102964820")
    assert stored.extra == {"backup_folder": "/media/other"}


def test_an_update_is_checked_before_anything_is_written(db) -> None:
    save_settings(BusinessSettings(company_name="Comfort"))
    with pytest.raises(UserError) as caught:
        update_settings({"company_name": "Comfort Heating", "renewal_notice_days": 9999})
    assert caught.value.field == "renewal_notice_days"
    assert load_settings().company_name == "Comfort"
    with pytest.raises(ValueError, match="not settings"):
        update_settings({"colour": "blue"})
