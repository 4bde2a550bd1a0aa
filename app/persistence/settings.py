"""Business settings in the `setting` table: one JSON value per key; missing keys take their defaults."""

from __future__ import annotations

import base64
import dataclasses
import json

from app.domain.settings import BusinessSettings, setting_names
from app.persistence.tables import Setting, database_proxy


def _encode(name: str, value: object) -> str:
    if name == "logo_png":
        return json.dumps(base64.b64encode(value).decode("ascii"))  # type: ignore[arg-type]
    return json.dumps(value)


def _decode(name: str, text: str) -> object:
    value = json.loads(text)
    if name == "logo_png":
        return base64.b64decode(value)
    if name == "quiet_hours":
        return tuple(tuple(period) for period in value)
    return value


def load_settings() -> BusinessSettings:
    stored = dict(Setting.select(Setting.key, Setting.value).tuples())
    known = set(setting_names())
    values = {name: _decode(name, text) for name, text in stored.items() if name in known}
    extra = {name: json.loads(text) for name, text in stored.items() if name not in known}
    return dataclasses.replace(BusinessSettings(), **values, extra=extra)


def save_settings(settings: BusinessSettings) -> None:
    rows = [{"key": name, "value": _encode(name, getattr(settings, name))} for name in setting_names()]
    rows += [{"key": name, "value": json.dumps(value)} for name, value in settings.extra.items()]
    with database_proxy.atomic():
        for row in rows:
            Setting.insert(**row).on_conflict(
                conflict_target=[Setting.key], update={Setting.value: row["value"]}
            ).execute()
