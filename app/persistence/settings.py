"""Business settings in the `setting` table: one JSON value per name; missing names take their defaults.

How each value is stored follows from its declared type (app/domain/settings.py), so nothing here
names a particular setting. Rows under names that are not declared settings are kept in `extra`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable

from app.domain.settings import SETTING, BusinessSettings, setting_names
from app.persistence.tables import Setting, database_proxy

log = logging.getLogger(__name__)


def load_settings() -> BusinessSettings:
    stored = dict(Setting.select(Setting.key, Setting.value).tuples())
    values: dict[str, object] = {}
    extra: dict[str, object] = {}
    for name, text in stored.items():
        spec = SETTING.get(name)
        if spec is None:
            extra[name] = json.loads(text)
            continue
        try:
            values[name] = spec.from_plain(json.loads(text))
        except ValueError:
            # A damaged value must not keep the app from starting: the default stands in until
            # the owner saves the setting again.
            log.warning("setting %s could not be read (%.60r); its default is used", name, text)
    return BusinessSettings(**values, extra=extra)


def save_settings(settings: BusinessSettings, names: Iterable[str] | None = None) -> None:
    """Store every setting and every extra; with `names`, only those settings (and no extra)."""
    chosen = setting_names() if names is None else list(names)
    rows = [(name, json.dumps(SETTING[name].to_plain(getattr(settings, name)))) for name in chosen]
    if names is None:
        rows += [(name, json.dumps(value)) for name, value in settings.extra.items()]
    with database_proxy.atomic():
        for key, value in rows:
            Setting.insert(key=key, value=value).on_conflict(
                conflict_target=[Setting.key], update={Setting.value: value}
            ).execute()
