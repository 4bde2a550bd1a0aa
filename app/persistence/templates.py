"""Letter templates the owner edited or created, one JSON document per template name and language.

The table is declared with the others (LetterTemplateRow in app/persistence/tables.py), so the
export finds it there like every other table.

An English template is stored under its name ("renewal"), as it always was; one in another
language under the language and the name ("es:renewal"). A template's name never holds a ":"
(app.domain.templates.check_template refuses it), so the two can never be mistaken for one another,
the rows of every language travel in one table through the export and its restore, and no migration
was needed: every row written before languages existed is an English one.
"""

from __future__ import annotations

import datetime
import json

from app.domain import clock
from app.domain.i18n import DEFAULT_LANGUAGE
from app.persistence.tables import LetterTemplateRow, database_proxy

_SEPARATOR = ":"


def _now() -> datetime.datetime:
    return clock.now()


def _key(name: str, language: str) -> str:
    return name if language == DEFAULT_LANGUAGE else f"{language}{_SEPARATOR}{name}"


def _split(key: str) -> tuple[str, str]:
    """(language, name) of a stored key."""
    language, separator, name = key.partition(_SEPARATOR)
    return (language, name) if separator else (DEFAULT_LANGUAGE, key)


def saved_templates(language: str = DEFAULT_LANGUAGE) -> dict[str, dict]:
    """Every template saved in `language`, as its stored dict, by name."""
    rows = LetterTemplateRow.select(LetterTemplateRow.name, LetterTemplateRow.data_json).tuples()
    found = {}
    for key, text in rows:
        written_in, name = _split(key)
        if written_in == language:
            found[name] = json.loads(text)
    return found


def save_template(name: str, data: dict, language: str = DEFAULT_LANGUAGE) -> None:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    with database_proxy.atomic():
        LetterTemplateRow.insert(name=_key(name, language), data_json=text, updated_at=_now()).on_conflict(
            conflict_target=[LetterTemplateRow.name],
            update={LetterTemplateRow.data_json: text, LetterTemplateRow.updated_at: _now()},
        ).execute()


def delete_template(name: str, language: str = DEFAULT_LANGUAGE) -> bool:
    """Remove a template saved in `language`; True when there was one."""
    return LetterTemplateRow.delete().where(LetterTemplateRow.name == _key(name, language)).execute() > 0
