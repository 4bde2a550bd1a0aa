from __future__ import annotations

import dataclasses

from app.domain.settings import BusinessSettings
from app.services.settings import load_settings, save_settings


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
