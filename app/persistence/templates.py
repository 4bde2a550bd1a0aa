"""Letter templates the owner edited or created, one JSON document per template name.

They get a table of their own rather than rows in `setting`: every `setting`
row is loaded into BusinessSettings.extra, and saving the settings page from a
copy loaded earlier would put back an older version of a template.
"""

from __future__ import annotations

import datetime
import json

from peewee import CharField, DateTimeField, TextField

from app.domain import clock
from app.persistence.tables import BaseTable, database_proxy


def _now() -> datetime.datetime:
    return clock.now()


class LetterTemplateRow(BaseTable):
    name = CharField(primary_key=True)
    data_json = TextField()
    updated_at = DateTimeField(default=_now)

    class Meta:
        table_name = "letter_template"


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
