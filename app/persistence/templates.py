"""Letter templates the owner edited or created, one JSON document per template name.

The table is declared with the others (LetterTemplateRow in app/persistence/tables.py), so the
export finds it there like every other table.
"""

from __future__ import annotations

import datetime
import json

from app.domain import clock
from app.persistence.tables import LetterTemplateRow, database_proxy


def _now() -> datetime.datetime:
    return clock.now()


def saved_templates() -> dict[str, dict]:
    """Every saved template as its stored dict, by name."""
    rows = LetterTemplateRow.select(LetterTemplateRow.name, LetterTemplateRow.data_json).tuples()
    return {name: json.loads(text) for name, text in rows}


def save_template(name: str, data: dict) -> None:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    with database_proxy.atomic():
        LetterTemplateRow.insert(name=name, data_json=text, updated_at=_now()).on_conflict(
            conflict_target=[LetterTemplateRow.name],
            update={LetterTemplateRow.data_json: text, LetterTemplateRow.updated_at: _now()},
        ).execute()


def delete_template(name: str) -> bool:
    """Remove a saved template; True when there was one."""
    return LetterTemplateRow.delete().where(LetterTemplateRow.name == name).execute() > 0
